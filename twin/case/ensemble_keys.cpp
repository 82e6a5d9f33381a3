#include "twin/case/ensemble_keys.hpp"

#include "twin/case/case_key_table.hpp"

namespace floodtwin::twin {

namespace {

using namespace key_table;

// clang-format off
constexpr CaseTable tables[] = {
    {"ensemble", false,
     "How the members of an ensemble forecast differ from the case as written "
     "(`floodtwin ensemble`, `floodtwin run --member`, `floodtwin fourpre --members`): errors on the "
     "forecast inflows that grow with lead time, rain scaled and displaced, Manning's n and the "
     "reservoir rules' flows varied. Member k's inputs depend only on `seed` and k. Ignored by a "
     "`floodtwin run` without `--member`."},
};

constexpr CaseKey keys[] = {
    {.table = "ensemble", .name = "members", .type = T::number, .default_toml = "20",
     .range = {.lo = 1.0, .hi = 10000.0}, .doc = "How many members (`--members` overrides it)."},
    {.table = "ensemble", .name = "seed", .type = T::number, .default_toml = "2020",
     .range = {.lo = 0.0, .hi = 9007199254740991.0},
     .doc = "The base seed: member k's inputs are drawn from (seed, k) alone, whatever the ranks, the "
            "order or the number of members. A whole number."},
    {.table = "ensemble", .name = "issue_time", .type = T::instant,
     .doc = "Inflows before this instant are observed and not perturbed; errors grow from here. "
            "Default: case.start (a forecast starts at its issue time)."},
    {.table = "ensemble", .name = "inflow_error", .type = T::number, .default_toml = "0.15",
     .range = non_negative,
     .doc = "Log-standard deviation of the multiplicative error of each forecast inflow (inflow nodes, "
            "reservoirs' local inflows, inflow boundaries, point sources) at 24 h lead; it grows in "
            "proportion to lead time. The factor exp(s z - s^2/2) keeps the mean flow."},
    {.table = "ensemble", .name = "inflow_error_max", .type = T::number, .default_toml = "0.6",
     .range = non_negative, .doc = "The largest log-standard deviation, reached at long leads."},
    {.table = "ensemble", .name = "inflow_correlation_time", .type = T::duration, .default_toml = "\"24h\"",
     .units = "s",
     .doc = "Time scale of the error's autocorrelation: an AR(1) on an hourly step, correlation "
            "exp(-1 h / this) from one hour to the next."},
    {.table = "ensemble", .name = "inflows", .type = T::text_list,
     .doc = "The inflows (node, reservoir, boundary or source names) whose errors `inflow_correlation` "
            "correlates, in its row order. Inflows not named have errors of their own. Default: none."},
    {.table = "ensemble", .name = "inflow_correlation", .type = T::table, .units = "correlation",
     .doc = "The correlation matrix between the errors of `inflows`, one row per inflow: symmetric, 1 on "
            "the diagonal, positive definite, such as `[[1, 0.7], [0.7, 1]]`.",
     .columns = 0},
    {.table = "ensemble", .name = "rain_error", .type = T::number, .default_toml = "0.0", .range = non_negative,
     .doc = "Log-standard deviation of one factor on all rain of a member (uniform series or grids)."},
    {.table = "ensemble", .name = "rain_shift", .type = T::number, .default_toml = "0.0", .units = "m",
     .range = non_negative,
     .doc = "Rain grids displaced by a distance drawn uniformly up to this, in a uniformly drawn "
            "direction, rounded to whole cells; what moves in from outside is dry."},
    {.table = "ensemble", .name = "manning_factor", .type = T::numbers, .default_toml = "[1.0, 1.0]",
     .doc = "[lo, hi]: Manning's n (number or raster) times a factor drawn uniformly between them, one "
            "per member; 0 < lo <= hi."},
    {.table = "ensemble", .name = "rule_error", .type = T::number, .default_toml = "0.0", .range = non_negative,
     .doc = "Log-standard deviation of one factor per reservoir on the flows its rules name "
            "(`value`, `threshold`): how far operators may depart from the rules."},
    {.table = "ensemble", .name = "station_step", .type = T::duration, .default_toml = "\"1h\"", .units = "s",
     .doc = "Spacing of the stations' stage series (quantiles, members) in ensemble.nc."},
};
// clang-format on

}  // namespace

std::span<const CaseTable> ensemble_case_tables() { return tables; }
std::span<const CaseKey> ensemble_case_keys() { return keys; }

}  // namespace floodtwin::twin
