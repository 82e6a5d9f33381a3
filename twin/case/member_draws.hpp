#pragma once
// One ensemble member's inputs: the case as written, with the errors [ensemble] describes
// drawn for member k (twin/case/ensemble_case.hpp). Forecast inflows are multiplied by
// exp(s(L) z(t) - s(L)^2 / 2): z an AR(1) in hourly steps with unit variance, correlated
// between inflows by ensemble.inflow_correlation, s(L) the log-standard deviation at lead
// L (inflow_error at 24 h, in proportion to L, capped); the factor's mean is 1, so the
// ensemble keeps the forecast's mean flow. Rain, Manning's n and reservoir rules take
// one factor each per member. Before the issue time nothing changes: that is observed.
#include <nlohmann/json.hpp>

#include "twin/case/case.hpp"

namespace floodtwin::twin {

// Applies member `k`'s draws to `c` (its series, rules and c.member); returns what was
// drawn, for the member's summary.json. Throws std::invalid_argument for k < 0.
nlohmann::json apply_member_draws(Case& c, int k);

// The log-standard deviation of the inflow error at lead `lead_s` (0 before the issue).
[[nodiscard]] double inflow_log_sd(const EnsembleSettings& s, double lead_s);

// The inflow factor of member `k` for inflow `name` at `t_s` seconds after case.start:
// the multiplier apply_member_draws puts on that inflow's series there.
[[nodiscard]] double inflow_factor(const Case& c, int k, const std::string& name, double t_s);

}  // namespace floodtwin::twin
