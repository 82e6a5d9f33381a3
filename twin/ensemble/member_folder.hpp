#pragma once
// Where an ensemble keeps its members: OUT/members/0007/ (member 7: a complete run
// folder) with its log OUT/members/0007.log. The reduce finds members there.
#include <cstdio>
#include <filesystem>
#include <string>

namespace floodtwin::twin {

[[nodiscard]] inline std::string member_name(int k) {
    char name[16];
    std::snprintf(name, sizeof name, "%04d", k);
    return name;
}

[[nodiscard]] inline std::filesystem::path member_dir(const std::filesystem::path& ensemble_dir, int k) {
    return ensemble_dir / "members" / member_name(k);
}

}  // namespace floodtwin::twin
