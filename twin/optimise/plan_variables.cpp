#include "twin/optimise/plan_variables.hpp"

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <sstream>

#include "grids/text_fields.hpp"
#include "twin/case/case_document.hpp"
#include "twin/case/case_file.hpp"
#include "twin/case/fourpre_keys.hpp"
#include "twin/case/time_text.hpp"

namespace floodtwin::twin {

namespace {

using grids::number_text;

double step_of(const OptimiseVariable& v) { return v.step ? *v.step : v.integer ? 1.0 : 0.0; }

// The highest value on the steps at or below max.
double top_of(const OptimiseVariable& v) {
    const double step = step_of(v);
    return step > 0.0 ? v.min + std::floor((v.max - v.min) / step + 1e-9) * step : v.max;
}

// A number of the document: a number, or a duration written as text ("48h").
std::optional<double> number_of(const toml::node& n, const std::string& key) {
    if (const auto d = n.value<double>()) return *d;
    if (const auto s = n.value<std::string>()) return parse_duration(*s, key);
    return std::nullopt;
}

std::string toml_text(const toml::node& n) {
    std::ostringstream o;
    n.visit([&](auto&& v) { o << v; });
    return o.str();
}

// Whether two values of the document are the same: numbers by value (70000 = 70000.0),
// lists element by element, anything else by its TOML text.
bool same_value(const toml::node& a, const toml::node& b) {
    if (a.is_number() && b.is_number()) return *a.value<double>() == *b.value<double>();
    const toml::array *la = a.as_array(), *lb = b.as_array();
    if (la && lb) {
        if (la->size() != lb->size()) return false;
        for (std::size_t i = 0; i < la->size(); ++i)
            if (!same_value(*la->get(i), *lb->get(i))) return false;
        return true;
    }
    return toml_text(a) == toml_text(b);
}

std::size_t entries_of(const CaseDocument& doc, std::string_view table) {
    const toml::node* n = doc.table_node(table);
    const toml::array* a = n ? n->as_array() : nullptr;
    return a ? a->size() : 0;
}

// "joint[0].tiers[1]", appended: GCC 12 warns falsely (-Wrestrict) on "[" + std::string&&.
std::string element_key(const std::string& list, std::size_t i) {
    return std::string(list).append("[").append(std::to_string(i)).append("]");
}

bool is_variable(const PlanVariables& vars, const std::string& key) {
    return std::any_of(vars.variables().begin(), vars.variables().end(),
                       [&](const OptimiseVariable& v) { return v.case_key == key; });
}

// Why what the plan's override `text` changes is not all variables ("" when it is).
std::string change_outside_variables(const CaseDocument& base, const CaseDocument& planned, const std::string& text,
                                     const PlanVariables& vars, const std::string& plan) {
    const std::string key_text = grids::trim(std::string_view(text).substr(0, text.find('=')));
    const CaseKeyPath path = parse_case_key(key_text, "plan '" + plan + "', override '" + text + "'");
    const std::string list = key_name(path.table, path.index, path.name);
    const std::string key = path.element ? element_key(list, *path.element) : list;
    if (is_variable(vars, key)) return "";
    const toml::node *was = base.value_at(path), *is = planned.value_at(path);
    if (!is || (was && same_value(*was, *is))) return "";
    const toml::array *la = was ? was->as_array() : nullptr, *lb = is->as_array();
    if (la && lb && la->size() == lb->size()) {
        for (std::size_t i = 0; i < la->size(); ++i)
            if (!same_value(*la->get(i), *lb->get(i)) && !is_variable(vars, element_key(key, i)))
                return "it sets " + element_key(key, i) + ", which is not a variable";
        return "";
    }
    return "it sets " + key + ", which is not a variable";
}

// The variable's value in the document: written there, or its key's default.
double value_in(const CaseDocument& doc, const OptimiseVariable& v) {
    const CaseKeyPath path = parse_case_key(v.case_key, v.key + ".key");
    if (const toml::node* n = doc.value_at(path))
        if (const auto x = number_of(*n, v.case_key)) return *x;
    if (path.element) {
        CaseKeyPath list = path;
        list.element.reset();
        const toml::node* n = doc.value_at(list);
        if (const toml::array* a = n ? n->as_array() : nullptr)
            throw CaseError(doc.errors().file() + ": " + v.key + ".key: '" + v.case_key + "': " +
                                key_name(path.table, path.index, path.name) + " has " + std::to_string(a->size()) +
                                " elements, numbered from 0",
                            v.key + ".key");
    }
    if (!path.element && !path.key->default_toml.empty()) {
        const toml::table d = toml::parse("v = " + std::string(path.key->default_toml));
        if (const auto x = number_of(*d.get("v"), v.case_key)) return *x;
    }
    throw CaseError(doc.errors().file() + ": " + v.key + ".key: '" + v.case_key +
                        "' is not written in the case and has no default: write it, so that the case as written "
                        "(the baseline) and its plans have a value of it",
                    v.key + ".key");
}

}  // namespace

std::vector<double> PlanVariables::lower() const {
    std::vector<double> lo;
    for (const OptimiseVariable& v : m_vars) lo.push_back(v.min);
    return lo;
}

std::vector<double> PlanVariables::upper() const {
    std::vector<double> hi;
    for (const OptimiseVariable& v : m_vars) hi.push_back(top_of(v));
    return hi;
}

std::vector<double> PlanVariables::snapped(const std::vector<double>& x) const {
    std::vector<double> out(x.size());
    for (std::size_t j = 0; j < m_vars.size(); ++j) {
        const OptimiseVariable& v = m_vars[j];
        double value = std::clamp(x.at(j), v.min, top_of(v));
        if (const double step = step_of(v); step > 0.0) {
            value = v.min + std::round((value - v.min) / step) * step;
            // min + k step in decimal, not its binary neighbour: 197.3, not 197.30000000000001.
            value = std::stod(number_text(value));
            value = std::clamp(value, v.min, top_of(v));
        }
        out[j] = value;
    }
    return out;
}

std::vector<std::string> PlanVariables::overrides(const std::vector<double>& x) const {
    std::vector<std::string> out;
    for (std::size_t j = 0; j < m_vars.size(); ++j) out.push_back(m_vars[j].case_key + "=" + number_toml(x.at(j)));
    return out;
}

std::string number_toml(double v) {
    if (v == std::floor(v) && std::abs(v) < 1e15) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.0f", v);
        return buf;
    }
    return grids::exact_number_text(v);
}

ExpressedPlan express_plan(const std::filesystem::path& file, const std::vector<std::string>& overrides,
                           const PlanSection* plan, const PlanVariables& variables) {
    CaseDocument base(file), planned(file);
    if (plan) planned.apply_plan(plan->name);
    for (const std::string& o : overrides) {
        base.apply_override(o);
        planned.apply_override(o);
    }
    ExpressedPlan out;
    if (plan) {
        for (const std::string_view table : plan_addable_tables)
            if (entries_of(planned, table) != entries_of(base, table)) {
                out.why_not = "it adds [[plan." + std::string(table) + "]] entries, which no variable stands for";
                return out;
            }
        for (const std::string& text : plan->set)
            if (std::string why = change_outside_variables(base, planned, text, variables, plan->name); !why.empty()) {
                out.why_not = std::move(why);
                return out;
            }
    }
    std::vector<double> x;
    for (const OptimiseVariable& v : variables.variables()) x.push_back(value_in(planned, v));
    const std::vector<double> on_steps = variables.snapped(x);
    for (std::size_t j = 0; j < x.size(); ++j) {
        const OptimiseVariable& v = variables.variables()[j];
        if (x[j] < v.min || x[j] > v.max) {
            out.why_not = v.case_key + " = " + number_text(x[j]) + " lies outside [" + number_text(v.min) + ", " +
                          number_text(v.max) + "]";
            return out;
        }
        if (on_steps[j] != x[j]) {
            out.why_not = v.case_key + " = " + number_text(x[j]) + " is not on its steps (nearest: " +
                          number_text(on_steps[j]) + ")";
            return out;
        }
    }
    out.x = std::move(x);
    return out;
}

}  // namespace floodtwin::twin
