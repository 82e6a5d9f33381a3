#include "viz/line_clip.hpp"

#include <algorithm>
#include <cmath>

namespace floodtwin::viz {

namespace {

// Liang-Barsky: the parameter range [t0, t1] of a + t (b - a) inside the box; false
// when the segment misses it.
bool clip_segment(const grids::LinePoint& a, const grids::LinePoint& b, const ClipBox& box, double& t0, double& t1) {
    t0 = 0.0;
    t1 = 1.0;
    const double dx = b.x - a.x, dy = b.y - a.y;
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {a.x - box.xmin, box.xmax - a.x, a.y - box.ymin, box.ymax - a.y};
    for (int k = 0; k < 4; ++k) {
        if (p[k] == 0.0) {
            if (q[k] < 0.0) return false;  // parallel to this edge and outside it
            continue;
        }
        const double t = q[k] / p[k];
        if (p[k] < 0.0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
        if (t0 > t1) return false;
    }
    return true;
}

grids::LinePoint along(const grids::LinePoint& a, const grids::LinePoint& b, double t) {
    return {a.x + t * (b.x - a.x), a.y + t * (b.y - a.y)};
}

}  // namespace

std::vector<std::vector<grids::LinePoint>> clip_to_box(const grids::Polyline& line, const ClipBox& box) {
    std::vector<std::vector<grids::LinePoint>> parts;
    std::vector<grids::LinePoint> part;
    const auto close_part = [&] {
        if (part.size() >= 2) parts.push_back(std::move(part));
        part.clear();
    };
    for (std::size_t k = 0; k + 1 < line.points.size(); ++k) {
        const grids::LinePoint &a = line.points[k], &b = line.points[k + 1];
        double t0 = 0.0, t1 = 1.0;
        if (!clip_segment(a, b, box, t0, t1)) {
            close_part();
            continue;
        }
        // A segment entering from outside starts a new part.
        if (t0 > 0.0) close_part();
        if (part.empty()) part.push_back(along(a, b, t0));
        part.push_back(along(a, b, t1));
        if (t1 < 1.0) close_part();  // it leaves the box
    }
    close_part();
    return parts;
}

}  // namespace floodtwin::viz
