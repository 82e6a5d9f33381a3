// The time chart as inline SVG (see svg_chart.hpp): nice axes, thresholds, marker, legend.
#include "twin/fourpre/svg_chart.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>

#include "twin/fourpre/html_text.hpp"
#include "twin/fourpre/svg_axis.hpp"

namespace floodtwin::twin {
namespace {

// The drawing: 720 wide, the plot inside margins that leave room for the y label at the
// left, threshold labels at the right, tick labels and the legend below.
constexpr double width = 720, plot_left = 66, plot_right = 600, plot_top = 30, plot_bottom = 228;
constexpr double legend_top = 282, legend_row = 16;
constexpr std::array palette{"#1f5fa8", "#d1495b", "#2a9d8f", "#e09f3e", "#6a4c93", "#5c677d"};

using svg_axis::nice_step;
using svg_axis::num;
using svg_axis::step_decimals;

struct Range {
    double lo = std::numeric_limits<double>::infinity(), hi = -std::numeric_limits<double>::infinity();
    void add(double v) {
        if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    }
    [[nodiscard]] bool empty() const { return lo > hi; }
};

// The value axis: the data and thresholds, padded by 6% and widened to whole steps.
struct ValueAxis {
    double lo, hi, step;
};
ValueAxis value_axis(const TimeChart& c) {
    Range r;
    for (const auto& s : c.series)
        for (const double v : s.value) r.add(v);
    for (const auto& l : c.lines) r.add(l.value);
    if (r.empty()) r = {0, 1};
    if (r.hi - r.lo < 1e-9)
        r = {r.lo - std::max(1.0, std::fabs(r.lo) * 0.05), r.hi + std::max(1.0, std::fabs(r.hi) * 0.05)};
    const double pad = 0.06 * (r.hi - r.lo);
    const double step = nice_step((r.hi - r.lo + 2 * pad) / 5);
    return {std::floor((r.lo - pad) / step) * step, std::ceil((r.hi + pad) / step) * step, step};
}

// The time axis: the data and the marker; ticks every 1 h to 7 d, at most 7 of them,
// on whole hours (whole days for daily steps) of the office's zone.
struct TimeAxis {
    double lo, hi, step;
};
TimeAxis time_axis(const TimeChart& c) {
    Range r;
    for (const auto& s : c.series)
        for (std::size_t i = 0; i < s.epoch_s.size(); ++i)
            if (std::isfinite(s.value[i])) r.add(s.epoch_s[i]);
    if (c.marker_epoch_s) r.add(*c.marker_epoch_s);
    if (r.empty()) r = {0, 86400};
    if (r.hi - r.lo < 60) r = {r.lo - 3600, r.hi + 3600};
    double step = 168 * 3600.0;
    for (const double h : {1, 2, 3, 6, 12, 24, 48, 72, 168})
        if ((r.hi - r.lo) / (h * 3600) <= 7) {
            step = h * 3600;
            break;
        }
    return {r.lo, r.hi, step};
}

}  // namespace

std::string svg_chart_css() {
    return R"(svg.chart { display: block; width: 100%; height: auto; }
svg.chart text { font-family: inherit; fill: #222; }
svg.chart .chart-title { font-size: 13px; font-weight: 600; }
svg.chart .tick { font-size: 10.5px; fill: #444; font-variant-numeric: tabular-nums; }
svg.chart .axis-label { font-size: 11px; fill: #333; }
svg.chart .legend { font-size: 11px; }
svg.chart .axis { stroke: #555; stroke-width: 1; }
svg.chart .grid { stroke: #e4e7eb; stroke-width: 1; }
svg.chart .series { fill: none; stroke-width: 2; stroke-linejoin: round; stroke-linecap: round; }
svg.chart .threshold { stroke-width: 1.2; stroke-dasharray: 5 4; }
svg.chart .threshold-label { font-size: 10px; font-weight: 600; }
svg.chart .marker { stroke: #222; stroke-width: 1.2; }
svg.chart .marker-label { font-size: 10px; font-weight: 600; }
)";
}

std::string chart_time_label(double epoch_s, int utc_offset_min) {
    using namespace std::chrono;
    const auto t = sys_seconds{seconds{static_cast<long long>(std::floor(epoch_s)) + utc_offset_min * 60LL}};
    const auto day = floor<days>(t);
    const year_month_day ymd{day};
    const hh_mm_ss hms{t - day};
    static constexpr std::array months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%u %s %02d:%02d", static_cast<unsigned>(ymd.day()),
                  months[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(hms.hours().count()),
                  static_cast<int>(hms.minutes().count()));
    return buf;
}

std::string svg_time_chart(const TimeChart& c) {
    for (const auto& s : c.series)
        if (s.epoch_s.size() != s.value.size())
            throw std::invalid_argument("chart \"" + c.title + "\": series \"" + s.name + "\" has " +
                                        std::to_string(s.epoch_s.size()) + " times and " +
                                        std::to_string(s.value.size()) + " values");
    const ValueAxis ya = value_axis(c);
    const TimeAxis xa = time_axis(c);
    const auto px = [&](double t) { return plot_left + (t - xa.lo) / (xa.hi - xa.lo) * (plot_right - plot_left); };
    const auto py = [&](double v) { return plot_bottom - (v - ya.lo) / (ya.hi - ya.lo) * (plot_bottom - plot_top); };
    const auto colour = [&](const std::string& given, std::size_t i) {
        return html_escape(given.empty() ? palette[i % palette.size()] : given);
    };

    // Legend rows first: the drawing's height depends on how many there are.
    struct Entry {
        double x, y;
        std::size_t series;
    };
    std::vector<Entry> legend;
    double lx = plot_left, ly = legend_top;
    for (std::size_t i = 0; i < c.series.size(); ++i) {
        const double w = 34 + 6.0 * static_cast<double>(c.series[i].name.size());  // about 6 px a character at 11 px
        if (lx + w > width - 10 && lx > plot_left) lx = plot_left, ly += legend_row;
        legend.push_back({lx, ly, i});
        lx += w + 14;
    }
    const double height = (legend.empty() ? legend_top - legend_row : ly) + legend_row;

    std::string s = "<svg class=\"chart\" viewBox=\"0 0 " + num(width, 0) + " " + num(height, 0) +
                    "\" width=\"100%\" role=\"img\" aria-label=\"" + html_escape(c.title) + "\">\n";
    s += "<text x=\"" + num(plot_left, 0) + "\" y=\"17\" class=\"chart-title\">" + html_escape(c.title) + "</text>\n";

    // Value grid, ticks and labels; the y label turned along the axis.
    const int dec = step_decimals(ya.step);
    for (int k = 0;; ++k) {
        const double v = ya.lo + k * ya.step;
        if (v > ya.hi + ya.step * 1e-6) break;
        const std::string y = num(py(v));
        s += "<line class=\"grid\" x1=\"" + num(plot_left) + "\" x2=\"" + num(plot_right) + "\" y1=\"" + y +
             "\" y2=\"" + y + "\"/>";
        s += "<text class=\"tick\" x=\"" + num(plot_left - 6) + "\" y=\"" + num(py(v) + 3.5) +
             "\" text-anchor=\"end\">" + num(v, dec) + "</text>\n";
    }
    const double mid_y = (plot_top + plot_bottom) / 2;
    s += "<text class=\"axis-label\" transform=\"translate(14 " + num(mid_y) +
         ") rotate(-90)\" text-anchor=\"middle\">" + html_escape(c.y_label) + "</text>\n";

    // Time ticks on whole steps of local time.
    const double off = c.utc_offset_min * 60.0;
    for (double t = std::ceil((xa.lo + off) / xa.step) * xa.step - off; t <= xa.hi + 1e-6; t += xa.step) {
        const std::string x = num(px(t));
        s += "<line class=\"grid\" x1=\"" + x + "\" x2=\"" + x + "\" y1=\"" + num(plot_top) + "\" y2=\"" +
             num(plot_bottom) + "\"/>";
        s += "<line class=\"axis\" x1=\"" + x + "\" x2=\"" + x + "\" y1=\"" + num(plot_bottom) + "\" y2=\"" +
             num(plot_bottom + 4) + "\"/>";
        s += "<text class=\"tick\" x=\"" + x + "\" y=\"" + num(plot_bottom + 16) + "\" text-anchor=\"middle\">" +
             chart_time_label(t, c.utc_offset_min) + "</text>\n";
    }
    s += "<line class=\"axis\" x1=\"" + num(plot_left) + "\" x2=\"" + num(plot_left) + "\" y1=\"" + num(plot_top) +
         "\" y2=\"" + num(plot_bottom) + "\"/>";
    s += "<line class=\"axis\" x1=\"" + num(plot_left) + "\" x2=\"" + num(plot_right) + "\" y1=\"" + num(plot_bottom) +
         "\" y2=\"" + num(plot_bottom) + "\"/>\n";
    s += "<text class=\"axis-label\" x=\"" + num((plot_left + plot_right) / 2) + "\" y=\"" + num(plot_bottom + 32) +
         "\" text-anchor=\"middle\">Time (UTC" + (c.utc_offset_min < 0 ? "-" : "+") +
         num(std::abs(c.utc_offset_min) / 60.0, c.utc_offset_min % 60 ? 1 : 0) + ")</text>\n";

    // Thresholds: dashed across the plot, labels at the right pushed apart to stay legible.
    std::vector<std::pair<double, std::size_t>> label_y;
    for (std::size_t i = 0; i < c.lines.size(); ++i) {
        const auto& l = c.lines[i];
        const std::string y = num(py(l.value));
        s += "<line class=\"threshold\" stroke=\"" + colour(l.colour, i + 3) + "\" x1=\"" + num(plot_left) +
             "\" x2=\"" + num(plot_right) + "\" y1=\"" + y + "\" y2=\"" + y + "\"/>\n";
        label_y.emplace_back(py(l.value) + 3.5, i);
    }
    std::sort(label_y.begin(), label_y.end());
    for (std::size_t k = 1; k < label_y.size(); ++k)
        label_y[k].first = std::max(label_y[k].first, label_y[k - 1].first + 12);
    for (const auto& [y, i] : label_y)
        s += "<text class=\"threshold-label\" style=\"fill:" + colour(c.lines[i].colour, i + 3) + "\" x=\"" +
             num(plot_right + 5) + "\" y=\"" + num(y) + "\">" + html_escape(c.lines[i].label) + "</text>\n";

    // The series, one path each; a NaN (or a NaN time) starts a new piece of line.
    for (std::size_t i = 0; i < c.series.size(); ++i) {
        const auto& sr = c.series[i];
        std::string d;
        bool pen_down = false;
        for (std::size_t k = 0; k < sr.value.size(); ++k) {
            if (!std::isfinite(sr.value[k]) || !std::isfinite(sr.epoch_s[k])) {
                pen_down = false;
                continue;
            }
            d += pen_down ? 'L' : 'M';
            d += num(px(sr.epoch_s[k])) + " " + num(py(sr.value[k]));
            pen_down = true;
        }
        s += "<path class=\"series\" d=\"" + d + "\" stroke=\"" + colour(sr.colour, i) + "\"" +
             (sr.dashed ? " stroke-dasharray=\"7 4\"" : "") + "/>\n";
    }

    // The issue-time marker, labelled at the top on the side with room.
    if (c.marker_epoch_s) {
        const double x = px(*c.marker_epoch_s);
        const std::string label =
            c.marker_label.empty() ? chart_time_label(*c.marker_epoch_s, c.utc_offset_min) : c.marker_label;
        const bool left = x > (plot_left + plot_right) / 2;
        s += "<line class=\"marker\" x1=\"" + num(x) + "\" x2=\"" + num(x) + "\" y1=\"" + num(plot_top - 4) +
             "\" y2=\"" + num(plot_bottom) + "\"/>";
        s += "<text class=\"marker-label\" x=\"" + num(left ? x - 4 : x + 4) + "\" y=\"" + num(plot_top + 8) +
             "\" text-anchor=\"" + (left ? "end" : "start") + "\">" + html_escape(label) + "</text>\n";
    }

    for (const auto& e : legend) {
        const auto& sr = c.series[e.series];
        s += "<line class=\"series\" stroke=\"" + colour(sr.colour, e.series) + "\"" +
             (sr.dashed ? " stroke-dasharray=\"7 4\"" : "") + " x1=\"" + num(e.x) + "\" x2=\"" + num(e.x + 26) +
             "\" y1=\"" + num(e.y - 4) + "\" y2=\"" + num(e.y - 4) + "\"/>";
        s += "<text class=\"legend\" x=\"" + num(e.x + 32) + "\" y=\"" + num(e.y) + "\">" + html_escape(sr.name) +
             "</text>\n";
    }
    if (c.series.empty())
        s += "<text class=\"tick\" x=\"" + num((plot_left + plot_right) / 2) + "\" y=\"" + num(mid_y) +
             "\" text-anchor=\"middle\">no data</text>\n";
    return s + "</svg>";
}

}  // namespace floodtwin::twin
