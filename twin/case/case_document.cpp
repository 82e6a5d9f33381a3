#include "twin/case/case_document.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <vector>

#include "grids/text_fields.hpp"
#include "twin/case/case_file.hpp"
#include "twin/case/case_keys.hpp"
#include "twin/case/case_values.hpp"
#include "twin/case/fourpre_keys.hpp"

namespace floodtwin::twin {

namespace fs = std::filesystem;
using grids::trim;

namespace {

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

// A suggested "table.name" with the index of the entry it was meant for: "boundary[2].kind",
// "optimise.variable[0].min" (the table is what comes before the last dot).
std::string with_index(const std::string& dotted, std::optional<std::size_t> index) {
    const auto dot = dotted.rfind('.');
    const CaseTable* t = dot == std::string::npos ? nullptr : find_case_table(dotted.substr(0, dot));
    if (!index || !t || !t->many) return dotted;
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
    throw CaseError(label + ": '" + key + "' is not a key such as hydro.cfl, boundary[0].kind or joint[0].tiers[1]", key);
}

// "boundary[2]" as ("boundary", 2), "hydro" as ("hydro", none); nullopt when malformed.
std::optional<std::pair<std::string, std::optional<std::size_t>>> indexed_part(const std::string& part) {
    const auto br = part.find('[');
    if (br == std::string::npos) return std::pair{part, std::optional<std::size_t>{}};
    const std::string digits = part.substr(br + 1, part.size() - br - 2);
    if (part.back() != ']' || digits.empty() || digits.size() > 9 ||
        !std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); }))
        return std::nullopt;
    return std::pair{part.substr(0, br), std::optional<std::size_t>{std::stoul(digits)}};
}

std::vector<std::string> dot_parts(const std::string& key) {
    std::vector<std::string> parts;
    std::size_t from = 0;
    for (std::size_t dot; (dot = key.find('.', from)) != std::string::npos; from = dot + 1)
        parts.push_back(key.substr(from, dot - from));
    parts.push_back(key.substr(from));
    return parts;
}

// table[index].name[element], each part checked for its form; a table of a table
// ([[optimise.variable]]) is named with both: optimise.variable[0].min.
CaseKeyPath parse_key_path(const std::string& key, const std::string& label) {
    CaseKeyPath out;
    out.text = key;
    const std::vector<std::string> parts = dot_parts(key);
    if (parts.size() < 2 || parts.size() > 3) not_a_key(label, key);
    std::string table_name;
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
        const auto part = indexed_part(parts[i]);
        if (!part || part->first.empty() || (part->second && i + 2 < parts.size())) not_a_key(label, key);
        table_name += (i ? "." : "") + part->first;
        out.index = part->second;
    }
    if (parts.size() == 3 && !find_case_table(table_name)) not_a_key(label, key);
    const auto name = indexed_part(parts.back());
    if (!name || name->first.empty()) not_a_key(label, key);
    out.table = table_name;
    out.name = name->first;
    out.element = name->second;
    return out;
}

// The registered key a path names, with an index exactly where the table repeats and
// an element only of a list.
const CaseKey& registered_key(const CaseKeyPath& ok, const std::string& label) {
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
    if (ok.element && k->type != CaseValueType::numbers && k->type != CaseValueType::text_list)
        throw CaseError(label + ": " + key_name(ok.table, ok.index, ok.name) + " is " +
                            case_key_type_text(*k, TypeNaming::message) +
                            ", not a list: [n] names an element of a list, as in joint[0].tiers[1]",
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

// The table that holds [table] (the root, or [optimise] for [[optimise.variable]]),
// made when absent if `make`; null when absent or not a table.
toml::table* parent_of(toml::table& root, std::string_view table, bool make) {
    toml::table* parent = &root;
    for (auto dot = table.find('.'); dot != std::string_view::npos; dot = table.find('.')) {
        const std::string part(table.substr(0, dot));
        toml::node* n = parent->get(part);
        if (!n && make) n = &parent->insert_or_assign(part, toml::table{}).first->second;
        parent = n ? n->as_table() : nullptr;
        if (!parent) return nullptr;
        table.remove_prefix(dot + 1);
    }
    return parent;
}

std::string_view last_part(std::string_view table) {
    const auto dot = table.rfind('.');
    return dot == std::string_view::npos ? table : table.substr(dot + 1);
}

// The table an override writes into: [table], made when absent, or the existing [[table]] entry.
toml::table& override_target(toml::table& root, const CaseErrors& errors, const CaseKeyPath& key,
                             const std::string& label) {
    toml::table* parent = parent_of(root, key.table, !key.index);
    if (!parent) throw CaseError(label + ": the case has no [" + key.table.substr(0, key.table.rfind('.')) + "] table", key.text);
    const std::string own(last_part(key.table));
    toml::node* top = parent->get(own);
    if (!key.index) {
        if (!top) top = parent->insert_or_assign(own, toml::table{}).first->second.as_table();
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

// The list an element override writes into: it must be written, and long enough.
toml::array& element_target(toml::table& target, const CaseKeyPath& key, const std::string& label) {
    const std::string list = key_name(key.table, key.index, key.name);
    toml::node* n = target.get(key.name);
    if (!n)
        throw CaseError(label + ": " + list + " is not written in the case, so its element [" +
                            std::to_string(*key.element) + "] cannot be set: set the whole list",
                        key.text);
    toml::array* a = n->as_array();
    if (!a) throw CaseError(label + ": " + list + " is " + toml_type_name(*n) + ", not a list", key.text);
    if (*key.element >= a->size())
        throw CaseError(label + ": " + list + " has " + std::to_string(a->size()) + " element" +
                            (a->size() == 1 ? "" : "s") + ", numbered from 0",
                        key.text);
    return *a;
}

}  // namespace

CaseKeyPath parse_case_key(const std::string& text, const std::string& label) {
    CaseKeyPath key = parse_key_path(trim(text), label);
    key.key = &registered_key(key, label);
    return key;
}

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
    const CaseKeyPath key = parse_case_key(std::string(text.substr(0, eq)), label);
    toml::table parsed = override_value(*key.key, trim(std::string_view(text).substr(eq + 1)), m_errors.file() + ", " + label);
    toml::table& target = override_target(m_root, m_errors, key, label);
    if (!key.element) {
        target.insert_or_assign(key.name, std::move(*parsed.get("v")));
        return;
    }
    toml::array& list = element_target(target, key, label);
    list.replace(list.cbegin() + static_cast<std::ptrdiff_t>(*key.element), std::move(*parsed.get("v")));
}

const toml::node* CaseDocument::value_at(const CaseKeyPath& key) const {
    const toml::node* top = table_node(key.table);
    if (top && key.index) {
        const toml::array* entries = top->as_array();
        top = entries && *key.index < entries->size() ? entries->get(*key.index) : nullptr;
    }
    const toml::table* t = top ? top->as_table() : nullptr;
    const toml::node* v = t ? t->get(key.name) : nullptr;
    if (v && key.element) {
        const toml::array* list = v->as_array();
        v = list && *key.element < list->size() ? list->get(*key.element) : nullptr;
    }
    return v;
}

const toml::node* CaseDocument::table_node(std::string_view table) const {
    toml::table* parent = parent_of(const_cast<toml::table&>(m_root), table, false);
    return parent ? parent->get(last_part(table)) : nullptr;
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
    const toml::node* top = table_node(table);
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
        check_table(*t, node);
    }
}

void CaseDocument::check_table(const CaseTable& t, const toml::node& node) const {
    const std::string name(t.name);
    if (t.many) {
        const toml::array* entries = node.as_array();
        if (!entries || (!entries->empty() && !entries->is_array_of_tables()))
            m_errors.fail_at(name, &node, "expected [[" + name + "]] tables, got " + toml_type_name(node));
        for (std::size_t i = 0; i < entries->size(); ++i) check_keys(t.name, i, *(*entries)[i].as_table());
    } else {
        const toml::table* tbl = node.as_table();
        if (!tbl) m_errors.fail_at(name, &node, "expected a [" + name + "] table, got " + toml_type_name(node));
        check_keys(t.name, std::nullopt, *tbl);
    }
}

void CaseDocument::check_keys(std::string_view table, std::optional<std::size_t> index, const toml::table& tbl) const {
    for (auto&& [k, node] : tbl) {
        const std::string name(k.str());
        if (find_case_key(table, name)) continue;
        // A table of this table ([[optimise.variable]] in [optimise]), checked as a table.
        if (const CaseTable* sub = index ? nullptr : find_case_table(std::string(table) + "." + name)) {
            check_table(*sub, node);
            continue;
        }
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
