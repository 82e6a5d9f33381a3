#include "twin/coupling/network_coupling.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "twin/network/network_step.hpp"

namespace floodtwin::twin {

namespace {

bool whole_multiple(double a, double b) {
    const double n = a / b;
    return std::abs(n - std::round(n)) <= 1e-9 * std::max(1.0, n);
}

}  // namespace

double CombinedLedger::relative_error() const {
    const double imbalance = (storage_m3 - initial_storage_m3) - (inflow_m3 - outflow_m3);
    return imbalance / std::max({std::abs(storage_m3), std::abs(initial_storage_m3), inflow_m3, 1.0});
}

NetworkCoupling::NetworkCoupling(const Case& c)
    : m_network(c.network, c.start, network_step_s(c, true), true),
      m_dispatch(c.network, m_network),
      m_interval_s(c.network.settings.coupling_interval_s) {
    m_steps_per_interval = static_cast<std::size_t>(std::llround(m_interval_s / m_network.step_s()));
    if (!whole_multiple(c.duration_s, m_interval_s))
        throw std::invalid_argument("case.duration: a coupled run lasts a whole number of network.coupling_interval (" +
                                    std::to_string(m_interval_s) + " s)");
    if (c.output.checkpoint_interval_s && !whole_multiple(*c.output.checkpoint_interval_s, m_interval_s))
        throw std::invalid_argument("output.checkpoint_interval: in a coupled run, a whole number of "
                                    "network.coupling_interval (" + std::to_string(m_interval_s) + " s)");
    if (!m_dispatch.empty())
        m_network.set_limit_source([this](const Network& n) { return m_dispatch.limits(n); });

    auto boundary_index = [&](const std::string& name) -> std::optional<std::size_t> {
        for (std::size_t b = 0; b < c.boundaries.size(); ++b)
            if (c.boundaries[b].name == name) return b;
        return std::nullopt;
    };
    for (int n : m_network.inlets()) {
        const NetworkNode& node = m_network.nodes()[static_cast<std::size_t>(n)];
        Feed feed;
        if (const auto b = boundary_index(node.boundary)) {
            if (c.boundaries[*b].kind != "inflow")
                throw std::invalid_argument(node.key + ".boundary: '" + node.boundary + "' is a " +
                                            c.boundaries[*b].kind + " boundary; an inlet feeds an inflow boundary");
            feed = {true, *b};
        } else {
            const auto s = std::find_if(c.sources.begin(), c.sources.end(),
                                        [&](const SourceSection& src) { return src.name == node.boundary; });
            if (s == c.sources.end())
                throw std::invalid_argument(node.key + ".boundary: no [[boundary]] or [[source]] named '" +
                                            node.boundary + "'");
            feed = {false, static_cast<std::size_t>(s - c.sources.begin())};
        }
        m_feeds.push_back(feed);
    }
    if (m_network.outlet() >= 0) {
        const NetworkNode& node = m_network.nodes()[static_cast<std::size_t>(m_network.outlet())];
        const auto b = boundary_index(node.boundary);
        if (!b) throw std::invalid_argument(node.key + ".boundary: no [[boundary]] named '" + node.boundary + "'");
        if (c.boundaries[*b].kind == "wall" || c.boundaries[*b].kind == "inflow")
            throw std::invalid_argument(node.key + ".boundary: '" + node.boundary + "' is a " + c.boundaries[*b].kind +
                                        " boundary; the outlet takes what leaves through a free or stage boundary");
        m_outlet_boundary = b;
    }
    if (c.network.backwater) {
        m_backwater.emplace(*c.network.backwater, m_network);
        const auto b = boundary_index(c.network.backwater->boundary);
        if (!b || c.boundaries[*b].kind != "stage")
            throw std::invalid_argument("backwater.boundary: no stage [[boundary]] named '" +
                                        c.network.backwater->boundary + "'");
        m_stage_boundary = b;
    }
    m_natural = m_network.look_ahead(c.duration_s);
    m_recorder.emplace(m_network, m_backwater ? &*m_backwater : nullptr);
}

void NetworkCoupling::begin_interval(hydro::Simulation& sim) {
    const double t = m_network.time_s(), dt = m_network.step_s();
    // The stage from the pool and the outlet's flow at t, before the network moves on.
    if (m_backwater) sim.set_boundary_series(*m_stage_boundary, hydro::TimeSeries(m_backwater->stage_m(m_network)));
    for (std::size_t i = 0; i < m_steps_per_interval; ++i) m_network.step_part(true, t + static_cast<double>(i) * dt);
    m_network.set_time(t);
    const std::vector<double> volumes = m_network.take_inlet_volumes();
    for (std::size_t k = 0; k < m_feeds.size(); ++k) {
        const hydro::TimeSeries q(std::max(0.0, volumes[k]) / m_interval_s);
        if (m_feeds[k].boundary)
            sim.set_boundary_series(m_feeds[k].index, q);
        else
            sim.set_point_inflow_series(m_feeds[k].index, q);
    }
    if (m_outlet_boundary) {
        const hydro::FlowAccount& a = sim.ledger().boundaries[*m_outlet_boundary];
        m_outlet_net_out_m3 = a.out_m3 - a.in_m3;
    }
}

void NetworkCoupling::end_interval(const hydro::Simulation& sim) {
    double flow = 0.0;
    if (m_outlet_boundary) {
        const hydro::FlowAccount& a = sim.ledger().boundaries[*m_outlet_boundary];
        flow = (a.out_m3 - a.in_m3 - m_outlet_net_out_m3) / m_interval_s;
    }
    const double t = m_network.time_s(), dt = m_network.step_s();
    m_network.set_outlet_flow(flow);
    for (std::size_t i = 0; i < m_steps_per_interval; ++i) m_network.step_part(false, t + static_cast<double>(i) * dt);
    m_network.set_time(t + m_interval_s);
    m_recorder->sample(m_network);
}

void NetworkCoupling::save_state(StateArchive& archive) const {
    m_network.save_state(archive);
    m_dispatch.save_state(archive);
    m_recorder->save_state(archive);
}

void NetworkCoupling::restore_state(const StateArchive& archive, bool hot, double duration_s,
                                    const std::vector<std::pair<std::string, double>>& levels) {
    m_network.restore_state(archive, hot);
    if (hot) {
        m_network.reset_reservoir_levels(levels);
        m_natural = m_network.look_ahead(duration_s);
        m_recorder.emplace(m_network, m_backwater ? &*m_backwater : nullptr);
        return;
    }
    m_dispatch.restore_state(archive);
    m_recorder->restore_state(archive, m_network);
}

CombinedLedger NetworkCoupling::combined_ledger(const hydro::MassLedger& twod) const {
    const NetworkLedger& n = m_network.ledger();
    CombinedLedger l;
    l.initial_storage_m3 = n.initial_storage_m3 + twod.initial_storage_m3;
    l.storage_m3 = n.storage_m3 + twod.storage_m3;
    // The 2D model's own accounts, less the coupled boundaries: water crossing them is
    // counted by the network (to_domain, from_domain), so a mismatch shows as imbalance.
    double in = twod.inflow_m3(), out = twod.outflow_m3();
    for (const Feed& f : m_feeds)
        in -= f.boundary ? twod.boundaries[f.index].in_m3 : twod.point_inflows[f.index].in_m3;
    if (m_outlet_boundary) {
        in -= twod.boundaries[*m_outlet_boundary].in_m3;
        out -= twod.boundaries[*m_outlet_boundary].out_m3;
    }
    // dS = (in - out) + (inlet intake - to_domain) + (from_domain - outlet net outflow):
    // the coupling terms vanish when the exchange hands over exactly what it counts.
    // Water the network's intakes take out leaves the system; their return flows come back.
    l.inflow_m3 = n.inflow_m3 + n.returned_m3 + in;
    l.outflow_m3 = n.outflow_m3 + n.withdrawn_m3 + out;
    return l;
}

void NetworkCoupling::write_outputs(const std::filesystem::path& dir, const hydro::MassLedger& twod,
                                    const nlohmann::json& extra) const {
    nlohmann::json j = extra;
    const CombinedLedger l = combined_ledger(twod);
    j["combined_mass_balance"] = {{"initial_storage_m3", l.initial_storage_m3},
                                  {"storage_m3", l.storage_m3},
                                  {"inflow_m3", l.inflow_m3},
                                  {"outflow_m3", l.outflow_m3},
                                  {"relative_error", l.relative_error()}};
    j["coupling_interval_s"] = m_interval_s;
    write_network_outputs(dir, m_network, m_dispatch, *m_recorder, m_natural, m_backwater ? &*m_backwater : nullptr, j);
}

}  // namespace floodtwin::twin
