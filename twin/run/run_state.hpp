#pragma once
// What `floodtwin run` holds while it runs, shared by its steps: starting (fresh, from a
// checkpoint, or hot from another run's state: run_start.cpp), the step loop (run.cpp),
// checkpoints (run_checkpoint.cpp) and the outputs (run_outputs.cpp). Internal to twin/run.
#include <limits>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

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
    // Times of the last map and gauge rows written (NaN: none): a run resumed from its
    // final checkpoint does not write them twice.
    double last_map_s = std::numeric_limits<double>::quiet_NaN();
    double last_gauge_s = std::numeric_limits<double>::quiet_NaN();
};

// The maps a checkpoint's run has written, kept beside the checkpoints in segments, one
// per checkpoint interval, so that checkpoints do not each copy the results so far
// (disk use grows with the run's length, not its square): each checkpoint lists the
// segments up to it with their checksums, and a resumed run rebuilds results.nc from them.
struct MapSegments {
    std::vector<std::string> files;  // closed segments, in order (names in checkpoints/)
    std::vector<double> crc32;       // of each file
    std::optional<grids::NetcdfWriter> open;  // the maps since the last checkpoint
    std::vector<std::string> checkpoints;     // this run's checkpoint files, oldest first
};

struct RunState {
    explicit RunState(const RunOptions& options);  // loads and prepares the case

    const RunOptions& options;
    nlohmann::json member_draws;  // what an ensemble member drew; null otherwise
    Case c;
    PreparedCase prepared;
    std::string start_iso;
    CheckpointMeta identity;  // case name, grid, start and fingerprints (no state)
    std::optional<NetworkCoupling> coupling;  // with a river network the run is coupled
    GaugeRecorder gauges;
    MassBalanceRecorder mass_balance;
    Schedule schedule;
    std::optional<grids::NetcdfWriter> nc;
    MapSegments segments;  // only with output.checkpoint_interval

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

// run_checkpoint.cpp: a checkpoint of the run at the solver's present time (keeping
// the last output.checkpoint_keep), and the map segments beside the checkpoints.
void write_run_checkpoint(RunState& run);
void open_map_segment(RunState& run);  // for the maps until the next checkpoint
// The segments a checkpoint lists, checked against their checksums and replayed into
// the run's new results.nc (a resumed run).
void restore_map_segments(RunState& run, const StateArchive& archive, const std::filesystem::path& checkpoint);
[[nodiscard]] std::filesystem::path checkpoint_path(const RunState& run, double time_s);

// run_outputs.cpp
void write_map_frame(RunState& run);           // one map in results.nc and a mass-balance row
void write_final_outputs(RunState& run, double wall_s);  // envelopes, GeoTIFFs, CSVs, maps, summary
// summary.json of a run that stopped before its end (a signal, a write that failed):
// the case, the time reached, and why; nothing is thrown if even that cannot be written.
void write_stopped_summary(const RunState& run, const std::string& why) noexcept;
// Without checkpoint segments (no output.checkpoint_interval), the maps written so far
// become the one segment a checkpoint of a stopped run needs.
void keep_maps_so_far(RunState& run);
void open_results(RunState& run);             // a new results.nc with ground_level
[[nodiscard]] std::vector<grids::NcVariable> map_variables();  // the maps of results.nc, in time
[[nodiscard]] grids::NcGrid results_grid(const grids::Raster<double>& dem);  // results.nc's grid from the DEM

}  // namespace floodtwin::twin
