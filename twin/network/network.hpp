#pragma once
// The river network: forecast inflows, stations, junctions, reservoirs and the 2D
// model's inlets and outlet, joined by routed reaches, advanced in fixed steps in
// topological order. Flows are point values at step ends; volumes over a step are
// exact, so the network's ledger closes to round-off (reaches and reservoirs keep
// storage by continuity).
//
// Alone (`floodtwin route`) the network carries the inlets' water to the outlet
// through its `domain` reaches. Coupled with the 2D model, the inlets hand their
// volumes to the 2D model and the outlet takes what the 2D model lets out; the
// `domain` reaches then run as a shadow, for the look-ahead of dispatch decisions.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "hydro/reach_routing.hpp"
#include "hydro/time_series.hpp"
#include "twin/case/case.hpp"
#include "twin/network/demands.hpp"
#include "twin/reservoir/release_rules.hpp"
#include "twin/reservoir/reservoir.hpp"
#include "twin/state/state_archive.hpp"

namespace floodtwin::twin {

enum class NodeKind { inflow, station, junction, domain_inlet, domain_outlet, sink, reservoir };

struct NetworkNode {
    std::string name;
    std::string key;  // "node[2]", "reservoir[0]": for messages
    NodeKind kind = NodeKind::junction;
    std::optional<hydro::TimeSeries> local_inflow_m3_s;  // forecast inflow, or a reservoir's local inflow
    std::vector<double> rating_stage_m, rating_flow_m3_s;  // stage-discharge, flows increasing
    std::string datum;
    std::string boundary;     // domain_inlet / domain_outlet: the 2D boundary or source
    int reservoir = -1;       // index into Network::reservoirs()
    std::vector<int> upstream;  // reaches ending here
    int downstream = -1;        // the reach leaving here; -1: water leaves the network here
    // State: point values at the current time, volumes of the last step.
    double inflow_m3_s = 0.0, outflow_m3_s = 0.0;
    double volume_in_m3 = 0.0, volume_out_m3 = 0.0;
};

struct NetworkReach {
    std::string name, key;
    int from = -1, to = -1;
    bool domain = false;  // inside the 2D model (method = "domain")
    hydro::ReachRouter router;
    double outflow_m3_s = 0.0, volume_out_m3 = 0.0;  // of the last step
};

// What one reservoir decided in one step, and why: a row of dispatch_log.csv.
struct DispatchRecord {
    double time_s = 0.0;  // end of the step, from the start
    int reservoir = -1;
    double inflow_m3_s = 0.0, release_m3_s = 0.0, level_m = 0.0, storage_m3 = 0.0, energy_mwh = 0.0;
    ReleaseDecision decision;
    bool capacity_limited = false;
};

// The network's water account since the start (m3).
struct NetworkLedger {
    double initial_storage_m3 = 0.0, storage_m3 = 0.0;
    double inflow_m3 = 0.0;       // forecast and local inflows
    double outflow_m3 = 0.0;      // through sinks and ends of the network
    double to_domain_m3 = 0.0;    // handed to the 2D model (coupled)
    double from_domain_m3 = 0.0;  // taken from the 2D model (coupled)
    double withdrawn_m3 = 0.0;    // delivered to [[demand]]s
    double returned_m3 = 0.0;     // their return flows, back in the network
    // (storage change - net inflow) / max(storage, inflow): zero up to round-off.
    [[nodiscard]] double relative_error() const;
};

// One reservoir's water account since the start (m3): level-pool routing keeps
// storage by continuity, so it closes to round-off.
struct ReservoirLedger {
    double initial_storage_m3 = 0.0, inflow_m3 = 0.0, release_m3 = 0.0;
    double withdrawn_m3 = 0.0;  // by intakes in the pool ([[demand]] at the reservoir)
};

// A look-ahead: every node's inflow at the end of each of the next steps, with every
// reservoir passing its inflow from now on (or keeping an offset from it) and the 2D
// model replaced by its `domain` reaches. Dispatch rules read what would happen if
// nobody held water back, or if present cuts persisted.
struct NetworkForecast {
    double t0_s = 0.0, dt_s = 0.0;
    std::vector<std::vector<double>> inflow_m3_s;  // [step k = 1..n][node]
    [[nodiscard]] std::size_t steps() const { return inflow_m3_s.size(); }
    // Inflow of `node` at t0 + lead (linear between steps, held past the end).
    [[nodiscard]] double at(int node, double lead_s) const;
    [[nodiscard]] double max_within(int node, double horizon_s) const;
};

class Network {
public:
    // Builds and checks the network (throws std::invalid_argument naming the key and the
    // node: unknown names, duplicate names, cycles, unreachable nodes, two reaches out of
    // a node, bad reservoir tables or rules). `coupled`: the 2D model runs alongside.
    Network(const NetworkCase& net, const Instant& start, double step_s, bool coupled);

    // Steady state at the start: forecast inflows at t = 0 carried down, each reservoir
    // releasing its inflow (within its capacity at its initial level).
    void initialise();

    // One step [t0, t0 + step] of the nodes upstream of the 2D outlet (`upstream` =
    // true) or of those at and below it; the clock is then t0 + step. Alone, step()
    // runs both. Coupled, the caller runs the upstream part over a coupling interval,
    // then the 2D model, then the rest (reaches from one part into the other keep the
    // steps' flows until the other part takes them).
    void step_part(bool upstream, double t0_s);
    void step() {
        const double t0 = m_time_s;
        step_part(true, t0);
        step_part(false, t0);
    }
    void set_time(double t_s) { m_time_s = t_s; }

    // Coupled exchange. Volumes the inlets handed over during the steps since the last
    // call, per inlet (in inlets() order), and reset.
    std::vector<double> take_inlet_volumes();
    // What the 2D model let out through the outlet over the coming steps: spread evenly
    // over them as a constant flow.
    void set_outlet_flow(double flow_m3_s) { m_outlet_flow_m3_s = flow_m3_s; }

    // With release_offsets_m3_s (one per reservoir), each reservoir releases its inflow
    // plus its offset instead: dispatch asks what happens if present cuts persist.
    [[nodiscard]] NetworkForecast look_ahead(double horizon_s, const std::vector<double>& release_offsets_m3_s = {}) const;
    [[nodiscard]] double horizon_s() const { return m_horizon_s; }

    // --- reading ---
    [[nodiscard]] double time_s() const { return m_time_s; }
    [[nodiscard]] double step_s() const { return m_step_s; }
    [[nodiscard]] const Instant& start() const { return m_start; }
    [[nodiscard]] bool coupled() const { return m_coupled; }
    [[nodiscard]] const std::vector<NetworkNode>& nodes() const { return m_nodes; }
    [[nodiscard]] const std::vector<NetworkReach>& reaches() const { return m_reaches; }
    [[nodiscard]] const std::vector<Reservoir>& reservoirs() const { return m_reservoirs; }
    [[nodiscard]] int reservoir_node(int reservoir) const { return m_reservoir_node[static_cast<std::size_t>(reservoir)]; }
    [[nodiscard]] int find_node(const std::string& name) const;  // -1 when none
    [[nodiscard]] const std::vector<int>& inlets() const { return m_inlets; }
    [[nodiscard]] int outlet() const { return m_outlet; }  // -1 when none
    [[nodiscard]] const NetworkLedger& ledger() const { return m_ledger; }
    [[nodiscard]] const std::vector<ReservoirLedger>& reservoir_ledgers() const { return m_reservoir_ledgers; }
    [[nodiscard]] const std::vector<DispatchRecord>& dispatch_log() const { return m_log; }
    [[nodiscard]] const NetworkDemands& demands() const { return m_demands; }
    // Nodes downstream of `node` along the reaches, `node` first.
    [[nodiscard]] std::vector<int> path_down(int node) const;
    // Travel time from `from` to `to` along the path at the reaches' present flows;
    // nullopt when `to` is not downstream of `from`.
    [[nodiscard]] std::optional<double> travel_time_s(int from, int to) const;
    // What the network's own `domain` reaches deliver to a node now (the 2D outlet's flow
    // as the network routes it, whether or not the 2D model runs).
    [[nodiscard]] double domain_inflow_m3_s(int node) const;
    // A node's stage from its rating (nullopt without one).
    [[nodiscard]] std::optional<double> stage_m(int node) const;
    [[nodiscard]] std::optional<double> stage_for_flow(int node, double flow_m3_s) const;
    [[nodiscard]] std::optional<double> flow_for_stage(int node, double stage_m) const;

    // Limits from outside a reservoir's own rules (joint dispatch, downstream control),
    // computed by the caller before each step.
    using LimitSource = std::function<std::vector<std::vector<ExternalLimit>>(const Network&)>;
    void set_limit_source(LimitSource source) { m_limit_source = std::move(source); }
    // The look-ahead of the step being decided (computed on demand, once per step).
    [[nodiscard]] const NetworkForecast& current_forecast() const;

    // --- state (twin/network/network_state.cpp) ---
    // Everything the network remembers, under keys "network.*": the clock, every node's
    // and reach's flows and volumes of the last step, each reach's routing state, each
    // reservoir's storage, level and release, water in transit between the parts, the
    // coupled exchange, the ledgers and the dispatch log.
    void save_state(StateArchive& archive) const;
    // Resume (hot = false): all of it, so the run continues bit for bit. Hot start
    // (hot = true): the water only (flows, routing states, reservoirs, water in transit)
    // at time 0 of a new run, whose ledgers start from the restored storage and whose
    // log is empty; the case's series and rules are the new run's. The network must have
    // the same shape (the caller checks its fingerprint); throws std::runtime_error
    // naming the node, reach or reservoir whose state does not fit.
    void restore_state(const StateArchive& archive, bool hot);
    // Right after a hot start: reservoirs set to these pool levels (observed at the
    // issue time), storage from their tables, the ledgers starting from there. Throws
    // std::invalid_argument naming a reservoir the network does not have.
    void reset_reservoir_levels(const std::vector<std::pair<std::string, double>>& levels);

private:
    void build(const NetworkCase& net);
    void check_graph();
    void advance_node(int node, double t0, double dt, const std::vector<std::vector<ExternalLimit>>& limits);
    void route_reach(int reach, double flow_m3_s, double volume_m3);
    // Serves the demands at `node` out of `available_m3` over the step and books them;
    // returns the volume taken (what returns at the node itself is given back at once).
    double serve_demands(int node, double t0, double dt, double available_m3);
    [[nodiscard]] RuleInputs rule_inputs(int reservoir, double t0, double dt) const;
    [[nodiscard]] double storage_now() const;

    Instant m_start;
    double m_step_s = 0.0;     // both set by the constructor, from the case
    double m_horizon_s = 0.0;
    bool m_coupled = false;
    double m_time_s = 0.0;
    std::vector<NetworkNode> m_nodes;
    std::vector<NetworkReach> m_reaches;
    std::vector<Reservoir> m_reservoirs;
    std::vector<int> m_reservoir_node;
    std::vector<int> m_order;           // topological, upstream first
    std::vector<bool> m_downstream_part;  // at or below the 2D outlet
    std::vector<bool> m_crossing;         // reaches from the upstream part into the other
    // Per node whose reach crosses: (flow, volume) of steps the other part has not taken.
    std::vector<std::vector<std::pair<double, double>>> m_pending;
    double m_outlet_debt_m3 = 0.0;        // water the 2D model took in through its outlet, owed
    std::vector<int> m_inlets;
    int m_outlet = -1;
    std::vector<double> m_inlet_volume_m3;
    double m_outlet_flow_m3_s = 0.0;
    NetworkLedger m_ledger;
    std::vector<ReservoirLedger> m_reservoir_ledgers;
    std::vector<DispatchRecord> m_log;
    NetworkDemands m_demands;
    std::vector<double> m_return_m3;  // per node: return flows on their way there
    LimitSource m_limit_source;
    mutable std::optional<NetworkForecast> m_forecast;  // of the step at m_forecast_t
    mutable double m_forecast_t = -1.0;
    bool m_needs_forecast = false;  // pre-release rules read the forecast
};

}  // namespace floodtwin::twin
