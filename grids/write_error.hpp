#pragma once
// A failed write of an output, told apart from bad input: the message names the file
// and, when the file system is full, says so ("no space left on device"), whatever
// the library that failed said (HDF5 reports a full disk as "HDF error").
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

namespace floodtwin::grids {

class WriteError : public std::runtime_error {
public:
    WriteError(const std::string& message, bool disk_full) : std::runtime_error(message), m_disk_full(disk_full) {}
    // The file system of the file had (almost) no space left when the write failed.
    [[nodiscard]] bool disk_full() const { return m_disk_full; }

private:
    bool m_disk_full;
};

// Bytes an unprivileged writer may still use on the file system that holds `path` (a
// file or a folder; the nearest existing folder above it is asked); nullopt if unknown.
[[nodiscard]] std::optional<std::uintmax_t> free_bytes(const std::filesystem::path& path);

// Whether a write into `path` that failed with `errno_value` failed for want of space:
// ENOSPC or EDQUOT, or less than 1 MiB left on the file system.
[[nodiscard]] bool out_of_space(const std::filesystem::path& path, int errno_value);

// Whether a write of this process failed for want of space (throw_write_error said so).
// HDF5 then cannot let go of the files it has open, and both nc_abort and its clean-up at
// exit crash on them (HDF5 1.10: H5F__close_cb, H5G_rootof): NetcdfWriter then gives its
// files up without closing them, and the program ends with _exit (app/main.cpp).
[[nodiscard]] bool disk_full_seen();

// Throws WriteError "cannot write <file>: <why>" for a write of `file` that failed with
// `why` (the library's words). When `errno_value` is ENOSPC or EDQUOT, or the file system
// has less than 1 MiB free, `why` becomes "no space left on device (<n> bytes free)".
[[noreturn]] void throw_write_error(const std::filesystem::path& file, const std::string& why, int errno_value = 0);

}  // namespace floodtwin::grids
