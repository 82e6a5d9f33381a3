#pragma once
// The built-in SCHEMATIC terrain of central Chongqing and Hechuan, for the cases that
// must run on a machine with no elevation data. It is built from geography, not from a
// survey: river centre lines through approximate real waypoints (stations of
// docs/chongqing-facts.md, the rivers' known courses), trapezoidal channels of
// the right widths with bed levels consistent with the stage records, floodplains and
// terraces rising from the banks to the urban benches, and the parallel NNE-SSW ridges
// of the area (Zhongliang and Tongluo) several hundred metres above the rivers. A small
// seeded micro-relief keeps flat ground from being perfectly flat. Every file written
// from it is tagged schematic. Heights are metres on the Wusong datum, the datum of
// the Cuntan record.
#include <cstdint>
#include <string>
#include <vector>

#include "grids/channel_burn.hpp"
#include "grids/polyline.hpp"
#include "grids/raster.hpp"

namespace floodtwin::twin {

// A river of the schematic terrain: its centre line (UTM 48N, EPSG:32648, from
// upstream), its channel, and the bank level it spills over.
struct SchematicRiver {
    grids::Polyline line;
    grids::ChannelSection channel;
};

// The rivers of the schematic terrain, each with its section (approximate, labelled).
const std::vector<SchematicRiver>& schematic_rivers();

// A named extent: "central" (the Yangtze from above Dadukou to below Cuntan and the
// Jialing from Ciqikou to Chaotianmen), "yuzhong" (the peninsula), "hechuan" (the
// Jialing, Qu and Fu at Hechuan, Dongjintuo to Luoduxi), "gully" (a steep tributary
// on the Tongluo flank).
struct TerrainRegion {
    std::string name;
    double xmin = 0, ymin = 0, xmax = 0, ymax = 0;  // EPSG:32648
    std::string what;
};
const std::vector<TerrainRegion>& terrain_regions();
const TerrainRegion& terrain_region(const std::string& name);  // throws naming the known ones

struct SchematicTerrainOptions {
    std::string region = "central";
    double cell_m = 100.0;
    std::uint64_t seed = 2020;  // of the micro-relief
};

struct SchematicTerrain {
    grids::Raster<double> dem;       // north-up, EPSG:32648
    grids::Raster<double> built_up;  // 1 on the urban benches, 0 elsewhere
};

// Deterministic: the same options give the same rasters, bit for bit.
SchematicTerrain make_schematic_terrain(const SchematicTerrainOptions& options);

// `floodtwin dem chongqing`: the DEM (GeoTIFF, tagged schematic), and when the paths
// are not empty the river centre lines as GeoJSON (EPSG:32648) and a drainage-loss
// raster of `drainage_mm_h` on built-up cells and 0 elsewhere (mm/h, for rain.loss).
void write_schematic_terrain(const SchematicTerrainOptions& options, const std::string& dem_path,
                             const std::string& rivers_path, const std::string& loss_path, double drainage_mm_h);

}  // namespace floodtwin::twin
