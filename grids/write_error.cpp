#include "grids/write_error.hpp"

#include <sys/statvfs.h>

#include <atomic>
#include <cerrno>
#include <cstring>

namespace floodtwin::grids {

namespace {

// Below this a file system counts as full: a failed write there is, in all likelihood,
// for want of space, even when the library does not pass ENOSPC on.
constexpr std::uintmax_t k_full_below_bytes = std::uintmax_t{1} << 20;

std::atomic<bool> g_disk_full{false};

}  // namespace

bool disk_full_seen() { return g_disk_full; }

std::optional<std::uintmax_t> free_bytes(const std::filesystem::path& path) {
    std::filesystem::path folder = path;
    std::error_code ec;
    while (!folder.empty() && !std::filesystem::is_directory(folder, ec)) folder = folder.parent_path();
    if (folder.empty()) folder = ".";
    struct statvfs s {};
    if (::statvfs(folder.c_str(), &s) != 0) return std::nullopt;
    return static_cast<std::uintmax_t>(s.f_bavail) * static_cast<std::uintmax_t>(s.f_frsize);
}

bool out_of_space(const std::filesystem::path& path, int errno_value) {
    if (errno_value == ENOSPC || errno_value == EDQUOT) return true;
    const auto free = free_bytes(path);
    return free && *free < k_full_below_bytes;
}

void throw_write_error(const std::filesystem::path& file, const std::string& why, int errno_value) {
    const auto free = free_bytes(file);
    const bool full = out_of_space(file, errno_value);
    std::string reason = why;
    if (full) {
        g_disk_full = true;
        reason = "no space left on device";
        if (free) reason += " (" + std::to_string(*free) + " bytes free)";
        if (!why.empty()) reason += "; " + why;
    } else if (errno_value != 0) {
        reason += (reason.empty() ? "" : ": ") + std::string(std::strerror(errno_value));
    }
    throw WriteError("cannot write " + file.string() + ": " + reason, full);
}

}  // namespace floodtwin::grids
