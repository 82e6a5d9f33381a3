#pragma once
// Outputs are written under a temporary name beside the target and renamed when
// complete, so a killed run never leaves a truncated file under a final name.
#include <filesystem>
#include <string>

namespace floodtwin::grids {

class AtomicFile {
public:
    explicit AtomicFile(std::filesystem::path target);
    ~AtomicFile();  // removes the temporary file if commit() was not reached
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    // Where the writer should write: same folder as the target, so rename is atomic.
    [[nodiscard]] const std::filesystem::path& temporary() const { return m_tmp; }
    [[nodiscard]] const std::filesystem::path& target() const { return m_target; }
    // Renames the temporary file onto the target; throws std::runtime_error naming both.
    void commit();

private:
    std::filesystem::path m_target;
    std::filesystem::path m_tmp;
    bool m_committed = false;
};

// Writes `text` to `target` through an AtomicFile.
void write_text_atomic(const std::filesystem::path& target, const std::string& text);

}  // namespace floodtwin::grids
