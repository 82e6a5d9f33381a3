#pragma once
// Lines drawn on a raster (river centre lines, levee crests) and the cells near them:
// the geometry shared by channel burning and levee raising. Pure: no files, no GDAL.
#include <cstddef>
#include <string>
#include <vector>

#include "grids/raster.hpp"

namespace floodtwin::grids {

struct LinePoint {
    double x = 0.0;
    double y = 0.0;
};

// An open line in a raster's CRS. Its chainage is the distance along it from points[0].
struct Polyline {
    std::vector<LinePoint> points;
    std::string name;  // for messages and reports, e.g. the GeoJSON feature's "name"
};

// Total length; throws std::invalid_argument naming the line when it has fewer than two
// points, a non-finite coordinate or no length at all.
[[nodiscard]] double polyline_length(const Polyline& line);

// A level given at chainages along a line (bed levels, crest levels).
struct ChainageLevel {
    double chainage_m = 0.0;
    double level_m = 0.0;
};

// Linear between the given chainages and held at the first/last level beyond them, so
// one point is a constant level. Points must be finite with strictly increasing chainage.
struct ChainageProfile {
    std::vector<ChainageLevel> points;

    // Throws std::invalid_argument naming `what` when the profile breaks the rules above.
    void check(const std::string& what) const;
    [[nodiscard]] double level_at(double chainage_m) const;
};

// A cell near a line, measured from its centre.
struct NearCell {
    std::size_t index = 0;      // into Raster::values
    double distance_m = 0.0;    // from the cell centre to the nearest point of the line
    double chainage_m = 0.0;    // chainage of that nearest point
    bool crossed = false;       // the line passes through the cell (its edges included)
};

// Every cell whose centre lies within `radius_m` of the line, or that the line passes
// through, each once, in index order. Crossed cells are included whatever the radius so
// that what is drawn along a line is 4-connected: a one-cell levee on a diagonal would
// otherwise meet its neighbours only at corners, and a 4-neighbour solver would leak
// through. Where two parts of the line are equally near, the earlier chainage is kept.
// Cells outside the raster are skipped; the line may leave and re-enter it.
template <class T>
[[nodiscard]] std::vector<NearCell> cells_near_line(const Raster<T>& raster, const Polyline& line, double radius_m);

extern template std::vector<NearCell> cells_near_line(const Raster<double>&, const Polyline&, double);
extern template std::vector<NearCell> cells_near_line(const Raster<float>&, const Polyline&, double);

}  // namespace floodtwin::grids
