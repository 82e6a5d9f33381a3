#pragma once
// `floodtwin ensemble`: every member as a `floodtwin run --member k` process of its own.
// Under mpirun the members are handed out dynamically: rank 0 keeps the queue, and a
// rank asks for the next member when its last is done (rank 0 runs members too); each
// member runs on the rank's OpenMP threads. Without MPI, members run several at once
// where the cores allow. A member that fails (an error, a crash, a kill) is run once
// more; one that fails again is reported, and the ensemble goes on without it. Members
// already complete in the folder (an ensemble resumed) are kept, not run again.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "twin/ensemble/mpi_team.hpp"

namespace floodtwin::twin {

struct EnsembleRunOptions {
    // The members' command up to its options: program, "run", the case, --set, --hot-start...
    std::vector<std::string> run_argv;
    std::filesystem::path out_dir;  // the ensemble's folder
    int members = 0;
    int threads = 1;  // per member
    int at_once = 1;  // members at once on each rank
    bool quiet = false;
};

struct MemberRun {
    int member = 0;
    int attempts = 0;       // 0: kept from an earlier run of the ensemble
    int exit_status = 0;    // of the last attempt; 0: complete
    std::vector<int> failed_statuses;  // of the attempts that failed
    double wall_s = 0.0;    // of the last attempt
    int rank = 0;           // that ran it
    [[nodiscard]] bool complete() const { return exit_status == 0; }
};

// Whether OUT/members/NNNN holds member k's complete run.
[[nodiscard]] bool member_complete(const std::filesystem::path& out_dir, int k);

// Runs the members; on rank 0 returns each one's record in member order, on the other
// ranks an empty list once rank 0 has no more work. Throws std::runtime_error when a
// member cannot be started at all (no such program).
std::vector<MemberRun> run_members(const EnsembleRunOptions& options, const MpiTeam& team);

[[nodiscard]] nlohmann::json member_runs_json(const std::vector<MemberRun>& runs);

}  // namespace floodtwin::twin
