#pragma once
// Case-file values checked and converted by their key's type (twin/case/case_keys.hpp):
// numbers within their range, existing paths, instants, durations, series inline or
// from CSV, boxes and lines, tables, lists, levels by date; all in SI units.
#include <array>
#include <filesystem>
#include <string>
#include <string_view>
#include <toml++/toml.h>
#include <variant>
#include <vector>

#include "twin/case/case.hpp"
#include "twin/case/case_errors.hpp"
#include "twin/case/case_keys.hpp"

namespace floodtwin::twin {

// What each CaseValueType becomes once converted.
using NumberTable = std::vector<std::vector<double>>;  // table
using TextList = std::vector<std::string>;             // text_list
using NumberList = std::vector<double>;                // numbers
using DateLevels = std::vector<DateLevel>;             // date_levels
using CaseValue = std::variant<std::monostate, std::string, double, bool, Instant, std::filesystem::path,
                               hydro::TimeSeries, std::array<double, 4>, NumberTable, TextList, NumberList, DateLevels>;

class ValueConverter {
public:
    // Relative paths are resolved against `dir`, the case file's folder.
    ValueConverter(const CaseErrors& errors, std::filesystem::path dir) : m_errors(errors), m_dir(std::move(dir)) {}

    // Series times written as date-times count from case.start: set once [case] is read.
    void set_start(const Instant& start) { m_start = start; }

    // `n`, written for key `k` at the dotted `key` ("boundary[0].discharge"), checked and
    // converted; throws CaseError naming the key and the line.
    [[nodiscard]] CaseValue convert(const CaseKey& k, const std::string& key, const toml::node& n) const;

private:
    double number(const CaseKey& k, const std::string& key, const toml::node& n) const;
    std::filesystem::path existing_path(const std::string& key, const toml::node& n) const;
    Instant instant(const std::string& key, const toml::node& n) const;
    double duration(const CaseKey& k, const std::string& key, const toml::node& n) const;
    double series_time(const std::string& key, const toml::node& n) const;
    hydro::TimeSeries series(const CaseKey& k, const std::string& key, const toml::node& n) const;
    hydro::TimeSeries series_csv(const CaseKey& k, const std::string& key, const toml::node& n) const;
    hydro::TimeSeries series_points(const CaseKey& k, const std::string& key, const toml::array& points) const;
    double coordinate(const CaseKey& k, const std::string& key, const toml::node& n) const;
    std::array<double, 4> bbox(const CaseKey& k, const std::string& key, const toml::node& n) const;
    std::array<double, 4> line(const CaseKey& k, const std::string& key, const toml::node& n) const;
    NumberTable table(const CaseKey& k, const std::string& key, const toml::node& n) const;
    TextList text_list(const CaseKey& k, const std::string& key, const toml::node& n) const;
    NumberList numbers(const CaseKey& k, const std::string& key, const toml::node& n) const;
    DateLevels date_levels(const CaseKey& k, const std::string& key, const toml::node& n) const;
    DateLevel date_level(const CaseKey& k, const std::string& key, const toml::node& row,
                         const DateLevels& before) const;
    [[noreturn]] void wrong_type(const CaseKey& k, const std::string& key, const toml::node& n) const;

    const CaseErrors& m_errors;
    std::filesystem::path m_dir;
    Instant m_start;
};

}  // namespace floodtwin::twin
