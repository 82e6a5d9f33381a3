#pragma once
// One ensemble, start to end, on every rank of a launch: the members (twin/ensemble/
// ensemble_runner.hpp), then on rank 0 ensemble_runs.json and the reduce. For a command
// whose other ranks cannot know the members' command themselves (`floodtwin fourpre`
// works it out on rank 0 after its analysis run), rank 0 shares the job first.
#include <optional>
#include <string>

#include "twin/ensemble/ensemble_reduce.hpp"
#include "twin/ensemble/ensemble_runner.hpp"

namespace floodtwin::twin {

struct EnsembleJob {
    EnsembleRunOptions run;
    std::map<std::string, ErrorModel> updates;  // a forecast's station updating
    double issue_s = 0.0;
    ClassMapDrawer draw_map;
    std::string command_line;
};

// Rank 0: the products; the other ranks: nothing, once their members are done.
std::optional<EnsembleProducts> run_ensemble_job(const EnsembleJob& job, const MpiTeam& team);

// Rank 0 tells the others the members' command (nullptr: there is no ensemble to run);
// the others wait for it, without spinning a core, and get it (or nothing).
void share_ensemble_job(const MpiTeam& team, const EnsembleRunOptions* job);
[[nodiscard]] std::optional<EnsembleRunOptions> receive_ensemble_job(const MpiTeam& team);

// How the members ran, in words: "20 members on 2 MPI ranks, 1 thread each".
[[nodiscard]] std::string ensemble_how(const EnsembleRunOptions& run, const MpiTeam& team);

}  // namespace floodtwin::twin
