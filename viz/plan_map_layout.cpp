#include "viz/plan_map_layout.hpp"

namespace floodtwin::viz {

PlanMapLayout plan_map_layout(int width, int height, const ImageGrid& grid, double legend_lo, double legend_hi) {
    PlanMapLayout plan;
    plan.layout = map_layout(width, height);
    plan.frame = fit_grid(plan.layout, grid);
    plan.legend = legend_layout(plan.layout, legend_lo, legend_hi);
    plan.scale_bar = scale_bar(plan.layout, plan.frame.px_per_m);
    plan.north_arrow = north_arrow(plan.layout);
    return plan;
}

}  // namespace floodtwin::viz
