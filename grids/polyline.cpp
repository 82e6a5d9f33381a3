#include "grids/polyline.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace floodtwin::grids {

namespace {

std::string line_name(const Polyline& line) {
    return line.name.empty() ? std::string("line") : "line '" + line.name + "'";
}

struct Interval {
    double lo = 1.0;
    double hi = 0.0;  // empty while lo > hi
    [[nodiscard]] bool empty() const { return lo > hi; }
    void merge(const Interval& other) {
        if (other.empty()) return;
        if (empty()) {
            *this = other;
            return;
        }
        lo = std::min(lo, other.lo);
        hi = std::max(hi, other.hi);
    }
};

// {x : lo <= slope * x + offset <= hi}
Interval solve_linear(double slope, double offset, double lo, double hi) {
    if (slope == 0.0) return offset >= lo && offset <= hi ? Interval{-INFINITY, INFINITY} : Interval{};
    const double x1 = (lo - offset) / slope;
    const double x2 = (hi - offset) / slope;
    return {std::min(x1, x2), std::max(x1, x2)};
}

Interval intersect(const Interval& a, const Interval& b) {
    if (a.empty() || b.empty()) return {};
    return {std::max(a.lo, b.lo), std::min(a.hi, b.hi)};
}

// The x range, on the horizontal line y = yc, of the points within r of segment a-b:
// the slice of a capsule, made of the slices of its two end discs and its rectangle.
Interval capsule_slice(LinePoint a, LinePoint b, double r, double yc) {
    Interval slice;
    for (const LinePoint& end : {a, b}) {
        const double dy = yc - end.y;
        if (std::fabs(dy) <= r) {
            const double half = std::sqrt(r * r - dy * dy);
            slice.merge({end.x - half, end.x + half});
        }
    }
    const double length = std::hypot(b.x - a.x, b.y - a.y);
    const double ux = (b.x - a.x) / length;
    const double uy = (b.y - a.y) / length;
    // Along the segment: t = (x - a.x) ux + (yc - a.y) uy in [0, length];
    // across it: s = -(x - a.x) uy + (yc - a.y) ux in [-r, r].
    const Interval along = solve_linear(ux, -a.x * ux + (yc - a.y) * uy, 0.0, length);
    const Interval across = solve_linear(-uy, a.x * uy + (yc - a.y) * ux, -r, r);
    slice.merge(intersect(along, across));
    return slice;
}

// The x range of segment a-b where it lies in the band ylo <= y <= yhi.
Interval band_slice(LinePoint a, LinePoint b, double ylo, double yhi) {
    if (a.y == b.y) return a.y >= ylo && a.y <= yhi ? Interval{std::min(a.x, b.x), std::max(a.x, b.x)} : Interval{};
    double t1 = (ylo - a.y) / (b.y - a.y);
    double t2 = (yhi - a.y) / (b.y - a.y);
    if (t1 > t2) std::swap(t1, t2);
    t1 = std::max(t1, 0.0);
    t2 = std::min(t2, 1.0);
    if (t1 > t2) return {};
    const double x1 = a.x + t1 * (b.x - a.x);
    const double x2 = a.x + t2 * (b.x - a.x);
    return {std::min(x1, x2), std::max(x1, x2)};
}

// Indices [first, last] of the grid lines 0..n whose positions origin + k * step fall in
// the interval, widened by one on each side and clamped to cells 0..n-1: a cheap superset
// that the exact tests then trim.
bool index_range(const Interval& range, double origin, double step, std::size_t n, std::size_t& first,
                 std::size_t& last) {
    if (range.empty() || n == 0) return false;
    double k1 = (range.lo - origin) / step;
    double k2 = (range.hi - origin) / step;
    if (k1 > k2) std::swap(k1, k2);
    k1 = std::floor(k1) - 1.0;
    k2 = std::floor(k2) + 1.0;
    if (k2 < 0.0 || k1 > static_cast<double>(n - 1)) return false;
    first = static_cast<std::size_t>(std::max(k1, 0.0));
    last = static_cast<std::size_t>(std::min(k2, static_cast<double>(n - 1)));
    return true;
}

// Distance from p to segment a-b and the position of the nearest point along it.
void nearest_on_segment(LinePoint p, LinePoint a, LinePoint b, double length, double& distance, double& along) {
    const double dx = b.x - a.x;
    const double dy = b.y - a.y;
    const double t = std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / (length * length), 0.0, 1.0);
    distance = std::hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
    along = t * length;
}

}  // namespace

double polyline_length(const Polyline& line) {
    if (line.points.size() < 2)
        throw std::invalid_argument(line_name(line) + " has " + std::to_string(line.points.size()) +
                                    " point(s); a line needs at least two");
    double length = 0.0;
    for (std::size_t k = 0; k < line.points.size(); ++k) {
        if (!std::isfinite(line.points[k].x) || !std::isfinite(line.points[k].y))
            throw std::invalid_argument(line_name(line) + ": point " + std::to_string(k) + " is not finite");
        if (k > 0)
            length += std::hypot(line.points[k].x - line.points[k - 1].x, line.points[k].y - line.points[k - 1].y);
    }
    if (!(length > 0.0)) throw std::invalid_argument(line_name(line) + " has no length: all its points coincide");
    return length;
}

void ChainageProfile::check(const std::string& what) const {
    if (points.empty()) throw std::invalid_argument(what + ": no levels given");
    for (std::size_t k = 0; k < points.size(); ++k) {
        if (!std::isfinite(points[k].chainage_m) || !std::isfinite(points[k].level_m))
            throw std::invalid_argument(what + ": level " + std::to_string(k + 1) + " is not a finite number");
        if (k > 0 && !(points[k].chainage_m > points[k - 1].chainage_m))
            throw std::invalid_argument(what + ": chainages must increase strictly (point " + std::to_string(k + 1) +
                                        ")");
    }
}

double ChainageProfile::level_at(double chainage_m) const {
    if (chainage_m <= points.front().chainage_m) return points.front().level_m;
    if (chainage_m >= points.back().chainage_m) return points.back().level_m;
    const auto upper = std::upper_bound(points.begin(), points.end(), chainage_m,
                                        [](double c, const ChainageLevel& p) { return c < p.chainage_m; });
    const ChainageLevel& p1 = *(upper - 1);
    const ChainageLevel& p2 = *upper;
    const double w = (chainage_m - p1.chainage_m) / (p2.chainage_m - p1.chainage_m);
    return p1.level_m + w * (p2.level_m - p1.level_m);
}

template <class T>
std::vector<NearCell> cells_near_line(const Raster<T>& raster, const Polyline& line, double radius_m) {
    static_cast<void>(polyline_length(line));  // checks the line
    if (!(radius_m >= 0.0) || !std::isfinite(radius_m))
        throw std::invalid_argument(line_name(line) + ": distance from the line must be >= 0 m");
    const GeoTransform& gt = raster.transform;
    // Searching every segment out to half a cell diagonal at least means a crossed cell
    // meets all segments that could be nearer than the one crossing it.
    const double reach = std::max(radius_m, 0.5 * std::hypot(gt.pixel_width, gt.pixel_height));

    std::vector<NearCell> found;
    double chainage_at_start = 0.0;
    for (std::size_t k = 1; k < line.points.size(); ++k) {
        const LinePoint a = line.points[k - 1];
        const LinePoint b = line.points[k];
        const double length = std::hypot(b.x - a.x, b.y - a.y);
        if (length == 0.0) continue;

        std::size_t row0 = 0, row1 = 0;
        if (index_range({std::min(a.y, b.y) - reach, std::max(a.y, b.y) + reach}, gt.origin_y, gt.pixel_height,
                        raster.ny, row0, row1)) {
            for (std::size_t row = row0; row <= row1; ++row) {
                const double yc = raster.cell_centre_y(row);
                const double y_edge1 = gt.origin_y + static_cast<double>(row) * gt.pixel_height;
                const double y_edge2 = y_edge1 + gt.pixel_height;
                Interval xs = capsule_slice(a, b, reach, yc);
                const Interval crossing = band_slice(a, b, std::min(y_edge1, y_edge2), std::max(y_edge1, y_edge2));
                xs.merge(crossing);
                std::size_t col0 = 0, col1 = 0;
                if (!index_range(xs, gt.origin_x, gt.pixel_width, raster.nx, col0, col1)) continue;
                for (std::size_t col = col0; col <= col1; ++col) {
                    const double x_edge1 = gt.origin_x + static_cast<double>(col) * gt.pixel_width;
                    const double x_edge2 = x_edge1 + gt.pixel_width;
                    const bool crossed = !crossing.empty() && crossing.lo <= std::max(x_edge1, x_edge2) &&
                                         crossing.hi >= std::min(x_edge1, x_edge2);
                    double distance = 0.0, along = 0.0;
                    nearest_on_segment({raster.cell_centre_x(col), yc}, a, b, length, distance, along);
                    if (distance <= reach || crossed)
                        found.push_back({raster.index(col, row), distance, chainage_at_start + along, crossed});
                }
            }
        }
        chainage_at_start += length;
    }

    // One entry per cell: the nearest part of the line, crossed if any segment crosses it.
    std::sort(found.begin(), found.end(), [](const NearCell& p, const NearCell& q) {
        if (p.index != q.index) return p.index < q.index;
        if (p.distance_m != q.distance_m) return p.distance_m < q.distance_m;
        return p.chainage_m < q.chainage_m;
    });
    std::vector<NearCell> cells;
    for (const NearCell& c : found) {
        if (!cells.empty() && cells.back().index == c.index) {
            cells.back().crossed = cells.back().crossed || c.crossed;
            continue;
        }
        cells.push_back(c);
    }
    std::erase_if(cells, [radius_m](const NearCell& c) { return c.distance_m > radius_m && !c.crossed; });
    return cells;
}

template std::vector<NearCell> cells_near_line(const Raster<double>&, const Polyline&, double);
template std::vector<NearCell> cells_near_line(const Raster<float>&, const Polyline&, double);

}  // namespace floodtwin::grids
