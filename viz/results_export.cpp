#include "viz/results_export.hpp"

#include "grids/netcdf_reader.hpp"
#include "viz/pvd_collection.hpp"
#include "viz/vti_writer.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>

namespace floodtwin::viz {

ExportResult export_vtk(const std::filesystem::path& results_nc, const std::filesystem::path& out_dir) {
    const grids::NetcdfReader reader(results_nc);
    const grids::NcGrid& g = reader.grid();
    // NcGrid gives the centre of the first cell; VTK images start at its corner.
    const ImageGrid image{static_cast<int>(g.nx), static_cast<int>(g.ny), g.x0_m - 0.5 * g.dx_m,
                          g.y0_m - 0.5 * g.dy_m, g.dx_m, g.dy_m};
    const std::string stem = results_nc.stem().string();

    std::vector<std::string> in_time, fixed;
    for (const auto& v : reader.variables()) (v.time_dependent ? in_time : fixed).push_back(v.name);
    const bool has_ground = reader.has_variable("ground_level") && !reader.variable("ground_level").time_dependent;
    const std::vector<double> ground = has_ground ? reader.read_static("ground_level") : std::vector<double>{};
    const bool has_velocity = reader.has_variable("velocity_x") && reader.has_variable("velocity_y") &&
                              reader.variable("velocity_x").time_dependent &&
                              reader.variable("velocity_y").time_dependent && !reader.has_variable("speed");

    ExportResult result;
    result.pvd = out_dir / (stem + ".pvd");
    PvdCollection pvd(result.pvd);
    const std::filesystem::path frames_dir = out_dir / (stem + "_frames");
    for (std::size_t k = 0; k < reader.time_count(); ++k) {
        std::vector<std::vector<double>> store;
        std::vector<std::string> names;
        store.reserve(in_time.size() + 2);
        for (const auto& name : in_time) {
            store.push_back(reader.read_time(name, k));
            names.push_back(name);
        }
        if (has_velocity) {
            const auto& u = store[static_cast<std::size_t>(
                std::find(in_time.begin(), in_time.end(), "velocity_x") - in_time.begin())];
            const auto& v = store[static_cast<std::size_t>(
                std::find(in_time.begin(), in_time.end(), "velocity_y") - in_time.begin())];
            std::vector<double> speed(u.size());
            for (std::size_t c = 0; c < u.size(); ++c) speed[c] = std::hypot(u[c], v[c]);
            store.push_back(std::move(speed));
            names.emplace_back("speed");
        }
        std::vector<CellField> fields;
        for (std::size_t a = 0; a < store.size(); ++a) fields.push_back({names[a], store[a]});
        if (has_ground) fields.push_back({"ground_level", ground});
        char name[64];
        std::snprintf(name, sizeof name, "_%05zu.vti", k);
        const std::filesystem::path frame = frames_dir / (stem + name);
        write_vti(frame, image, fields);
        pvd.add(reader.times_s()[k], frame);
        result.frames.push_back(frame);
    }

    if (!fixed.empty()) {
        std::vector<std::vector<double>> store;
        store.reserve(fixed.size());
        std::vector<CellField> fields;
        for (const auto& name : fixed) store.push_back(reader.read_static(name));
        for (std::size_t a = 0; a < fixed.size(); ++a) fields.push_back({fixed[a], store[a]});
        result.maxima = out_dir / (stem + "_maxima.vti");
        write_vti(result.maxima, image, fields);
    }
    // The collection last: a ParaView user never opens a .pvd naming missing frames.
    pvd.write();
    return result;
}

}  // namespace floodtwin::viz
