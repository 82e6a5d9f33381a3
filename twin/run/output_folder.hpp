#pragma once
// The run's output folder, taken for the run: locked against a second run writing into
// it at the same time, and checked for the results of another run, which are never
// mixed with this one's (refused unless --overwrite, which removes them first).
#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace floodtwin::twin {

struct OutputFolderClaim {
    std::string case_name;
    std::map<std::string, std::string> fingerprints;  // of the case, by part (twin/run/run_state.hpp)
    bool resume = false;     // the run continues one of its own checkpoints: its results stay
    bool overwrite = false;  // --overwrite: another run's results are removed first
    // The checkpoint the run starts from (resume or hot start): never removed by overwrite.
    std::optional<std::filesystem::path> input_checkpoint;
};

class OutputFolder {
public:
    // Creates `dir`; takes its lock (a file .floodtwin.lock holding this process's id)
    // or throws std::runtime_error naming the process that holds it; a lock whose process
    // is gone is taken over. Then checks what the folder holds (.floodtwin-run.json, the
    // manifest of the run that wrote it, or outputs of floodtwin without one): another
    // run's results are refused unless `claim.overwrite`, which removes them; a resumed
    // run's folder must hold results of the same case (or none). Finally writes this
    // run's manifest.
    OutputFolder(std::filesystem::path dir, const OutputFolderClaim& claim);
    ~OutputFolder();  // releases the lock
    OutputFolder(const OutputFolder&) = delete;
    OutputFolder& operator=(const OutputFolder&) = delete;

    [[nodiscard]] const std::filesystem::path& dir() const { return m_dir; }
    [[nodiscard]] static const char* lock_name() { return ".floodtwin.lock"; }
    [[nodiscard]] static const char* manifest_name() { return ".floodtwin-run.json"; }

private:
    std::filesystem::path m_dir;
    std::filesystem::path m_lock;
};

}  // namespace floodtwin::twin
