#include "viz/results_export.hpp"

#include "grids/netcdf_reader.hpp"
#include "viz/pvd_collection.hpp"
#include "viz/results_grid.hpp"
#include "viz/vti_writer.hpp"

#include <cmath>
#include <cstdio>
#include <string>
#include <utility>

namespace floodtwin::viz {

namespace {

// What goes into the files, from what results.nc holds.
struct ExportPlan {
    std::vector<std::string> in_time;  // (time, y, x) variables: one array in each frame
    std::vector<std::string> fixed;    // (y, x) variables: the whole-run file
    bool has_ground = false;           // ground_level, repeated into every frame
    bool add_speed = false;            // velocity components but no speed: derive it
};

ExportPlan plan_export(const grids::NetcdfReader& reader) {
    ExportPlan plan;
    for (const auto& v : reader.variables()) (v.time_dependent ? plan.in_time : plan.fixed).push_back(v.name);
    plan.has_ground = reader.has_variable("ground_level") && !reader.variable("ground_level").time_dependent;
    plan.add_speed = reader.has_variable("velocity_x") && reader.has_variable("velocity_y") &&
                     reader.variable("velocity_x").time_dependent && reader.variable("velocity_y").time_dependent &&
                     !reader.has_variable("speed");
    return plan;
}

// Named arrays, owned here, to hand to write_vti as CellFields.
struct NamedArrays {
    std::vector<std::string> names;
    std::vector<std::vector<double>> values;

    void add(std::string name, std::vector<double> v) {
        names.push_back(std::move(name));
        values.push_back(std::move(v));
    }
    // The array of a name that was added.
    [[nodiscard]] const std::vector<double>& operator[](const std::string& name) const {
        std::size_t k = 0;
        while (names[k] != name) ++k;
        return values[k];
    }
    [[nodiscard]] std::vector<CellField> fields() const {
        std::vector<CellField> out;
        for (std::size_t a = 0; a < names.size(); ++a) out.push_back({names[a], values[a]});
        return out;
    }
};

// Map k: every variable in time, then the speed where it is derived, then the ground.
NamedArrays frame_arrays(const grids::NetcdfReader& reader, const ExportPlan& plan, std::size_t k,
                         const std::vector<double>& ground) {
    NamedArrays frame;
    for (const auto& name : plan.in_time) frame.add(name, reader.read_time(name, k));
    if (plan.add_speed) {  // the plan saw both components in time
        const auto &u = frame["velocity_x"], &v = frame["velocity_y"];
        std::vector<double> speed(u.size());
        for (std::size_t c = 0; c < u.size(); ++c) speed[c] = std::hypot(u[c], v[c]);
        frame.add("speed", std::move(speed));
    }
    if (plan.has_ground) frame.add("ground_level", ground);
    return frame;
}

}  // namespace

ExportResult export_vtk(const std::filesystem::path& results_nc, const std::filesystem::path& out_dir) {
    const grids::NetcdfReader reader(results_nc);
    const ImageGrid image = image_grid_of(reader.grid());
    const std::string stem = results_nc.stem().string();
    const ExportPlan plan = plan_export(reader);
    const std::vector<double> ground = plan.has_ground ? reader.read_static("ground_level") : std::vector<double>{};

    ExportResult result;
    result.pvd = out_dir / (stem + ".pvd");
    PvdCollection pvd(result.pvd);
    const std::filesystem::path frames_dir = out_dir / (stem + "_frames");
    for (std::size_t k = 0; k < reader.time_count(); ++k) {
        char name[64];
        std::snprintf(name, sizeof name, "_%05zu.vti", k);
        const std::filesystem::path frame = frames_dir / (stem + name);
        const NamedArrays arrays = frame_arrays(reader, plan, k, ground);
        write_vti(frame, image, arrays.fields());
        pvd.add(reader.times_s()[k], frame);
        result.frames.push_back(frame);
    }
    if (!plan.fixed.empty()) {
        NamedArrays maxima;
        for (const auto& name : plan.fixed) maxima.add(name, reader.read_static(name));
        result.maxima = out_dir / (stem + "_maxima.vti");
        write_vti(result.maxima, image, maxima.fields());
    }
    // The collection last: a ParaView user never opens a .pvd naming missing frames.
    pvd.write();
    return result;
}

}  // namespace floodtwin::viz
