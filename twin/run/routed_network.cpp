#include "twin/run/routed_network.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "twin/network/network_step.hpp"

namespace floodtwin::twin {

namespace {

// The network step of a case routed alone; refused when the case has no network.
double checked_step(const Case& c) {
    if (!c.network.present())
        throw std::invalid_argument(c.file.string() + ": no river network ([[node]] or [[reservoir]] tables)");
    return network_step_s(c, false);
}

std::size_t whole_steps(const Case& c, double step) {
    const double steps_f = c.duration_s / step;
    if (std::abs(steps_f - std::round(steps_f)) > 1e-9)
        throw std::invalid_argument("case.duration: must be a whole number of network.step (" + std::to_string(step) +
                                    " s)");
    return static_cast<std::size_t>(std::llround(steps_f));
}

}  // namespace

RoutedNetwork::RoutedNetwork(const Case& c)
    : step_s(checked_step(c)),
      steps(whole_steps(c, step_s)),
      network(c.network, c.start, step_s, false),
      dispatch(c.network, network),
      backwater(c.network.backwater ? std::optional<BackwaterStage>(std::in_place, *c.network.backwater, network)
                                    : std::nullopt),
      natural(network.look_ahead(c.duration_s)),
      recorder(network, backwater_stage()) {
    if (!dispatch.empty()) network.set_limit_source([this](const Network& n) { return dispatch.limits(n); });
    for (std::size_t k = 0; k < steps; ++k) {
        network.step();
        recorder.sample(network);
    }
}

std::unique_ptr<const RoutedNetwork> route_network(const Case& c) { return std::make_unique<const RoutedNetwork>(c); }

}  // namespace floodtwin::twin
