#pragma once
// Statistics over an ensemble's members, cell by cell or time by time, that do not
// depend on the order the members come in: fractions of a count, quantiles of the
// sorted values, and mean and spread summed in member order (the reduce always reads
// members in index order, so the sums are the same whichever rank ran which member).
// Pure numerics: no files, no logging.
#include <span>
#include <vector>

namespace floodtwin::twin {

// The p-quantile of `values` (sorted ascending; +infinity allowed: "never"), linear
// between order statistics: Hyndman and Fan (1996) definition 7, h = (n - 1) p, the
// default of R and NumPy. +infinity where the quantile falls on or next to an infinite
// value; NaN for an empty list.
[[nodiscard]] double sorted_quantile(std::span<const double> sorted, double p);

// The fraction of `values` at or above `threshold` (NaN never is); 0 for an empty list.
[[nodiscard]] double fraction_at_or_above(std::span<const double> values, double threshold);

struct MeanSpread {
    double mean = 0.0, spread = 0.0;  // spread: the standard deviation over the members (n - 1)
};
// Over the finite values; NaN mean for none, 0 spread for one.
[[nodiscard]] MeanSpread mean_spread(std::span<const double> values);

}  // namespace floodtwin::twin
