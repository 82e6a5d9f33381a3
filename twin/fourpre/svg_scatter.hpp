#pragma once
// A scatter chart as inline SVG for the report pages: groups of labelled points on two
// value axes (a Pareto front, the plans it is compared with), a group optionally joined
// in x order (the front as a line), a legend. Sized as svg_chart.hpp's time charts
// (viewBox 720 wide) and styled by the same sheet (svg_chart_css()).
#include <string>
#include <vector>

namespace floodtwin::twin {

struct ScatterPoint {
    double x = 0.0, y = 0.0;
    std::string label;  // drawn beside the point; "" none
};

struct ScatterGroup {
    std::string name;  // in the legend
    std::vector<ScatterPoint> points;
    std::string colour;             // any CSS colour
    std::string marker = "circle";  // circle | square | cross
    bool joined = false;            // a thin line through the points in x order
};

struct ScatterChart {
    std::string title, x_label, y_label;  // labels with their units
    std::vector<ScatterGroup> groups;
};

// The chart as an <svg> element. Points that are not finite are left out.
std::string svg_scatter_chart(const ScatterChart& chart);

}  // namespace floodtwin::twin
