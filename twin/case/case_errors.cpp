#include "twin/case/case_errors.hpp"

#include "twin/case/case_file.hpp"

namespace floodtwin::twin {

std::string CaseErrors::where(const toml::node& n) const {
    const auto& src = n.source();
    if (src.path && *src.path != m_file) return *src.path;
    if (src.begin.line == 0) return m_file;  // made by an override: no line
    return m_file + " line " + std::to_string(src.begin.line);
}

std::optional<std::size_t> CaseErrors::line_of(const toml::node& n) const {
    const auto& src = n.source();
    if ((src.path && *src.path != m_file) || src.begin.line == 0) return std::nullopt;
    return static_cast<std::size_t>(src.begin.line);
}

bool CaseErrors::from_file(const toml::node& n) const { return !n.source().path || *n.source().path == m_file; }

void CaseErrors::fail_at(const std::string& key, const toml::node* node, const std::string& what) const {
    fail_with(key, node, key + ": " + what);
}

void CaseErrors::fail_with(const std::string& key, const toml::node* node, const std::string& message) const {
    if (!node) throw CaseError(m_file + ": " + message, key);
    throw CaseError(where(*node) + ": " + message, key, line_of(*node));
}

void CaseErrors::fail_on_line(const std::string& key, std::optional<std::size_t> line,
                              const std::string& message) const {
    if (line) throw CaseError(m_file + " line " + std::to_string(*line) + ": " + message, key, line);
    throw CaseError(m_file + ": " + message, key);
}

std::string toml_type_name(const toml::node& n) {
    switch (n.type()) {
        case toml::node_type::string: return "a string";
        case toml::node_type::integer:
        case toml::node_type::floating_point: return "a number";
        case toml::node_type::boolean: return "a boolean";
        case toml::node_type::array: return n.is_array_of_tables() && !n.as_array()->empty() ? "tables" : "an array";
        case toml::node_type::table: return "a table";
        case toml::node_type::date: return "a date";
        case toml::node_type::time: return "a time of day";
        case toml::node_type::date_time: return "a date-time";
        default: return "nothing";
    }
}

std::string key_name(std::string_view table, std::optional<std::size_t> index, std::string_view name) {
    // appended: GCC 12 warns falsely (-Wrestrict) on "literal" + std::string&&
    std::string s(table);
    if (index) s.append("[").append(std::to_string(*index)).append("]");
    if (!name.empty()) s.append(".").append(name);
    return s;
}

}  // namespace floodtwin::twin
