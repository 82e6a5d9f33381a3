#include "twin/case/optimise_keys.hpp"

#include "twin/case/case_key_table.hpp"

namespace floodtwin::twin {

namespace {

using namespace key_table;

// clang-format off
constexpr CaseTable tables[] = {
    {"optimise", false,
     "A multi-objective search over a plan's parameters (`floodtwin optimise`, docs/optimise.md): the "
     "`[[optimise.variable]]` keys within their bounds, judged on the river network alone by `objectives`, "
     "plans that break a hard limit (`max_level`, `rate_limits`, `capacity`) penalised. It returns the "
     "Pareto set, each plan a ready `[[plan]]` block, and with `--rehearse` runs them through the four pre- "
     "rehearsal. Ignored by the other commands."},
    {"optimise.variable", true,
     "One decision variable of the search: a numeric case key, as `--set` names it, between `min` and "
     "`max`: a release target (`joint[0].target_flow`), a rule's bound (`rule[18].value`, a step of a "
     "release schedule written as dated rules), a pre-release level or horizon (`rule[11].level`), a "
     "tier (`joint[0].tiers[1]`, an element of a list). The key must be written in the case or have a "
     "default: the case's own value is the baseline's."},
};

constexpr CaseKey keys[] = {
    // [optimise]
    {.table = "optimise", .name = "algorithm", .type = T::choice, .default_toml = "\"nsga2\"", .choices = "nsga2|moead",
     .doc = "`nsga2`: NSGA-II (Deb et al. 2002), elitist non-dominated sorting with crowding; `moead`: MOEA/D "
            "(Zhang and Li 2007), the problem decomposed into scalar subproblems along weight vectors. Both "
            "from pagmo2."},
    {.table = "optimise", .name = "population", .type = T::number, .default_toml = "24",
     .range = {.lo = 4.0, .hi = 10000.0},
     .doc = "Plans per generation; for `nsga2` a multiple of 4, at least 8."},
    {.table = "optimise", .name = "generations", .type = T::number, .default_toml = "20",
     .range = {.lo = 1.0, .hi = 100000.0},
     .doc = "Generations evolved after the first population: about population x (generations + 1) "
            "network runs in all."},
    {.table = "optimise", .name = "seed", .type = T::number, .default_toml = "2020",
     .range = {.lo = 0.0, .hi = 4294967295.0},
     .doc = "The seed of the first population's random plans and of the algorithm: the same seed gives the "
            "same Pareto set, byte for byte, whatever the threads. A whole number."},
    {.table = "optimise", .name = "objectives", .type = T::text_list, .required = true,
     .doc = "What a plan is judged by, two or more of: `control_peak` (peak flow at `station`, m3/s), "
            "`control_stage` (its peak stage through the rating, m), `hours_above_target` (hours above the "
            "`[[joint]]` target there), `backwater_stage` (peak stage at the 2D model's downstream edge from "
            "`[backwater]`, m), `outflow_peak` (peak flow leaving the network, m3/s), `storage_left` (water "
            "above dead level at the end, m3, more is better), `storage_used` (flood-control storage spent, "
            "m3), `energy` (MWh, more is better), `supply_short` (water the `[[demand]]`s do not get, m3), "
            "`minimum_hours` (hours below the `downstream_minimum` rules' minimums). `protected_area` needs the 2D model: it is judged in the "
            "rehearsal (`--rehearse`), not in the search."},
    {.table = "optimise", .name = "station", .type = T::text,
     .doc = "The network node whose flow `control_peak`, `control_stage` and `hours_above_target` read. "
            "Default: the station of the first `[[joint]]`."},
    {.table = "optimise", .name = "max_level", .type = T::choice, .default_toml = "\"design\"",
     .choices = "design|check|none",
     .doc = "Hard limit: no reservoir above its design (`design`) or check (`check`) flood level, by more "
            "than 1 cm; `none`: no limit on levels."},
    {.table = "optimise", .name = "rate_limits", .type = T::boolean, .default_toml = "true",
     .doc = "Hard limit: no release changing faster than its reservoir's `rate_limit` rules allow (1 % slack)."},
    {.table = "optimise", .name = "capacity", .type = T::boolean, .default_toml = "true",
     .doc = "Hard limit: no release above what the reservoir's outlets pass at its level."},
    {.table = "optimise", .name = "network_step", .type = T::duration, .units = "s",
     .doc = "The network step of the search's runs (and of the hand-written plans it is compared with), "
            "longer than `network.step` to search faster: the dispatch look-ahead's cost grows as the square "
            "of the steps. Default: `network.step`."},
    {.table = "optimise", .name = "front_size", .type = T::number, .default_toml = "20",
     .range = {.lo = 2.0, .hi = 1000.0},
     .doc = "At most this many Pareto plans are reported: the extremes of each objective, those as good as a "
            "hand-written plan, then the most isolated (largest crowding distance)."},
    {.table = "optimise", .name = "rehearse", .type = T::number, .default_toml = "6",
     .range = {.lo = 1.0, .hi = 100.0},
     .doc = "With `--rehearse`, at most this many of the Pareto plans run through the four pre- rehearsal, "
            "chosen as `front_size` chooses."},
    {.table = "optimise", .name = "parallel", .type = T::number, .default_toml = "0",
     .range = {.lo = 0.0, .hi = 256.0},
     .doc = "Network runs at once (threads); 0: as many as the cores. The results do not depend on it."},
    {.table = "optimise", .name = "seed_plans", .type = T::boolean, .default_toml = "true",
     .doc = "The baseline and the `[[plan]]`s the variables can express (their `set` changes only variable "
            "keys, within the bounds, and they add no rules) join the first population."},
    // [[optimise.variable]]
    {.table = "optimise.variable", .name = "key", .type = T::text, .required = true,
     .doc = "A numeric case key as `--set` names it: `\"joint[0].target_flow\"`, `\"rule[18].value\"`, "
            "`\"reservoir[3].initial_level\"`, `\"joint[0].tiers[1]\"` (an element of a list of numbers). "
            "Durations take seconds."},
    {.table = "optimise.variable", .name = "name", .type = T::text,
     .doc = "Its name in the report and pareto.json. Default: the key."},
    {.table = "optimise.variable", .name = "min", .type = T::number, .required = true,
     .doc = "The lowest value, in the key's units."},
    {.table = "optimise.variable", .name = "max", .type = T::number, .required = true,
     .doc = "The highest value; above `min`."},
    {.table = "optimise.variable", .name = "step", .type = T::number, .range = positive,
     .doc = "Values only on `min` + k `step` (a gate's steps, whole hundreds of m3/s). Default: any value."},
    {.table = "optimise.variable", .name = "integer", .type = T::boolean, .default_toml = "false",
     .doc = "Whole numbers only (a tier); `min`, `max` and `step` must then be whole."},
};
// clang-format on

}  // namespace

std::span<const CaseTable> optimise_case_tables() { return tables; }
std::span<const CaseKey> optimise_case_keys() { return keys; }

}  // namespace floodtwin::twin
