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
#include "twin/case/case_keys.hpp"

namespace floodtwin::twin {

// A key as `--set` names it, against the registry: "hydro.cfl", "boundary[2].kind", an
// element of a list "joint[0].tiers[1]", a key of a table of a table
// "optimise.variable[0].min".
struct CaseKeyPath {
    std::string text;                    // as written
    std::string table, name;             // "joint", "tiers"; "optimise.variable", "min"
    std::optional<std::size_t> index;    // of the [[table]] entry
    std::optional<std::size_t> element;  // of the list
    const CaseKey* key = nullptr;        // its definition
};

// Throws CaseError, as an override would, for a key of the wrong form, an unknown one
// (with the nearest known key), an index where none belongs or an element of a key that
// is not a list; `label` says where the text comes from ("override 'x=1'").
[[nodiscard]] CaseKeyPath parse_case_key(const std::string& text, const std::string& label);

class CaseDocument {
public:
    // Parses `file`; throws CaseError when it is missing or not valid TOML.
    explicit CaseDocument(const std::filesystem::path& file);

    // "hydro.cfl=0.8", "boundary[0].kind=free", "joint[0].tiers[1]=2" (see load_case);
    // throws CaseError. An element may be set only of a list written in the case.
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
    // The value written (or overridden) at `key`; null when it is not there.
    [[nodiscard]] const toml::node* value_at(const CaseKeyPath& key) const;
    // [table], [[table]] or a table of a table ("optimise.variable"); null when absent.
    [[nodiscard]] const toml::node* table_node(std::string_view table) const;
    [[nodiscard]] const CaseErrors& errors() const { return m_errors; }
    // The case file's folder, absolute: relative paths are resolved against it.
    [[nodiscard]] const std::filesystem::path& dir() const { return m_dir; }

private:
    void check_table(const CaseTable& table, const toml::node& node) const;
    void check_keys(std::string_view table, std::optional<std::size_t> index, const toml::table& tbl) const;

    CaseErrors m_errors;
    std::filesystem::path m_dir;
    toml::table m_root;
};

}  // namespace floodtwin::twin
