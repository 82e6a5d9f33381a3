#pragma once
// A ParaView data collection (.pvd): one XML file listing a run's .vti frames with
// their times, so ParaView opens the whole run as one time series.
#include <filesystem>
#include <cstddef>
#include <map>
#include <string>

namespace floodtwin::viz {

class PvdCollection {
public:
    explicit PvdCollection(std::filesystem::path pvd_path);

    // Adds a frame at time_s (seconds since the run's start). vti_path is given as the
    // caller would open it (absolute or relative to the working directory) and is
    // stored relative to the .pvd's folder, so the run folder can be moved as a whole.
    // A second frame at the same time replaces the first (a rerun from a checkpoint
    // rewrites its frames). Throws std::invalid_argument for a non-finite time.
    void add(double time_s, const std::filesystem::path& vti_path);

    // Writes the collection atomically, frames in time order; call it after each add()
    // to keep a running simulation viewable. Throws std::runtime_error on failure.
    void write() const;

    [[nodiscard]] const std::filesystem::path& path() const { return m_pvd_path; }
    [[nodiscard]] std::size_t size() const { return m_frames.size(); }

private:
    std::filesystem::path m_pvd_path;
    std::map<double, std::string> m_frames;  // time_s -> file relative to the .pvd's folder
};

}  // namespace floodtwin::viz
