#include "twin/setup/domain_mask.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "grids/fill_nodata.hpp"
#include "grids/gdal_raster.hpp"
#include "grids/line_file.hpp"
#include "grids/text_fields.hpp"
#include "twin/setup/solver_grid.hpp"

namespace floodtwin::twin {

namespace {

using grids::number_text;

// How far above the highest inside bed an outside cell's bed lies. With the hydrostatic
// reconstruction (Audusse et al. 2004) of both schemes, the face between an inside cell
// and such a cell takes the higher bed, so the reconstructed depth on both sides is
// max(0, level - bed) = 0 for any water level below it: the flux carries no mass and
// no momentum, and the correction term leaves exactly the wall pressure g h^2 / 2 on the
// inside cell. That is a closed wall, for fv1 and for fv2 (whose minmod limiter picks the
// smaller one-sided level difference, so the jump never enters an inside cell's slopes).
// Outside cells stay dry (depth 0, no rain, no loss): they add nothing to the CFL limit,
// the envelopes or the mass ledger. 1e5 m is far above any flood level yet small enough
// that the bed keeps sub-millimetre precision in double.
constexpr double kWallHeightM = 1e5;

bool is_vector_file(const std::filesystem::path& p) {
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char ch) { return std::tolower(ch); });
    return ext == ".geojson" || ext == ".json" || ext == ".shp" || ext == ".gpkg" || ext == ".kml" || ext == ".gml";
}

// Raster-order inside flags (1: centre inside) of the rings' even-odd area, by scan
// lines through the cell centres of each row.
std::vector<unsigned char> inside_rings(const std::vector<grids::Polyline>& rings, const grids::Raster<double>& dem) {
    std::vector<unsigned char> inside(dem.size(), 0);
    std::vector<double> xs;
    const double x0 = dem.transform.origin_x, w = dem.transform.pixel_width;
    for (std::size_t row = 0; row < dem.ny; ++row) {
        const double y = dem.cell_centre_y(row);
        xs.clear();
        for (const grids::Polyline& ring : rings) {
            const auto& p = ring.points;
            for (std::size_t k = 0; k < p.size(); ++k) {
                // The last edge closes an unclosed ring; for a closed one it has no length.
                const auto& a = p[k];
                const auto& b = p[(k + 1) % p.size()];
                if ((a.y <= y && y < b.y) || (b.y <= y && y < a.y)) xs.push_back(a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x));
            }
        }
        std::sort(xs.begin(), xs.end());
        for (std::size_t k = 0; k + 1 < xs.size(); k += 2)
            for (std::size_t col = 0; col < dem.nx; ++col) {
                const double x = x0 + (static_cast<double>(col) + 0.5) * w;
                if (x >= xs[k] && x < xs[k + 1]) inside[dem.index(col, row)] = 1;
            }
    }
    return inside;
}

// Raster-order inside flags of grid.domain.
std::vector<unsigned char> domain_flags(const std::filesystem::path& path, const grids::Raster<double>& dem) {
    if (is_vector_file(path)) return inside_rings(grids::read_polygon_rings(path, dem.crs_wkt), dem);
    grids::Raster<double> mask = grids::read_raster(path);
    bool on_grid = true;
    try {
        check_on_grid(mask, dem, "grid.domain: " + path.string());
    } catch (const std::invalid_argument&) {
        on_grid = false;
    }
    if (!on_grid) mask = grids::warp_onto(mask, dem, grids::Resampling::nearest);
    std::vector<unsigned char> inside(dem.size(), 0);
    for (std::size_t k = 0; k < mask.size(); ++k)
        inside[k] = !mask.is_nodata_value(mask.values[k]) && mask.values[k] != 0.0 ? 1 : 0;
    return inside;
}

// Raster-order flags (row 0 north) in solver order (row 0 south).
std::vector<unsigned char> in_solver_order(const std::vector<unsigned char>& flags, const grids::Raster<double>& dem) {
    std::vector<unsigned char> solver(flags.size(), 0);
    for (std::size_t row = 0; row < dem.ny; ++row)
        for (std::size_t col = 0; col < dem.nx; ++col)
            solver[(dem.ny - 1 - row) * dem.nx + col] = flags[dem.index(col, row)];
    return solver;
}

std::string cell_text(const grids::Raster<double>& dem, std::size_t col, std::size_t row) {
    return "column " + std::to_string(col) + ", row " + std::to_string(row) + " (the cell centred on x = " +
           number_text(dem.cell_centre_x(col)) + ", y = " + number_text(dem.cell_centre_y(row)) + ")";
}

}  // namespace

std::vector<unsigned char> area_cells(const std::filesystem::path& path, const grids::Raster<double>& dem) {
    return in_solver_order(domain_flags(path, dem), dem);
}

std::string outside_reason(const Case& c) {
    return c.grid.domain ? "nodata in the DEM, or outside grid.domain" : "nodata in the DEM";
}

Domain settle_domain(const Case& c, grids::Raster<double>& dem, std::vector<std::string>& notes) {
    Domain d;
    std::size_t nodata = 0, first = dem.size();
    for (std::size_t k = 0; k < dem.size(); ++k)
        if (dem.is_nodata_value(dem.values[k])) {
            ++nodata;
            first = std::min(first, k);
        }
    const std::string file = c.grid.dem.string();
    if (nodata > 0 && c.grid.nodata == "error")
        throw std::invalid_argument("grid.nodata: \"error\", and the prepared DEM " + file + " has " +
                                    std::to_string(nodata) + " nodata cell" + (nodata == 1 ? "" : "s") +
                                    " left after filling holes of up to 16 cells, the first at " +
                                    cell_text(dem, first % dem.nx, first / dem.nx) +
                                    ": give grid.nodata = \"outside\" (they leave the domain) or \"fill\"");
    if (nodata > 0 && c.grid.nodata == "fill") {
        grids::FillOptions o;
        o.max_hole_cells = dem.size();
        const grids::FillReport r = grids::fill_nodata_holes(dem, o);
        d.filled_cells = r.cells_filled;
        notes.push_back("grid.nodata: " + std::to_string(r.cells_filled) + " nodata cells of " + file +
                        " filled (grid.nodata = \"fill\")");
        nodata = 0;
    }
    std::vector<unsigned char> inside(dem.size(), 1);  // raster order
    for (std::size_t k = 0; k < dem.size(); ++k)
        if (dem.is_nodata_value(dem.values[k])) inside[k] = 0;
    d.nodata_cells = nodata;
    if (c.grid.domain) {
        const std::vector<unsigned char> flags = domain_flags(*c.grid.domain, dem);
        for (std::size_t k = 0; k < dem.size(); ++k) inside[k] = inside[k] && flags[k];
    }
    d.outside = in_solver_order(inside, dem);
    for (unsigned char& cell : d.outside) {
        cell = cell ? 0 : 1;
        d.outside_cells += cell;
    }
    if (d.outside_cells == dem.size())
        throw std::invalid_argument(std::string(c.grid.domain ? "grid.domain: " + c.grid.domain->string()
                                                              : "grid.dem: " + file) +
                                    ": no cell of the grid is inside the domain (" + outside_reason(c) + ")");
    if (d.outside_cells > 0)
        notes.push_back("grid: " + std::to_string(d.outside_cells) + " of " + std::to_string(dem.size()) +
                        " cells are outside the domain (" + std::to_string(d.nodata_cells) + " nodata in the DEM" +
                        (c.grid.domain ? ", the others outside grid.domain" : std::string()) + "): closed walls");
    if (d.outside_cells == 0) d.outside.clear();  // no mask: every check below is free
    return d;
}

std::vector<double> solver_bed(const grids::Raster<double>& dem, const Domain& d) {
    std::vector<double> bed(dem.size(), 0.0);
    double top = -std::numeric_limits<double>::infinity();
    for (std::size_t row = 0; row < dem.ny; ++row) {
        const std::size_t j = dem.ny - 1 - row;
        for (std::size_t col = 0; col < dem.nx; ++col) {
            const std::size_t c = j * dem.nx + col;
            if (d.is_outside(c)) continue;
            const double v = dem.at(col, row);
            if (dem.is_nodata_value(v))  // cannot happen: nodata is outside or filled
                throw std::invalid_argument(dem.source + ": grid.dem has no data at column " + std::to_string(col) +
                                            ", row " + std::to_string(row));
            bed[c] = v;
            top = std::max(top, v);
        }
    }
    for (std::size_t c = 0; c < bed.size(); ++c)
        if (d.is_outside(c)) bed[c] = top + kWallHeightM;
    return bed;
}

void set_outside(std::vector<double>& values, const Domain& d, double value) {
    if (d.outside.empty()) return;
    for (std::size_t c = 0; c < values.size(); ++c)
        if (d.outside[c]) values[c] = value;
}

std::vector<double> nan_outside(std::span<const double> values, const std::vector<unsigned char>& outside) {
    std::vector<double> out(values.begin(), values.end());
    if (outside.empty()) return out;
    for (std::size_t c = 0; c < out.size(); ++c)
        if (outside[c]) out[c] = std::numeric_limits<double>::quiet_NaN();
    return out;
}

void require_inside(const Domain& d, std::size_t cell, const std::string& key, double x, double y) {
    if (!d.is_outside(cell)) return;
    throw std::invalid_argument(key + ": (" + number_text(x) + ", " + number_text(y) +
                                ") lies on a cell outside the domain (nodata in the DEM, or outside grid.domain): "
                                "move it onto a cell with ground data");
}

}  // namespace floodtwin::twin
