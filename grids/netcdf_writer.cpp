#include "grids/netcdf_writer.hpp"

// The NetCDF C API rather than netCDF-C++4: its status codes give nc_strerror's text
// for our messages, and it exposes fill, deflate and chunking settings directly.
#include <netcdf.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cerrno>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <system_error>

#include "grids/atomic_file.hpp"
#include "grids/gdal_detail.hpp"
#include "grids/netcdf_detail.hpp"
#include "grids/text_fields.hpp"
#include "grids/write_error.hpp"

namespace floodtwin::grids {

namespace {

constexpr const char* k_conventions = "CF-1.8";
constexpr const char* k_grid_mapping_var = "crs";
// Level 4 with shuffle, as the results contract fixes: shuffle groups the bytes of
// neighbouring doubles, so runs of dry zeros and smooth water surfaces compress well.
constexpr int k_deflate_level = 4;


[[noreturn]] void fail(const std::filesystem::path& target, const std::string& message) {
    throw std::runtime_error("results file " + target.string() + ": " + message);
}

void check(int status, const std::filesystem::path& target, const std::string& doing) {
    if (status == NC_NOERR) return;
    const int err = errno;
    // HDF5 reports a full disk as "HDF error": the file system says what it was.
    if (out_of_space(target, err)) throw_write_error(target, "results file: " + doing + ": " + nc_strerror(status), err);
    fail(target, doing + ": " + nc_strerror(status));
}

void put_text(int ncid, int varid, const char* name, const std::string& value, const std::filesystem::path& target) {
    check(nc_put_att_text(ncid, varid, name, value.size(), value.c_str()), target,
          std::string("cannot write attribute ") + name);
}

void put_double(int ncid, int varid, const char* name, double value, const std::filesystem::path& target) {
    check(nc_put_att_double(ncid, varid, name, NC_DOUBLE, 1, &value), target,
          std::string("cannot write attribute ") + name);
}

// Owns one open NetCDF id. Unwinding aborts it (nc_abort: no flush of what a failed
// write left half done), unless HDF5 could not write a file (grids/write_error.hpp, disk_full_seen).
class NcId {
public:
    NcId() = default;
    explicit NcId(int id) : m_id(id) {}
    ~NcId() { reset(); }
    NcId(const NcId&) = delete;
    NcId& operator=(const NcId&) = delete;
    [[nodiscard]] int get() const { return m_id; }
    [[nodiscard]] bool is_open() const { return m_id >= 0; }
    int close() {
        const int status = nc_close(m_id);
        m_id = -1;
        return status;
    }
    void reset() {
        if (m_id >= 0 && !disk_full_seen()) nc_abort(m_id);
        m_id = -1;
    }
    void adopt(int id) {
        reset();
        m_id = id;
    }

private:
    int m_id = -1;
};

void check_grid(const NcGrid& grid, const std::filesystem::path& target) {
    if (grid.nx == 0 || grid.ny == 0) fail(target, "grid has no cells");
    if (!(grid.dx_m > 0.0) || !(grid.dy_m > 0.0) || !std::isfinite(grid.dx_m) || !std::isfinite(grid.dy_m))
        fail(target, "cell sizes must be positive and finite");
    if (!std::isfinite(grid.x0_m) || !std::isfinite(grid.y0_m)) fail(target, "grid origin must be finite");
}

// Shortest text that reads back to the same double: "t = 600 s", not "600.000000".

double centre(double first_m, double step_m, std::size_t k) { return first_m + static_cast<double>(k) * step_m; }

// The classic CF grid-mapping attributes, for readers that ignore crs_wkt (Panoply,
// ncview, older CF tools). Only transverse Mercator (UTM included) is spelled out;
// any other projection is carried by crs_wkt and spatial_ref alone.
void put_grid_mapping(int ncid, int varid, const std::string& wkt, const std::filesystem::path& target) {
    put_text(ncid, varid, "crs_wkt", wkt, target);
    // GDAL looks for `spatial_ref` first; it reads WKT2 as well as WKT1.
    put_text(ncid, varid, "spatial_ref", wkt, target);

    OGRSpatialReference srs;
    {
        const detail::QuietGdalErrors quiet;
        if (srs.importFromWkt(wkt.c_str()) != OGRERR_NONE)
            fail(target, detail::with_gdal_reason("the CRS WKT is not understood"));
    }
    // x and y are written in metres; a CRS in degrees or feet would contradict them.
    if (!srs.IsProjected() || std::fabs(srs.GetLinearUnits() - 1.0) > 1e-12)
        fail(target, "the CRS must be projected in metres, as x and y are");

    const char* method = srs.GetAttrValue("PROJECTION");
    if (method && std::string(method) == SRS_PT_TRANSVERSE_MERCATOR) {
        put_text(ncid, varid, "grid_mapping_name", "transverse_mercator", target);
        put_double(ncid, varid, "longitude_of_central_meridian", srs.GetNormProjParm(SRS_PP_CENTRAL_MERIDIAN), target);
        put_double(ncid, varid, "latitude_of_projection_origin", srs.GetNormProjParm(SRS_PP_LATITUDE_OF_ORIGIN),
                   target);
        put_double(ncid, varid, "scale_factor_at_central_meridian", srs.GetNormProjParm(SRS_PP_SCALE_FACTOR, 1.0),
                   target);
        put_double(ncid, varid, "false_easting", srs.GetNormProjParm(SRS_PP_FALSE_EASTING), target);
        put_double(ncid, varid, "false_northing", srs.GetNormProjParm(SRS_PP_FALSE_NORTHING), target);
        put_double(ncid, varid, "semi_major_axis", srs.GetSemiMajor(), target);
        put_double(ncid, varid, "inverse_flattening", srs.GetInvFlattening(), target);
        put_double(ncid, varid, "longitude_of_prime_meridian", srs.GetPrimeMeridian(), target);
    }
    if (const char* name = srs.GetName()) put_text(ncid, varid, "projected_crs_name", name, target);
}

void define_coordinate(int ncid, const char* name, int dimid, const char* axis, const std::filesystem::path& target,
                       int* varid) {
    check(nc_def_var(ncid, name, NC_DOUBLE, 1, &dimid, varid), target, std::string("cannot define ") + name);
    const std::string lower = name;
    put_text(ncid, *varid, "standard_name", "projection_" + lower + "_coordinate", target);
    put_text(ncid, *varid, "long_name", lower + " coordinate of projection (cell centre)", target);
    put_text(ncid, *varid, "units", "m", target);
    put_text(ncid, *varid, "axis", axis, target);
}

void check_global_name(const std::string& name, const std::filesystem::path& target) {
    if (name.empty()) fail(target, "a global attribute needs a name");
    if (name == "Conventions") fail(target, "the Conventions attribute is the writer's (" + std::string(k_conventions) + ")");
}

std::vector<double> coordinate_values(double first_m, double step_m, std::size_t n) {
    std::vector<double> values(n);
    for (std::size_t k = 0; k < n; ++k) values[k] = centre(first_m, step_m, k);
    return values;
}

}  // namespace

namespace detail {

void put_cf_grid_mapping(int ncid, int varid, const std::string& wkt, const std::filesystem::path& target) {
    put_grid_mapping(ncid, varid, wkt, target);
}

void define_projection_coordinate(int ncid, const char* name, int dimid, const char* axis,
                                  const std::filesystem::path& target, int* varid) {
    define_coordinate(ncid, name, dimid, axis, target, varid);
}

}  // namespace detail

struct NetcdfWriter::State {
    struct Variable {
        std::string name;
        int varid = -1;
        bool time_dependent = true;
    };

    explicit State(std::filesystem::path target) : file(std::move(target)) {}

    // Declared first so it is destroyed last: the NetCDF id must be closed before
    // AtomicFile removes the temporary it points at.
    AtomicFile file;
    NcId nc;
    NcGrid grid;
    int time_varid = -1;
    std::vector<Variable> variables;
    std::size_t times = 0;
    double last_time_s = -std::numeric_limits<double>::infinity();
    bool closed = false;

    [[nodiscard]] const std::filesystem::path& target() const { return file.target(); }
    [[nodiscard]] std::size_t cells() const { return grid.nx * grid.ny; }
    [[nodiscard]] const Variable* find(const std::string& name) const {
        const auto it = std::find_if(variables.begin(), variables.end(), [&](const Variable& v) { return v.name == name; });
        return it == variables.end() ? nullptr : &*it;
    }
};

NetcdfWriter::NetcdfWriter(std::unique_ptr<State> state) : m_state(std::move(state)) {}
NetcdfWriter::~NetcdfWriter() = default;
NetcdfWriter::NetcdfWriter(NetcdfWriter&&) noexcept = default;
NetcdfWriter& NetcdfWriter::operator=(NetcdfWriter&&) noexcept = default;

NetcdfWriter::NetcdfWriter(std::filesystem::path path, const NcGrid& grid, const std::string& start_iso,
                           const std::vector<NcVariable>& variables,
                           const std::vector<std::pair<std::string, std::string>>& global_attributes) {
    check_grid(grid, path);
    if (start_iso.empty()) fail(path, "the start time is empty; time units need it");
    for (std::size_t a = 0; a < variables.size(); ++a) {
        const std::string& name = variables[a].name;
        if (name == "time" || name == "x" || name == "y" || name == k_grid_mapping_var)
            fail(path, "variable name '" + name + "' is taken by the file's coordinates or grid mapping");
        for (std::size_t b = 0; b < a; ++b)
            if (variables[b].name == name) fail(path, "variable '" + name + "' is defined twice");
    }
    for (const auto& [name, value] : global_attributes) check_global_name(name, path);

    auto state = std::make_unique<State>(std::move(path));
    state->grid = grid;
    const auto& target = state->target();

    int ncid = -1;
    // NC_CLOBBER: a temporary left by a killed run with our process id is stale.
    check(nc_create(state->file.temporary().c_str(), NC_NETCDF4 | NC_CLOBBER, &ncid), target,
          "cannot create " + state->file.temporary().string());
    state->nc.adopt(ncid);

    int time_dim = -1, y_dim = -1, x_dim = -1;
    check(nc_def_dim(ncid, "time", NC_UNLIMITED, &time_dim), target, "cannot define dimension time");
    check(nc_def_dim(ncid, "y", grid.ny, &y_dim), target, "cannot define dimension y");
    check(nc_def_dim(ncid, "x", grid.nx, &x_dim), target, "cannot define dimension x");

    check(nc_def_var(ncid, "time", NC_DOUBLE, 1, &time_dim, &state->time_varid), target, "cannot define time");
    put_text(ncid, state->time_varid, "standard_name", "time", target);
    put_text(ncid, state->time_varid, "long_name", "time since the start of the run", target);
    put_text(ncid, state->time_varid, "units", "seconds since " + start_iso, target);
    put_text(ncid, state->time_varid, "calendar", "standard", target);
    put_text(ncid, state->time_varid, "axis", "T", target);

    int y_varid = -1, x_varid = -1;
    define_coordinate(ncid, "y", y_dim, "Y", target, &y_varid);
    define_coordinate(ncid, "x", x_dim, "X", target, &x_varid);

    const bool has_crs = !grid.crs_wkt.empty();
    if (has_crs) {
        int crs_varid = -1;
        check(nc_def_var(ncid, k_grid_mapping_var, NC_INT, 0, nullptr, &crs_varid), target, "cannot define crs");
        put_grid_mapping(ncid, crs_varid, grid.crs_wkt, target);
    }

    const double fill = std::numeric_limits<double>::quiet_NaN();
    for (const NcVariable& v : variables) {
        State::Variable defined{v.name, -1, v.time_dependent};
        const std::array<int, 3> dims3{time_dim, y_dim, x_dim};
        const std::array<int, 2> dims2{y_dim, x_dim};
        // One map per chunk: a reader asking for one time step (QGIS, ncview) inflates
        // exactly one chunk, and appending a map never rewrites an earlier one. A static
        // map in bands of rows (k_static_chunk_rows).
        const std::array<std::size_t, 3> chunks3{1, grid.ny, grid.nx};
        const std::array<std::size_t, 2> chunks2{std::min(grid.ny, k_static_chunk_rows), grid.nx};
        const int ndims = v.time_dependent ? 3 : 2;
        const int* dims = v.time_dependent ? dims3.data() : dims2.data();
        const std::size_t* chunks = v.time_dependent ? chunks3.data() : chunks2.data();
        const std::string what = "variable " + v.name;
        check(nc_def_var(ncid, v.name.c_str(), NC_DOUBLE, ndims, dims, &defined.varid), target,
              "cannot define " + what);
        check(nc_def_var_chunking(ncid, defined.varid, NC_CHUNKED, chunks), target, "cannot chunk " + what);
        check(nc_def_var_deflate(ncid, defined.varid, 1, 1, k_deflate_level), target, "cannot compress " + what);
        check(nc_def_var_fill(ncid, defined.varid, NC_FILL, &fill), target, "cannot set _FillValue of " + what);
        if (!v.standard_name.empty()) put_text(ncid, defined.varid, "standard_name", v.standard_name, target);
        if (!v.long_name.empty()) put_text(ncid, defined.varid, "long_name", v.long_name, target);
        put_text(ncid, defined.varid, "units", v.units, target);
        if (!v.cell_methods.empty()) put_text(ncid, defined.varid, "cell_methods", v.cell_methods, target);
        if (has_crs) put_text(ncid, defined.varid, "grid_mapping", k_grid_mapping_var, target);
        state->variables.push_back(std::move(defined));
    }

    put_text(ncid, NC_GLOBAL, "Conventions", k_conventions, target);
    for (const auto& [name, value] : global_attributes) put_text(ncid, NC_GLOBAL, name.c_str(), value, target);

    check(nc_enddef(ncid), target, "cannot finish the file's definitions");
    const auto xs = coordinate_values(grid.x0_m, grid.dx_m, grid.nx);
    const auto ys = coordinate_values(grid.y0_m, grid.dy_m, grid.ny);
    check(nc_put_var_double(ncid, x_varid, xs.data()), target, "cannot write x");
    check(nc_put_var_double(ncid, y_varid, ys.data()), target, "cannot write y");

    m_state = std::move(state);
}

NetcdfWriter::State& NetcdfWriter::open_state(const char* doing) {
    if (!m_state) throw std::runtime_error(std::string("NetcdfWriter: ") + doing + " on a moved-from writer");
    if (m_state->closed || !m_state->nc.is_open())
        fail(m_state->target(), std::string(doing) + " after the file was closed");
    return *m_state;
}

void NetcdfWriter::write_time(double time_s,
                              const std::vector<std::pair<std::string, std::span<const double>>>& fields) {
    State& s = open_state("write_time");
    const auto& target = s.target();
    const std::string at = "map " + std::to_string(s.times) + " (t = " + exact_number_text(time_s) + " s)";
    if (!std::isfinite(time_s)) fail(target, at + ": time is not finite");
    // CF coordinate variables must be monotonic; a repeated time is a driver bug.
    if (!(time_s > s.last_time_s))
        fail(target, at + ": time must increase (previous map at " + exact_number_text(s.last_time_s) + " s)");

    // Check everything first, so a refused call writes nothing.
    std::vector<std::pair<int, const double*>> writes;
    for (const auto& [name, values] : fields) {
        const State::Variable* v = s.find(name);
        if (!v) fail(target, at + ": no variable '" + name + "' was defined");
        if (!v->time_dependent) fail(target, at + ": '" + name + "' is static; write it with write_static");
        for (const auto& done : writes)
            if (done.first == v->varid) fail(target, at + ": '" + name + "' is given twice");
        if (values.size() != s.cells())
            fail(target, at + ": '" + name + "' has " + std::to_string(values.size()) + " values for " +
                             std::to_string(s.grid.nx) + " x " + std::to_string(s.grid.ny) + " cells");
        writes.emplace_back(v->varid, values.data());
    }
    for (const State::Variable& v : s.variables)
        if (v.time_dependent && std::none_of(writes.begin(), writes.end(), [&](const auto& w) { return w.first == v.varid; }))
            fail(target, at + ": time-dependent variable '" + v.name + "' is missing");

    const int ncid = s.nc.get();
    const std::array<std::size_t, 3> start{s.times, 0, 0};
    const std::array<std::size_t, 3> count{1, s.grid.ny, s.grid.nx};
    // Memory order i + nx * j is the file's (y, x) order with y ascending, so no flip.
    for (const auto& [varid, data] : writes)
        check(nc_put_vara_double(ncid, varid, start.data(), count.data(), data), target, "cannot write " + at);
    // Time last: a map whose time was written is complete.
    check(nc_put_var1_double(ncid, s.time_varid, &s.times, &time_s), target, "cannot write the time of " + at);
    ++s.times;
    s.last_time_s = time_s;
}

void NetcdfWriter::write_static(const std::string& name, std::span<const double> values) {
    State& s = open_state("write_static");
    const auto& target = s.target();
    const State::Variable* v = s.find(name);
    if (!v) fail(target, "no variable '" + name + "' was defined");
    if (v->time_dependent) fail(target, "'" + name + "' is time-dependent; write it with write_time");
    if (values.size() != s.cells())
        fail(target, "'" + name + "' has " + std::to_string(values.size()) + " values for " +
                         std::to_string(s.grid.nx) + " x " + std::to_string(s.grid.ny) + " cells");
    check(nc_put_var_double(s.nc.get(), v->varid, values.data()), target, "cannot write " + name);
}

void NetcdfWriter::set_global(const std::string& name, const std::string& value) {
    State& s = open_state("set_global");
    check_global_name(name, s.target());
    // NetCDF-4 files re-enter define mode by themselves for a new attribute.
    put_text(s.nc.get(), NC_GLOBAL, name.c_str(), value, s.target());
}

void NetcdfWriter::set_global(const std::string& name, double value) {
    State& s = open_state("set_global");
    check_global_name(name, s.target());
    put_double(s.nc.get(), NC_GLOBAL, name.c_str(), value, s.target());
}

void NetcdfWriter::sync() {
    State& s = open_state("sync");
    check(nc_sync(s.nc.get()), s.target(), "cannot flush to " + s.file.temporary().string());
}

std::size_t NetcdfWriter::times_written() const { return m_state ? m_state->times : 0; }

void NetcdfWriter::copy_to(const std::filesystem::path& destination) {
    State& s = open_state("copy_to");
    const auto& target = s.target();
    // Both would use the same temporary name, and the copy would replace the live file.
    if (std::filesystem::absolute(destination).lexically_normal() ==
        std::filesystem::absolute(target).lexically_normal())
        fail(target, "a copy cannot be written over the results file itself");
    sync();
    AtomicFile copy(destination);
    std::error_code ec;
    std::filesystem::copy_file(s.file.temporary(), copy.temporary(), std::filesystem::copy_options::overwrite_existing,
                               ec);
    if (ec) throw_write_error(destination, "cannot copy " + s.file.temporary().string(), ec.value());
    {
        int ncid = -1;
        check(nc_open(copy.temporary().c_str(), NC_NOWRITE, &ncid), target,
              "the copy " + copy.temporary().string() + " does not open");
        NcId opened(ncid);
        int time_dim = -1;
        std::size_t n_time = 0;
        check(nc_inq_dimid(ncid, "time", &time_dim), target, "the copy has no time dimension");
        check(nc_inq_dimlen(ncid, time_dim, &n_time), target, "the copy has no time dimension");
        if (n_time != s.times)
            fail(target, "the copy holds " + std::to_string(n_time) + " maps, not " + std::to_string(s.times));
        check(opened.close(), target, "cannot close the copy");
    }
    copy.commit();
}

void NetcdfWriter::close() {
    State& s = open_state("close");
    s.closed = true;
    // Closing writes HDF5's last metadata; only a clean close may become the results file.
    check(s.nc.close(), s.target(), "cannot finish " + s.file.temporary().string());
    s.file.commit();
}

}  // namespace floodtwin::grids
