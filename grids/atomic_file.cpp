#include "grids/atomic_file.hpp"

#include <fstream>
#include <stdexcept>
#include <system_error>
#include <unistd.h>

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
    {
        std::ofstream out(file.temporary(), std::ios::binary);
        out << text;
        out.flush();
        if (!out) throw std::runtime_error("cannot write " + file.temporary().string());
    }
    file.commit();
}

}  // namespace floodtwin::grids
