#include "twin/fourpre/numbered_flood.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace floodtwin::twin {
namespace {

struct Candidate {
    double epoch_s;
    double flow_m3_s;
    const FlowRecord* record;
};

// Every time `r` comes up to the threshold: its first valid sample if already there,
// then each rise from below to at or above.
void add_candidates(const FlowRecord& r, double threshold, std::vector<Candidate>& out) {
    if (r.epoch_s.size() != r.flow_m3_s.size())
        throw std::invalid_argument("flow record " + r.station + ": times and flows differ in length");
    bool have_prev = false;
    double t0 = 0.0, q0 = 0.0;
    for (std::size_t i = 0; i < r.epoch_s.size(); ++i) {
        const double t = r.epoch_s[i], q = r.flow_m3_s[i];
        if (!std::isfinite(t) || !std::isfinite(q)) continue;
        if (q >= threshold) {
            if (!have_prev)
                out.push_back({t, q, &r});
            else if (q0 < threshold)
                out.push_back({t0 + (threshold - q0) / (q - q0) * (t - t0), threshold, &r});
        }
        have_prev = true;
        t0 = t;
        q0 = q;
    }
}

}  // namespace

std::vector<NumberedFlood> numbered_floods(const std::vector<FlowRecord>& records, const NumberingRule& rule) {
    std::vector<Candidate> candidates;
    for (const auto& r : records) add_candidates(r, rule.threshold_m3_s, candidates);
    // Stable: at equal times the earlier record is taken as the first to reach it.
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.epoch_s < b.epoch_s; });

    std::vector<NumberedFlood> floods;
    int number = rule.numbers_before;
    std::optional<double> previous = rule.previous_number_s;
    for (const auto& c : candidates) {
        // Measured from the numbered flood, not from the last candidate: a flood that
        // hovers about the threshold for days is still one flood until 48 h have passed.
        if (previous && c.epoch_s - *previous < rule.separation_s) continue;
        floods.push_back({++number, c.record->station, c.epoch_s, c.flow_m3_s});
        previous = c.epoch_s;
    }
    return floods;
}

}  // namespace floodtwin::twin
