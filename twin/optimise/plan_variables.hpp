#pragma once
// The decision variables of the search ([[optimise.variable]]) between numbers and case
// overrides: a point of the search space snapped onto each variable's steps, the
// `--set` texts that make it a plan, and the other way: the values a hand-written plan
// (or the case as written) gives the variables, where it can be written in them at all.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "twin/case/fourpre_case.hpp"
#include "twin/case/optimise_case.hpp"

namespace floodtwin::twin {

class PlanVariables {
public:
    explicit PlanVariables(std::vector<OptimiseVariable> variables) : m_vars(std::move(variables)) {}

    [[nodiscard]] std::size_t size() const { return m_vars.size(); }
    [[nodiscard]] const std::vector<OptimiseVariable>& variables() const { return m_vars; }
    [[nodiscard]] std::vector<double> lower() const;
    [[nodiscard]] std::vector<double> upper() const;
    // Within the bounds and on min + k step (whole numbers for integer variables): the
    // plan a point of the search stands for. Points that snap alike are one plan.
    [[nodiscard]] std::vector<double> snapped(const std::vector<double>& x) const;
    // "joint[0].target_flow=70000", one per variable, as `--set` and a [[plan]]'s `set` take them.
    [[nodiscard]] std::vector<std::string> overrides(const std::vector<double>& x) const;

private:
    std::vector<OptimiseVariable> m_vars;
};

// A number as TOML writes it and people read it: a whole number without a decimal point
// (70000), any other the shortest text that reads back to the same double (197.3).
[[nodiscard]] std::string number_toml(double v);

// What the variables are for the case file with `overrides` after `plan` (none: the case
// as written), as load_case applies them; or why the plan cannot be written in them: it
// adds rules, breaches or detention areas, sets a key that is not a variable, or gives a
// variable a value outside its bounds or off its steps. Throws CaseError naming the
// variable whose key the case neither writes nor gives a default for.
struct ExpressedPlan {
    std::optional<std::vector<double>> x;
    std::string why_not;  // when x is empty
};
[[nodiscard]] ExpressedPlan express_plan(const std::filesystem::path& file, const std::vector<std::string>& overrides,
                                         const PlanSection* plan, const PlanVariables& variables);

}  // namespace floodtwin::twin
