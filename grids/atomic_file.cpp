#include "grids/atomic_file.hpp"

#include <cerrno>
#include <cstdio>
#include <stdexcept>
#include <system_error>
#include <unistd.h>

#include "grids/write_error.hpp"

namespace floodtwin::grids {

AtomicFile::AtomicFile(std::filesystem::path target) : m_target(std::move(target)) {
    if (m_target.has_parent_path()) std::filesystem::create_directories(m_target.parent_path());
    // The process id keeps two runs writing into one folder from sharing a temporary.
    m_tmp = m_target;
    m_tmp += ".tmp" + std::to_string(::getpid());
}

AtomicFile::~AtomicFile() {
    if (!m_committed) {
        std::error_code ec;
        std::filesystem::remove(m_tmp, ec);
    }
}

void AtomicFile::commit() {
    std::error_code ec;
    std::filesystem::rename(m_tmp, m_target, ec);
    if (ec)
        throw std::runtime_error("cannot move " + m_tmp.string() + " to " + m_target.string() + ": " + ec.message());
    m_committed = true;
}

void write_text_atomic(const std::filesystem::path& target, const std::string& text) {
    AtomicFile file(target);
    // stdio rather than a stream: a failed write or close leaves its errno (ENOSPC).
    std::FILE* out = std::fopen(file.temporary().c_str(), "wb");
    if (!out) throw_write_error(target, "cannot create " + file.temporary().string(), errno);
    const bool written = std::fwrite(text.data(), 1, text.size(), out) == text.size();
    int err = written ? 0 : errno;
    if (std::fclose(out) != 0 && err == 0) err = errno;
    if (!written || err != 0) throw_write_error(target, "", err);
    file.commit();
}

}  // namespace floodtwin::grids
