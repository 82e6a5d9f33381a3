// The scatter chart as inline SVG (see svg_scatter.hpp): nice axes both ways, markers,
// labels, a legend.
#include "twin/fourpre/svg_scatter.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "twin/fourpre/html_text.hpp"
#include "twin/fourpre/svg_axis.hpp"

namespace floodtwin::twin {
namespace {

using svg_axis::num;

constexpr double width = 720, plot_left = 76, plot_right = 700, plot_top = 30, plot_bottom = 300;
constexpr double legend_top = 352, legend_row = 16;

struct Axis {
    double lo, hi, step;
};

// The data padded by 6 % and widened to whole steps (five or so).
Axis axis_of(double lo, double hi) {
    if (!(lo <= hi)) lo = 0.0, hi = 1.0;
    if (hi - lo < 1e-12 * std::max(1.0, std::abs(hi))) {
        const double pad = std::max(std::abs(hi) * 0.05, 1e-9);
        lo -= pad, hi += pad;
    }
    const double pad = 0.06 * (hi - lo);
    const double step = svg_axis::nice_step((hi - lo + 2 * pad) / 5);
    return {std::floor((lo - pad) / step) * step, std::ceil((hi + pad) / step) * step, step};
}

std::string marker(const ScatterGroup& g, double x, double y) {
    const std::string c = html_escape(g.colour.empty() ? "#1f5fa8" : g.colour);
    if (g.marker == "square")
        return "<rect x=\"" + num(x - 4.5) + "\" y=\"" + num(y - 4.5) + "\" width=\"9\" height=\"9\" fill=\"" + c +
               "\" stroke=\"#222\" stroke-width=\"0.8\"/>";
    if (g.marker == "cross")
        return "<path d=\"M" + num(x - 5) + " " + num(y - 5) + "L" + num(x + 5) + " " + num(y + 5) + "M" + num(x - 5) + " " +
               num(y + 5) + "L" + num(x + 5) + " " + num(y - 5) + "\" stroke=\"" + c + "\" stroke-width=\"2.2\"/>";
    return "<circle cx=\"" + num(x) + "\" cy=\"" + num(y) + "\" r=\"4.5\" fill=\"" + c +
           "\" fill-opacity=\"0.85\" stroke=\"#fff\" stroke-width=\"0.8\"/>";
}

}  // namespace

std::string svg_scatter_chart(const ScatterChart& c) {
    constexpr double inf = std::numeric_limits<double>::infinity();
    double x0 = inf, x1 = -inf, y0 = inf, y1 = -inf;
    for (const auto& g : c.groups)
        for (const auto& p : g.points)
            if (std::isfinite(p.x) && std::isfinite(p.y)) x0 = std::min(x0, p.x), x1 = std::max(x1, p.x), y0 = std::min(y0, p.y), y1 = std::max(y1, p.y);
    const Axis xa = axis_of(x0, x1), ya = axis_of(y0, y1);
    const auto px = [&](double v) { return plot_left + (v - xa.lo) / (xa.hi - xa.lo) * (plot_right - plot_left); };
    const auto py = [&](double v) { return plot_bottom - (v - ya.lo) / (ya.hi - ya.lo) * (plot_bottom - plot_top); };

    double lx = plot_left, ly = legend_top;
    std::vector<std::pair<double, double>> legend;
    for (const auto& g : c.groups) {
        const double w = 30 + 6.0 * static_cast<double>(g.name.size());
        if (lx + w > width - 10 && lx > plot_left) lx = plot_left, ly += legend_row;
        legend.emplace_back(lx, ly);
        lx += w + 14;
    }
    const double height = ly + legend_row;
    std::string s = "<svg class=\"chart\" viewBox=\"0 0 " + num(width, 0) + " " + num(height, 0) +
                    "\" width=\"100%\" role=\"img\" aria-label=\"" + html_escape(c.title) + "\">\n";
    s += "<text x=\"" + num(plot_left, 0) + "\" y=\"17\" class=\"chart-title\">" + html_escape(c.title) + "</text>\n";
    const int xd = svg_axis::step_decimals(xa.step), yd = svg_axis::step_decimals(ya.step);
    for (int k = 0;; ++k) {
        const double v = ya.lo + k * ya.step;
        if (v > ya.hi + ya.step * 1e-6) break;
        s += "<line class=\"grid\" x1=\"" + num(plot_left) + "\" x2=\"" + num(plot_right) + "\" y1=\"" + num(py(v)) +
             "\" y2=\"" + num(py(v)) + "\"/><text class=\"tick\" x=\"" + num(plot_left - 6) + "\" y=\"" + num(py(v) + 3.5) +
             "\" text-anchor=\"end\">" + num(v, yd) + "</text>\n";
    }
    for (int k = 0;; ++k) {
        const double v = xa.lo + k * xa.step;
        if (v > xa.hi + xa.step * 1e-6) break;
        s += "<line class=\"grid\" x1=\"" + num(px(v)) + "\" x2=\"" + num(px(v)) + "\" y1=\"" + num(plot_top) + "\" y2=\"" +
             num(plot_bottom) + "\"/><text class=\"tick\" x=\"" + num(px(v)) + "\" y=\"" + num(plot_bottom + 16) +
             "\" text-anchor=\"middle\">" + num(v, xd) + "</text>\n";
    }
    s += "<line class=\"axis\" x1=\"" + num(plot_left) + "\" x2=\"" + num(plot_left) + "\" y1=\"" + num(plot_top) +
         "\" y2=\"" + num(plot_bottom) + "\"/><line class=\"axis\" x1=\"" + num(plot_left) + "\" x2=\"" +
         num(plot_right) + "\" y1=\"" + num(plot_bottom) + "\" y2=\"" + num(plot_bottom) + "\"/>\n";
    s += "<text class=\"axis-label\" transform=\"translate(14 " + num((plot_top + plot_bottom) / 2) +
         ") rotate(-90)\" text-anchor=\"middle\">" + html_escape(c.y_label) + "</text>\n";
    s += "<text class=\"axis-label\" x=\"" + num((plot_left + plot_right) / 2) + "\" y=\"" + num(plot_bottom + 34) +
         "\" text-anchor=\"middle\">" + html_escape(c.x_label) + "</text>\n";
    for (const auto& g : c.groups) {
        std::vector<ScatterPoint> pts;
        for (const auto& p : g.points)
            if (std::isfinite(p.x) && std::isfinite(p.y)) pts.push_back(p);
        if (g.joined && pts.size() > 1) {
            std::vector<ScatterPoint> line = pts;
            std::stable_sort(line.begin(), line.end(), [](const ScatterPoint& a, const ScatterPoint& b) { return a.x < b.x; });
            std::string d;
            for (std::size_t k = 0; k < line.size(); ++k)
                d.append(k ? "L" : "M").append(num(px(line[k].x))).append(" ").append(num(py(line[k].y)));
            s += "<path class=\"series\" d=\"" + d + "\" stroke=\"" + html_escape(g.colour) +
                 "\" stroke-width=\"1\" stroke-opacity=\"0.5\"/>\n";
        }
        for (const auto& p : pts) {
            s += marker(g, px(p.x), py(p.y));
            if (!p.label.empty())
                s += "<text class=\"tick\" x=\"" + num(px(p.x) + 7) + "\" y=\"" + num(py(p.y) - 6) + "\">" +
                     html_escape(p.label) + "</text>";
            s += "\n";
        }
    }
    for (std::size_t i = 0; i < c.groups.size(); ++i) {
        s += marker(c.groups[i], legend[i].first + 6, legend[i].second - 4);
        s += "<text class=\"legend\" x=\"" + num(legend[i].first + 16) + "\" y=\"" + num(legend[i].second) + "\">" +
             html_escape(c.groups[i].name) + "</text>\n";
    }
    return s + "</svg>";
}

}  // namespace floodtwin::twin
