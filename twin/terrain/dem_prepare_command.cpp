#include "twin/terrain/dem_prepare_command.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "grids/geotiff_writer.hpp"
#include "grids/line_file.hpp"

#include "grids/text_fields.hpp"

namespace floodtwin::twin {

namespace {

std::string trim(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

// A whole field as a finite number, or nothing.
std::optional<double> number(const std::string& field) {
    const std::string t = trim(field);
    double value = 0.0;
    const auto [end, error] = std::from_chars(t.data(), t.data() + t.size(), value);
    if (t.empty() || error != std::errc() || end != t.data() + t.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (true) {
        const auto at = text.find(separator, start);
        parts.push_back(text.substr(start, at == std::string::npos ? std::string::npos : at - start));
        if (at == std::string::npos) return parts;
        start = at + 1;
    }
}

std::string count_text(std::size_t n) { return std::to_string(n); }

// Burns or raises every line of a file; lines that reach no cell are noted by name.
template <class Apply>
std::size_t apply_lines(const std::filesystem::path& file, grids::Raster<double>& dem, grids::BurnReport& total,
                        std::vector<std::string>& missed, Apply&& apply) {
    const auto lines = grids::read_lines_geojson(file, dem.crs_wkt);
    for (const grids::Polyline& line : lines) {
        const grids::BurnReport report = apply(line);
        if (report.cells_covered + report.nodata_cells == 0) missed.push_back(line.name);
        total += report;
    }
    return lines.size();
}

}  // namespace

grids::ChainageProfile parse_chainage_levels(const std::string& text, const std::string& option) {
    grids::ChainageProfile profile;
    if (const auto constant = number(text)) {
        profile.points = {{0.0, *constant}};
        return profile;
    }
    for (const std::string& pair : split(text, ',')) {
        const auto parts = split(pair, ':');
        const auto chainage = parts.size() == 2 ? number(parts[0]) : std::nullopt;
        const auto level = parts.size() == 2 ? number(parts[1]) : std::nullopt;
        if (!chainage || !level)
            throw std::invalid_argument(option + " '" + text + "': '" + trim(pair) +
                                        "' is not chainage:level in metres (e.g. \"0:180,12000:175\", or one level)");
        profile.points.push_back({*chainage, *level});
    }
    profile.check(option);
    return profile;
}

grids::Bounds parse_bbox(const std::string& text) {
    const auto parts = split(text, ',');
    std::vector<double> v;
    for (const std::string& part : parts)
        if (const auto n = number(part)) v.push_back(*n);
    if (parts.size() != 4 || v.size() != 4 || !(v[0] < v[2] && v[1] < v[3]))
        throw std::invalid_argument("--bbox '" + text +
                                    "' is not xmin,ymin,xmax,ymax with xmin < xmax and ymin < ymax");
    return {v[0], v[1], v[2], v[3]};
}

grids::Resampling parse_resampling(const std::string& text) {
    if (text == "nearest") return grids::Resampling::nearest;
    if (text == "bilinear") return grids::Resampling::bilinear;
    if (text == "cubic") return grids::Resampling::cubic;
    if (text == "average") return grids::Resampling::average;
    throw std::invalid_argument("--resampling '" + text + "' is not nearest, bilinear, cubic or average");
}

DemPrepareResult run_dem_prepare(const DemPrepareCommand& command) {
    // Settings first, so a typo costs no warping.
    grids::ChannelSection section;
    if (!command.channels.empty()) {
        if (!command.channel_width_m || command.channel_bed.empty())
            throw std::invalid_argument("--channels needs --channel-width and --channel-bed");
        section.top_width_m = *command.channel_width_m;
        section.bank_slope = command.bank_slope;
        section.bank_height_m = command.bank_height_m;
        section.bed_level_m = parse_chainage_levels(command.channel_bed, "--channel-bed");
        section.check("--channels");
    }
    grids::LeveeSpec levee;
    if (!command.levees.empty()) {
        if (command.levee_crest.empty()) throw std::invalid_argument("--levees needs --levee-crest");
        levee.crest_level_m = parse_chainage_levels(command.levee_crest, "--levee-crest");
        levee.crest_width_m = command.levee_width_m;
        levee.check("--levees");
    }

    DemPrepareResult result;
    grids::Raster<double> dem = grids::prepare_dem(command.sources, command.prepare, &result.prepare);
    result.nx = dem.nx;
    result.ny = dem.ny;
    if (!command.channels.empty())
        result.channel_lines =
            apply_lines(command.channels, dem, result.channels, result.lines_off_dem,
                        [&](const grids::Polyline& line) { return grids::burn_channel(dem, line, section); });
    if (!command.levees.empty())
        result.levee_lines =
            apply_lines(command.levees, dem, result.levees, result.lines_off_dem,
                        [&](const grids::Polyline& line) { return grids::raise_levee(dem, line, levee); });

    grids::GeoTiffOptions tiff;
    tiff.metadata["floodtwin_dem_sources"] = dem.source;
    if (!command.command_line.empty()) tiff.metadata["floodtwin_command"] = command.command_line;
    tiff.metadata["floodtwin_nodata_cells"] = std::to_string(result.prepare.nodata_cells());
    grids::write_geotiff(command.out, dem, tiff);
    return result;
}

std::string dem_prepare_summary(const DemPrepareCommand& command, const DemPrepareResult& result) {
    const grids::DemPrepareReport& p = result.prepare;
    std::string text = command.out.string() + ": " + count_text(result.nx) + " x " + count_text(result.ny) +
                       " cells of " + grids::formatted("%g", command.prepare.resolution_m) + " m in " +
                       command.prepare.target_crs + "\n";
    text += "  " + count_text(command.sources.size()) + " source(s) in " + count_text(p.runs) + " run(s); " +
            count_text(p.cells_from_sources) + " cells from data, " + count_text(p.cells_filled) +
            " filled (voids of up to " + count_text(command.prepare.max_fill_hole_cells) + " cells)\n";
    if (p.void_cells_left > 0)
        text += "  warning: " + count_text(p.void_cells_left) + " cells left nodata in voids larger than " +
                count_text(command.prepare.max_fill_hole_cells) + " cells (raise --fill-holes)\n";
    if (p.outside_cells > 0)
        text += "  warning: " + count_text(p.outside_cells) +
                " cells left nodata outside every source (add a source or narrow --bbox)\n";
    if (!command.channels.empty())
        text += "  channels: " + count_text(result.channel_lines) + " line(s), " +
                count_text(result.channels.cells_changed) + " cells lowered, " +
                grids::formatted("%.0f", result.channels.volume_m3) + " m3 removed, deepest cut " +
                grids::formatted("%.2f", result.channels.max_change_m) + " m\n";
    if (!command.levees.empty())
        text += "  levees: " + count_text(result.levee_lines) + " line(s), " + count_text(result.levees.cells_changed) +
                " cells raised, " + grids::formatted("%.0f", result.levees.volume_m3) + " m3 added, highest rise " +
                grids::formatted("%.2f", result.levees.max_change_m) + " m\n";
    for (const std::string& name : result.lines_off_dem)
        text += "  warning: line '" + name + "' does not reach the DEM\n";
    return text;
}

}  // namespace floodtwin::twin
