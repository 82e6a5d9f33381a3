#pragma once
// A line chart in time as inline SVG, for the four pre- report page: series of stage or
// discharge against time, labelled threshold lines, the issue-time marker and a legend.
// Sized for the width of an A4 page (viewBox 720 wide, drawn at 100%); tick labels in the
// office's time zone. A NaN value breaks its line rather than joining across a gap.
#include <optional>
#include <string>
#include <vector>

namespace floodtwin::twin {

struct ChartSeries {
    std::string name;
    std::vector<double> epoch_s, value;  // same length; NaN values leave a gap
    std::string colour;                  // any CSS colour; empty: the palette's next
    bool dashed = false;                 // a forecast, say, against an observed solid line
};

// A horizontal threshold line (warning stage, guaranteed stage...), labelled at the right.
struct ChartLine {
    std::string label;
    double value;
    std::string colour;
};

struct TimeChart {
    std::string title, y_label;  // y_label with its unit: "Stage (m, Wusong)"
    std::vector<ChartSeries> series;
    std::vector<ChartLine> lines;
    std::optional<double> marker_epoch_s;  // a vertical line: the issue time
    std::string marker_label;
    int utc_offset_min = 480;  // tick labels in this zone: "18 Aug 08:00"
};

// The chart as an <svg> element with no namespace URL (inline in HTML it needs none).
// Throws std::invalid_argument naming the series whose times and values differ in length.
std::string svg_time_chart(const TimeChart& chart);

// The style sheet the chart's classes need (axes, grid, ticks, lines, labels): the page
// that shows charts puts it once in its <style>.
std::string svg_chart_css();

// "18 Aug 08:00" for the epoch time in the zone utc_offset_min east of UTC.
std::string chart_time_label(double epoch_s, int utc_offset_min);

}  // namespace floodtwin::twin
