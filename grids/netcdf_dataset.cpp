#include "grids/netcdf_dataset.hpp"

#include <netcdf.h>

#include <cmath>
#include <limits>
#include <stdexcept>

#include "grids/atomic_file.hpp"
#include "grids/netcdf_detail.hpp"

namespace floodtwin::grids {

namespace {

[[noreturn]] void fail(const std::filesystem::path& target, const std::string& message) {
    throw std::runtime_error("NetCDF file " + target.string() + ": " + message);
}

void check(int status, const std::filesystem::path& target, const std::string& doing) {
    if (status != NC_NOERR) fail(target, doing + ": " + nc_strerror(status));
}

void put_attributes(int ncid, int varid, const NcAttributes& attributes, const std::filesystem::path& target) {
    for (const auto& [name, value] : attributes)
        check(nc_put_att_text(ncid, varid, name.c_str(), value.size(), value.c_str()), target,
              "cannot write attribute " + name);
}

// Closes the id on unwinding, so the AtomicFile can remove its temporary.
struct OpenId {
    int id = -1;
    ~OpenId() {
        if (id >= 0) nc_abort(id);
    }
};

}  // namespace

void write_netcdf_dataset(const std::filesystem::path& path, const NcDataset& data) {
    AtomicFile file(path);
    OpenId nc;
    check(nc_create(file.temporary().c_str(), NC_NETCDF4 | NC_CLOBBER, &nc.id), path, "cannot create");
    const int ncid = nc.id;
    std::vector<std::pair<std::string, std::pair<int, std::size_t>>> dims;  // name -> (id, size)
    const auto add_dim = [&](const std::string& name, std::size_t size) {
        if (size == 0) fail(path, "dimension '" + name + "' has size 0");
        int id = -1;
        check(nc_def_dim(ncid, name.c_str(), size, &id), path, "cannot define dimension " + name);
        dims.push_back({name, {id, size}});
    };
    const auto find_dim = [&](const std::string& name, const std::string& var) {
        for (const auto& d : dims)
            if (d.first == name) return d.second;
        fail(path, "variable '" + var + "': no dimension '" + name + "'");
    };
    int x_var = -1, y_var = -1, crs_var = -1;
    if (data.grid) {
        add_dim("y", data.grid->ny);
        add_dim("x", data.grid->nx);
        detail::define_projection_coordinate(ncid, "y", find_dim("y", "y").first, "Y", path, &y_var);
        detail::define_projection_coordinate(ncid, "x", find_dim("x", "x").first, "X", path, &x_var);
        if (!data.grid->crs_wkt.empty()) {
            check(nc_def_var(ncid, "crs", NC_INT, 0, nullptr, &crs_var), path, "cannot define crs");
            detail::put_cf_grid_mapping(ncid, crs_var, data.grid->crs_wkt, path);
        }
    }
    for (const auto& [name, size] : data.dims) add_dim(name, size);

    std::vector<int> array_ids;
    for (const NcArray& a : data.arrays) {
        std::vector<int> ids;
        std::size_t count = 1;
        bool on_grid = false;
        for (const std::string& d : a.dims) {
            const auto [id, size] = find_dim(d, a.name);
            ids.push_back(id);
            count *= size;
            on_grid = on_grid || d == "x";
        }
        if (a.values.size() != count)
            fail(path, "variable '" + a.name + "': " + std::to_string(a.values.size()) + " values for " +
                           std::to_string(count) + " places");
        int varid = -1;
        check(nc_def_var(ncid, a.name.c_str(), NC_DOUBLE, static_cast<int>(ids.size()), ids.data(), &varid), path,
              "cannot define " + a.name);
        if (on_grid) check(nc_def_var_deflate(ncid, varid, 1, 1, 4), path, "cannot compress " + a.name);
        // A coordinate (named as its dimension) has no missing values (CF 5), so no fill value.
        const bool coordinate = a.dims.size() == 1 && a.dims.front() == a.name;
        const double fill = std::numeric_limits<double>::quiet_NaN();
        if (coordinate)
            check(nc_def_var_fill(ncid, varid, NC_NOFILL, nullptr), path, "cannot define " + a.name);
        else
            check(nc_def_var_fill(ncid, varid, NC_FILL, &fill), path, "cannot set the fill value of " + a.name);
        put_attributes(ncid, varid, a.attributes, path);
        if (on_grid && crs_var >= 0) put_attributes(ncid, varid, {{"grid_mapping", "crs"}}, path);
        array_ids.push_back(varid);
    }
    std::vector<int> text_ids;
    for (const NcTextArray& t : data.texts) {
        const auto [id, size] = find_dim(t.dim, t.name);
        if (t.values.size() != size)
            fail(path, "variable '" + t.name + "': " + std::to_string(t.values.size()) + " strings for " +
                           std::to_string(size) + " places");
        int varid = -1;
        check(nc_def_var(ncid, t.name.c_str(), NC_STRING, 1, &id, &varid), path, "cannot define " + t.name);
        put_attributes(ncid, varid, t.attributes, path);
        text_ids.push_back(varid);
    }
    NcAttributes globals = {{"Conventions", "CF-1.8"}};
    for (const auto& g : data.globals) {
        if (g.first == "Conventions") fail(path, "the Conventions attribute is the writer's");
        globals.push_back(g);
    }
    put_attributes(ncid, NC_GLOBAL, globals, path);
    check(nc_enddef(ncid), path, "cannot end the definitions");

    if (data.grid) {
        const NcGrid& g = *data.grid;
        std::vector<double> xs(g.nx), ys(g.ny);
        for (std::size_t i = 0; i < g.nx; ++i) xs[i] = g.x0_m + static_cast<double>(i) * g.dx_m;
        for (std::size_t j = 0; j < g.ny; ++j) ys[j] = g.y0_m + static_cast<double>(j) * g.dy_m;
        check(nc_put_var_double(ncid, x_var, xs.data()), path, "cannot write x");
        check(nc_put_var_double(ncid, y_var, ys.data()), path, "cannot write y");
    }
    for (std::size_t k = 0; k < data.arrays.size(); ++k)
        check(nc_put_var_double(ncid, array_ids[k], data.arrays[k].values.data()), path,
              "cannot write " + data.arrays[k].name);
    for (std::size_t k = 0; k < data.texts.size(); ++k) {
        std::vector<const char*> p;
        for (const std::string& s : data.texts[k].values) p.push_back(s.c_str());
        check(nc_put_var_string(ncid, text_ids[k], p.data()), path, "cannot write " + data.texts[k].name);
    }
    const int id = nc.id;
    nc.id = -1;
    check(nc_close(id), path, "cannot close");
    file.commit();
}

}  // namespace floodtwin::grids
