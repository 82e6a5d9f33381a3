#pragma once
// Reading back what a run wrote, for the tests of every part: whole files as text,
// JSON, and CSV rows (our outputs quote no commas).
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

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

inline std::vector<std::vector<std::string>> csv_rows(const std::filesystem::path& p) {
    std::vector<std::vector<std::string>> rows;
    std::ifstream in(p);
    for (std::string line; std::getline(in, line);) {
        std::vector<std::string> fields;
        std::stringstream s(line);
        for (std::string cell; std::getline(s, cell, ',');) fields.push_back(cell);
        rows.push_back(fields);
    }
    return rows;
}

}  // namespace floodtwin::testing
