#pragma once
// A case file as TOML: parsed once, `key=value` overrides applied with the same dotted
// keys (AMReX habit), and its shape checked against the key registry: every top-level
// key a known table of the right kind, every key in it a known key, with a suggestion
// for what was probably meant. The entries are read from it by twin/case/case_entries.hpp.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <toml++/toml.h>

#include "twin/case/case_errors.hpp"

namespace floodtwin::twin {

class CaseDocument {
public:
    // Parses `file`; throws CaseError when it is missing or not valid TOML.
    explicit CaseDocument(const std::filesystem::path& file);

    // "hydro.cfl=0.8", "boundary[0].kind=free" (see load_case); throws CaseError.
    void apply_override(const std::string& text);
    // The [[plan]] named `name` (twin/case/fourpre_case.hpp): its `set` overrides applied,
    // its [[plan.rule]], [[plan.breach]] and [[plan.detention]] entries appended to the
    // case's tables. Throws CaseError naming the plans there are when none has the name.
    void apply_plan(const std::string& name);
    // Throws CaseError at the first unknown or misshapen key.
    void check_structure() const;

    [[nodiscard]] const toml::table& root() const { return m_root; }
    // The value written for `name` in [table] (index: in the index-th [[table]]), or null:
    // for messages about a value once the whole case is read.
    [[nodiscard]] const toml::node* find(std::string_view table, std::optional<std::size_t> index,
                                         std::string_view name) const;
    [[nodiscard]] const CaseErrors& errors() const { return m_errors; }
    // The case file's folder, absolute: relative paths are resolved against it.
    [[nodiscard]] const std::filesystem::path& dir() const { return m_dir; }

private:
    void check_keys(std::string_view table, std::optional<std::size_t> index, const toml::table& tbl) const;

    CaseErrors m_errors;
    std::filesystem::path m_dir;
    toml::table m_root;
};

}  // namespace floodtwin::twin
