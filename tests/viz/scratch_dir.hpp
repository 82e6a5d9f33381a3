#pragma once
// A fresh empty folder per test case, removed with everything in it at scope exit, so
// tests can list what a writer left behind.
#include <atomic>
#include <filesystem>
#include <set>
#include <string>
#include <system_error>
#include <unistd.h>

namespace floodtwin::viz::testing {

class ScratchDir {
public:
    ScratchDir() {
        // pid and a counter: parallel ctest runs and several cases in one program.
        static std::atomic<int> counter{0};
        m_path = std::filesystem::temp_directory_path() /
                 ("floodtwin_viz_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        std::filesystem::remove_all(m_path);
        std::filesystem::create_directories(m_path);
        // Canonical, so paths built from it compare lexically even if TMPDIR is a link.
        m_path = std::filesystem::canonical(m_path);
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }

    // Names of the entries directly inside `folder` (default: the scratch folder).
    [[nodiscard]] std::set<std::string> entries(const std::filesystem::path& folder = {}) const {
        std::set<std::string> names;
        for (const auto& entry : std::filesystem::directory_iterator(folder.empty() ? m_path : folder))
            names.insert(entry.path().filename().string());
        return names;
    }

private:
    std::filesystem::path m_path;
};

}  // namespace floodtwin::viz::testing
