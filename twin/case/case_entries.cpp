#include "twin/case/case_entries.hpp"

namespace floodtwin::twin {

namespace {

// "boundary[2].discharge"
std::string entry_key(const CaseEntry& e, const CaseKey& k) { return e.prefix + "." + std::string(k.name); }

// Whether a key belongs to an entry, by its `when`; and that condition in words,
// `kind = "station" or "domain_outlet"` ("" for a key without `when`).
struct Applicability {
    bool applies = true;
    std::string condition;
};

std::string when_condition(const CaseKey& k) {
    std::string s = std::string(case_key_when_on(k)) + " = ";
    const auto values = case_key_when_values(k);
    for (std::size_t i = 0; i < values.size(); ++i) s += (i ? " or \"" : "\"") + std::string(values[i]) + "\"";
    return s;
}

// Throws CaseError for a key given in an entry it does not belong to.
Applicability applicability(const CaseKey& k, const CaseEntry& e, const CaseErrors& errors) {
    if (k.when.empty()) return {};
    const std::string on(case_key_when_on(k));
    const auto actual = e.opt<std::string>(on);  // given, or its default (method = "muskingum_cunge")
    Applicability a{actual && case_key_applies(k, *actual), when_condition(k)};
    // A key for another kind is a slip in the file; but an override that switches
    // the kind (boundary[0].kind=free) leaves the file's keys behind, unused.
    const toml::node* on_node = e.node(on);
    const bool switched = on_node && !errors.from_file(*on_node);
    if (e.given(k.name) && !a.applies && !switched)
        errors.fail_at(
            entry_key(e, k), e.node(k.name),
            "only used with " + a.condition +
                (actual ? "; this " + std::string(e.table->name) + " has " + on + " = \"" + *actual + "\"" : ""));
    return a;
}

void check_excludes(const CaseKey& k, const CaseEntry& e, const CaseErrors& errors) {
    if (k.excludes.empty() || !e.given(k.name) || !e.given(k.excludes)) return;
    errors.fail_at(entry_key(e, k), e.node(k.name),
                   "give " + std::string(k.name) + " or " + std::string(k.excludes) + ", not both (" + e.prefix + "." +
                       std::string(k.excludes) + " is given too)");
}

}  // namespace

std::vector<CaseEntry> EntryReader::read(const CaseTable& t) {
    std::vector<CaseEntry> out;
    const toml::node* top = m_doc.table_node(t.name);
    if (!t.many) {
        out.push_back(read_entry(t, std::nullopt, top ? top->as_table() : nullptr));
    } else if (top) {
        const toml::array& entries = *top->as_array();
        for (std::size_t i = 0; i < entries.size(); ++i) out.push_back(read_entry(t, i, entries[i].as_table()));
    }
    if (t.name == "case") m_values.set_start(out.front().get<Instant>("start"));
    return out;
}

void EntryReader::fail_deferred(const DeferredKey& d) const { errors().fail_on_line(d.key, d.line, d.message); }

// Values given, then the registry's defaults for the keys left out (converted like
// written values: the one definition of every default), then which keys must, may
// and may not be there.
CaseEntry EntryReader::read_entry(const CaseTable& t, std::optional<std::size_t> index, const toml::table* tbl) {
    CaseEntry e{&t, key_name(t.name, index, ""), tbl, {}};
    for (const CaseKey& k : case_keys()) {
        if (k.table != t.name) continue;
        if (const toml::node* n = e.node(k.name)) {
            e.values[std::string(k.name)] = m_values.convert(k, entry_key(e, k), *n);
        } else if (!k.default_toml.empty()) {
            const toml::table d = toml::parse("v = " + std::string(k.default_toml), "the default of " + k.dotted());
            e.values[std::string(k.name)] = m_values.convert(k, entry_key(e, k), *d.get("v"));
        }
    }
    check_keys(e);
    return e;
}

void EntryReader::check_keys(const CaseEntry& e) {
    // An optional table left out ([backwater]) asks for nothing; [case] is never optional.
    const bool absent = !e.tbl && e.table->name != "case";
    for (const CaseKey& k : case_keys()) {
        if (k.table != e.table->name) continue;
        const Applicability a = applicability(k, e, errors());
        if (k.required && a.applies && !absent && !e.given(k.name)) {
            const std::string key = entry_key(e, k);
            const auto line = e.tbl ? errors().line_of(*e.tbl) : std::nullopt;
            std::string msg = "missing required key '" + key + "'";
            if (!a.condition.empty()) msg += " (" + a.condition + " needs it)";
            if (k.unless.empty()) errors().fail_on_line(key, line, msg);
            m_deferred.push_back({key, line, msg + ", unless " + std::string(k.unless)});
        }
        check_excludes(k, e, errors());
    }
}

}  // namespace floodtwin::twin
