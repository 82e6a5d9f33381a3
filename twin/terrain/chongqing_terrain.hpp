#pragma once
// The Chongqing terrain on real geography, for the cases: no survey DEM of the city can be
// shipped, but its rivers and relief can. What is real and what is constructed:
// - real: the river courses (GSHHG 2.3.7 WDBII centre lines), the large-scale relief
//   (SRTM30_PLUS at ~2 km, interpolated bicubic), the station positions and thresholds,
//   the 2020 flood marks (docs/chongqing-facts.md);
// - constructed: the channel sections (widths, bank tops at the warning stages, beds
//   consistent with the low-water stages; twin/terrain/real_rivers.cpp), the floodplain
//   terraces at the 2020 marks, the valley walls down to them (the 2 km relief fills the
//   incised valleys), a fine relief of +-2 m off the valleys, the gully of the flash-flood
//   case, the extent of the built-up area around the real city centres, and the roughness.
// Heights: Wusong datum (SRTM's EGM96 + 1.49 m). Every file written says so.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "grids/fill_depressions.hpp"
#include "grids/raster.hpp"
#include "twin/terrain/chongqing_stations.hpp"
#include "twin/terrain/real_rivers.hpp"

namespace floodtwin::twin {

// A named extent (EPSG:32648): "central" (the Yangtze from above Dadukou to below Cuntan
// and the Jialing from above Ciqikou), "yuzhong" (the peninsula), "hechuan" (the Jialing,
// Qu and Fu at Hechuan, Luoduxi to below Beibei), "gully" (a steep tributary between
// Nanshan and Tongluo Shan and its catchment).
struct TerrainRegion {
    std::string name;
    double xmin = 0, ymin = 0, xmax = 0, ymax = 0;
    std::string what;
};
const std::vector<TerrainRegion>& terrain_regions();
const TerrainRegion& terrain_region(const std::string& name);  // throws naming the known ones

// Manning's n by land class. Channel: calibrated on the Cuntan 2020 pair
// (scripts/calibrate-cuntan.sh); the others from Chow (1959, Open-Channel Hydraulics,
// Table 5-6): floodplain pasture and crops 0.030-0.050, brush and trees on the hills
// 0.050-0.080; built-up ground, where buildings block the flow, an equivalent 0.080.
struct TerrainRoughness {
    double channel = 0.030;
    double floodplain = 0.045;
    double hills = 0.060;
    double built_up = 0.080;
};

struct ChongqingTerrainOptions {
    std::string region = "central";
    double cell_m = 100.0;
    std::uint64_t seed = 2020;  // of the fine relief
    std::filesystem::path sources = default_terrain_sources();
    double min_channel_cells = 3.0;  // narrower channels are widened (ChannelReport)
    TerrainRoughness roughness;
};

// Where a line crosses the region's edge, and the channel's extent along that edge.
struct EdgeCrossing {
    std::string edge;         // north | south | east | west
    double at = 0.0;          // x on north/south, y on east/west
    double from = 0.0, to = 0.0;  // the burnt channel's extent along the edge
    bool entering = false;    // the line (from upstream) enters the region here
};

// How a river was burnt at this cell size. A channel under min_channel_cells cells wide
// is burnt that many cells wide with the same bank-full conveyance (Manning, A R^(2/3)):
// the bank tops stay, the bed rises; one under one cell is not burnt (not resolved).
struct ChannelReport {
    std::string river;
    double real_width_m = 0.0, burnt_width_m = 0.0;
    double cells = 0.0;       // real width in cells
    double bed_raised_m = 0.0;
    bool resolved = true;     // burnt (at its width or widened)
    bool constructed = false; // the line itself is constructed (the gully)
    std::vector<EdgeCrossing> crossings;
};

struct ChongqingTerrain {
    grids::Raster<double> dem;       // north-up, EPSG:32648, Wusong
    grids::Raster<double> manning;   // n by land class
    grids::Raster<double> built_up;  // 1 built-up, 0 elsewhere
    grids::Raster<double> channel_mask;  // 1 in the burnt river channels (the normal river), 0 elsewhere
    std::vector<RealRiver> rivers;   // as burnt (widened sections); lines unclipped
    std::optional<RealRiver> gully;  // constructed, when the region reaches it
    std::vector<ChannelReport> channels;  // rivers that reach the region
    std::vector<SnappedStation> stations;
    grids::DepressionFillReport fill;
};

// Deterministic: the same options give the same rasters, bit for bit.
[[nodiscard]] ChongqingTerrain make_chongqing_terrain(const ChongqingTerrainOptions& options);

struct ChongqingTerrainFiles {
    std::filesystem::path dem;
    std::filesystem::path rivers;    // GeoJSON, EPSG:32648; empty: not written
    std::filesystem::path stations;  // CSV; empty: not written
    std::filesystem::path manning;   // GeoTIFF; empty: not written
    std::filesystem::path loss;      // GeoTIFF of drainage_mm_h on built-up cells; empty: not written
    double drainage_mm_h = 30.0;
    std::filesystem::path channel_mask;  // GeoTIFF mask of the river channels; empty: not written
};

// `floodtwin dem chongqing`: writes the files (atomically) and returns the report for
// the terminal: channels (width in cells, widened or not resolved, where they cross the
// edges), stations (snap distances), depressions filled.
[[nodiscard]] std::string write_chongqing_terrain(const ChongqingTerrainOptions& options,
                                                  const ChongqingTerrainFiles& files);

// What the files say of themselves: real and constructed parts, sources, datum.
[[nodiscard]] std::string terrain_provenance(const TerrainRegion& region);

}  // namespace floodtwin::twin
