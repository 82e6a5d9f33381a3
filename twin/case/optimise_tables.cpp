#include "twin/case/optimise_tables.hpp"

#include <algorithm>
#include <cmath>

#include "grids/text_fields.hpp"
#include "twin/case/case_file.hpp"
#include "twin/case/optimise_objectives.hpp"

namespace floodtwin::twin {

namespace {

using Entries = std::vector<CaseEntry>;
using grids::number_text;

bool whole(double v) { return std::isfinite(v) && v == std::floor(v); }

std::string objective_names() {
    std::string known;
    for (const ObjectiveInfo& o : optimise_objectives())
        if (!o.needs_2d) known += (known.empty() ? "" : ", ") + std::string(o.name);
    return known;
}

const NodeSection* find_node(const Case& c, const std::string& name) {
    const auto it = std::find_if(c.network.nodes.begin(), c.network.nodes.end(),
                                 [&](const NodeSection& n) { return n.name == name; });
    return it == c.network.nodes.end() ? nullptr : &*it;
}

void check_objectives(const CaseEntry& e, const CaseErrors& errors, const Case& c) {
    const OptimiseSettings& s = c.optimise.settings;
    const toml::node* at = e.node("objectives");
    for (std::size_t i = 0; i < s.objectives.size(); ++i) {
        const std::string& o = s.objectives[i];
        const ObjectiveInfo* info = find_objective(o);
        if (!info)
            errors.fail_at("optimise.objectives", at, "'" + o + "' is not an objective; they are " + objective_names());
        if (info->needs_2d)
            errors.fail_at("optimise.objectives", at,
                           "'" + o + "' needs the 2D model, and the search runs on the network alone: it is judged in "
                           "the rehearsal of the Pareto set (floodtwin optimise --rehearse ranks by [fourpre] ranking)");
        if (std::find(s.objectives.begin(), s.objectives.begin() + static_cast<std::ptrdiff_t>(i), o) !=
            s.objectives.begin() + static_cast<std::ptrdiff_t>(i))
            errors.fail_at("optimise.objectives", at, "'" + o + "' is named twice");
        if (o == "backwater_stage" && !c.network.backwater)
            errors.fail_at("optimise.objectives", at, "'backwater_stage' needs a [backwater] table");
    }
    if (s.objectives.size() < 2)
        errors.fail_at("optimise.objectives", at,
                       "a multi-objective search needs at least two objectives (got " +
                           std::to_string(s.objectives.size()) + "); they are " + objective_names());
}

// The control station: given, or the first [[joint]]'s; what the objectives that read it need.
void check_station(const CaseEntry& e, const CaseErrors& errors, Case& c) {
    OptimiseSettings& s = c.optimise.settings;
    const bool given = !s.station.empty();
    if (!given && !c.network.joints.empty()) s.station = c.network.joints.front().station;
    const bool needed = std::any_of(s.objectives.begin(), s.objectives.end(), [](const std::string& o) {
        return o == "control_peak" || o == "control_stage" || o == "hours_above_target";
    });
    if (!needed) return;
    const toml::node* at = e.node(given ? "station" : "objectives");
    const std::string key = given ? "optimise.station" : "optimise.objectives";
    if (s.station.empty())
        errors.fail_at(key, at, "control_peak, control_stage and hours_above_target read optimise.station: give it "
                                "(the case has no [[joint]] whose station would be the default)");
    const NodeSection* n = find_node(c, s.station);
    if (!n) errors.fail_at(key, at, "'" + s.station + "' is not the name of a [[node]]");
    if (std::find(s.objectives.begin(), s.objectives.end(), "control_stage") != s.objectives.end() && n->rating.empty())
        errors.fail_at(key, at, "control_stage needs a rating at '" + s.station + "': it has none");
    const bool targeted = std::any_of(c.network.joints.begin(), c.network.joints.end(),
                                      [&](const JointSection& j) { return j.station == s.station && j.target_flow_m3_s; });
    if (std::find(s.objectives.begin(), s.objectives.end(), "hours_above_target") != s.objectives.end() && !targeted)
        errors.fail_at(key, at, "hours_above_target needs a [[joint]] with a target_flow at '" + s.station + "'");
}

void read_settings(const Entries& entries, const CaseErrors& errors, Case& c) {
    using S = OptimiseSettings;
    const CaseEntry& e = entries.front();
    c.optimise.present = e.tbl != nullptr;
    S& s = c.optimise.settings;
    read_fields(e, s, Field{"algorithm", &S::algorithm}, Field{"population", &S::population},
                Field{"generations", &S::generations}, Field{"seed", &S::seed}, Field{"objectives", &S::objectives},
                Field{"station", &S::station}, Field{"max_level", &S::max_level},
                Field{"rate_limits", &S::rate_limits}, Field{"capacity", &S::capacity},
                Field{"network_step", &S::network_step_s}, Field{"front_size", &S::front_size},
                Field{"rehearse", &S::rehearse}, Field{"parallel", &S::parallel}, Field{"seed_plans", &S::seed_plans});
    if (!c.optimise.present) return;
    for (const char* k : {"population", "generations", "seed", "front_size", "rehearse", "parallel"}) {
        const double v = e.get<double>(k);
        if (!whole(v)) errors.fail_at("optimise." + std::string(k), e.node(k), "must be a whole number, got " + number_text(v));
    }
    if (s.algorithm == "nsga2" && (static_cast<long long>(s.population) % 4 != 0 || s.population < 8))
        errors.fail_at("optimise.population", e.node("population"),
                       "NSGA-II (pagmo2) needs a multiple of 4, at least 8, got " + number_text(s.population));
    if (!c.network.present())
        errors.fail_at("optimise", nullptr, "the search runs on the river network, and the case has none");
    if (!e.node("variable"))
        errors.fail_on_line("optimise.variable", errors.line_of(*e.tbl),
                            "[optimise] has no [[optimise.variable]]: give at least one key to search over");
    check_objectives(e, errors, c);
    check_station(e, errors, c);
}

// What a variable's key may be: a number or a duration, or an element of a list of numbers.
void check_variable_key(const CaseEntry& e, const CaseErrors& errors, const OptimiseVariable& v) {
    const std::string at = e.prefix + ".key";
    CaseKeyPath path;
    try {
        path = parse_case_key(v.case_key, at);
    } catch (const CaseError& err) {
        errors.fail_with(at, e.node("key"), err.what());
    }
    const CaseKey& k = *path.key;
    const bool numeric = k.type == CaseValueType::number || k.type == CaseValueType::duration ||
                         (k.type == CaseValueType::numbers && path.element);
    if (!numeric)
        errors.fail_at(at, e.node("key"),
                       "'" + v.case_key + "' is " + case_key_type_text(k, TypeNaming::message) +
                           (k.type == CaseValueType::numbers ? ": name one of its elements, as in " + v.case_key + "[0]" : "") +
                           "; a variable is a number: a number or duration key, or an element of a list of numbers");
    if (path.table == "optimise" || path.table == "optimise.variable")
        errors.fail_at(at, e.node("key"), "'" + v.case_key + "' is a key of the search itself");
    for (const char* bound : {"min", "max"}) {
        const double b = e.get<double>(bound);
        if (k.type != CaseValueType::numbers && !k.range.contains(b))
            errors.fail_at(e.prefix + "." + bound, e.node(bound),
                           number_text(b) + " is outside what " + v.case_key + " takes (" + k.range.text() + ")");
    }
}

OptimiseVariable variable(const CaseEntry& e, const CaseErrors& errors, const std::vector<OptimiseVariable>& before) {
    using V = OptimiseVariable;
    OptimiseVariable v = read_section(e, Field{"key", &V::case_key}, Field{"min", &V::min}, Field{"max", &V::max},
                                      Field{"step", &V::step}, Field{"integer", &V::integer});
    v.case_key = grids::trim(v.case_key);
    v.name = e.opt<std::string>("name").value_or(v.case_key);
    check_variable_key(e, errors, v);
    if (!(v.max > v.min))
        errors.fail_at(e.prefix + ".max", e.node("max"),
                       "must be above min (" + number_text(v.min) + "), got " + number_text(v.max));
    if (v.step && *v.step > v.max - v.min)
        errors.fail_at(e.prefix + ".step", e.node("step"),
                       number_text(*v.step) + " is more than max - min (" + number_text(v.max - v.min) + ")");
    if (v.integer)
        for (const char* k : {"min", "max", "step"})
            if (const auto x = e.opt<double>(k); x && !whole(*x))
                errors.fail_at(e.prefix + "." + k, e.node(k), "integer = true: must be a whole number, got " + number_text(*x));
    for (const OptimiseVariable& other : before) {
        if (other.case_key == v.case_key)
            errors.fail_at(e.prefix + ".key", e.node("key"), "'" + v.case_key + "' is already the key of " + other.key);
        if (other.name == v.name)
            errors.fail_at(e.prefix + ".name", e.node(e.given("name") ? "name" : "key"),
                           "'" + v.name + "' is already the name of " + other.key + "; variable names must be unique");
    }
    return v;
}

}  // namespace

bool read_optimise_table(std::string_view name, const Entries& entries, const CaseErrors& errors, Case& c) {
    if (name == "optimise") {
        read_settings(entries, errors, c);
    } else if (name == "optimise.variable") {
        read_sections(entries, c.optimise.variables,
                      [&](const CaseEntry& e, std::size_t) { return variable(e, errors, c.optimise.variables); });
    } else {
        return false;
    }
    return true;
}

}  // namespace floodtwin::twin
