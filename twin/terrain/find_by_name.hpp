#pragma once
// The entry of a table with a given name, or an error that names the known ones: the
// terrain's regions and stations are looked up by the names a user types.
#include <stdexcept>
#include <string>

namespace floodtwin::twin {

template <class Table, class Name>
const auto& find_by_name(const Table& table, const std::string& name, Name&& name_of, const std::string& what) {
    std::string known;
    for (const auto& entry : table) {
        if (name_of(entry) == name) return entry;
        known += (known.empty() ? "" : ", ") + name_of(entry);
    }
    throw std::invalid_argument("unknown " + what + " '" + name + "'; known: " + known);
}

}  // namespace floodtwin::twin
