#include "twin/ensemble/ensemble_job.hpp"

#include "grids/atomic_file.hpp"

namespace floodtwin::twin {

namespace {

constexpr int job_tag = 13;

// The job as whole numbers: members, threads, at once, then each text's characters
// ended by 0 (the folder, then the command).
std::vector<long> encoded(const EnsembleRunOptions& o) {
    std::vector<long> v = {o.members, o.threads, o.at_once};
    const auto add = [&](const std::string& s) {
        for (const char ch : s) v.push_back(static_cast<unsigned char>(ch));
        v.push_back(0);
    };
    add(o.out_dir.string());
    for (const std::string& a : o.run_argv) add(a);
    return v;
}

EnsembleRunOptions decoded(const std::vector<long>& v) {
    EnsembleRunOptions o;
    o.members = static_cast<int>(v.at(0));
    o.threads = static_cast<int>(v.at(1));
    o.at_once = static_cast<int>(v.at(2));
    o.quiet = true;
    std::vector<std::string> texts(1);
    for (std::size_t k = 3; k < v.size(); ++k) {
        if (v[k] == 0) texts.emplace_back();
        else texts.back().push_back(static_cast<char>(v[k]));
    }
    texts.pop_back();  // after the last 0
    o.out_dir = texts.at(0);
    o.run_argv.assign(texts.begin() + 1, texts.end());
    return o;
}

}  // namespace

std::optional<EnsembleProducts> run_ensemble_job(const EnsembleJob& job, const MpiTeam& team) {
    const std::vector<MemberRun> runs = run_members(job.run, team);
    if (team.rank() != 0) return std::nullopt;
    grids::write_text_atomic(job.run.out_dir / "ensemble_runs.json",
                             nlohmann::json{{"command_line", job.command_line},
                                            {"ranks", team.size()},
                                            {"threads_per_member", job.run.threads},
                                            {"members_at_once_per_rank", job.run.at_once},
                                            {"members", member_runs_json(runs)}}
                                     .dump(2) + "\n");
    EnsembleReduceOptions r;
    r.dir = job.run.out_dir;
    r.members = job.run.members;
    r.draw_map = job.draw_map;
    r.updates = job.updates;
    r.issue_s = job.issue_s;
    r.command_line = job.command_line;
    r.quiet = job.run.quiet;
    return reduce_ensemble(r);
}

void share_ensemble_job(const MpiTeam& team, const EnsembleRunOptions* job) {
    if (!team.started() || team.rank() != 0) return;
    const std::vector<long> message = job ? encoded(*job) : std::vector<long>{};
    for (int r = 1; r < team.size(); ++r) team.send(r, job_tag, message);
}

std::optional<EnsembleRunOptions> receive_ensemble_job(const MpiTeam& team) {
    const std::vector<long> message = team.receive_from(0, job_tag);
    if (message.empty()) return std::nullopt;
    return decoded(message);
}

std::string ensemble_how(const EnsembleRunOptions& run, const MpiTeam& team) {
    const std::string threads = std::to_string(run.threads) + (run.threads == 1 ? " thread" : " threads") + " each";
    if (team.started())
        return std::to_string(run.members) + " members on " + std::to_string(team.size()) + " MPI rank(s), " + threads;
    return std::to_string(run.members) + " members, " + std::to_string(run.at_once) + " at once, " + threads;
}

}  // namespace floodtwin::twin
