#pragma once
// The plan of a sweep over the tiles that may change (tile_activity.hpp): per band of
// rows, the spans of columns to visit, and the bands of each thread. The finite-volume
// row sweep (row_sweep.cpp) and the local-inertial step (inertial_step.cpp) share it.
// A plan is a function of the tile flags alone, so which cells a sweep visits never
// depends on the thread count; only which thread visits them does.
#include <cstddef>
#include <span>
#include <vector>

#include "hydro/tile_activity.hpp"

namespace floodtwin::hydro {

struct SweepPlan {
    std::vector<IndexRange> spans;  // columns, band by band, in column order within a band
    std::vector<int> band_spans;    // band b's spans: [band_spans[b], band_spans[b + 1])
    std::vector<int> thread_bands;  // thread t's bands: [thread_bands[t], thread_bands[t + 1])
    std::size_t visited = 0;        // cells the plan visits

    [[nodiscard]] std::span<const IndexRange> band(int b) const {
        const auto first = static_cast<std::size_t>(band_spans[static_cast<std::size_t>(b)]);
        const auto last = static_cast<std::size_t>(band_spans[static_cast<std::size_t>(b) + 1]);
        return std::span<const IndexRange>(spans).subspan(first, last - first);
    }
    // Thread `tid` of a team of `team` threads (the plan was made for `threads`): its
    // bands. A team smaller than asked for (OMP_DYNAMIC, nested regions) gives its last
    // thread the rest.
    [[nodiscard]] IndexRange bands_of(int tid, int team, int threads) const {
        const int last = tid == team - 1 ? threads : tid + 1;
        return {thread_bands[static_cast<std::size_t>(tid)], thread_bands[static_cast<std::size_t>(last)]};
    }
};

// The plan for tiles `wet` that may hold water: every tile in a band whose tile, or
// the tile above or below it in the same column, may hold water, widened by `reach`
// columns on each side (water moves less than a cell per step under the CFL
// condition, and a stencil reaches `reach` cells), and every tile flagged in `visit`
// (rain falls on it, water enters it through the edge); all of them when `visit_all`.
// Bands go to `threads` threads by the cells they visit.
void make_sweep_plan(const TileActivity& wet, std::span<const unsigned char> visit, bool visit_all, int reach,
                     int threads, int nx, SweepPlan& p);

// For each span of `before` (a band's spans of an earlier plan) the runs of columns no
// span of `now` covers, as f(first, last); both lists in column order.
template <class F>
void for_each_uncovered(std::span<const IndexRange> before, std::span<const IndexRange> now, F&& f) {
    std::size_t k = 0;
    for (const IndexRange& b : before) {
        int at = b.first;
        while (k < now.size() && now[k].last <= at) ++k;
        for (std::size_t m = k; m < now.size() && now[m].first < b.last && at < b.last; ++m) {
            if (now[m].first > at) f(at, now[m].first);
            at = std::max(at, now[m].last);
        }
        if (at < b.last) f(at, b.last);
    }
}

}  // namespace floodtwin::hydro
