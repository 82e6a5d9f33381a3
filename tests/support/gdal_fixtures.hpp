#pragma once
// GDAL fixtures shared by the grids tests. Tests may use GDAL directly: they build inputs
// our own writer must not be trusted to build (rotated grids), and check our output
// with a reader that is not ours.
#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include "tests/support/temp_dir.hpp"

namespace floodtwin::grids::testing {

// The one temporary folder of the tests (tests/support/temp_dir.hpp).
using TempDir = floodtwin::testing::TempDir;

inline void write_text(const std::filesystem::path& path, const std::string& text) {
    std::ofstream out(path);
    out << text;
}

inline std::string epsg_wkt(int epsg) {
    OGRSpatialReference srs;
    srs.importFromEPSG(epsg);
    char* raw = nullptr;
    srs.exportToWkt(&raw);
    std::string wkt = raw ? raw : "";
    CPLFree(raw);
    return wkt;
}

// True when `wkt` names the same CRS as EPSG:`epsg`, ignoring the lat/lon axis order
// that EPSG declares for geographic CRSs but GDAL rasters never use.
inline bool crs_is_epsg(const std::string& wkt, int epsg) {
    OGRSpatialReference got;
    if (wkt.empty() || got.importFromWkt(wkt.c_str()) != OGRERR_NONE) return false;
    OGRSpatialReference want;
    want.importFromEPSG(epsg);
    const char* const options[] = {"CRITERION=EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS", nullptr};
    return got.IsSame(&want, options) != 0;
}

// Same message test for every bad-input case: it must name the file.
inline bool message_names(const std::exception& e, const std::string& text) {
    return std::string(e.what()).find(text) != std::string::npos;
}

}  // namespace floodtwin::grids::testing
