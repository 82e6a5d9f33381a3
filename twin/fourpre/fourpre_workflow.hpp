#pragma once
// `floodtwin fourpre`: what a flood-control office does at one forecast issue time, as
// one workflow. Forecast (预报): the state at the issue time, from the previous cycle's
// checkpoint (hot start) or a cold start with the case's spin-up, run with the observed
// inflows; reservoirs reset to their observed levels; stations updated with an AR(1)
// error model; the coupled network and 2D model over the horizon. Warning (预警):
// stations, areas, reservoirs; JSON, CSV, CAP 1.2. Rehearsal (预演): every [[plan]] from
// the same state, several at once. Plan (预案): the plans ranked by the case's rule, the
// chosen plan's orders, plan.json and report.html.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "grids/polyline.hpp"
#include "twin/case/fourpre_case.hpp"
#include "twin/fourpre/ensemble_forecast.hpp"
#include "twin/run/case_command.hpp"
#include "twin/warning/warning_level.hpp"

namespace floodtwin::twin {

// A class map for viz to draw (the twin core draws nothing itself: app/ hands a drawer in).
struct ClassMapRequest {
    std::string kind = "depth";  // depth | hazard | arrival | probability (twin/warning/flood_classes.hpp)
    std::filesystem::path results_nc, png;
    std::vector<int> classes;  // as results.nc's arrays (j = 0 south)
    struct Point {
        std::string name;
        double x = 0.0, y = 0.0;
        WarningLevel level = WarningLevel::none;
        double stage_m = 0.0;
    };
    struct Area {
        std::string name;
        std::vector<grids::Polyline> rings;  // grid CRS
        WarningLevel level = WarningLevel::none;
    };
    std::vector<Point> stations;
    std::vector<Area> areas;
    std::optional<std::filesystem::path> rivers;
    std::string title, subtitle, note;
    std::string legend_title;  // empty: the kind's own
    int width = 1600, height = 1200;
};
using ClassMapDrawer = std::function<void(const ClassMapRequest&)>;

struct FourPreOptions : CaseCommand {
    std::string issue_time;  // ISO 8601 with a zone
    // The previous cycle's output folder (its state.ckpt) or a checkpoint file: a hot
    // start. None: a cold start, fourpre.spin_up before the issue time.
    std::optional<std::filesystem::path> state;
    std::filesystem::path program;  // the floodtwin executable the runs are started with
    int cores = 0;                  // 0: the machine's
    bool forecast_only = false;     // the baseline alone: no rehearsal of the plans
    bool overwrite = false;
    ClassMapDrawer draw_map;        // empty: no PNG maps (listed as skipped)
    // An ensemble of the baseline forecast from the same state ([ensemble]), its chances in
    // the warnings and the report: this many members (0: none), run by `run_ensemble`
    // (the command line hands in twin/ensemble's runner; under mpirun, over the ranks).
    int members = 0;
    EnsembleRunner run_ensemble;
    // Plans to rehearse in place of the case's [[plan]]s (`floodtwin optimise --rehearse`
    // hands in its Pareto set): each run as the baseline with its `set` as `--set`
    // overrides, so it adds no [[plan.rule]] entries. None: the case's own plans.
    std::optional<std::vector<PlanSection>> plans;
};

struct FourPreResult {
    std::filesystem::path plan_json, report_html, state;
    std::string chosen_plan;
    double control_peak_m = 0.0;  // the control station's forecast peak (updated where updated)
    double control_peak_epoch_s = 0.0;
    std::optional<double> orange_lead_s;  // the control station's lead to its orange warning
    std::string highest_warning;
};

FourPreResult run_fourpre(const FourPreOptions& options);

}  // namespace floodtwin::twin
