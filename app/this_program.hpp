#pragma once
// This program, to start runs with: /proc/self/exe, which stays right when the command
// was found on PATH or through a relative name.
#include <filesystem>
#include <stdexcept>
#include <system_error>

namespace floodtwin::app {

inline std::filesystem::path this_program() {
    std::error_code ec;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (ec) throw std::runtime_error("cannot find this program (/proc/self/exe): " + ec.message());
    return self;
}

}  // namespace floodtwin::app
