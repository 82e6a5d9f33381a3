#include "twin/fourpre/ensemble_stations.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "twin/fourpre/member_statistics.hpp"
#include "twin/fourpre/level_crossings.hpp"
#include "twin/fourpre/numbered_flood.hpp"

namespace floodtwin::twin {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

std::size_t level_index(WarningLevel level) { return static_cast<std::size_t>(level) - 1; }

void earliest_of(std::array<double, 4>& first, const std::vector<LevelCrossing>& crossings) {
    for (const LevelCrossing& x : crossings) {
        double& t = first[level_index(x.level)];
        if (std::isnan(t) || x.epoch_s < t) t = x.epoch_s;
    }
}

// Whether `member` numbers a new flood: any of fourpre.numbering's nodes reaching the threshold.
int numbers_a_flood(const Case& c, const RunRecord& member) {
    const FourPreSettings& s = c.fourpre.settings;
    std::vector<FlowRecord> records;
    for (const std::string& name : s.numbering) {
        const bool pool = std::any_of(c.network.reservoirs.begin(), c.network.reservoirs.end(),
                                      [&](const ReservoirSection& r) { return r.name == name; });
        const SeriesRecord& q = member.column(name + (pool ? "_inflow_m3_s" : "_flow_m3_s"));
        records.push_back({name, q.epoch_s, q.value});
    }
    if (records.empty()) return 0;
    NumberingRule rule;
    rule.threshold_m3_s = s.numbering_threshold_m3_s;
    rule.separation_s = s.numbering_separation_s;
    rule.numbers_before = static_cast<int>(s.numbers_before);
    rule.previous_number_s = s.last_numbered_epoch_s;
    return numbered_floods(records, rule).empty() ? 0 : 1;
}

}  // namespace

StationAccumulator::StationAccumulator(const Case& c, double start_epoch_s, double duration_s, double step_s,
                                       std::map<std::string, ErrorModel> updates, double issue_s)
    : m_c(c), m_stations(forecast_stations(c)), m_updates(std::move(updates)), m_issue_s(issue_s) {
    for (double t = 0.0; t <= duration_s + 1e-6; t += step_s) m_out.epoch_s.push_back(start_epoch_s + t);
    if (m_out.epoch_s.back() < start_epoch_s + duration_s - 1e-6) m_out.epoch_s.push_back(start_epoch_s + duration_s);
    for (const ForecastStation& s : m_stations) {
        StationEnsemble e;
        e.name = s.name;
        e.datum = s.datum;
        e.has_stage = s.gauge || !s.stage_column.empty();
        m_out.stations.push_back(std::move(e));
    }
}

void StationAccumulator::add(const RunRecord& member) {
    if (!m_resolved) {
        resolve_stage_columns(m_stations, member);
        m_resolved = true;
    }
    for (std::size_t s = 0; s < m_stations.size(); ++s) {
        const ForecastStation& st = m_stations[s];
        StationEnsemble& e = m_out.stations[s];
        std::array<double, 4> first{nan, nan, nan, nan};
        std::vector<double> stage(m_out.epoch_s.size(), nan);
        if (e.has_stage) {
            const SeriesRecord& raw = st.gauge ? member.gauge(st.name) : member.column(st.stage_column);
            std::vector<double> values = raw.value;
            if (const auto u = m_updates.find(st.name); u != m_updates.end())
                values = updated_series(u->second, raw.epoch_s, raw.value, m_issue_s);
            earliest_of(first, level_crossings(raw.epoch_s, values, st.stage));
            const SeriesRecord basis{raw.epoch_s, values};
            for (std::size_t i = 0; i < stage.size(); ++i) stage[i] = value_at(basis, m_out.epoch_s[i]);
        }
        if (!st.flow_column.empty()) {
            const SeriesRecord& q = member.column(st.flow_column);
            if (!q.empty()) earliest_of(first, discharge_crossings(q.epoch_s, q.value, st.flow));
        }
        double peak = nan;
        for (const double v : stage)
            if (!std::isnan(v) && (std::isnan(peak) || v > peak)) peak = v;
        e.stage.push_back(std::move(stage));
        e.max_stage.push_back(peak);
        e.first_crossing.push_back(first);
    }
    m_out.numbered.push_back(numbers_a_flood(m_c, member));
}

EnsembleStations StationAccumulator::finish() {
    const std::size_t members = m_out.numbered.size();
    if (members == 0) throw std::logic_error("an ensemble's stations need at least one member");
    for (StationEnsemble& e : m_out.stations) {
        for (std::size_t l = 0; l < 4; ++l) {
            std::size_t reached = 0;
            double earliest = nan;
            for (const auto& first : e.first_crossing) {
                // A member reaching a higher level has crossed the lower ones too.
                double t = nan;
                for (std::size_t h = l; h < 4; ++h)
                    if (!std::isnan(first[h]) && (std::isnan(t) || first[h] < t)) t = first[h];
                if (!std::isnan(first[l])) t = first[l];
                if (std::isnan(t)) continue;
                ++reached;
                if (std::isnan(earliest) || t < earliest) earliest = t;
            }
            e.probability[l] = static_cast<double>(reached) / static_cast<double>(members);
            e.earliest[l] = earliest;
        }
        const std::size_t times = m_out.epoch_s.size();
        e.quantiles.assign(times, {nan, nan, nan});
        e.mean.assign(times, nan);
        e.spread.assign(times, nan);
        if (!e.has_stage) continue;
        std::vector<double> at(members);
        for (std::size_t i = 0; i < times; ++i) {
            for (std::size_t m = 0; m < members; ++m) at[m] = e.stage[m][i];
            const MeanSpread ms = mean_spread(at);
            e.mean[i] = ms.mean;
            e.spread[i] = ms.spread;
            std::vector<double> sorted;
            for (const double v : at)
                if (!std::isnan(v)) sorted.push_back(v);
            std::sort(sorted.begin(), sorted.end());
            for (std::size_t q = 0; q < 3; ++q) e.quantiles[i][q] = sorted_quantile(sorted, ensemble_quantiles[q]);
        }
    }
    std::size_t numbered = 0;
    for (const int n : m_out.numbered) numbered += static_cast<std::size_t>(n);
    m_out.numbered_probability = static_cast<double>(numbered) / static_cast<double>(members);
    return std::move(m_out);
}

}  // namespace floodtwin::twin
