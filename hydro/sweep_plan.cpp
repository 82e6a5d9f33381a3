#include "hydro/sweep_plan.hpp"

#include <algorithm>

namespace floodtwin::hydro {

void make_sweep_plan(const TileActivity& wet, std::span<const unsigned char> visit, bool visit_all, int reach,
                     int threads, int nx, SweepPlan& p) {
    const int bands = wet.bands(), cols = wet.tile_cols();
    auto at = [cols](int b, int t) { return static_cast<std::size_t>(b) * static_cast<std::size_t>(cols) + static_cast<std::size_t>(t); };
    p.spans.clear();
    p.band_spans.assign(static_cast<std::size_t>(bands) + 1, 0);
    std::vector<long long> work(static_cast<std::size_t>(bands) + 1, 0);  // cumulative
    p.visited = 0;
    for (int b = 0; b < bands; ++b) {
        const std::size_t first_span = p.spans.size();
        auto add = [&](int lo, int hi) {  // in order of lo
            lo = std::max(lo, 0);
            hi = std::min(hi, nx);
            if (visit_all) lo = 0, hi = nx;
            if (p.spans.size() > first_span && lo <= p.spans.back().last)
                p.spans.back().last = std::max(p.spans.back().last, hi);
            else
                p.spans.push_back({lo, hi});
        };
        const int b0 = std::max(0, b - 1), b1 = std::min(bands - 1, b + 1);
        for (int t = 0; t < cols; ++t) {
            const IndexRange tc = wet.tile_columns(t);
            bool near_water = false;
            for (int bb = b0; bb <= b1 && !near_water; ++bb) near_water = wet.wet(bb, t);
            if (near_water) add(tc.first - reach, tc.last + reach);
            if (visit[at(b, t)] || visit_all) add(tc.first, tc.last);
        }
        long long cells = 0;
        for (std::size_t k = first_span; k < p.spans.size(); ++k) cells += p.spans[k].last - p.spans[k].first;
        const IndexRange rows = wet.band_rows(b);
        cells *= rows.last - rows.first;
        p.visited += static_cast<std::size_t>(cells);
        p.band_spans[static_cast<std::size_t>(b) + 1] = static_cast<int>(p.spans.size());
        work[static_cast<std::size_t>(b) + 1] = work[static_cast<std::size_t>(b)] + cells + cols;
    }
    // Thread t takes the bands whose cumulative work starts in its share.
    p.thread_bands.assign(static_cast<std::size_t>(threads) + 1, bands);
    p.thread_bands[0] = 0;
    int b = 0;
    for (int t = 1; t < threads; ++t) {
        const long long share = work.back() * t / threads;
        while (b < bands && work[static_cast<std::size_t>(b)] < share) ++b;
        p.thread_bands[static_cast<std::size_t>(t)] = b;
    }
}

}  // namespace floodtwin::hydro
