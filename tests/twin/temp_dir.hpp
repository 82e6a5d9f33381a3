#pragma once
// A fresh folder per test under the system's temporary folder, removed with everything
// in it at the end: for the case files and outputs of the twin tests.
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>

namespace floodtwin::testing {

class TempDir {
public:
    explicit TempDir(const std::string& tag = "twin") {
        static std::atomic<int> counter{0};
        m_path = std::filesystem::temp_directory_path() /
                 ("floodtwin_" + tag + "_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        std::filesystem::remove_all(m_path);
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }
    // Writes `text` to a file in the folder (a case file by default) and returns its path.
    [[nodiscard]] std::filesystem::path write(const std::string& text, const std::string& name = "case.toml") const {
        const std::filesystem::path p = m_path / name;
        std::ofstream(p) << text;
        return p;
    }

private:
    std::filesystem::path m_path;
};

}  // namespace floodtwin::testing
