#include "twin/reservoir/reservoir.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "hydro/level_pool.hpp"

#include "grids/text_fields.hpp"

namespace floodtwin::twin {

namespace {

constexpr double water_density_kg_m3 = 1000.0;
constexpr double gravity_m_s2 = 9.81;
constexpr double seconds_per_hour = 3600.0;

std::string owner(const ReservoirSpec& spec) { return "reservoir '" + spec.name + "'"; }

ReservoirSpec named(ReservoirSpec spec) {
    if (spec.name.empty()) throw std::invalid_argument("reservoir: name is empty");
    return spec;
}

// "06-10"
std::string month_day(int month, int day) {
    char text[16];
    std::snprintf(text, sizeof text, "%02d-%02d", month, day);
    return text;
}

void check_seasonal(const SeasonalLevel& s, const std::string& what) {
    if (s.month.size() != s.level_m.size() || s.day.size() != s.level_m.size())
        throw std::invalid_argument(what + ": " + std::to_string(s.month.size()) + " months, " +
                                    std::to_string(s.day.size()) + " days and " + std::to_string(s.level_m.size()) +
                                    " levels: one of each per row");
    static constexpr int days_in[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (std::size_t k = 0; k < s.level_m.size(); ++k) {
        const std::string row = what + " row " + std::to_string(k + 1) + ": ";
        const int m = s.month[k], d = s.day[k];
        if (m < 1 || m > 12 || d < 1 || d > days_in[m - 1])
            throw std::invalid_argument(row + "no such date " + month_day(m, d) + " (month, day)");
        if (!std::isfinite(s.level_m[k])) throw std::invalid_argument(row + "level must be a finite number");
        if (k > 0 && m * 100 + d <= s.month[k - 1] * 100 + s.day[k - 1])
            throw std::invalid_argument(row + "date " + month_day(m, d) + " is not after " +
                                        month_day(s.month[k - 1], s.day[k - 1]) +
                                        " (dates go through the year in order)");
    }
}

void check_hydropower(const HydropowerSpec& hp, const std::string& what) {
    if (!(hp.efficiency > 0.0 && hp.efficiency <= 1.0))
        throw std::invalid_argument(what + ": efficiency " + grids::number_text(hp.efficiency) + " must be in (0, 1]");
    if (!(std::isfinite(hp.installed_mw) && hp.installed_mw > 0.0))
        throw std::invalid_argument(what + ": installed_mw " + grids::number_text(hp.installed_mw) + " must be > 0");
    if (!(std::isfinite(hp.turbine_capacity_m3_s) && hp.turbine_capacity_m3_s > 0.0))
        throw std::invalid_argument(what + ": turbine_capacity_m3_s " + grids::number_text(hp.turbine_capacity_m3_s) +
                                    " must be > 0");
    if (!std::isfinite(hp.tailwater_level_m))
        throw std::invalid_argument(what + ": tailwater_level_m must be a finite level");
    const auto& q = hp.tailwater_release_m3_s;
    const auto& z = hp.tailwater_levels_m;
    if (q.size() != z.size())
        throw std::invalid_argument(what + ": tailwater table has " + std::to_string(q.size()) + " releases but " +
                                    std::to_string(z.size()) + " levels");
    if (q.size() == 1) throw std::invalid_argument(what + ": tailwater table needs at least two rows");
    for (std::size_t k = 0; k < q.size(); ++k) {
        const std::string row = what + ": tailwater table row " + std::to_string(k + 1) + ": ";
        if (!std::isfinite(q[k]) || !std::isfinite(z[k]) || q[k] < 0.0)
            throw std::invalid_argument(row + "release must be >= 0 and the level finite");
        if (k > 0 && !(q[k] > q[k - 1]))
            throw std::invalid_argument(row + "release " + grids::number_text(q[k]) +
                                        " m3/s is not above the previous " + grids::number_text(q[k - 1]) + " m3/s");
        if (k > 0 && z[k] < z[k - 1])
            throw std::invalid_argument(row + "level " + grids::number_text(z[k]) + " m is below the previous " +
                                        grids::number_text(z[k - 1]) + " m (tailwater rises with release)");
    }
}

}  // namespace

double turbine_power_mw(double turbine_flow_m3_s, double head_m, double efficiency) {
    return water_density_kg_m3 * gravity_m_s2 * turbine_flow_m3_s * head_m * efficiency / 1e6;
}

std::optional<double> SeasonalLevel::level_on(const Instant& t) const {
    const std::size_t n = std::min({month.size(), day.size(), level_m.size()});
    if (n == 0) return std::nullopt;
    const MonthDay today = local_month_day(t);
    const int today_key = today.month * 100 + today.day;
    // The latest entry on or before today; before the first one, the year's last (wrap).
    std::size_t in_force = n, last = 0;
    for (std::size_t k = 0; k < n; ++k) {
        const int key = month[k] * 100 + day[k];
        if (key > month[last] * 100 + day[last]) last = k;
        if (key <= today_key && (in_force == n || key > month[in_force] * 100 + day[in_force])) in_force = k;
    }
    return level_m[in_force == n ? last : in_force];
}

std::optional<double> SeasonalLevel::linear_on(const Instant& t) const {
    using namespace std::chrono;
    const std::size_t n = std::min({month.size(), day.size(), level_m.size()});
    if (n == 0) return std::nullopt;
    if (n == 1) return level_m[0];
    // Local time in days since the local New Year, and each entry's day in that year.
    const double local_days = (t.epoch_s + 60.0 * t.utc_offset_min) / 86400.0;
    const sys_days today{days{static_cast<long>(std::floor(local_days))}};
    const year y = year_month_day{today}.year();
    const double year_start = static_cast<double>(sys_days{y / January / 1}.time_since_epoch().count());
    const double year_length = y.is_leap() ? 366.0 : 365.0;
    const double now = local_days - year_start;
    std::vector<double> at(n);
    for (std::size_t k = 0; k < n; ++k) {
        const year_month_day d{y, std::chrono::month{static_cast<unsigned>(month[k])},
                               std::chrono::day{static_cast<unsigned>(day[k])}};
        at[k] = d.ok() ? static_cast<double>(sys_days{d}.time_since_epoch().count()) - year_start
                       : static_cast<double>(sys_days{y / std::chrono::month{static_cast<unsigned>(month[k])} / last}
                                                 .time_since_epoch()
                                                 .count()) -
                             year_start + 1.0;  // Feb 29 in a common year: Mar 1
    }
    // Entries are in date order: find the pair around now, wrapping round the year.
    std::size_t hi = 0;
    while (hi < n && at[hi] <= now) ++hi;
    const std::size_t lo = hi == 0 ? n - 1 : hi - 1;
    const std::size_t next = hi == n ? 0 : hi;
    double t0 = at[lo], t1 = at[next], x = now;
    if (t1 <= t0) {  // the span across New Year
        t1 += year_length;
        if (x < t0) x += year_length;
    }
    const double f = (x - t0) / (t1 - t0);
    return level_m[lo] + f * (level_m[next] - level_m[lo]);
}

Reservoir::Reservoir(ReservoirSpec spec)
    : m_spec(named(std::move(spec))),
      m_storage(m_spec.table_level_m, m_spec.table_storage_m3, TableKind::storage, owner(m_spec)),
      m_capacity(m_spec.capacity_level_m, m_spec.capacity_m3_s, TableKind::capacity, owner(m_spec)) {
    const ReservoirSpec& s = m_spec;
    const std::string what = owner(s);
    auto fail = [&](const std::string& message) { throw std::invalid_argument(what + ": " + message); };

    if (s.table_storage_m3.front() < 0.0)
        fail("storage table row 1: storage " + grids::number_text(s.table_storage_m3.front()) + " m3 is negative");
    for (const auto& [value, field] : {std::pair{s.dead_level_m, "dead_level_m"}, {s.normal_pool_m, "normal_pool_m"},
                                       {s.design_flood_level_m, "design_flood_level_m"},
                                       {s.check_flood_level_m, "check_flood_level_m"},
                                       {s.initial_level_m, "initial_level_m"}})
        if (!std::isfinite(value)) fail(std::string(field) + " must be a finite level");

    // Guide curves in order: dead < flood-limit levels <= normal pool <= design <= check.
    check_seasonal(s.flood_limit, what + ": flood_limit");
    if (!(s.dead_level_m < s.normal_pool_m))
        fail("dead_level_m " + grids::number_text(s.dead_level_m) + " m is not below normal_pool_m " +
             grids::number_text(s.normal_pool_m) + " m");
    for (std::size_t k = 0; k < s.flood_limit.level_m.size(); ++k) {
        const double limit_m = s.flood_limit.level_m[k];
        const std::string row =
            "flood_limit row " + std::to_string(k + 1) + ": level " + grids::number_text(limit_m) + " m";
        if (!(limit_m > s.dead_level_m))
            fail(row + " is not above dead_level_m " + grids::number_text(s.dead_level_m) + " m");
        if (limit_m > s.normal_pool_m)
            fail(row + " is above normal_pool_m " + grids::number_text(s.normal_pool_m) + " m");
    }
    check_seasonal(s.guide_curve, what + ": guide_curve");
    for (std::size_t k = 0; k < s.guide_curve.level_m.size(); ++k) {
        const double level_m = s.guide_curve.level_m[k];
        const std::string row =
            "guide_curve row " + std::to_string(k + 1) + ": level " + grids::number_text(level_m) + " m";
        if (!(level_m >= s.dead_level_m && level_m <= s.normal_pool_m))
            fail(row + " is not between dead_level_m " + grids::number_text(s.dead_level_m) + " m and normal_pool_m " +
                 grids::number_text(s.normal_pool_m) + " m");
    }
    if (s.design_flood_level_m < s.normal_pool_m)
        fail("design_flood_level_m " + grids::number_text(s.design_flood_level_m) + " m is below normal_pool_m " +
             grids::number_text(s.normal_pool_m) + " m");
    if (s.check_flood_level_m < s.design_flood_level_m)
        fail("check_flood_level_m " + grids::number_text(s.check_flood_level_m) + " m is below design_flood_level_m " +
             grids::number_text(s.design_flood_level_m) + " m");
    const double table_low_m = s.table_level_m.front(), table_high_m = s.table_level_m.back();
    const std::string table_span = " (the storage table covers " + grids::number_text(table_low_m) + ".." +
                                   grids::number_text(table_high_m) + " m)";
    if (s.dead_level_m < table_low_m)
        fail("dead_level_m " + grids::number_text(s.dead_level_m) + " m is below the storage table" + table_span);
    if (s.check_flood_level_m > table_high_m)
        fail("check_flood_level_m " + grids::number_text(s.check_flood_level_m) + " m is above the storage table" +
             table_span);
    if (s.initial_level_m < table_low_m || s.initial_level_m > table_high_m)
        fail("initial_level_m " + grids::number_text(s.initial_level_m) + " m is outside the storage table" +
             table_span);
    if (!(capacity_m3_s(s.normal_pool_m) > 0.0))
        fail("capacity table: no release capacity at normal_pool_m " + grids::number_text(s.normal_pool_m) +
             " m: the pool could not pass a flood");
    if (s.hydropower) check_hydropower(*s.hydropower, what + ": hydropower");

    for (const RuleSpec& rule : s.rules) {
        try {
            m_rules.push_back(make_release_rule(rule));
        } catch (const std::invalid_argument& e) {
            fail(e.what());
        }
        const std::string rule_what = "rule '" + rule.name + "': ";
        if (std::count_if(s.rules.begin(), s.rules.end(), [&](const RuleSpec& r) { return r.name == rule.name; }) > 1)
            fail(rule_what + "the name is used by more than one rule");
        if (rule.type == "hydropower" && !s.hydropower)
            fail(rule_what + "a hydropower rule needs the reservoir's hydropower data");
        if (rule.type == "pre_release" && (rule.level_m < table_low_m || rule.level_m > table_high_m))
            fail(rule_what + "level_m " + grids::number_text(rule.level_m) + " m is outside the storage table" +
                 table_span);
    }
    set_level(s.initial_level_m);
}

void Reservoir::set_level(double level_m) {
    const double storage_m3 = storage_at(level_m);
    if (!std::isfinite(level_m) || storage_m3 < 0.0)
        throw std::invalid_argument(owner(m_spec) + ": set_level: level " + grids::number_text(level_m) +
                                    " m is not finite or below an empty pool");
    m_level_m = level_m;
    m_storage_m3 = storage_m3;
}

void Reservoir::set_release(double release_m3_s) {
    if (!std::isfinite(release_m3_s) || release_m3_s < 0.0)
        throw std::invalid_argument(owner(m_spec) + ": set_release: " + grids::number_text(release_m3_s) +
                                    " m3/s must be >= 0");
    m_release_m3_s = release_m3_s;
}

void Reservoir::restore(double storage_m3, double level_m, double release_m3_s) {
    if (!std::isfinite(storage_m3) || storage_m3 < 0.0 || !std::isfinite(level_m))
        throw std::invalid_argument(owner(m_spec) + ": restored storage " + grids::number_text(storage_m3) +
                                    " m3 at level " + grids::number_text(level_m) + " m is not a pool");
    set_release(release_m3_s);
    m_storage_m3 = storage_m3;
    m_level_m = level_m;
}

double Reservoir::flood_limit_m(const Instant& t) const {
    return m_spec.flood_limit.level_on(t).value_or(m_spec.normal_pool_m);
}

double Reservoir::guide_level_m(const Instant& t) const {
    return m_spec.guide_curve.linear_on(t).value_or(flood_limit_m(t));
}

std::string Reservoir::zone_at(double level_m, const Instant& t) const {
    if (level_m < m_spec.dead_level_m) return zone_inactive;
    if (level_m <= flood_limit_m(t)) return zone_conservation;
    if (level_m <= m_spec.design_flood_level_m) return zone_flood_control;
    return zone_surcharge;
}

double Reservoir::tailwater_m(double release_m3_s) const {
    if (!m_spec.hydropower) return 0.0;
    const HydropowerSpec& hp = *m_spec.hydropower;
    const auto& q = hp.tailwater_release_m3_s;
    const auto& z = hp.tailwater_levels_m;
    if (q.empty()) return hp.tailwater_level_m;
    if (release_m3_s <= q.front()) return z.front();
    if (release_m3_s >= q.back()) return z.back();
    const std::size_t k = static_cast<std::size_t>(std::upper_bound(q.begin(), q.end(), release_m3_s) - q.begin());
    return z[k - 1] + (release_m3_s - q[k - 1]) / (q[k] - q[k - 1]) * (z[k] - z[k - 1]);
}

std::vector<std::string> Reservoir::nodes_referenced() const {
    std::vector<std::string> nodes;
    auto add = [&](const std::string& node) {
        if (!node.empty() && std::find(nodes.begin(), nodes.end(), node) == nodes.end()) nodes.push_back(node);
    };
    for (const auto& rule : m_rules) {
        for (const std::string& node : rule->condition().nodes_referenced()) add(node);
        if (rule->network_level()) add(rule->spec().node);
    }
    return nodes;
}

ReleaseDecision Reservoir::decide(const RuleInputs& in, std::span<const ExternalLimit> external) const {
    if (!(std::isfinite(in.dt_s) && in.dt_s > 0.0))
        throw std::invalid_argument(owner(m_spec) + ": decide: dt_s " + grids::number_text(in.dt_s) + " must be > 0");
    const double limit_m = guide_level_m(in.time);
    const bool guided = !m_spec.guide_curve.empty();
    DecisionStart start;
    start.zone = zone_at(in.level_m, in.time);
    start.capacity_m3_s = capacity_m3_s(in.level_m);
    // The trapezoid must not take more than the pool holds plus the inflow (held at its
    // present value) over the step.
    start.empty_limit_m3_s =
        std::max(0.0, 2.0 * (in.storage_m3 + in.inflow_m3_s * in.dt_s) / in.dt_s - in.release_prev_m3_s);
    start.guide_m3_s = std::max(0.0, settling_release_m3_s(in, in.storage_m3 - storage_at(limit_m)));
    start.guide_why = std::string(guided ? "toward the guide curve " : "toward the flood-limit level ") +
                      grids::number_text(limit_m) + " m";

    std::vector<RuleLimit> limits;
    try {
        for (const auto& rule : m_rules)
            if (!rule->network_level() && rule->applies(start.zone, in))
                if (auto limit = rule->limit(*this, in)) limits.push_back(std::move(*limit));
    } catch (const std::runtime_error& e) {
        throw std::runtime_error(owner(m_spec) + ": " + e.what());
    }
    for (const ExternalLimit& e : external) {
        RuleLimit l;
        l.rule = e.rule;
        l.priority = e.priority;
        l.min_m3_s = e.min_m3_s;
        l.max_m3_s = e.max_m3_s;
        l.why = e.why;
        limits.push_back(std::move(l));
    }
    std::stable_sort(limits.begin(), limits.end(),
                     [](const RuleLimit& a, const RuleLimit& b) { return a.priority < b.priority; });
    return merge_release_limits(start, limits);
}

double Reservoir::withdraw(double volume_m3) {
    const double taken = std::clamp(volume_m3, 0.0, storage_above_dead_m3());
    m_storage_m3 -= taken;
    m_level_m = level_at(m_storage_m3);
    return taken;
}

Reservoir::Step Reservoir::step(const ReleaseDecision& decision, double volume_in_m3, double inflow_end_m3_s,
                                double dt_s) {
    const std::string what = owner(m_spec) + ": step: ";
    if (!(std::isfinite(dt_s) && dt_s > 0.0))
        throw std::invalid_argument(what + "dt_s " + grids::number_text(dt_s) + " must be > 0");
    if (!(std::isfinite(volume_in_m3) && volume_in_m3 >= 0.0))
        throw std::invalid_argument(what + "volume_in_m3 " + grids::number_text(volume_in_m3) + " must be >= 0");
    if (!(std::isfinite(inflow_end_m3_s) && inflow_end_m3_s >= 0.0))
        throw std::invalid_argument(what + "inflow_end_m3_s " + grids::number_text(inflow_end_m3_s) + " must be >= 0");
    const double wanted_m3_s = decision.release_m3_s;
    if (!(std::isfinite(wanted_m3_s) && wanted_m3_s >= 0.0))
        throw std::invalid_argument(what + "release " + grids::number_text(wanted_m3_s) + " m3/s must be >= 0");

    const double level_start_m = m_level_m;
    Step out;
    out.release_end_m3_s = wanted_m3_s;
    out.volume_out_m3 = 0.5 * (m_release_m3_s + wanted_m3_s) * dt_s;
    out.storage_end_m3 = m_storage_m3 + volume_in_m3 - out.volume_out_m3;
    if (out.storage_end_m3 < 0.0 || wanted_m3_s > capacity_m3_s(level_at(out.storage_end_m3))) {
        // The gates cannot pass the decided release at the end level (or the pool would
        // empty): route through the pool with outflow min(decided, capacity(level)).
        const hydro::LevelPoolStep routed = hydro::level_pool_step(
            m_storage_m3, m_release_m3_s, volume_in_m3, dt_s,
            [&](double storage_m3) { return std::min(wanted_m3_s, capacity_m3_s(level_at(storage_m3))); });
        out.release_end_m3_s = routed.outflow_end_m3_s;
        out.volume_out_m3 = routed.volume_out_m3;
        out.storage_end_m3 = routed.storage_end_m3;
        out.capacity_limited = routed.outflow_end_m3_s < wanted_m3_s;
    }
    out.level_end_m = level_at(out.storage_end_m3);

    if (m_spec.hydropower) {
        const HydropowerSpec& hp = *m_spec.hydropower;
        const double mean_release_m3_s = out.volume_out_m3 / dt_s;
        const double mean_level_m = 0.5 * (level_start_m + out.level_end_m);
        out.head_m = mean_level_m - tailwater_m(mean_release_m3_s);
        const double turbine_m3_s = std::min(mean_release_m3_s, hp.turbine_capacity_m3_s);
        // No generation with the intakes above the pool (below the dead level) or no head.
        const bool generating = mean_level_m > m_spec.dead_level_m && out.head_m > 0.0;
        const double power_mw =
            generating ? std::min(hp.installed_mw, turbine_power_mw(turbine_m3_s, out.head_m, hp.efficiency)) : 0.0;
        out.energy_mwh = power_mw * dt_s / seconds_per_hour;
    }

    m_storage_m3 = out.storage_end_m3;
    m_level_m = out.level_end_m;
    m_release_m3_s = out.release_end_m3_s;
    return out;
}

}  // namespace floodtwin::twin
