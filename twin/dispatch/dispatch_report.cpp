#include "twin/dispatch/dispatch_report.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "grids/atomic_file.hpp"
#include "grids/text_fields.hpp"
#include "twin/case/time_text.hpp"
#include "twin/dispatch/supply_report.hpp"

namespace floodtwin::twin {

namespace {

std::string iso(const Network& n, double t_s) { return format_instant(n.start().epoch_s + t_s, n.start().utc_offset_min); }

// Names and text as CSV fields, quoted as RFC 4180 needs (commas, quotes, new lines).
using grids::csv_field;

struct Peak {
    double value = -1.0, time_s = 0.0;
};

Peak peak_of(const std::vector<double>& t, const std::vector<double>& v) {
    Peak p;
    for (std::size_t i = 0; i < v.size(); ++i)
        if (v[i] > p.value) p = {v[i], t[i]};
    return p;
}

nlohmann::json reservoir_balance(const ReservoirLedger& l, double storage_m3) {
    const double imbalance = (storage_m3 - l.initial_storage_m3) - (l.inflow_m3 - l.release_m3 - l.withdrawn_m3);
    const double scale = std::max({storage_m3, l.initial_storage_m3, l.inflow_m3, 1.0});
    return {{"initial_storage_m3", l.initial_storage_m3},
            {"storage_m3", storage_m3},
            {"inflow_m3", l.inflow_m3},
            {"release_m3", l.release_m3},
            {"withdrawn_m3", l.withdrawn_m3},
            {"relative_error", imbalance / scale}};
}

}  // namespace

NetworkRecorder::NetworkRecorder(const Network& network, const BackwaterStage* backwater) : m_backwater(backwater) {
    sample(network);
}

void NetworkRecorder::sample(const Network& network) {
    m_time_s.push_back(network.time_s());
    std::vector<double> q;
    for (const NetworkNode& n : network.nodes()) q.push_back(n.kind == NodeKind::reservoir ? n.inflow_m3_s : n.outflow_m3_s);
    m_flow.push_back(std::move(q));
    std::vector<double> level, release;
    for (const Reservoir& r : network.reservoirs()) {
        level.push_back(r.level_m());
        release.push_back(r.release_m3_s());
    }
    m_level.push_back(std::move(level));
    m_release.push_back(std::move(release));
    if (m_backwater) m_outlet_stage.push_back(m_backwater->stage_m(network));
    std::vector<double> delivered, deficit;
    for (const DemandAccount& a : network.demands().accounts()) {
        delivered.push_back(a.delivered_m3_s);
        deficit.push_back(a.deficit_m3_s);
    }
    m_delivered.push_back(std::move(delivered));
    m_deficit.push_back(std::move(deficit));
}

namespace {

std::vector<double> flattened(const std::vector<std::vector<double>>& rows) {
    std::vector<double> v;
    for (const auto& row : rows) v.insert(v.end(), row.begin(), row.end());
    return v;
}

std::vector<std::vector<double>> rows_of(const std::vector<double>& flat, std::size_t rows, std::size_t width) {
    std::vector<std::vector<double>> out(rows);
    for (std::size_t r = 0; r < rows; ++r)
        out[r].assign(flat.begin() + static_cast<std::ptrdiff_t>(r * width),
                      flat.begin() + static_cast<std::ptrdiff_t>((r + 1) * width));
    return out;
}

}  // namespace

void NetworkRecorder::save_state(StateArchive& a) const {
    a.put("recorder.time_s", m_time_s);
    a.put("recorder.flow_m3_s", flattened(m_flow));
    a.put("recorder.level_m", flattened(m_level));
    a.put("recorder.release_m3_s", flattened(m_release));
    a.put("recorder.outlet_stage_m", m_outlet_stage);
    a.put("recorder.delivered_m3_s", flattened(m_delivered));
    a.put("recorder.deficit_m3_s", flattened(m_deficit));
}

void NetworkRecorder::restore_state(const StateArchive& a, const Network& network) {
    const std::size_t samples = a.get_array("recorder.time_s").size();
    const std::size_t nodes = network.nodes().size(), pools = network.reservoirs().size();
    m_time_s = a.get_array("recorder.time_s");
    m_flow = rows_of(a.get_array("recorder.flow_m3_s", samples * nodes), samples, nodes);
    m_level = rows_of(a.get_array("recorder.level_m", samples * pools), samples, pools);
    m_release = rows_of(a.get_array("recorder.release_m3_s", samples * pools), samples, pools);
    m_outlet_stage = a.get_array("recorder.outlet_stage_m", m_backwater ? samples : 0);
    // Checkpoints from before [[demand]] have no demand columns (and no demands).
    const std::size_t demands = network.demands().demands().size();
    const bool kept = a.has("recorder.delivered_m3_s");
    m_delivered = rows_of(kept ? a.get_array("recorder.delivered_m3_s", samples * demands) : std::vector<double>(samples * demands),
                          samples, demands);
    m_deficit = rows_of(kept ? a.get_array("recorder.deficit_m3_s", samples * demands) : std::vector<double>(samples * demands),
                        samples, demands);
}

std::string NetworkRecorder::demands_csv(const Network& network) const {
    std::ostringstream o;
    o.precision(10);
    o << "time_iso,time_s";
    for (const NetworkDemand& d : network.demands().demands())
        o << ',' << csv_field(d.name + "_delivered_m3_s") << ',' << csv_field(d.name + "_deficit_m3_s");
    o << '\n';
    for (std::size_t s = 0; s < m_time_s.size(); ++s) {
        o << iso(network, m_time_s[s]) << ',' << m_time_s[s];
        for (std::size_t d = 0; d < m_delivered[s].size(); ++d) o << ',' << m_delivered[s][d] << ',' << m_deficit[s][d];
        o << '\n';
    }
    return o.str();
}

std::string NetworkRecorder::hydrographs_csv(const Network& network) const {
    std::ostringstream o;
    o.precision(10);
    const auto& nodes = network.nodes();
    o << "time_iso,time_s";
    for (const NetworkNode& n : nodes) {
        o << ',' << csv_field(n.name + (n.kind == NodeKind::reservoir ? "_inflow_m3_s" : "_flow_m3_s"));
        if (!n.rating_flow_m3_s.empty()) o << ',' << csv_field(n.name + "_stage_m" + (n.datum.empty() ? "" : "_" + n.datum));
    }
    if (m_backwater) o << ',' << csv_field(m_backwater->relation().boundary + "_backwater_stage_m");
    o << '\n';
    for (std::size_t s = 0; s < m_time_s.size(); ++s) {
        o << iso(network, m_time_s[s]) << ',' << m_time_s[s];
        for (std::size_t n = 0; n < nodes.size(); ++n) {
            o << ',' << m_flow[s][n];
            if (!nodes[n].rating_flow_m3_s.empty()) o << ',' << *network.stage_for_flow(static_cast<int>(n), m_flow[s][n]);
        }
        if (m_backwater) o << ',' << m_outlet_stage[s];
        o << '\n';
    }
    return o.str();
}

std::string NetworkRecorder::reservoirs_csv(const Network& network) const {
    std::ostringstream o;
    o.precision(10);
    o << "time_iso,time_s";
    for (const Reservoir& r : network.reservoirs())
        o << ',' << csv_field(r.spec().name + "_level_m") << ',' << csv_field(r.spec().name + "_release_m3_s");
    o << '\n';
    for (std::size_t s = 0; s < m_time_s.size(); ++s) {
        o << iso(network, m_time_s[s]) << ',' << m_time_s[s];
        for (std::size_t r = 0; r < m_level[s].size(); ++r) o << ',' << m_level[s][r] << ',' << m_release[s][r];
        o << '\n';
    }
    return o.str();
}

std::string dispatch_log_csv(const Network& network) {
    std::ostringstream o;
    o.precision(10);
    o << "time_iso,time_s,reservoir,zone,level_m,storage_m3,inflow_m3_s,release_m3_s,allowed_min_m3_s,allowed_max_m3_s,"
         "desired_m3_s,set_by,binding,capacity_limited,explanation\n";
    for (const DispatchRecord& d : network.dispatch_log()) {
        std::string binding;
        for (const std::string& b : d.decision.binding) binding += (binding.empty() ? "" : " | ") + b;
        o << iso(network, d.time_s) << ',' << d.time_s << ','
          << csv_field(network.reservoirs()[static_cast<std::size_t>(d.reservoir)].spec().name) << ','
          << csv_field(d.decision.zone) << ',' << d.level_m << ',' << d.storage_m3 << ',' << d.inflow_m3_s << ','
          << d.release_m3_s << ',' << d.decision.lo_m3_s << ',' << d.decision.hi_m3_s << ',' << d.decision.desired_m3_s
          << ',' << csv_field(d.decision.set_by) << ',' << csv_field(binding) << ','
          << (d.capacity_limited ? "yes" : "no") << ',' << csv_field(d.decision.explain()) << '\n';
    }
    return o.str();
}

nlohmann::json dispatch_summary(const Network& network, const JointDispatch& dispatch, const NetworkRecorder& recorder,
                                const NetworkForecast& natural) {
    using nlohmann::json;
    const double dt = network.step_s();
    json j;
    const NetworkLedger& l = network.ledger();
    j["network"] = {{"step_s", dt},
                    {"steps", recorder.times_s().size() - 1},
                    {"coupled", network.coupled()},
                    {"mass_balance",
                     {{"initial_storage_m3", l.initial_storage_m3},
                      {"storage_m3", l.storage_m3},
                      {"inflow_m3", l.inflow_m3},
                      {"outflow_m3", l.outflow_m3},
                      {"to_2d_m3", l.to_domain_m3},
                      {"from_2d_m3", l.from_domain_m3},
                      {"withdrawn_m3", l.withdrawn_m3},
                      {"returned_m3", l.returned_m3},
                      {"relative_error", l.relative_error()}}}};

    // Natural flows at each sample time, from the look-ahead (step k ends at k dt).
    auto natural_at = [&](int node, double t_s) {
        if (t_s <= 0.0) return recorder.flows_m3_s().front()[static_cast<std::size_t>(node)];
        return natural.at(node, t_s - natural.t0_s);
    };
    json controls = json::array();
    for (const ControlPoint& c : dispatch.controls()) {
        std::vector<double> q, qn;
        for (std::size_t s = 0; s < recorder.times_s().size(); ++s) {
            q.push_back(recorder.flows_m3_s()[s][static_cast<std::size_t>(c.station)]);
            qn.push_back(natural_at(c.station, recorder.times_s()[s]));
        }
        const Peak p = peak_of(recorder.times_s(), q), pn = peak_of(recorder.times_s(), qn);
        double above = 0.0;
        for (double v : q) above += v > c.target_m3_s * (1.0 + 1e-9) ? dt / 3600.0 : 0.0;
        json jc = {{"name", c.name},
                   {"station", network.nodes()[static_cast<std::size_t>(c.station)].name},
                   {"target_m3_s", c.target_m3_s},
                   {"peak_m3_s", p.value},
                   {"peak_time", iso(network, p.time_s)},
                   {"natural_peak_m3_s", pn.value},
                   {"natural_peak_time", iso(network, pn.time_s)},
                   {"peak_cut_m3_s", pn.value - p.value},
                   {"hours_above_target", above}};
        if (const auto s = network.stage_for_flow(c.station, p.value)) {
            jc["peak_stage_m"] = *s;
            jc["natural_peak_stage_m"] = *network.stage_for_flow(c.station, pn.value);
            jc["peak_stage_cut_m"] = jc["natural_peak_stage_m"].get<double>() - *s;
        }
        controls.push_back(jc);
    }
    j["controls"] = controls;

    // Per reservoir: levels, storage used and left, energy, minimum flows not met.
    std::map<std::string, std::pair<double, double>> purpose_short;  // hours, m3
    json reservoirs = json::array();
    const Instant t0 = network.start();
    for (std::size_t r = 0; r < network.reservoirs().size(); ++r) {
        const Reservoir& res = network.reservoirs()[r];
        const ReservoirSpec& spec = res.spec();
        double max_level = spec.initial_level_m, max_level_t = 0.0, energy = 0.0, capacity_hours = 0.0;
        double peak_in = 0.0, peak_out = 0.0, max_storage = res.storage_at(spec.initial_level_m);
        for (const DispatchRecord& d : network.dispatch_log()) {
            if (d.reservoir != static_cast<int>(r)) continue;
            if (d.level_m > max_level) max_level = d.level_m, max_level_t = d.time_s;
            max_storage = std::max(max_storage, d.storage_m3);
            energy += d.energy_mwh;
            capacity_hours += d.capacity_limited ? dt / 3600.0 : 0.0;
            peak_in = std::max(peak_in, d.inflow_m3_s);
            peak_out = std::max(peak_out, d.release_m3_s);
        }
        const double limit_level = res.flood_limit_m(t0);
        const double flood_storage = res.storage_at(spec.normal_pool_m) - res.storage_at(limit_level);
        const double start_storage = res.storage_at(spec.initial_level_m);
        json minimums = json::array();
        for (const RuleSpec& rule : spec.rules) {
            if (rule.type != "min_release") continue;
            double hours = 0.0, deficit = 0.0;
            for (const DispatchRecord& d : network.dispatch_log()) {
                if (d.reservoir != static_cast<int>(r)) continue;
                const bool overridden = std::any_of(d.decision.binding.begin(), d.decision.binding.end(),
                                                    [&](const std::string& b) {
                                                        return b.rfind("min '" + rule.name + "' overridden", 0) == 0;
                                                    });
                const bool applied_short = d.decision.lo_m3_s >= rule.value_m3_s - 1e-9 && d.release_m3_s < rule.value_m3_s - 1e-6;
                if (overridden || applied_short) {
                    hours += dt / 3600.0;
                    deficit += std::max(0.0, rule.value_m3_s - d.release_m3_s) * dt;
                }
            }
            const std::string purpose = rule.purpose.empty() ? "other" : rule.purpose;
            purpose_short[purpose].first += hours;
            purpose_short[purpose].second += deficit;
            minimums.push_back({{"rule", rule.name}, {"purpose", purpose}, {"min_m3_s", rule.value_m3_s},
                                {"hours_below", hours}, {"deficit_m3", deficit}});
        }
        json jr = {{"name", spec.name},
                   {"initial_level_m", spec.initial_level_m},
                   {"max_level_m", max_level},
                   {"max_level_time", iso(network, max_level_t)},
                   {"final_level_m", res.level_m()},
                   {"flood_limit_level_at_start_m", limit_level},
                   {"flood_control_storage_m3", flood_storage},
                   {"storage_used_m3", std::max(0.0, max_storage - start_storage)},
                   {"flood_control_storage_left_m3", std::max(0.0, res.storage_at(spec.normal_pool_m) - max_storage)},
                   {"final_storage_m3", res.storage_m3()},
                   {"peak_inflow_m3_s", peak_in},
                   {"peak_release_m3_s", peak_out},
                   {"energy_mwh", energy},
                   {"mass_balance", reservoir_balance(network.reservoir_ledgers()[r], res.storage_m3())},
                   {"hours_at_capacity", capacity_hours},
                   {"minimum_flows", minimums}};
        reservoirs.push_back(jr);
    }
    j["reservoirs"] = reservoirs;
    json purposes = json::object();
    for (const auto& [p, v] : purpose_short) purposes[p] = {{"hours_below_minimum", v.first}, {"deficit_m3", v.second}};
    j["purposes"] = purposes;
    double energy = 0.0;
    for (const auto& jr : reservoirs) energy += jr["energy_mwh"].get<double>();
    j["energy_mwh"] = energy;
    json events = json::array();
    for (const DispatchEvent& e : dispatch.events())
        events.push_back({{"time", iso(network, e.time_s)}, {"control", e.control}, {"reservoir", e.reservoir},
                          {"what", e.what}});
    j["events"] = events;
    if (!network.demands().empty()) {
        j["demands"] = demand_summary(network);
        j["supply"] = supply_by_purpose(network);
    }
    if (!dispatch.minimums().empty()) j["downstream_minimums"] = minimum_summary(network, dispatch.minimums(), recorder);
    return j;
}

void write_network_outputs(const std::filesystem::path& dir, const Network& network, const JointDispatch& dispatch,
                           const NetworkRecorder& recorder, const NetworkForecast& natural,
                           const BackwaterStage* backwater, const nlohmann::json& extra) {
    grids::write_text_atomic(dir / "hydrographs.csv", recorder.hydrographs_csv(network));
    grids::write_text_atomic(dir / "reservoirs.csv", recorder.reservoirs_csv(network));
    grids::write_text_atomic(dir / "dispatch_log.csv", dispatch_log_csv(network));
    if (backwater) grids::write_text_atomic(dir / "backwater_table.csv", backwater->csv());
    if (!network.demands().empty()) grids::write_text_atomic(dir / "demands.csv", recorder.demands_csv(network));
    nlohmann::json j = dispatch_summary(network, dispatch, recorder, natural);
    for (auto it = extra.begin(); it != extra.end(); ++it) j[it.key()] = it.value();
    grids::write_text_atomic(dir / "dispatch_summary.json", j.dump(2) + "\n");
}

}  // namespace floodtwin::twin
