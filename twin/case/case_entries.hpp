#pragma once
// The entries of a case document ([hydro], each [[boundary]]) read against the key
// registry: each value given checked and converted, each default applied, and the
// rules on which keys an entry needs checked: `required`, `when` (kind=inflow ...)
// and `excludes`. Filling the Case from them is twin/case/case_file.cpp's job.
#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "twin/case/case_document.hpp"
#include "twin/case/case_values.hpp"

namespace floodtwin::twin {

template <class V>
inline constexpr bool is_optional_field = false;
template <class V>
inline constexpr bool is_optional_field<std::optional<V>> = true;

// One table of the case ([hydro], or the third [[boundary]]) once read.
struct CaseEntry {
    const CaseTable* table = nullptr;
    std::string prefix;                                    // "hydro", "boundary[2]"
    const toml::table* tbl = nullptr;                      // null when the table is absent
    std::map<std::string, CaseValue, std::less<>> values;  // given or default

    [[nodiscard]] const toml::node* node(std::string_view name) const { return tbl ? tbl->get(name) : nullptr; }
    // Whether `name` is written in the entry (by the file or an override), not defaulted.
    [[nodiscard]] bool given(std::string_view name) const { return node(name) != nullptr; }
    // The value of `name`, given or default; nullopt when it has neither or is of another type.
    template <class V>
    [[nodiscard]] std::optional<V> opt(std::string_view name) const {
        const auto it = values.find(name);
        if (it == values.end()) return std::nullopt;
        if (const V* v = std::get_if<V>(&it->second)) return *v;
        return std::nullopt;
    }
    // The same, or V{} (0, empty) for a key without a default that was left out.
    template <class V>
    [[nodiscard]] V get(std::string_view name) const {
        return opt<V>(name).value_or(V{});
    }
    // Into a field: an optional one takes opt(), an int a whole number (priority), any other get().
    template <class V>
    void read_into(V& field, std::string_view name) const {
        if constexpr (is_optional_field<V>)
            field = opt<typename V::value_type>(name);
        else if constexpr (std::is_same_v<V, int>)
            field = static_cast<int>(get<double>(name));
        else
            field = get<V>(name);
    }
};

// A key of an entry and the field of a section (BoundarySection, ReachSection...) it fills.
template <class S, class V>
struct Field {
    std::string_view name;
    V S::*member;
};

// Reads each of `fields` from `e` into `s`: the key-to-field table of a section.
template <class S, class... V>
void read_fields(const CaseEntry& e, S& s, const Field<S, V>&... fields) {
    (e.read_into(s.*fields.member, fields.name), ...);
}

// A section made of `fields` alone.
template <class S, class... V>
[[nodiscard]] S read_section(const CaseEntry& e, const Field<S, V>&... fields) {
    S s;
    read_fields(e, s, fields...);
    return s;
}

// Appends one section per entry of a [[table]] to `out`, made by `read(entry, index)`
// and keyed by the entry ("reach[2]") for messages; `read` sees the sections before it.
template <class S, class Read>
void read_sections(const std::vector<CaseEntry>& entries, std::vector<S>& out, Read read) {
    for (std::size_t i = 0; i < entries.size(); ++i) {
        S s = read(entries[i], i);
        s.key = entries[i].prefix;
        out.push_back(std::move(s));
    }
}

// A required key left out that the river network may supply (a boundary's discharge):
// settled once the network's tables are read (twin/case/network_tables.hpp).
struct DeferredKey {
    std::string key;
    std::optional<std::size_t> line;
    std::string message;
};

class EntryReader {
public:
    explicit EntryReader(const CaseDocument& doc) : m_doc(doc), m_values(doc.errors(), doc.dir()) {}

    // The entries of `t` in file order: one for a single table, present or not; one per
    // [[t]] table. Read the tables in registry order: [case] first, for case.start.
    [[nodiscard]] std::vector<CaseEntry> read(const CaseTable& t);

    [[nodiscard]] const std::vector<DeferredKey>& deferred() const { return m_deferred; }
    [[noreturn]] void fail_deferred(const DeferredKey& d) const;
    [[nodiscard]] const CaseErrors& errors() const { return m_doc.errors(); }
    [[nodiscard]] const CaseDocument& document() const { return m_doc; }

private:
    CaseEntry read_entry(const CaseTable& t, std::optional<std::size_t> index, const toml::table* tbl);
    void check_keys(const CaseEntry& e);

    const CaseDocument& m_doc;
    ValueConverter m_values;
    std::vector<DeferredKey> m_deferred;
};

}  // namespace floodtwin::twin
