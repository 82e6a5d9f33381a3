#pragma once
// Where a value of a case file was written, and the CaseError that says so:
//   "case.toml line 12: hydro.cfl: expected a number, got a string"
// One place for the readers of the document, its entries and its values.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <toml++/toml.h>

namespace floodtwin::twin {

class CaseErrors {
public:
    explicit CaseErrors(std::string file) : m_file(std::move(file)) {}
    [[nodiscard]] const std::string& file() const { return m_file; }

    // "case.toml line 12"; "case.toml" for a node an override made (it has no line);
    // "case.toml, override 'hydro.cfl=2'" for the value an override gave.
    [[nodiscard]] std::string where(const toml::node& n) const;
    // The line of `n` in the case file; none for what overrides wrote.
    [[nodiscard]] std::optional<std::size_t> line_of(const toml::node& n) const;
    // Whether `n` was written in the case file, not given by an override.
    [[nodiscard]] bool from_file(const toml::node& n) const;

    // "<where node is>: <key>: <what>"; the file alone when there is no node.
    [[noreturn]] void fail_at(const std::string& key, const toml::node* node, const std::string& what) const;
    // The same for messages that already start with the key (from time_text, series_file).
    [[noreturn]] void fail_with(const std::string& key, const toml::node* node, const std::string& message) const;
    // "case.toml line 12: <message>", or "case.toml: <message>" without a line.
    [[noreturn]] void fail_on_line(const std::string& key, std::optional<std::size_t> line,
                                   const std::string& message) const;

private:
    std::string m_file;  // the case file as given
};

// What a TOML value is, in words: "a string", "a number", "tables".
[[nodiscard]] std::string toml_type_name(const toml::node& n);

// A key as written by people: "hydro.scheme" or "boundary[2].kind".
[[nodiscard]] std::string key_name(std::string_view table, std::optional<std::size_t> index, std::string_view name);

}  // namespace floodtwin::twin
