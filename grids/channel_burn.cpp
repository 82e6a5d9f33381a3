#include "grids/channel_burn.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace floodtwin::grids {

namespace {

bool finite_non_negative(double v) { return std::isfinite(v) && v >= 0.0; }

// Sets each covered cell to new_level(cell) and counts what changed.
template <class NewLevel>
BurnReport apply(Raster<double>& dem, const std::vector<NearCell>& cells, NewLevel&& new_level) {
    BurnReport report;
    const double cell_area_m2 = dem.resolution_x() * dem.resolution_y();
    for (const NearCell& cell : cells) {
        double& z = dem.values[cell.index];
        if (dem.is_nodata_value(z)) {
            ++report.nodata_cells;
            continue;
        }
        ++report.cells_covered;
        const double z_new = new_level(cell, z);
        if (z_new == z) continue;
        const double change = std::fabs(z_new - z);
        ++report.cells_changed;
        report.volume_m3 += change * cell_area_m2;
        report.max_change_m = std::max(report.max_change_m, change);
        z = z_new;
    }
    return report;
}

}  // namespace

void ChannelSection::check(const std::string& what) const {
    if (!(top_width_m > 0.0) || !std::isfinite(top_width_m))
        throw std::invalid_argument(what + ": channel top width must be a positive number of metres");
    if (!finite_non_negative(bank_slope)) throw std::invalid_argument(what + ": bank slope must be >= 0");
    if (!finite_non_negative(bank_height_m)) throw std::invalid_argument(what + ": bank height must be >= 0 m");
    if (bank_slope > 0.0 && bank_height_m == 0.0)
        throw std::invalid_argument(what + ": a bank slope needs a bank height (bed to bank top), which sets the "
                                           "bottom width = top width - 2 * bank slope * bank height");
    if (bottom_width_m() < 0.0)
        throw std::invalid_argument(what + ": banks of slope " + std::to_string(bank_slope) + " and height " +
                                    std::to_string(bank_height_m) + " m do not fit in a top width of " +
                                    std::to_string(top_width_m) + " m (bottom width would be " +
                                    std::to_string(bottom_width_m()) + " m)");
    bed_level_m.check(what + ": bed level");
}

double ChannelSection::level_at(double offset_m, double chainage_m) const {
    const double bed = bed_level_m.level_at(chainage_m);
    const double past_bed_edge = std::fabs(offset_m) - 0.5 * bottom_width_m();
    if (bank_slope == 0.0 || past_bed_edge <= 0.0) return bed;
    return bed + std::min(past_bed_edge / bank_slope, bank_height_m);
}

void LeveeSpec::check(const std::string& what) const {
    if (crest_width_m && (!(*crest_width_m > 0.0) || !std::isfinite(*crest_width_m)))
        throw std::invalid_argument(what + ": levee crest width must be a positive number of metres");
    crest_level_m.check(what + ": crest level");
}

BurnReport& BurnReport::operator+=(const BurnReport& other) {
    cells_covered += other.cells_covered;
    cells_changed += other.cells_changed;
    nodata_cells += other.nodata_cells;
    volume_m3 += other.volume_m3;
    max_change_m = std::max(max_change_m, other.max_change_m);
    return *this;
}

BurnReport burn_channel(Raster<double>& dem, const Polyline& centre_line, const ChannelSection& section) {
    const std::string what = centre_line.name.empty() ? "channel" : "channel '" + centre_line.name + "'";
    section.check(what);
    const double half_width = 0.5 * section.top_width_m;
    const auto cells = cells_near_line(dem, centre_line, half_width);
    return apply(dem, cells, [&](const NearCell& cell, double z) {
        // A cell the line crosses but whose centre is off the section holds the channel
        // all the same: it takes the bed, which keeps a narrow channel connected.
        const double offset = cell.distance_m <= half_width ? cell.distance_m : 0.0;
        return std::min(z, section.level_at(offset, cell.chainage_m));
    });
}

BurnReport raise_levee(Raster<double>& dem, const Polyline& crest_line, const LeveeSpec& levee) {
    const std::string what = crest_line.name.empty() ? "levee" : "levee '" + crest_line.name + "'";
    levee.check(what);
    const double width = levee.crest_width_m.value_or(dem.resolution_x());
    const auto cells = cells_near_line(dem, crest_line, 0.5 * width);
    return apply(dem, cells, [&](const NearCell& cell, double z) {
        return std::max(z, levee.crest_level_m.level_at(cell.chainage_m));
    });
}

}  // namespace floodtwin::grids
