#include "twin/ensemble/ensemble_runner.hpp"

#include <chrono>
#include <cstdio>
#include <deque>
#include <fstream>
#include <map>
#include <thread>

#include "twin/ensemble/member_folder.hpp"
#include "twin/fourpre/plan_processes.hpp"

namespace floodtwin::twin {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Tags: a rank asking for work (with the result of its last member), rank 0's answer.
constexpr int ask_tag = 11, work_tag = 12;
constexpr long no_more = -1;

ChildRun member_child(const EnsembleRunOptions& o, int k) {
    ChildRun c;
    c.label = "member " + std::to_string(k);
    c.argv = o.run_argv;
    c.argv.insert(c.argv.end(), {"--out", o.out_dir.string(), "--member", std::to_string(k), "--threads",
                                 std::to_string(o.threads), "--overwrite", "--quiet"});
    c.log = o.out_dir / "members" / (member_name(k) + ".log");
    c.cores = o.threads;
    return c;
}

// Runs member k here to its end: its exit status and wall time.
std::pair<int, double> run_here(const EnsembleRunOptions& o, int k) {
    const auto t0 = Clock::now();
    const pid_t pid = start_child(member_child(o, k));
    const int status = *child_exit(pid, true);
    return {status, std::chrono::duration<double>(Clock::now() - t0).count()};
}

void say(const EnsembleRunOptions& o, const std::string& text) {
    if (!o.quiet) std::fprintf(stderr, "floodtwin ensemble: %s\n", text.c_str());
}

// Rank 0: the queue, its own members, and the answers to the other ranks.
class Dispatcher {
public:
    Dispatcher(const EnsembleRunOptions& o, const MpiTeam& team) : m_o(o), m_team(team), m_runs(o.members) {
        for (int k = 0; k < o.members; ++k) {
            m_runs[k].member = k;
            if (member_complete(o.out_dir, k)) continue;  // kept from an earlier run
            m_queue.push_back(k);
        }
        const std::size_t kept = o.members - m_queue.size();
        if (kept) say(o, std::to_string(kept) + " member(s) already complete in " + o.out_dir.string() + ": kept");
    }

    std::vector<MemberRun> run() {
        while (!m_queue.empty() || !m_local.empty() || m_busy_ranks > 0) {
            while (!m_queue.empty() && static_cast<int>(m_local.size()) < m_o.at_once) start_local();
            bool progressed = reap_local();
            if (m_team.started()) progressed = serve_ranks() || progressed;
            if (!progressed) std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        for (const int r : m_idle_ranks) m_team.send(r, work_tag, {no_more});
        // Ranks that never asked yet (more ranks than members) still wait for an answer.
        while (m_team.started() && m_released + 1 < m_team.size()) {
            if (auto ask = m_team.poll(ask_tag)) {
                record(ask->second, ask->first);
                m_team.send(ask->first, work_tag, {no_more});
                ++m_released;
            } else {
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        }
        return m_runs;
    }

private:
    void start_local() {
        const int k = m_queue.front();
        m_queue.pop_front();
        m_local[start_child(member_child(m_o, k))] = {k, Clock::now()};
    }

    bool reap_local() {
        bool any = false;
        for (auto it = m_local.begin(); it != m_local.end();) {
            if (const auto status = child_exit(it->first, false)) {
                finished(it->second.first, *status, std::chrono::duration<double>(Clock::now() - it->second.second).count(), 0);
                it = m_local.erase(it);
                any = true;
            } else {
                ++it;
            }
        }
        return any;
    }

    // A rank's ask: {member just run or -1, its exit status, its wall time in ms}.
    void record(const std::vector<long>& ask, int rank) {
        if (ask.size() == 3 && ask[0] >= 0) {
            finished(static_cast<int>(ask[0]), static_cast<int>(ask[1]), static_cast<double>(ask[2]) / 1000.0, rank);
            --m_busy_ranks;
        }
    }

    bool serve_ranks() {
        bool any = false;
        while (auto ask = m_team.poll(ask_tag)) {
            any = true;
            record(ask->second, ask->first);
            m_idle_ranks.push_back(ask->first);
        }
        while (!m_idle_ranks.empty() && !m_queue.empty()) {
            const int rank = m_idle_ranks.front();
            m_idle_ranks.pop_front();
            m_team.send(rank, work_tag, {m_queue.front()});
            m_queue.pop_front();
            ++m_busy_ranks;
            any = true;
        }
        // Nothing left to hand out and nothing running that could fail and come back.
        if (m_queue.empty() && m_local.empty() && m_busy_ranks == 0) {
            for (const int r : m_idle_ranks) {
                m_team.send(r, work_tag, {no_more});
                ++m_released;
            }
            m_idle_ranks.clear();
        }
        return any;
    }

    void finished(int k, int status, double wall_s, int rank) {
        MemberRun& r = m_runs[k];
        r.attempts += 1;
        r.exit_status = status;
        r.wall_s = wall_s;
        r.rank = rank;
        const std::string where = m_team.started() ? " on rank " + std::to_string(rank) : "";
        if (status == 0) {
            say(m_o, "member " + std::to_string(k) + " done" + where + " (" + std::to_string(static_cast<int>(wall_s)) + " s)");
            return;
        }
        r.failed_statuses.push_back(status);
        const std::string log = (m_o.out_dir / "members" / (member_name(k) + ".log")).string();
        const std::string why = status > 128 ? "killed by signal " + std::to_string(status - 128)
                                             : "exit status " + std::to_string(status);
        if (r.attempts < 2) {
            say(m_o, "member " + std::to_string(k) + " failed" + where + " (" + why + "; log " + log + "): run once more");
            m_queue.push_back(k);
        } else {
            say(m_o, "member " + std::to_string(k) + " failed twice (" + why + "; log " + log +
                         "): left out of the products");
        }
    }

    const EnsembleRunOptions& m_o;
    const MpiTeam& m_team;
    std::vector<MemberRun> m_runs;
    std::deque<int> m_queue;
    std::map<pid_t, std::pair<int, Clock::time_point>> m_local;
    std::deque<int> m_idle_ranks;
    int m_busy_ranks = 0, m_released = 0;
};

// Any other rank: ask, run, report, until told there is no more.
void serve_as_worker(const EnsembleRunOptions& o, const MpiTeam& team) {
    std::vector<long> last = {no_more, 0, 0};
    for (;;) {
        team.send(0, ask_tag, last);
        const std::vector<long> work = team.receive_from(0, work_tag);
        if (work.empty() || work[0] == no_more) return;
        const int k = static_cast<int>(work[0]);
        const auto [status, wall] = run_here(o, k);
        last = {k, status, static_cast<long>(wall * 1000.0)};
    }
}

}  // namespace

bool member_complete(const fs::path& out_dir, int k) {
    const fs::path summary = member_dir(out_dir, k) / "summary.json";
    if (!fs::exists(summary)) return false;
    try {
        std::ifstream in(summary);
        const nlohmann::json j = nlohmann::json::parse(in);
        return j.value("completed", false) && j.contains("member") && j["member"].value("member", -1) == k;
    } catch (const std::exception&) {
        return false;  // unreadable: run it again
    }
}

std::vector<MemberRun> run_members(const EnsembleRunOptions& o, const MpiTeam& team) {
    fs::create_directories(o.out_dir / "members");
    if (team.rank() != 0) {
        serve_as_worker(o, team);
        return {};
    }
    return Dispatcher(o, team).run();
}

nlohmann::json member_runs_json(const std::vector<MemberRun>& runs) {
    nlohmann::json list = nlohmann::json::array();
    for (const MemberRun& r : runs)
        list.push_back({{"member", r.member},
                        {"complete", r.complete()},
                        {"attempts", r.attempts},
                        {"kept_from_earlier_run", r.attempts == 0},
                        {"exit_status", r.exit_status},
                        {"failed_exit_statuses", r.failed_statuses},
                        {"wall_s", r.wall_s},
                        {"rank", r.rank}});
    return list;
}

}  // namespace floodtwin::twin
