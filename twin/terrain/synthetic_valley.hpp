#pragma once
// A generated test terrain: a meandering valley with a dam near its head. It stands
// in for real terrain in the built-in demo and the benchmark; nothing about it is
// Chongqing except where it is placed (UTM 48N, near the city) so GIS tools open it
// at a plausible spot. Every output made from it is labelled synthetic.
#include "grids/raster.hpp"

namespace floodtwin::twin {

struct ValleySpec {
    double length_m = 6000.0;      // along x, west (head) to east (mouth)
    double width_m = 2000.0;       // along y
    double cell_m = 20.0;
    double floor_slope = 0.002;    // valley floor drop per metre
    double side_rise_m = 60.0;     // valley sides rise this much at the domain edge
    double meander_amp_m = 250.0;  // amplitude of the valley's meander
    double meander_len_m = 2500.0;
    double dam_x_m = 1200.0;       // dam line across the valley
    double pool_depth_m = 25.0;    // reservoir depth at the dam
    double origin_x_m = 640000.0;  // west edge, UTM 48N (EPSG:32648)
    double origin_y_m = 3268000.0; // south edge
};

struct Valley {
    grids::Raster<double> bed;            // north-up, metres above datum
    grids::Raster<double> initial_depth;  // the reservoir behind the dam, then dry
    double pool_level_m = 0.0;
};

// Deterministic: the same spec gives the same rasters, cell for cell.
Valley make_valley(const ValleySpec& spec, const std::string& crs_wkt);

// `floodtwin dem valley`: the default valley at `cell_m` as a GeoTIFF DEM (tagged
// synthetic), and the pool's initial depth when `pool_path` is not empty.
void write_valley_files(double cell_m, const std::string& dem_path, const std::string& pool_path);

}  // namespace floodtwin::twin
