#include "grids/netcdf_reader.hpp"

// The NetCDF C API, as in netcdf_writer.cpp: nc_strerror gives the reason for messages.
#include <netcdf.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace floodtwin::grids {

namespace {

constexpr double k_nan = std::numeric_limits<double>::quiet_NaN();

[[noreturn]] void fail(const std::filesystem::path& file, const std::string& message) {
    throw std::runtime_error("results file " + file.string() + ": " + message);
}

void check(int status, const std::filesystem::path& file, const std::string& doing) {
    if (status != NC_NOERR) fail(file, doing + ": " + nc_strerror(status));
}

// A text attribute, or nothing when it is absent or not text.
std::optional<std::string> text_attribute(int ncid, int varid, const char* name) {
    nc_type type = NC_NAT;
    std::size_t length = 0;
    if (nc_inq_att(ncid, varid, name, &type, &length) != NC_NOERR || type != NC_CHAR) return std::nullopt;
    std::string value(length, '\0');
    if (length > 0 && nc_get_att_text(ncid, varid, name, value.data()) != NC_NOERR) return std::nullopt;
    // Some writers count a terminating NUL in the length.
    while (!value.empty() && value.back() == '\0') value.pop_back();
    return value;
}

std::optional<double> number_attribute(int ncid, int varid, const char* name) {
    nc_type type = NC_NAT;
    std::size_t length = 0;
    if (nc_inq_att(ncid, varid, name, &type, &length) != NC_NOERR || type == NC_CHAR || type == NC_STRING ||
        length != 1)
        return std::nullopt;
    double value = 0.0;
    if (nc_get_att_double(ncid, varid, name, &value) != NC_NOERR) return std::nullopt;
    return value;
}

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

// Seconds per unit of a CF time axis ("seconds since ...", "hours since ...").
double seconds_per_unit(const std::string& unit) {
    if (unit == "seconds" || unit == "second" || unit == "secs" || unit == "sec" || unit == "s") return 1.0;
    if (unit == "minutes" || unit == "minute" || unit == "mins" || unit == "min") return 60.0;
    if (unit == "hours" || unit == "hour" || unit == "hrs" || unit == "hr" || unit == "h") return 3600.0;
    if (unit == "days" || unit == "day" || unit == "d") return 86400.0;
    return k_nan;
}

}  // namespace

struct NetcdfReader::State {
    struct Variable {
        NcVariableInfo info;
        int varid = -1;
        std::optional<double> fill;     // _FillValue, when not NaN
        std::optional<double> missing;  // missing_value, when not NaN
    };

    std::filesystem::path path;
    int ncid = -1;
    NcGrid grid;
    bool y_descending = false;
    std::vector<double> times_s;
    std::string time_units;
    std::string time_origin;
    std::vector<NcVariableInfo> infos;
    std::vector<Variable> variables;

    ~State() {
        if (ncid >= 0) nc_close(ncid);
    }

    [[nodiscard]] const Variable& find(const std::string& name) const {
        const auto it =
            std::find_if(variables.begin(), variables.end(), [&](const Variable& v) { return v.info.name == name; });
        if (it == variables.end()) fail(path, "variable '" + name + "': no such map in the file");
        return *it;
    }

    // File order (y, x) to i + nx * j with j = 0 south, fill values to NaN.
    void to_solver_order(std::vector<double>& values, const Variable& v) const {
        for (double& value : values) {
            if ((v.fill && value == *v.fill) || (v.missing && value == *v.missing)) value = k_nan;
        }
        if (y_descending) {
            for (std::size_t j = 0; j < grid.ny / 2; ++j)
                std::swap_ranges(values.begin() + static_cast<std::ptrdiff_t>(j * grid.nx),
                                 values.begin() + static_cast<std::ptrdiff_t>((j + 1) * grid.nx),
                                 values.begin() + static_cast<std::ptrdiff_t>((grid.ny - 1 - j) * grid.nx));
        }
    }
};

NetcdfReader::~NetcdfReader() = default;
NetcdfReader::NetcdfReader(NetcdfReader&&) noexcept = default;
NetcdfReader& NetcdfReader::operator=(NetcdfReader&&) noexcept = default;

NetcdfReader::NetcdfReader(std::filesystem::path path) : m_state(std::make_unique<State>()) {
    State& s = *m_state;
    s.path = std::move(path);
    const auto& file = s.path;
    if (!std::filesystem::exists(file)) fail(file, "no such file");
    check(nc_open(file.c_str(), NC_NOWRITE, &s.ncid), file, "cannot open");
    const int ncid = s.ncid;

    int x_dim = -1, y_dim = -1, time_dim = -1;
    check(nc_inq_dimid(ncid, "x", &x_dim), file, "no x dimension (a projected grid is expected)");
    check(nc_inq_dimid(ncid, "y", &y_dim), file, "no y dimension (a projected grid is expected)");
    if (nc_inq_dimid(ncid, "time", &time_dim) != NC_NOERR) time_dim = -1;
    check(nc_inq_dimlen(ncid, x_dim, &s.grid.nx), file, "cannot read the x dimension");
    check(nc_inq_dimlen(ncid, y_dim, &s.grid.ny), file, "cannot read the y dimension");
    if (s.grid.nx == 0 || s.grid.ny == 0) fail(file, "the grid has no cells");

    // Cell centres; a regular grid is required, as the solver and VTK images are regular.
    const auto axis = [&](const char* name, std::size_t n) {
        int varid = -1;
        check(nc_inq_varid(ncid, name, &varid), file, std::string("variable '") + name + "': no coordinate");
        std::vector<double> values(n);
        check(nc_get_var_double(ncid, varid, values.data()), file, std::string("variable '") + name + "': cannot read");
        const double step = n > 1 ? (values[n - 1] - values[0]) / static_cast<double>(n - 1) : k_nan;
        for (std::size_t k = 0; k < n; ++k) {
            const double want = values[0] + static_cast<double>(k) * step;
            if (!std::isfinite(values[k]) || (n > 1 && std::fabs(values[k] - want) > 1e-6 * std::fabs(step)))
                fail(file, std::string("variable '") + name + "': coordinates are not evenly spaced");
        }
        return std::pair{values[0], step};
    };
    auto [x0, dx] = axis("x", s.grid.nx);
    auto [y0, dy] = axis("y", s.grid.ny);
    // One cell along an axis says nothing of its size: borrow the other axis's.
    if (s.grid.nx == 1) dx = std::fabs(dy);
    if (s.grid.ny == 1) dy = std::fabs(dx);
    if (!(dx > 0.0) || !std::isfinite(dx)) fail(file, "variable 'x': coordinates must ascend");
    if (!std::isfinite(dy) || dy == 0.0) fail(file, "variable 'y': cell size cannot be found");
    if (dy < 0.0) {
        s.y_descending = true;
        y0 = y0 + dy * static_cast<double>(s.grid.ny - 1);
        dy = -dy;
    }
    s.grid.x0_m = x0;
    s.grid.y0_m = y0;
    s.grid.dx_m = dx;
    s.grid.dy_m = dy;

    int crs_varid = -1;
    if (nc_inq_varid(ncid, "crs", &crs_varid) == NC_NOERR) {
        if (auto wkt = text_attribute(ncid, crs_varid, "crs_wkt"))
            s.grid.crs_wkt = *wkt;
        else if (auto ref = text_attribute(ncid, crs_varid, "spatial_ref"))
            s.grid.crs_wkt = *ref;
    }

    if (time_dim >= 0) {
        std::size_t n_time = 0;
        check(nc_inq_dimlen(ncid, time_dim, &n_time), file, "cannot read the time dimension");
        int time_varid = -1;
        check(nc_inq_varid(ncid, "time", &time_varid), file, "variable 'time': no coordinate");
        s.time_units = text_attribute(ncid, time_varid, "units").value_or("");
        const auto since = s.time_units.find(" since ");
        if (since == std::string::npos) fail(file, "variable 'time': units '" + s.time_units + "' are not 'UNIT since ORIGIN'");
        const double scale = seconds_per_unit(trim(s.time_units.substr(0, since)));
        if (std::isnan(scale)) fail(file, "variable 'time': unit in '" + s.time_units + "' is not understood");
        s.time_origin = trim(s.time_units.substr(since + 7));
        s.times_s.resize(n_time);
        if (n_time > 0)
            check(nc_get_var_double(ncid, time_varid, s.times_s.data()), file, "variable 'time': cannot read");
        for (double& t : s.times_s) {
            if (!std::isfinite(t)) fail(file, "variable 'time': a time is missing");
            t *= scale;
        }
    }

    int nvars = 0;
    check(nc_inq_nvars(ncid, &nvars), file, "cannot list variables");
    for (int varid = 0; varid < nvars; ++varid) {
        char name[NC_MAX_NAME + 1] = {};
        int ndims = 0;
        std::array<int, NC_MAX_VAR_DIMS> dims{};
        check(nc_inq_var(ncid, varid, name, nullptr, &ndims, dims.data(), nullptr), file, "cannot list variables");
        const bool in_time = time_dim >= 0 && ndims == 3 && dims[0] == time_dim && dims[1] == y_dim && dims[2] == x_dim;
        const bool fixed = ndims == 2 && dims[0] == y_dim && dims[1] == x_dim;
        if (!in_time && !fixed) continue;
        State::Variable v;
        v.varid = varid;
        v.info.name = name;
        v.info.time_dependent = in_time;
        v.info.standard_name = text_attribute(ncid, varid, "standard_name").value_or("");
        v.info.long_name = text_attribute(ncid, varid, "long_name").value_or("");
        v.info.units = text_attribute(ncid, varid, "units").value_or("");
        if (auto fill = number_attribute(ncid, varid, "_FillValue"); fill && !std::isnan(*fill)) v.fill = fill;
        if (auto missing = number_attribute(ncid, varid, "missing_value"); missing && !std::isnan(*missing))
            v.missing = missing;
        s.infos.push_back(v.info);
        s.variables.push_back(std::move(v));
    }
}

const std::filesystem::path& NetcdfReader::path() const { return m_state->path; }
const NcGrid& NetcdfReader::grid() const { return m_state->grid; }
const std::vector<double>& NetcdfReader::times_s() const { return m_state->times_s; }
const std::string& NetcdfReader::time_units() const { return m_state->time_units; }
const std::string& NetcdfReader::time_origin() const { return m_state->time_origin; }
const std::vector<NcVariableInfo>& NetcdfReader::variables() const { return m_state->infos; }

bool NetcdfReader::has_variable(const std::string& name) const {
    return std::any_of(m_state->infos.begin(), m_state->infos.end(),
                       [&](const NcVariableInfo& v) { return v.name == name; });
}

const NcVariableInfo& NetcdfReader::variable(const std::string& name) const { return m_state->find(name).info; }

std::optional<std::string> NetcdfReader::global_text(const std::string& name) const {
    return text_attribute(m_state->ncid, NC_GLOBAL, name.c_str());
}

std::vector<double> NetcdfReader::read_static(const std::string& name) const {
    const State& s = *m_state;
    const State::Variable& v = s.find(name);
    if (v.info.time_dependent)
        fail(s.path, "variable '" + name + "': it has a time axis; read it at a time index");
    std::vector<double> values(s.grid.nx * s.grid.ny);
    check(nc_get_var_double(s.ncid, v.varid, values.data()), s.path, "variable '" + name + "': cannot read");
    s.to_solver_order(values, v);
    return values;
}

std::vector<double> NetcdfReader::read_static_rows(const std::string& name, std::size_t j0, std::size_t rows) const {
    const State& s = *m_state;
    const State::Variable& v = s.find(name);
    if (v.info.time_dependent)
        fail(s.path, "variable '" + name + "': it has a time axis; read it at a time index");
    if (rows == 0 || j0 + rows > s.grid.ny)
        fail(s.path, "variable '" + name + "': rows " + std::to_string(j0) + " + " + std::to_string(rows) +
                         " are beyond the grid's " + std::to_string(s.grid.ny));
    // In file order the stripe of a descending y lies mirrored.
    const std::size_t file_j0 = s.y_descending ? s.grid.ny - j0 - rows : j0;
    const std::array<std::size_t, 2> start{file_j0, 0};
    const std::array<std::size_t, 2> count{rows, s.grid.nx};
    std::vector<double> values(s.grid.nx * rows);
    check(nc_get_vara_double(s.ncid, v.varid, start.data(), count.data(), values.data()), s.path,
          "variable '" + name + "': cannot read rows " + std::to_string(j0) + " to " + std::to_string(j0 + rows - 1));
    for (double& value : values)
        if ((v.fill && value == *v.fill) || (v.missing && value == *v.missing)) value = std::numeric_limits<double>::quiet_NaN();
    if (s.y_descending)
        for (std::size_t j = 0; j < rows / 2; ++j)
            std::swap_ranges(values.begin() + static_cast<std::ptrdiff_t>(j * s.grid.nx),
                             values.begin() + static_cast<std::ptrdiff_t>((j + 1) * s.grid.nx),
                             values.begin() + static_cast<std::ptrdiff_t>((rows - 1 - j) * s.grid.nx));
    return values;
}

std::vector<double> NetcdfReader::read_time(const std::string& name, std::size_t k) const {
    const State& s = *m_state;
    const State::Variable& v = s.find(name);
    if (!v.info.time_dependent) fail(s.path, "variable '" + name + "': it has no time axis; read it as a static map");
    if (k >= s.times_s.size())
        fail(s.path, "variable '" + name + "': time index " + std::to_string(k) + " is past the last map (" +
                         std::to_string(s.times_s.size()) + " maps)");
    const std::array<std::size_t, 3> start{k, 0, 0};
    const std::array<std::size_t, 3> count{1, s.grid.ny, s.grid.nx};
    std::vector<double> values(s.grid.nx * s.grid.ny);
    check(nc_get_vara_double(s.ncid, v.varid, start.data(), count.data(), values.data()), s.path,
          "variable '" + name + "' at time index " + std::to_string(k) + ": cannot read");
    s.to_solver_order(values, v);
    return values;
}

}  // namespace floodtwin::grids
