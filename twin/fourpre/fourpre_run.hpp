#pragma once
// What one `floodtwin fourpre` holds once its runs are done: the forecast's state and
// updating, every plan's outcome and warnings, the ranking and the numbered floods; the
// products (twin/fourpre/fourpre_products.hpp), plan.json (plan_orders.hpp) and the
// report (fourpre_report.hpp) are written from it. Internal to twin/fourpre.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "twin/case/case.hpp"
#include "twin/fourpre/ensemble_forecast.hpp"
#include "twin/fourpre/forecast_warnings.hpp"
#include "twin/fourpre/numbered_flood.hpp"
#include "twin/fourpre/plan_outcome.hpp"
#include "twin/fourpre/plan_ranking.hpp"
#include "twin/fourpre/run_record.hpp"

namespace floodtwin::twin {

struct LevelReset {
    std::string reservoir;
    double observed_m = 0.0, model_m = 0.0;  // at the issue time
};

struct FourPreRun {
    Case c;
    double issue_s = 0.0;
    int offset_min = 0;
    std::filesystem::path out;
    std::string command_line;
    std::string start_text;  // how the state at the issue time was reached
    RunRecord analysis;      // the run up to the issue time
    std::vector<ForecastStation> stations;
    std::map<std::string, ErrorModel> updates;
    std::vector<LevelReset> level_resets;
    std::vector<PlanSection> plans;      // [0] baseline
    std::vector<RunRecord> records;      // per plan
    std::vector<PlanOutcome> outcomes;   // per plan
    std::vector<std::vector<Warning>> warnings;  // per plan
    std::vector<RankedPlan> ranking;
    std::vector<NumberedFlood> numbered;  // from the analysis and the baseline forecast
    std::vector<std::filesystem::path> caps;
    std::map<std::string, std::filesystem::path> maps;  // "depth baseline", "hazard baseline", "warning", ...
    std::vector<std::string> skipped;                   // what was not made, and why
    std::vector<double> plan_wall_s;
    int at_once = 1, threads = 1, cores = 1;
    std::vector<int> plan_threads;  // each plan's
    std::optional<EnsembleForecast> ensemble;  // of the baseline forecast, with --members

    [[nodiscard]] std::string time(double epoch_s) const;
    [[nodiscard]] const PlanOutcome& chosen() const { return outcomes.at(ranking.front().plan); }
    [[nodiscard]] std::size_t chosen_index() const { return ranking.front().plan; }
};

}  // namespace floodtwin::twin
