#pragma once
// What `floodtwin run` holds while it runs, shared by its steps: starting (fresh, from a
// checkpoint, or hot from another run's state: run_start.cpp), the step loop (run.cpp),
// checkpoints (run_checkpoint.cpp) and the outputs (run_outputs.cpp). Internal to twin/run.
#include <limits>
#include <map>
#include <optional>
#include <string>

#include "grids/netcdf_writer.hpp"
#include "twin/case/case.hpp"
#include "twin/coupling/network_coupling.hpp"
#include "twin/run/gauges.hpp"
#include "twin/run/mass_balance.hpp"
#include "twin/run/run.hpp"
#include "twin/setup/case_setup.hpp"
#include "twin/state/checkpoint.hpp"

namespace floodtwin::twin {

// The run's own clock beyond the solver's: the next time of each output. Kept in
// checkpoints so a resumed run writes exactly what the uninterrupted one would.
struct Schedule {
    double next_map_s = 0.0;
    double next_gauge_s = 0.0;
    double next_checkpoint_s = std::numeric_limits<double>::quiet_NaN();  // NaN: no checkpoints
    double checkpoints_written = 0.0;
};

struct RunState {
    explicit RunState(const RunOptions& options);  // loads and prepares the case

    const RunOptions& options;
    Case c;
    PreparedCase prepared;
    std::string start_iso;
    CheckpointMeta identity;  // case name, grid, start and fingerprints (no state)
    std::optional<NetworkCoupling> coupling;  // with a river network the run is coupled
    GaugeRecorder gauges;
    MassBalanceRecorder mass_balance;
    Schedule schedule;
    std::optional<grids::NetcdfWriter> nc;

    [[nodiscard]] hydro::Simulation& sim() { return prepared.simulation; }
    [[nodiscard]] const hydro::Simulation& sim() const { return prepared.simulation; }
};

// What each fingerprint part covers, in words for messages.
[[nodiscard]] const std::map<std::string, std::string>& fingerprint_parts();
// The parts of `c` on `dem`: grid, scheme, boundaries, gauges, network, start.
[[nodiscard]] std::map<std::string, std::string> case_fingerprints(const Case& c, const grids::Raster<double>& dem);

// run_start.cpp: how the run begins. Each leaves results.nc open and the schedule set.
void start_fresh(RunState& run);
void resume_from(RunState& run, const std::filesystem::path& checkpoint);
void hot_start_from(RunState& run, const std::filesystem::path& checkpoint);

// run_checkpoint.cpp: a checkpoint of the run at the solver's present time.
void write_run_checkpoint(RunState& run);

// run_outputs.cpp
void write_map_frame(RunState& run);           // one map in results.nc and a mass-balance row
void write_final_outputs(RunState& run, double wall_s);  // envelopes, GeoTIFFs, CSVs, maps, summary
void open_results(RunState& run);             // a new results.nc with ground_level
[[nodiscard]] grids::NcGrid results_grid(const grids::Raster<double>& dem);  // results.nc's grid from the DEM

}  // namespace floodtwin::twin
