#pragma once
// The river network's tables of a case ([network], [[node]], [[reach]], [[reservoir]],
// [[rule]], [[joint]], [backwater]) from their entries, as read; the graph and the names
// are checked when the network is built (twin/network/network.cpp).
#include <string_view>
#include <vector>

#include "twin/case/case.hpp"
#include "twin/case/case_entries.hpp"

namespace floodtwin::twin {

// Fills `net` from the entries of the table `name`; false when `name` is not one of
// the network's tables.
bool read_network_table(std::string_view name, const std::vector<CaseEntry>& entries, NetworkCase& net);

// In a case with a 2D model, every domain_inlet and domain_outlet must name one of its
// [[boundary]] (or, for an inlet, [[source]]) tables: throws CaseError naming the node's
// `boundary` key and the names there are. Then a boundary or source left without its
// series must be fed by the network: throws the deferred CaseError of the first one
// that is not.
void check_network_feeds(const EntryReader& reader, const Case& c);

}  // namespace floodtwin::twin
