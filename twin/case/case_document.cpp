#include "twin/case/case_document.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "grids/text_fields.hpp"
#include "twin/case/case_file.hpp"
#include "twin/case/case_keys.hpp"
#include "twin/case/case_values.hpp"
#include "twin/case/fourpre_keys.hpp"

namespace floodtwin::twin {

namespace fs = std::filesystem;
using grids::trim;

namespace {

// An override's key, "boundary[2].kind", in its parts.
struct OverrideKey {
    std::string text;  // as written
    std::string table, name;
    std::optional<std::size_t> index;
};

// A TOML basic string holding `text` exactly.
std::string toml_quoted(std::string_view text) {
    std::string out = "\"";
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (ch == '"' || ch == '\\') {
            out += '\\';
            out += ch;
        } else if (c < 0x20 || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out += ch;
        }
    }
    return out + "\"";
}

// A suggested "table.name" with the index of the entry it was meant for: "boundary[2].kind".
std::string with_index(const std::string& dotted, std::optional<std::size_t> index) {
    const auto dot = dotted.find('.');
    const CaseTable* t = find_case_table(dotted.substr(0, dot));
    if (!index || !t || !t->many || dot == std::string::npos) return dotted;
    return key_name(t->name, index, dotted.substr(dot + 1));
}

// "unknown key 'hydro.shceme' in <place>; did you mean 'hydro.scheme'?"
std::string unknown_key_message(const std::string& key, const std::string& place, std::optional<std::size_t> index,
                                const std::optional<std::string>& near) {
    std::string msg = "unknown key '" + key + "' in " + place;
    if (near) msg += "; did you mean '" + with_index(*near, index) + "'?";
    return msg;
}

[[noreturn]] void not_a_key(const std::string& label, const std::string& key) {
    throw CaseError(label + ": '" + key + "' is not a key such as hydro.cfl or boundary[0].kind", key);
}

// table[index].name, each part checked for its form.
OverrideKey parse_override_key(const std::string& key, const std::string& label) {
    OverrideKey out{key, {}, {}, std::nullopt};
    const auto dot = key.find('.');
    const std::string head = key.substr(0, dot);
    if (dot != std::string::npos) out.name = key.substr(dot + 1);
    out.table = head;
    if (const auto br = head.find('['); br != std::string::npos) {
        out.table = head.substr(0, br);
        const std::string digits = head.substr(br + 1, head.size() - br - 2);
        if (head.back() != ']' || digits.empty() || digits.size() > 9 ||
            !std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); }))
            not_a_key(label, key);
        out.index = std::stoul(digits);
    }
    if (out.table.empty() || out.name.empty() || out.name.find('.') != std::string::npos) not_a_key(label, key);
    return out;
}

// The registered key an override names, with an index exactly where the table repeats.
const CaseKey& registered_key(const OverrideKey& ok, const std::string& label) {
    const CaseTable* t = find_case_table(ok.table);
    const CaseKey* k = t ? find_case_key(ok.table, ok.name) : nullptr;
    if (!k)
        throw CaseError(unknown_key_message(ok.text, label, ok.index, nearest_case_key(ok.table, ok.name)), ok.text);
    if (t->many && !ok.index)
        throw CaseError(label + ": there may be several [[" + ok.table +
                            "]] tables: name one by its index from 0, as in " + ok.table + "[0]." + ok.name,
                        ok.text);
    if (!t->many && ok.index)
        throw CaseError(
            label + ": there is one [" + ok.table + "] table, without an index: write " + ok.table + "." + ok.name,
            ok.text);
    return *k;
}

bool takes_only_text(const CaseKey& k) {
    return k.type == CaseValueType::text || k.type == CaseValueType::choice || k.type == CaseValueType::path;
}

// The value as TOML, in a table as "v"; text keys and bare words take the raw text.
toml::table override_value(const CaseKey& k, const std::string& raw, const std::string& source) {
    try {
        toml::table parsed = toml::parse("v = " + raw, source);
        if (parsed.size() == 1 && parsed.contains("v") && !(takes_only_text(k) && !parsed["v"].is_string()))
            return parsed;
    } catch (const toml::parse_error&) {
        // not TOML: text
    }
    return toml::parse("v = " + toml_quoted(raw), source);
}

// The table an override writes into: [table], made when absent, or the existing [[table]] entry.
toml::table& override_target(toml::table& root, const CaseErrors& errors, const OverrideKey& key,
                             const std::string& label) {
    toml::node* top = root.get(key.table);
    if (!key.index) {
        if (!top) top = root.insert_or_assign(key.table, toml::table{}).first->second.as_table();
        toml::table* target = top->as_table();
        if (!target)
            throw CaseError(errors.where(*top) + ": " + key.table + ": expected a [" + key.table + "] table, got " +
                                toml_type_name(*top) + " (applying " + label + ")",
                            key.table, errors.line_of(*top));
        return *target;
    }
    toml::array* entries = top ? top->as_array() : nullptr;
    const std::size_t n = entries ? entries->size() : 0;
    if (*key.index >= n)
        throw CaseError(label + ": the case has " + std::to_string(n) + " [[" + key.table + "]] table" +
                            (n == 1 ? "" : "s") + (n ? ", numbered from 0" : ""),
                        key.text);
    toml::table* target = (*entries)[*key.index].as_table();
    if (!target)
        throw CaseError(label + ": " + key.table + "[" + std::to_string(*key.index) + "] is not a table", key.text);
    return *target;
}

}  // namespace

CaseDocument::CaseDocument(const fs::path& file)
    : m_errors(file.string()), m_dir(fs::absolute(file).parent_path().lexically_normal()) {
    std::error_code ec;
    if (fs::is_directory(file, ec)) {
        std::string msg = "case file " + m_errors.file() + " is a folder, not a file: give the case's TOML file";
        if (fs::is_regular_file(file / "case.toml", ec)) msg += ", such as " + (file / "case.toml").string();
        throw CaseError(msg);
    }
    if (!fs::is_regular_file(file, ec)) throw CaseError("case file not found: " + m_errors.file());
    try {
        m_root = toml::parse_file(m_errors.file());
    } catch (const toml::parse_error& e) {
        m_errors.fail_on_line("", static_cast<std::size_t>(e.source().begin.line),
                              "not valid TOML: " + std::string(e.description()));
    }
}

void CaseDocument::apply_override(const std::string& text) {
    const std::string label = "override '" + text + "'";
    const auto eq = text.find('=');
    if (eq == std::string::npos)
        throw CaseError(label + ": expected key=value, such as hydro.cfl=0.8 or boundary[0].kind=free");
    const OverrideKey key = parse_override_key(trim(std::string_view(text).substr(0, eq)), label);
    const CaseKey& k = registered_key(key, label);
    toml::table parsed = override_value(k, trim(std::string_view(text).substr(eq + 1)), m_errors.file() + ", " + label);
    override_target(m_root, m_errors, key, label).insert_or_assign(key.name, std::move(*parsed.get("v")));
}

void CaseDocument::apply_plan(const std::string& name) {
    toml::array* plans = m_root.get_as<toml::array>("plan");
    toml::table* plan = nullptr;
    std::string known;
    for (std::size_t i = 0; plans && i < plans->size(); ++i) {
        toml::table* p = (*plans)[i].as_table();
        const toml::value<std::string>* n = p ? p->get_as<std::string>("name") : nullptr;
        if (!n) continue;
        known += (known.empty() ? "'" : ", '") + n->get() + "'";
        if (n->get() == name) plan = p;
    }
    if (!plan)
        throw CaseError("plan '" + name + "': " + m_errors.file() + " has no [[plan]] of that name" +
                            (known.empty() ? "" : " (it has " + known + ")"),
                        "plan");
    if (const toml::array* set = plan->get_as<toml::array>("set"))
        for (const toml::node& o : *set)
            if (const auto text = o.value<std::string>()) apply_override(*text);
    for (const std::string_view table : plan_addable_tables) {
        const toml::array* added = plan->get_as<toml::array>(table);
        if (!added) continue;
        toml::node* top = m_root.get(table);
        if (!top) top = m_root.insert_or_assign(table, toml::array{}).first->second.as_array();
        toml::array* entries = top->as_array();
        if (!entries) m_errors.fail_at(std::string(table), top, "expected [[" + std::string(table) + "]] tables");
        for (const toml::node& entry : *added) entries->push_back(entry);
    }
}

const toml::node* CaseDocument::find(std::string_view table, std::optional<std::size_t> index,
                                     std::string_view name) const {
    const toml::node* top = m_root.get(table);
    if (!top) return nullptr;
    if (index) {
        const toml::array* entries = top->as_array();
        top = entries && *index < entries->size() ? entries->get(*index) : nullptr;
    }
    const toml::table* t = top ? top->as_table() : nullptr;
    return t ? t->get(name) : nullptr;
}

void CaseDocument::check_structure() const {
    for (auto&& [k, node] : m_root) {
        const std::string top(k.str());
        const CaseTable* t = find_case_table(top);
        if (!t)
            throw CaseError(unknown_key_message(top, m_errors.where(node), std::nullopt, nearest_case_key(top, "")),
                            top, m_errors.line_of(node));
        if (t->many) {
            const toml::array* entries = node.as_array();
            if (!entries || (!entries->empty() && !entries->is_array_of_tables()))
                m_errors.fail_at(top, &node, "expected [[" + top + "]] tables, got " + toml_type_name(node));
            for (std::size_t i = 0; i < entries->size(); ++i) check_keys(t->name, i, *(*entries)[i].as_table());
        } else {
            const toml::table* tbl = node.as_table();
            if (!tbl) m_errors.fail_at(top, &node, "expected a [" + top + "] table, got " + toml_type_name(node));
            check_keys(t->name, std::nullopt, *tbl);
        }
    }
}

void CaseDocument::check_keys(std::string_view table, std::optional<std::size_t> index, const toml::table& tbl) const {
    for (auto&& [k, node] : tbl) {
        const std::string name(k.str());
        if (find_case_key(table, name)) continue;
        // [[plan.rule]], ...: entries of the case's own tables, checked as those are.
        if (table == "plan" && std::find(std::begin(plan_addable_tables), std::end(plan_addable_tables), name) !=
                                   std::end(plan_addable_tables)) {
            const toml::array* added = node.as_array();
            if (!added || !added->is_array_of_tables())
                m_errors.fail_at(key_name(table, index, name), &node,
                                 "expected [[plan." + name + "]] tables, got " + toml_type_name(node));
            // Named where they are: plan[1].rule[0].value, not the case's rule[0].
            const std::string where = key_name(table, index, name);
            for (std::size_t i = 0; i < added->size(); ++i) try {
                    check_keys(name, i, *(*added)[i].as_table());
                } catch (const CaseError& e) {
                    std::string msg = e.what();
                    for (std::size_t at = 0; (at = msg.find("'" + name + "[", at)) != std::string::npos; at += where.size() + 2)
                        msg.replace(at, name.size() + 1, "'" + where);
                    throw CaseError(msg, where + e.key().substr(name.size()), e.line());
                }
            continue;
        }
        const std::string key = key_name(table, index, name);
        throw CaseError(unknown_key_message(key, m_errors.where(node), index, nearest_case_key(table, name)), key,
                        m_errors.line_of(node));
    }
}

}  // namespace floodtwin::twin
