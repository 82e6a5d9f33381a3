#pragma once
// Reading back what a run wrote, for the tests of every part: whole files as text,
// JSON, and CSV rows (RFC 4180, tests/support/csv_reader.hpp).
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/csv_reader.hpp"

namespace floodtwin::testing {

inline std::string read_text(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline nlohmann::json read_json(const std::filesystem::path& p) {
    std::ifstream in(p);
    return nlohmann::json::parse(in);
}

inline std::vector<std::vector<std::string>> csv_rows(const std::filesystem::path& p) { return read_csv(p); }

}  // namespace floodtwin::testing
