#include "twin/case/network_keys.hpp"

#include "twin/case/case_key_table.hpp"

namespace floodtwin::twin {

namespace {

using namespace key_table;

// clang-format off
constexpr CaseTable tables[] = {
    {"network", false,
     "The river network around the 2D model: its time step, how often it exchanges water with the 2D "
     "model, and how far ahead dispatch decisions look. A case has a network when it has `[[node]]` or "
     "`[[reservoir]]` tables; `floodtwin route` runs the network alone, `floodtwin run` runs it coupled "
     "with the 2D model when the case has a `[grid]` too."},
    {"node", true,
     "A point of the river network: a forecast `inflow`, a `station` (with a rating curve), a `junction`, "
     "a `domain_inlet` (its flow enters the 2D model through the `[[boundary]]` or `[[source]]` named by "
     "`boundary`), a `domain_outlet` (it receives what leaves the 2D model through the named "
     "`[[boundary]]`) or a `sink` (water leaves the network). Reservoirs are nodes too, declared by "
     "`[[reservoir]]`."},
    {"reach", true,
     "A river reach from one node to the next downstream, routed by Muskingum-Cunge (parameters from the "
     "flow and the channel; sub-reaches and sub-steps chosen for stability), plain Muskingum (K, X), a "
     "pure lag, or `domain`: the stretch inside the 2D model, from a `domain_inlet` to the "
     "`domain_outlet`, used when the 2D model is not running (`floodtwin route`, and the look-ahead of "
     "dispatch decisions). Each node has at most one reach downstream."},
    {"reservoir", true,
     "A reservoir (a node of the network): level-storage table, release capacity by level, the "
     "characteristic levels and, with `installed_capacity`, hydropower. Zones: inactive below "
     "`dead_level`, conservation up to the flood-limit level of the date, flood control up to "
     "`design_flood_level`, surcharge above. Without rules a reservoir follows its guide curve: it "
     "releases what brings the pool back to the flood-limit level, within its capacity."},
    {"rule", true,
     "A release rule of one reservoir. Rules apply in their zones when their `if` holds, in order of "
     "`priority` (1 first): each narrows the range of releases left by the rules before it, and a rule "
     "that would leave that range is clipped and reported as overridden. `dispatch_log.csv` says for each "
     "step which rule set the release and which limits bound it."},
    {"joint", true,
     "Joint dispatch for a control station: when the forecast flow at `station` would exceed its target, "
     "the cut needed is shared among the `members` upstream, by tier (1 first) and, within a tier, by "
     "remaining flood-control storage (up to the normal pool); each member's own rules of higher priority "
     "still hold. After the flood, members release stored water only as far as the forecast at the "
     "station stays below `release_target`."},
    {"demand", true,
     "Water taken out of the network at a node: a city water-supply intake, an irrigation district, an "
     "industry. Each step a node's demands are served in `priority` order from the water passing it (a "
     "reservoir's from its inflow and then its storage above the dead level); upstream intakes take "
     "first, as the water reaches them. What is delivered and what is short (volume, days short, the "
     "largest deficit) is in `dispatch_summary.json`, `demands.csv` and the network's ledger; "
     "`return_share` of what is delivered comes back at `return_to`. A reservoir serves a downstream "
     "demand or minimum through a `downstream_minimum` rule."},
    {"backwater", false,
     "The stage at a downstream boundary of the 2D model set by a reservoir's pool through a backwater "
     "relation: a table of stage against pool level and discharge, computed by a steady standard-step "
     "profile (Manning) along the reservoir reach described by `sections`, from the dam (chainage 0) "
     "upstream. It is written to `backwater_table.csv`."},
};

constexpr CaseKey keys[] = {
    // [network]
    {.table = "network", .name = "step", .type = T::duration, .default_toml = "\"1h\"", .units = "s",
     .range = output_interval, .range_note = output_interval_note,
     .doc = "Time step of the network; at least 1 ms. A coupled run uses the coupling interval when that is "
            "shorter; the coupling interval must then be a whole number of steps."},
    {.table = "network", .name = "coupling_interval", .type = T::duration, .default_toml = "\"15min\"",
     .units = "s", .range = output_interval, .range_note = output_interval_note,
     .doc = "How often the network and the 2D model exchange flows: routed inflows and the outlet stage "
            "go in, the 2D outflow comes back, each as a constant over the interval. At least 1 ms."},
    {.table = "network", .name = "forecast_horizon", .type = T::duration, .default_toml = "\"72h\"",
     .units = "s",
     .doc = "How far ahead dispatch decisions look (joint dispatch, downstream control, pre-release). "
            "Forecast inflows must cover the run (or say how to go on: `extend`) and should cover this "
            "horizon past it too; beyond the run they hold their last value, or are 0 with `extend = "
            "\"zero\"`."},
    // [[node]]
    {.table = "node", .name = "name", .type = T::text, .required = true,
     .doc = "Unique among nodes and reservoirs; reaches, rules and outputs use it."},
    {.table = "node", .name = "kind", .type = T::choice, .required = true,
     .choices = "inflow|station|junction|domain_inlet|domain_outlet|sink", .doc = "What the node is."},
    {.table = "node", .name = "inflow", .type = T::series, .required = true, .units = "m3/s",
     .range = non_negative, .when = "kind=inflow", .doc = "The forecast (or observed) hydrograph entering here."},
    {.table = "node", .name = "extend", .type = T::choice, .choices = "hold|zero", .when = "kind=inflow",
     .doc = "How `inflow` goes on where the series does not cover the run: `hold` its first and last values, "
            "`zero` no water. No default: a series that does not cover the run is refused."},
    {.table = "node", .name = "rating", .type = T::table, .units = "[stage m, flow m3/s]",
     .when = "kind=station|domain_outlet",
     .doc = "Stage-discharge rating, flows increasing: stages are reported, and stage targets converted "
            "to flows, through it."},
    {.table = "node", .name = "datum", .type = T::text, .when = "kind=station|domain_outlet",
     .doc = "The vertical datum of the station's stages (`\"Wusong\"`, `\"Huanghai\"`)."},
    {.table = "node", .name = "warning_stage", .type = T::number, .units = "m", .when = "kind=station|domain_outlet",
     .doc = "Warning stage in the station's datum: a forecast at or above it is a yellow warning, within 1 m "
            "below it blue (`floodtwin fourpre`). Default: none."},
    {.table = "node", .name = "guaranteed_stage", .type = T::number, .units = "m",
     .when = "kind=station|domain_outlet", .doc = "Guaranteed stage (orange), station datum. Default: none."},
    {.table = "node", .name = "historical_max", .type = T::number, .units = "m", .when = "kind=station|domain_outlet",
     .doc = "Highest stage on record (red), station datum. Default: none."},
    {.table = "node", .name = "flow_5yr", .type = T::number, .units = "m3/s", .range = positive,
     .when = "kind=station|domain_outlet",
     .doc = "The 5-year flood discharge: a forecast flow at or above it is a yellow warning, at 90% of it "
            "blue. Default: none."},
    {.table = "node", .name = "flow_20yr", .type = T::number, .units = "m3/s", .range = positive,
     .when = "kind=station|domain_outlet", .doc = "The 20-year flood discharge (orange). Default: none."},
    {.table = "node", .name = "flow_50yr", .type = T::number, .units = "m3/s", .range = positive,
     .when = "kind=station|domain_outlet", .doc = "The 50-year flood discharge (red). Default: none."},
    {.table = "node", .name = "bed_level", .type = T::number, .units = "m", .when = "kind=station|domain_outlet",
     .doc = "Level of the navigation channel's bed at the station, in its datum: a `downstream_minimum` "
            "rule's `min_depth` is a stage this much lower. Default: none."},
    {.table = "node", .name = "low_flow", .type = T::numbers, .units = "m3/s", .range = positive,
     .when = "kind=station|domain_outlet",
     .doc = "Low-flow (drought) warning flows, blue, yellow, orange, red, decreasing (fewer may be "
            "given: the first ones): a forecast flow at or below one is that warning "
            "(`floodtwin fourpre`). Default: none."},
    {.table = "node", .name = "low_stage", .type = T::numbers, .units = "m", .when = "kind=station|domain_outlet",
     .doc = "Low-stage (drought) warning stages in the station's datum, blue to red, decreasing. Default: "
            "none."},
    {.table = "node", .name = "low_flow_source", .type = T::text, .when = "kind=station|domain_outlet",
     .doc = "Where the low-flow thresholds come from (a standard, a bulletin, an assumption); shown with "
            "every drought warning. Required with `low_flow` or `low_stage`."},
    {.table = "node", .name = "boundary", .type = T::text, .required = true,
     .when = "kind=domain_inlet|domain_outlet",
     .doc = "The 2D model's `[[boundary]]` (kind `inflow` for an inlet; any kind but `wall` for an outlet) "
            "or, for an inlet, `[[source]]`, by name."},
    // [[reach]]
    {.table = "reach", .name = "name", .type = T::text, .doc = "Name in outputs. Default: `\"<from> -> <to>\"`."},
    {.table = "reach", .name = "from", .type = T::text, .required = true, .doc = "The upstream node."},
    {.table = "reach", .name = "to", .type = T::text, .required = true, .doc = "The downstream node."},
    {.table = "reach", .name = "method", .type = T::choice, .default_toml = "\"muskingum_cunge\"",
     .choices = "muskingum_cunge|muskingum|lag|domain", .doc = "How the reach is routed."},
    {.table = "reach", .name = "length", .type = T::number, .required = true, .units = "m", .range = positive,
     .when = "method=muskingum_cunge", .doc = "Length along the river."},
    {.table = "reach", .name = "slope", .type = T::number, .required = true, .range = positive,
     .when = "method=muskingum_cunge", .doc = "Bed (or water-surface) slope."},
    {.table = "reach", .name = "width", .type = T::number, .required = true, .units = "m", .range = positive,
     .when = "method=muskingum_cunge", .doc = "Bottom width of the trapezoidal channel."},
    {.table = "reach", .name = "side_slope", .type = T::number, .default_toml = "0.0", .range = non_negative,
     .when = "method=muskingum_cunge", .doc = "Bank slope, horizontal per vertical; 0: rectangular."},
    {.table = "reach", .name = "manning", .type = T::number, .default_toml = "0.035", .units = "s/m^(1/3)",
     .range = positive, .when = "method=muskingum_cunge", .doc = "Manning's n of the channel."},
    {.table = "reach", .name = "low_flow", .type = T::number, .default_toml = "100.0", .units = "m3/s",
     .range = positive, .when = "method=muskingum_cunge",
     .doc = "The lowest flow expected: it sets the sub-reach length (the slowest wave still moves one "
            "sub-reach per step)."},
    {.table = "reach", .name = "k", .type = T::duration, .required = true, .units = "s",
     .when = "method=muskingum", .doc = "Muskingum K, the travel time."},
    {.table = "reach", .name = "x", .type = T::number, .default_toml = "0.2", .range = {.lo = 0.0, .hi = 0.5},
     .when = "method=muskingum", .doc = "Muskingum X, the weighting of inflow and outflow."},
    {.table = "reach", .name = "lag", .type = T::duration, .units = "s", .when = "method=lag|domain",
     .doc = "Travel time: required for `lag`; for `domain` the default is none (the inlets' flows reach "
            "the outlet at once)."},
    // [[reservoir]]
    {.table = "reservoir", .name = "name", .type = T::text, .required = true,
     .doc = "Unique among nodes and reservoirs."},
    {.table = "reservoir", .name = "storage", .type = T::table, .required = true, .units = "[level m, storage m3]",
     .doc = "Level-storage table, both increasing; it must cover dead level to check flood level."},
    {.table = "reservoir", .name = "spillway", .type = T::table, .units = "[level m, capacity m3/s]",
     .doc = "Spillway capacity by level, non-decreasing. The release capacity is spillway + outlets + "
            "turbines; at least one is given."},
    {.table = "reservoir", .name = "outlets", .type = T::table, .units = "[level m, capacity m3/s]",
     .doc = "Capacity of the low-level outlets by level."},
    {.table = "reservoir", .name = "turbines", .type = T::table, .units = "[level m, capacity m3/s]",
     .doc = "Turbine discharge capacity by level; releases up to it generate power."},
    {.table = "reservoir", .name = "dead_level", .type = T::number, .required = true, .units = "m",
     .doc = "Below it nothing can be released but spill (inactive zone)."},
    {.table = "reservoir", .name = "normal_pool", .type = T::number, .required = true, .units = "m",
     .doc = "Normal pool level: the top of the flood-control storage counted by joint dispatch."},
    {.table = "reservoir", .name = "flood_limit", .type = T::date_levels, .units = "m",
     .doc = "Flood-limit level: one number, or levels from local dates on, through the year "
            "(`[[\"06-10\", 145.0], [\"10-01\", 175.0]]`). Default: the normal pool all year."},
    {.table = "reservoir", .name = "guide_curve", .type = T::date_levels, .units = "m",
     .doc = "The level the pool is steered to through the year, linear between the local dates (wrapping "
            "round New Year): the drawdown before the flood season and the refill after it. Without it "
            "the guide curve is the flood-limit level of the date. Above the flood-limit level it is an "
            "authorised hold (water kept back in a drought): the zones still follow the flood-limit level, "
            "so `return_to_limit` and flood-control rules see the pool in its flood-control zone."},
    {.table = "reservoir", .name = "design_flood_level", .type = T::number, .required = true, .units = "m",
     .doc = "Top of the flood-control zone; above it the reservoir is in surcharge."},
    {.table = "reservoir", .name = "check_flood_level", .type = T::number, .required = true, .units = "m",
     .doc = "The highest level the dam is checked for."},
    {.table = "reservoir", .name = "initial_level", .type = T::number, .required = true, .units = "m",
     .doc = "Pool level at the start."},
    {.table = "reservoir", .name = "inflow", .type = T::series, .units = "m3/s", .range = non_negative,
     .doc = "A local inflow straight into the pool (besides the reaches ending here)."},
    {.table = "reservoir", .name = "extend", .type = T::choice, .choices = "hold|zero",
     .doc = "How `inflow` goes on where the series does not cover the run: `hold` its first and last values, "
            "`zero` no water. No default: a series that does not cover the run is refused."},
    {.table = "reservoir", .name = "installed_capacity", .type = T::number, .units = "MW", .range = positive,
     .doc = "Installed hydropower capacity: with it the reservoir generates and reports energy."},
    {.table = "reservoir", .name = "tailwater", .type = T::number, .units = "m",
     .doc = "Tailwater level for the head (required with `installed_capacity`)."},
    {.table = "reservoir", .name = "efficiency", .type = T::number, .default_toml = "0.9",
     .range = {.lo = 0.0, .hi = 1.0, .lo_open = true}, .doc = "Overall efficiency of the turbines."},
    {.table = "reservoir", .name = "note", .type = T::text,
     .doc = "Where the figures come from, and which are approximate; copied into dispatch_summary.json."},
    // [[rule]]
    {.table = "rule", .name = "reservoir", .type = T::text, .required = true, .doc = "The reservoir it governs."},
    {.table = "rule", .name = "name", .type = T::text, .required = true,
     .doc = "Unique within the reservoir; the logs use it."},
    {.table = "rule", .name = "type", .type = T::choice, .required = true,
     .choices = "min_release|max_release|rate_limit|return_to_limit|pre_release|hydropower|emergency|"
                "downstream_control|downstream_minimum",
     .doc = "`min_release`, `max_release`: a bound on the release. `rate_limit`: how fast the release may "
            "rise and fall. `return_to_limit`: back to the flood-limit level within `return_time`. "
            "`pre_release`: draw down to `level` when the forecast inflow within `horizon` exceeds "
            "`threshold`. `hydropower`: release at least what gives `power`. `emergency`: release up to "
            "capacity. `downstream_control`: keep the flow (or stage) at `node` at or below a target, "
            "using the forecast and the travel time to it. `downstream_minimum`: keep the flow, stage or "
            "navigation depth at `node` at or above a minimum (navigation, supply, ecology), releasing "
            "what the forecast there lacks after the travel time; hours below it are reported."},
    {.table = "rule", .name = "priority", .type = T::number, .default_toml = "100", .range = {.lo = 1.0, .hi = 1000.0},
     .doc = "1 is applied first; ties go in file order."},
    {.table = "rule", .name = "zones", .type = T::text_list,
     .doc = "Zones where the rule applies: `\"inactive\"`, `\"conservation\"`, `\"flood_control\"`, "
            "`\"surcharge\"`. Default: all."},
    {.table = "rule", .name = "if", .type = T::text,
     .doc = "A condition on `level`, `inflow`, `release`, `storage` (m, m3/s, m3), `date` (local "
            "`MM-DD`) or a node's `flow(NAME)` and `stage(NAME)`, compared with `<`, `<=`, `>`, `>=`, `==`, "
            "`!=` and combined with `and`, `or`, `not` and parentheses: "
            "`\"level >= 145 and level < 155 and date >= 06-10\"`. Default: always."},
    {.table = "rule", .name = "value", .type = T::number, .required = true, .units = "m3/s", .range = non_negative,
     .when = "type=min_release|max_release", .doc = "The bound."},
    {.table = "rule", .name = "purpose", .type = T::choice, .default_toml = "\"other\"",
     .choices = "ecological|navigation|supply|drinking|irrigation|industry|flood|other",
     .when = "type=min_release|max_release|downstream_minimum",
     .doc = "What the bound serves; hours below a minimum are counted by purpose in dispatch_summary.json."},
    {.table = "rule", .name = "rate_up", .type = T::number, .default_toml = "0.0", .units = "m3/s per h",
     .range = non_negative, .when = "type=rate_limit", .doc = "Fastest rise of the release; 0: no limit."},
    {.table = "rule", .name = "rate_down", .type = T::number, .default_toml = "0.0", .units = "m3/s per h",
     .range = non_negative, .when = "type=rate_limit", .doc = "Fastest fall of the release; 0: no limit."},
    {.table = "rule", .name = "return_time", .type = T::duration, .required = true, .units = "s",
     .when = "type=return_to_limit", .doc = "Time over which to bring the pool back to the flood-limit level."},
    {.table = "rule", .name = "level", .type = T::number, .required = true, .units = "m", .when = "type=pre_release",
     .doc = "The level to draw down to ahead of the flood."},
    {.table = "rule", .name = "horizon", .type = T::duration, .default_toml = "\"48h\"", .units = "s",
     .when = "type=pre_release", .doc = "How far ahead the forecast inflow is looked at."},
    {.table = "rule", .name = "threshold", .type = T::number, .required = true, .units = "m3/s",
     .range = positive, .when = "type=pre_release", .doc = "Forecast inflow that triggers the pre-release."},
    {.table = "rule", .name = "power", .type = T::number, .required = true, .units = "MW", .range = positive,
     .when = "type=hydropower", .doc = "Target output."},
    {.table = "rule", .name = "node", .type = T::text, .required = true,
     .when = "type=downstream_control|downstream_minimum",
     .doc = "The node whose flow (or stage) is kept down (`downstream_control`) or up (`downstream_minimum`)."},
    {.table = "rule", .name = "max_flow", .type = T::number, .units = "m3/s", .range = positive,
     .when = "type=downstream_control", .excludes = "max_stage", .doc = "Target: the flow at `node` at most this."},
    {.table = "rule", .name = "max_stage", .type = T::number, .units = "m", .when = "type=downstream_control",
     .doc = "Target: the stage at `node` at most this, through the node's rating."},
    {.table = "rule", .name = "min_flow", .type = T::number, .units = "m3/s", .range = positive,
     .when = "type=downstream_minimum", .doc = "The flow at `node` at least this. One of `min_flow`, "
     "`min_stage`, `min_depth`."},
    {.table = "rule", .name = "min_stage", .type = T::number, .units = "m", .when = "type=downstream_minimum",
     .doc = "The stage at `node` at least this (station datum), through the node's rating."},
    {.table = "rule", .name = "min_depth", .type = T::number, .units = "m", .range = positive,
     .when = "type=downstream_minimum",
     .doc = "The navigation depth at `node` at least this: the stage `bed_level` + this, through the rating."},
    // [[joint]]
    {.table = "joint", .name = "name", .type = T::text, .required = true, .doc = "Name in logs and the summary."},
    {.table = "joint", .name = "station", .type = T::text, .required = true,
     .doc = "The control station: a node downstream of every member."},
    {.table = "joint", .name = "target_flow", .type = T::number, .units = "m3/s", .range = positive,
     .excludes = "target_stage", .doc = "Keep the station's flow at or below this."},
    {.table = "joint", .name = "target_stage", .type = T::number, .units = "m",
     .doc = "Keep the station's stage at or below this, through its rating."},
    {.table = "joint", .name = "members", .type = T::text_list, .required = true,
     .doc = "The reservoirs that share the cut."},
    {.table = "joint", .name = "tiers", .type = T::numbers,
     .doc = "One per member: tier 1 cuts first; a tier is called on only when the tiers before it have no "
            "flood-control storage left. Default: all in tier 1."},
    {.table = "joint", .name = "priority", .type = T::number, .default_toml = "50", .range = {.lo = 1.0, .hi = 1000.0},
     .doc = "Priority of the joint limit within each member's rules."},
    {.table = "joint", .name = "release_target", .type = T::number, .units = "m3/s", .range = positive,
     .doc = "After the flood, stored water is released only while the forecast at the station stays "
            "below this. Default: the target."},
    // [[demand]]
    {.table = "demand", .name = "name", .type = T::text, .required = true, .doc = "Unique among demands."},
    {.table = "demand", .name = "node", .type = T::text, .required = true,
     .doc = "The node or reservoir the water is taken at."},
    {.table = "demand", .name = "purpose", .type = T::choice, .default_toml = "\"supply\"",
     .choices = "drinking|supply|irrigation|industry|ecological|other",
     .doc = "What the water is for; the summary totals deliveries and shortfalls by purpose."},
    {.table = "demand", .name = "flow", .type = T::number, .units = "m3/s", .range = non_negative,
     .doc = "A constant demand. One of `flow`, `series`, `monthly`."},
    {.table = "demand", .name = "series", .type = T::series, .units = "m3/s", .range = non_negative,
     .doc = "The demand as a series (daily figures, or any), linear between points."},
    {.table = "demand", .name = "extend", .type = T::choice, .choices = "hold|zero",
     .doc = "How `series` goes on where it does not cover the run: `hold` its first and last values, `zero` "
            "no demand. No default: a series that does not cover the run is refused."},
    {.table = "demand", .name = "monthly", .type = T::numbers, .units = "m3/s", .range = non_negative,
     .doc = "Twelve figures, January to December, each the demand through that local month (a seasonal "
            "irrigation demand)."},
    {.table = "demand", .name = "priority", .type = T::number, .default_toml = "100",
     .range = {.lo = 1.0, .hi = 1000.0},
     .doc = "Among the demands of one node, 1 is served first; ties share what there is in proportion."},
    {.table = "demand", .name = "return_share", .type = T::number, .default_toml = "0.0",
     .range = {.lo = 0.0, .hi = 1.0}, .doc = "The part of the delivered water that comes back (treated "
     "wastewater, irrigation return flow)."},
    {.table = "demand", .name = "return_to", .type = T::text,
     .doc = "The node the returned water enters, downstream of `node` (or `node` itself). Required with a "
            "`return_share` above 0."},
    {.table = "demand", .name = "note", .type = T::text,
     .doc = "Where the figures come from; copied into `dispatch_summary.json`."},
    // [backwater]
    {.table = "backwater", .name = "reservoir", .type = T::text, .required = true,
     .doc = "The reservoir whose pool level is the downstream condition."},
    {.table = "backwater", .name = "boundary", .type = T::text, .required = true,
     .doc = "The 2D model's `stage` boundary whose level the relation sets."},
    {.table = "backwater", .name = "node", .type = T::text,
     .doc = "The node whose flow is the discharge. Default: the `domain_outlet` of `boundary`."},
    {.table = "backwater", .name = "sections", .type = T::table, .required = true,
     .units = "[chainage m, bed level m, bottom width m, side slope, Manning n]",
     .doc = "Cross-sections of the reservoir reach, chainage from the dam upstream; linear between them.",
     .columns = 5},
    {.table = "backwater", .name = "at", .type = T::number, .required = true, .units = "m", .range = non_negative,
     .doc = "Chainage of the 2D boundary."},
    {.table = "backwater", .name = "pool_levels", .type = T::numbers, .required = true, .units = "m",
     .doc = "Pool levels of the table, increasing."},
    {.table = "backwater", .name = "discharges", .type = T::numbers, .required = true, .units = "m3/s",
     .range = positive, .doc = "Discharges of the table, increasing."},
};
// clang-format on

}  // namespace

std::span<const CaseTable> network_case_tables() { return tables; }
std::span<const CaseKey> network_case_keys() { return keys; }

}  // namespace floodtwin::twin
