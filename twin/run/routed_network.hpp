#pragma once
// A case's river network routed over its whole period in memory, alone (no 2D model):
// the network at the end, its dispatch, the backwater relation, the flows without
// dispatch and every step's flows, levels and releases. `floodtwin route` writes its
// files from it (twin/run/route.hpp); `floodtwin optimise` judges plans by it without
// writing any (twin/optimise/).
#include <cstddef>
#include <memory>
#include <optional>

#include "twin/case/case.hpp"
#include "twin/dispatch/dispatch_report.hpp"
#include "twin/dispatch/joint_dispatch.hpp"
#include "twin/network/backwater_stage.hpp"
#include "twin/network/network.hpp"

namespace floodtwin::twin {

struct RoutedNetwork {
    // Routes `c` (throws std::invalid_argument naming the file or key: no network, a
    // duration that is not a whole number of network.step). The members point at one
    // another (the dispatch's limits, the recorder's backwater): it stays where it is made.
    explicit RoutedNetwork(const Case& c);
    RoutedNetwork(const RoutedNetwork&) = delete;
    RoutedNetwork& operator=(const RoutedNetwork&) = delete;

    double step_s = 0.0;
    std::size_t steps = 0;
    Network network;
    JointDispatch dispatch;
    std::optional<BackwaterStage> backwater;
    NetworkForecast natural;  // every reservoir passing its inflow, from the start: the flows without dispatch
    NetworkRecorder recorder;

    [[nodiscard]] const BackwaterStage* backwater_stage() const { return backwater ? &*backwater : nullptr; }
};

[[nodiscard]] std::unique_ptr<const RoutedNetwork> route_network(const Case& c);

}  // namespace floodtwin::twin
