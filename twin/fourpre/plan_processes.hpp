#pragma once
// Runs that the four pre- workflow starts as processes of their own (`floodtwin run`),
// several at once: each plan's run writes its own complete output folder, and runs
// share no library state (NetCDF and HDF5 are not thread-safe; a process is the unit).
#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace floodtwin::twin {

struct ChildRun {
    std::string label;                 // "plan 'baseline'": in messages
    std::vector<std::string> argv;     // argv[0]: the program
    std::filesystem::path log;         // its stdout and stderr
    int cores = 1;                     // the threads it runs on
};

struct ChildResult {
    int exit_status = 0;   // 0: finished; 128 + n: killed by signal n
    double wall_s = 0.0;
};

// Runs `runs` in order, starting each when its cores are free (never more than `cores`
// threads at once; a run asking for more than `cores` runs alone); returns each one's result. A run
// that cannot start throws std::runtime_error; one that fails is reported in its result
// (the caller names it with the tail of its log). SIGINT and SIGTERM reach the children
// (same process group); the caller stops on them as usual.
std::vector<ChildResult> run_children(const std::vector<ChildRun>& runs, int cores);

// One run started and not waited for (its stdout and stderr to its log); throws
// std::runtime_error naming it when it cannot start. child_exit waits for it (or, with
// `block` false, returns nothing while it runs): 0 finished, 128 + n killed by signal n.
[[nodiscard]] pid_t start_child(const ChildRun& run);
[[nodiscard]] std::optional<int> child_exit(pid_t pid, bool block);

// The last `lines` lines of a log, for messages.
[[nodiscard]] std::string log_tail(const std::filesystem::path& log, int lines = 8);

}  // namespace floodtwin::twin
