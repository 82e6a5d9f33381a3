#pragma once
// `floodtwin dem prepare`: source tiles to one solver-ready GeoTIFF DEM, with river
// channels burnt in and levees raised. main.cpp only fills DemPrepareCommand.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "grids/channel_burn.hpp"
#include "grids/dem_prepare.hpp"

namespace floodtwin::twin {

struct DemPrepareCommand {
    std::vector<std::filesystem::path> sources;  // first listed wins where they overlap
    grids::DemPrepareOptions prepare;
    // Channels: centre lines, each burnt with the same section. Empty path: none.
    std::filesystem::path channels;
    std::optional<double> channel_width_m;  // --channel-width, top width
    std::string channel_bed;                // --channel-bed "0:180,12000:175" or "178"
    double bank_slope = 0.0;                // --bank-slope, horizontal per vertical
    double bank_height_m = 0.0;             // --bank-height
    // Levees: crest lines. Empty path: none.
    std::filesystem::path levees;
    std::string levee_crest;                // --levee-crest "195" or "0:196,8000:194"
    std::optional<double> levee_width_m;    // --levee-width; unset: one cell
    std::filesystem::path out = "dem.tif";
    std::string command_line;               // stored in the GeoTIFF's metadata
};

struct DemPrepareResult {
    grids::DemPrepareReport prepare;
    std::size_t nx = 0;
    std::size_t ny = 0;
    std::size_t channel_lines = 0;
    std::size_t levee_lines = 0;
    grids::BurnReport channels;
    grids::BurnReport levees;
    std::vector<std::string> lines_off_dem;  // lines that cover no cell of the DEM
};

// Prepares, burns, raises and writes command.out atomically (grids::write_geotiff).
// Throws std::invalid_argument naming the option for bad channel or levee settings,
// grids::RasterError naming the file for bad sources or line files.
DemPrepareResult run_dem_prepare(const DemPrepareCommand& command);

// Lines for the terminal: size, cells filled, cells burnt and raised, and warnings for
// cells left without data and lines that missed the DEM.
[[nodiscard]] std::string dem_prepare_summary(const DemPrepareCommand& command, const DemPrepareResult& result);

// "0:180,12000:175" (chainage:level pairs, metres) or one number for a constant level.
// Throws std::invalid_argument naming `option`.
[[nodiscard]] grids::ChainageProfile parse_chainage_levels(const std::string& text, const std::string& option);
// "xmin,ymin,xmax,ymax"; throws std::invalid_argument.
[[nodiscard]] grids::Bounds parse_bbox(const std::string& text);
// nearest | bilinear | cubic | average; throws std::invalid_argument.
[[nodiscard]] grids::Resampling parse_resampling(const std::string& text);

}  // namespace floodtwin::twin
