#include "twin/case/member_draws.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <stdexcept>

#include "twin/case/cholesky.hpp"
#include "twin/case/ensemble_tables.hpp"
#include "twin/case/member_random.hpp"

namespace floodtwin::twin {

namespace {

constexpr double step_s = 3600.0;  // the AR(1) step of the inflow errors

// Where the inflow errors are drawn: z at issue + h * step, h = 0 .. steps, per inflow.
struct InflowErrors {
    double issue_s = 0.0;  // after case.start
    std::map<std::string, std::vector<double>> z;
};

InflowErrors inflow_errors(const Case& c, int k) {
    const EnsembleSettings& s = c.ensemble;
    InflowErrors e;
    e.issue_s = s.issue_epoch_s ? *s.issue_epoch_s - c.start.epoch_s : 0.0;
    const std::size_t steps = static_cast<std::size_t>(std::max(1.0, std::ceil((c.duration_s - e.issue_s) / step_s))) + 1;
    const MemberRandom random(static_cast<std::uint64_t>(s.seed), static_cast<std::uint64_t>(k));
    const double rho = std::exp(-step_s / s.inflow_correlation_time_s), innovation = std::sqrt(1.0 - rho * rho);
    // The correlated group, then each other inflow on its own (a 1 x 1 group).
    std::vector<std::vector<std::string>> groups;
    std::vector<std::vector<std::vector<double>>> factors;
    if (!s.inflows.empty()) {
        groups.push_back(s.inflows);
        factors.push_back(s.inflow_correlation.empty() ? std::vector<std::vector<double>>{{1.0}}
                                                        : *cholesky_factor(s.inflow_correlation));  // load_case checked it
    }
    for (const std::string& name : forecast_inflow_names(c))
        if (std::find(s.inflows.begin(), s.inflows.end(), name) == s.inflows.end()) {
            groups.push_back({name});
            factors.push_back({{1.0}});
        }
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const auto& names = groups[g];
        const auto& l = factors[g];
        std::vector<std::vector<double>> z(names.size(), std::vector<double>(steps));
        for (std::size_t h = 0; h < steps; ++h) {
            std::vector<double> eps(names.size());
            for (std::size_t i = 0; i < names.size(); ++i) eps[i] = random.normal(stream_of("inflow " + names[i]), h);
            for (std::size_t i = 0; i < names.size(); ++i) {
                double y = 0.0;
                for (std::size_t j = 0; j <= i; ++j) y += l[i][j] * eps[j];
                z[i][h] = h == 0 ? y : rho * z[i][h - 1] + innovation * y;
            }
        }
        for (std::size_t i = 0; i < names.size(); ++i) e.z[names[i]] = std::move(z[i]);
    }
    return e;
}

double factor_at(const EnsembleSettings& s, const InflowErrors& e, const std::string& name, double t_s) {
    const double lead = t_s - e.issue_s;
    if (lead <= 0.0) return 1.0;
    const std::vector<double>& z = e.z.at(name);
    const double x = lead / step_s;
    const std::size_t h = std::min(static_cast<std::size_t>(x), z.size() - 2);
    const double w = std::min(1.0, x - static_cast<double>(h));
    const double zt = (1.0 - w) * z[h] + w * z[h + 1];
    const double sd = inflow_log_sd(s, lead);
    return std::exp(sd * zt - 0.5 * sd * sd);
}

// `series` times the member's factor: at its own points and at every error step after
// the issue time, so the error's course shows between sparse points.
hydro::TimeSeries perturbed(const hydro::TimeSeries& series, const Case& c, const InflowErrors& e,
                            const std::string& name) {
    std::vector<double> times;
    if (!series.constant()) times = series.times();
    const bool zero_outside = series.outside() == hydro::Outside::zero && !series.constant();
    const double lo = zero_outside ? series.times().front() : std::min(0.0, e.issue_s);
    const double hi = zero_outside ? series.times().back() : std::max(c.duration_s, e.issue_s) + step_s;
    for (double t = e.issue_s; t <= hi; t += step_s)
        if (t >= lo) times.push_back(t);
    if (series.constant()) {
        times.push_back(0.0);
        times.push_back(c.duration_s);
    }
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    std::vector<double> values;
    for (const double t : times) values.push_back(series.value_at(t) * factor_at(c.ensemble, e, name, t));
    hydro::TimeSeries out(std::move(times), std::move(values), name + " (ensemble member)");
    out.set_outside(series.outside());
    return out;
}

double log_normal(double sd, double z) { return std::exp(sd * z - 0.5 * sd * sd); }

}  // namespace

double inflow_log_sd(const EnsembleSettings& s, double lead_s) {
    if (lead_s <= 0.0) return 0.0;
    return std::min(s.inflow_error_max, s.inflow_error * lead_s / 86400.0);
}

double inflow_factor(const Case& c, int k, const std::string& name, double t_s) {
    return factor_at(c.ensemble, inflow_errors(c, k), name, t_s);
}

nlohmann::json apply_member_draws(Case& c, int k) {
    if (k < 0) throw std::invalid_argument("--member: must be >= 0, got " + std::to_string(k));
    const EnsembleSettings& s = c.ensemble;
    const MemberRandom random(static_cast<std::uint64_t>(s.seed), static_cast<std::uint64_t>(k));
    const InflowErrors e = inflow_errors(c, k);
    nlohmann::json j = {{"member", k}, {"seed", static_cast<std::uint64_t>(s.seed)}};
    nlohmann::json at_end = nlohmann::json::object();
    const auto perturb = [&](hydro::TimeSeries& series, const std::string& name) {
        series = perturbed(series, c, e, name);
        at_end[name] = factor_at(s, e, name, c.duration_s);
    };
    for (NodeSection& n : c.network.nodes)
        if (n.kind == "inflow" && n.inflow_m3_s) perturb(*n.inflow_m3_s, n.name);
    for (ReservoirSection& r : c.network.reservoirs)
        if (r.inflow_m3_s) perturb(*r.inflow_m3_s, r.name);
    for (BoundarySection& b : c.boundaries)
        if (b.kind == "inflow" && !b.series.empty()) perturb(b.series, b.name);
    for (SourceSection& p : c.sources)
        if (!p.discharge_m3_s.empty()) perturb(p.discharge_m3_s, p.name);
    j["inflow_factor_at_end"] = at_end;

    c.member.rain_factor = log_normal(s.rain_error, random.normal(stream_of("rain"), 0));
    if (c.rain.intensity_m_s) {
        const hydro::TimeSeries& r = *c.rain.intensity_m_s;
        if (r.constant()) {
            c.rain.intensity_m_s = hydro::TimeSeries(r.value_at(0.0) * c.member.rain_factor);
        } else {
            std::vector<double> v = r.values();
            for (double& x : v) x *= c.member.rain_factor;
            hydro::TimeSeries scaled(r.times(), std::move(v), "rain.intensity (ensemble member)");
            scaled.set_outside(r.outside());
            c.rain.intensity_m_s = std::move(scaled);
        }
    }
    const double shift = s.rain_shift_m * random.uniform(stream_of("rain shift"), 0);
    const double angle = 2.0 * std::numbers::pi * random.uniform(stream_of("rain shift"), 1);
    c.member.rain_shift_x_m = shift * std::cos(angle);
    c.member.rain_shift_y_m = shift * std::sin(angle);
    const double lo = s.manning_factor.at(0), hi = s.manning_factor.at(1);
    c.member.manning_factor = lo + (hi - lo) * random.uniform(stream_of("manning"), 0);
    nlohmann::json rules = nlohmann::json::object();
    if (s.rule_error > 0.0)
        for (const ReservoirSection& r : c.network.reservoirs) {
            const double f = log_normal(s.rule_error, random.normal(stream_of("rule " + r.name), 0));
            rules[r.name] = f;
            for (RuleSection& rule : c.network.rules)
                if (rule.reservoir == r.name) {
                    rule.value_m3_s *= f;
                    rule.threshold_m3_s *= f;
                }
        }
    j["rain_factor"] = c.member.rain_factor;
    j["rain_shift_m"] = {c.member.rain_shift_x_m, c.member.rain_shift_y_m};
    j["manning_factor"] = c.member.manning_factor;
    j["rule_factors"] = rules;
    return j;
}

}  // namespace floodtwin::twin
