#include "twin/run/output_folder.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <system_error>
#include <vector>

#include "grids/atomic_file.hpp"

namespace floodtwin::twin {

namespace {

namespace fs = std::filesystem;

// Everything a run writes into its folder (twin/run/run_outputs.cpp, the network's
// files, the maps, the checkpoints): what --overwrite removes, and what tells that a
// folder holds results when it has no manifest.
const std::vector<std::string>& run_outputs() {
    static const std::vector<std::string> names = {
        "results.nc",          "max_depth.tif",         "arrival_time.tif", "gauges.csv",
        "mass_balance.csv",    "summary.json",          "hydrographs.csv",  "reservoirs.csv",
        "dispatch_log.csv",    "dispatch_summary.json", "backwater_table.csv", "max_depth.png",
        "arrival_time.png",    "max_depth_3d.png",      "flood.mp4",        "checkpoints"};
    return names;
}

std::string host_name() {
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0) return "?";
    return name;
}

bool process_alive(long pid) { return pid > 0 && (::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM); }

// Takes the lock, or says who holds it. A lock of a process that is gone (killed) is
// stale and taken over; one written on another host cannot be checked from here.
void take_lock(const fs::path& lock) {
    for (int attempt = 0; attempt < 2; ++attempt) {
        const int fd = ::open(lock.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0644);
        if (fd >= 0) {
            const std::string text = std::to_string(::getpid()) + "\n" + host_name() + "\n";
            const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
            ::close(fd);
            if (!ok) throw std::runtime_error("cannot write the lock file " + lock.string());
            return;
        }
        if (errno != EEXIST)
            throw std::runtime_error("cannot create the lock file " + lock.string() + ": " + std::strerror(errno));
        long pid = 0;
        std::string host;
        std::ifstream in(lock);
        in >> pid >> host;
        if (host == host_name() && !process_alive(pid)) {
            std::error_code ec;
            fs::remove(lock, ec);  // stale: its process is gone
            continue;
        }
        throw std::runtime_error("output folder " + lock.parent_path().string() +
                                 " is in use by another floodtwin run (process " + std::to_string(pid) + " on " +
                                 (host.empty() ? "?" : host) + ", lock file " + lock.string() +
                                 "); wait for it to end, or give another --out" +
                                 (host != host_name() ? " (if that run is gone, remove the lock file)" : ""));
    }
    throw std::runtime_error("cannot take the lock file " + lock.string());
}

// What the folder holds: the manifest of the run that wrote it, if any.
std::optional<nlohmann::json> read_manifest(const fs::path& dir) {
    const fs::path p = dir / OutputFolder::manifest_name();
    std::ifstream in(p);
    if (!in) return std::nullopt;
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception&) {
        return nlohmann::json::object();  // unreadable: results of an unknown run
    }
}

// Whether `dir` holds a run's results. The summary of a run that stopped before it
// wrote anything else (an input refused at its start) does not count: the folder is
// free for the corrected run.
bool holds_outputs(const fs::path& dir) {
    std::error_code ec;
    for (const std::string& name : run_outputs()) {
        if (!fs::exists(dir / name, ec)) continue;
        if (name != "summary.json") return true;
        std::ifstream in(dir / name);
        const nlohmann::json summary = nlohmann::json::parse(in, nullptr, false);
        if (summary.is_discarded() || summary.value("completed", true)) return true;
    }
    return false;
}

bool inside(const fs::path& file, const fs::path& dir) {
    const fs::path f = fs::weakly_canonical(file), d = fs::weakly_canonical(dir);
    const auto mismatch = std::mismatch(d.begin(), d.end(), f.begin(), f.end());
    return mismatch.first == d.end();
}

std::string described(const std::optional<nlohmann::json>& manifest) {
    if (manifest && manifest->contains("case")) return "case '" + (*manifest)["case"].get<std::string>() + "'";
    return "a run whose case is not recorded";
}

}  // namespace

OutputFolder::OutputFolder(fs::path dir, const OutputFolderClaim& claim)
    : m_dir(std::move(dir)), m_lock(m_dir / lock_name()) {
    fs::create_directories(m_dir);
    take_lock(m_lock);
    try {
        const auto manifest = read_manifest(m_dir);  // says whose results they are
        const bool results = holds_outputs(m_dir);
        const bool same_case = manifest && manifest->value("case", "") == claim.case_name &&
                               manifest->value("fingerprints", nlohmann::json::object()) == nlohmann::json(claim.fingerprints);
        if (results && claim.overwrite) {
            if (claim.input_checkpoint && inside(*claim.input_checkpoint, m_dir))
                throw std::runtime_error("--overwrite would remove " + claim.input_checkpoint->string() +
                                         ", the checkpoint this run starts from: give another --out");
            std::error_code ec;
            for (const std::string& name : run_outputs()) fs::remove_all(m_dir / name, ec);
            fs::remove(m_dir / manifest_name(), ec);
        } else if (results && !(claim.resume && (same_case || !manifest))) {
            throw std::runtime_error("output folder " + m_dir.string() + " holds the results of " +
                                     described(manifest) + "; give --overwrite to replace them" +
                                     (claim.resume ? "" : ", --resume to continue that run,") +
                                     " or another --out: the results of two runs are never mixed");
        }
        const nlohmann::json mine = {{"case", claim.case_name}, {"fingerprints", claim.fingerprints}};
        grids::write_text_atomic(m_dir / manifest_name(), mine.dump(2) + "\n");
    } catch (...) {
        std::error_code ec;
        fs::remove(m_lock, ec);
        throw;
    }
}

OutputFolder::~OutputFolder() {
    std::error_code ec;
    fs::remove(m_lock, ec);
}

}  // namespace floodtwin::twin
