#pragma once
// Reading a case file (docs/case-file.md) into a `Case`: TOML parsed once, `key=value`
// overrides applied with the same dotted keys (AMReX habit), every key checked and
// converted from its one definition in twin/case/case_keys.cpp.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "twin/case/case.hpp"
#include "twin/case/case_keys.hpp"

namespace floodtwin::twin {

// What is wrong with a case, in words that name the file, the key (dotted, with [index]
// for repeated tables: "boundary[1].discharge") and the line where that is known:
//   "case.toml line 12: hydro.cfl: expected a number, got a string"
//   "unknown key 'hydro.shceme' in case.toml line 12; did you mean 'hydro.scheme'?"
class CaseError : public std::runtime_error {
public:
    CaseError(const std::string& message, std::string key = {}, std::optional<std::size_t> line = {})
        : std::runtime_error(message), m_key(std::move(key)), m_line(line) {}
    // The dotted key at fault ("" when the whole file is: not found, bad TOML).
    [[nodiscard]] const std::string& key() const { return m_key; }
    // The line in the case file, when the error is about a value written there.
    [[nodiscard]] std::optional<std::size_t> line() const { return m_line; }

private:
    std::string m_key;
    std::optional<std::size_t> m_line;
};

// Reads, checks and converts `file`, after applying `overrides` in order:
// "hydro.scheme=fv1", "hydro.cfl=0.8", "output.map_interval=30min", "boundary[0].kind=free".
// An override's value is read as a TOML value ("0.8", "true", "[[0, 1.0]]"); a bare word
// that is not valid TOML, or any value of a key that takes text, is taken as text.
// Paths are resolved against the case file's folder; units converted to SI. Rasters
// and the DEM are not opened here (only checked to exist): see twin/setup/case_setup.hpp.
// With `plan`, the [[plan]] of that name is applied first: its `set` overrides, then its
// [[plan.rule]], [[plan.breach]] and [[plan.detention]] entries added to the case's.
// Throws CaseError.
Case load_case(const std::filesystem::path& file, const std::vector<std::string>& overrides = {},
               const std::string& plan = {});

}  // namespace floodtwin::twin
