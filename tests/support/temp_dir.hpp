#pragma once
// A fresh folder per test under the system's temporary folder, removed with everything
// in it when it goes out of scope, whether the checks in between passed or failed (a
// failed BOOST_TEST does not unwind, a BOOST_REQUIRE does: both end in the destructor).
// Named by a tag, the process id and a counter, so that parallel ctest runs and several
// folders in one test never meet.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <system_error>

namespace floodtwin::testing {

class TempDir {
public:
    explicit TempDir(const std::string& tag = "test") {
        static std::atomic<int> counter{0};
        m_path = std::filesystem::temp_directory_path() /
                 ("floodtwin_" + tag + "_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        std::filesystem::remove_all(m_path);
        std::filesystem::create_directories(m_path);
        // Canonical, so paths built from it compare lexically even if TMPDIR is a link.
        m_path = std::filesystem::canonical(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }
    [[nodiscard]] std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

    // Writes `text` to `name` in the folder (sub-folders made as needed); returns its path.
    std::filesystem::path write(const std::string& name, const std::string& text) const {
        const std::filesystem::path p = m_path / name;
        std::filesystem::create_directories(p.parent_path());
        std::ofstream(p, std::ios::binary) << text;
        return p;
    }

    // Names of the entries directly inside `folder` (default: this folder).
    [[nodiscard]] std::set<std::string> entries(const std::filesystem::path& folder = {}) const {
        std::set<std::string> names;
        for (const auto& entry : std::filesystem::directory_iterator(folder.empty() ? m_path : folder))
            names.insert(entry.path().filename().string());
        return names;
    }

private:
    std::filesystem::path m_path;
};

}  // namespace floodtwin::testing
