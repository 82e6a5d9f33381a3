#include "twin/fourpre/plan_processes.hpp"

#include <chrono>
#include <cerrno>
#include <cstring>
#include <deque>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace floodtwin::twin {

namespace {

using Clock = std::chrono::steady_clock;

pid_t spawn(const ChildRun& run) {
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, run.log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&files, STDOUT_FILENO, STDERR_FILENO);
    std::vector<char*> argv;
    for (const std::string& a : run.argv) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    // A run given its member by its options, never by the job array its parent is in.
    std::vector<char*> env;
    for (char** e = environ; *e; ++e)
        if (std::strncmp(*e, "SLURM_ARRAY_TASK_ID=", 20) != 0) env.push_back(*e);
    env.push_back(nullptr);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, argv[0], &files, nullptr, argv.data(), env.data());
    posix_spawn_file_actions_destroy(&files);
    if (rc != 0)
        throw std::runtime_error(run.label + ": cannot start " + run.argv[0] + ": " + std::strerror(rc));
    return pid;
}

}  // namespace

pid_t start_child(const ChildRun& run) { return spawn(run); }

std::optional<int> child_exit(pid_t pid, bool block) {
    for (;;) {
        int status = 0;
        const pid_t got = waitpid(pid, &status, block ? 0 : WNOHANG);
        if (got == 0) return std::nullopt;
        if (got < 0) {
            if (errno == EINTR) continue;
            throw std::runtime_error("waiting for process " + std::to_string(pid) + ": " + std::strerror(errno));
        }
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
}

std::vector<ChildResult> run_children(const std::vector<ChildRun>& runs, int cores) {
    std::vector<ChildResult> results(runs.size());
    std::map<pid_t, std::pair<std::size_t, Clock::time_point>> running;
    std::size_t next = 0;
    int busy = 0;
    cores = std::max(1, cores);
    while (next < runs.size() || !running.empty()) {
        while (next < runs.size() && (running.empty() || busy + std::max(1, runs[next].cores) <= cores)) {
            running[spawn(runs[next])] = {next, Clock::now()};
            busy += std::max(1, runs[next].cores);
            ++next;
        }
        int status = 0;
        const pid_t pid = waitpid(-1, &status, 0);
        if (pid < 0) {
            if (errno == EINTR) continue;
            throw std::runtime_error(std::string("waiting for the plan runs: ") + std::strerror(errno));
        }
        const auto it = running.find(pid);
        if (it == running.end()) continue;
        ChildResult& r = results[it->second.first];
        busy -= std::max(1, runs[it->second.first].cores);
        r.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        r.wall_s = std::chrono::duration<double>(Clock::now() - it->second.second).count();
        running.erase(it);
    }
    return results;
}

std::string log_tail(const std::filesystem::path& log, int lines) {
    std::ifstream in(log);
    std::deque<std::string> last;
    std::string line;
    while (std::getline(in, line)) {
        // Progress lines overwrite themselves with \r: keep what shows last.
        if (const auto cr = line.rfind('\r'); cr != std::string::npos) line = line.substr(cr + 1);
        if (line.empty()) continue;
        last.push_back(line);
        if (static_cast<int>(last.size()) > lines) last.pop_front();
    }
    std::string out;
    for (const std::string& l : last) out += "\n    " + l;
    return out;
}

}  // namespace floodtwin::twin
