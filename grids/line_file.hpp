#pragma once
// Lines (river centre lines, levee crests) read from a vector file. This header names no
// GDAL type; line_file.cpp reads through OGR.
#include <filesystem>
#include <string>
#include <vector>

#include "grids/polyline.hpp"

namespace floodtwin::grids {

// Every LineString and MultiLineString (each part its own line) of every layer of a
// GeoJSON file, or any other vector file OGR reads (Shapefile, GeoPackage), transformed
// to `target_crs_wkt`, in file order. A line's name is the feature's "name" property, or
// "<file> feature <id>"; parts of a multi-line get " part <k>". The file's CRS is the
// layer's: GeoJSON without a "crs" member is lon/lat WGS 84 (RFC 7946); a layer with no
// CRS at all is taken to be in the target CRS already. Z values are dropped; other
// geometries are skipped. Throws RasterError naming the file when it is missing or
// unreadable, holds no line, its CRS cannot be transformed to the target, or it is
// declared lon/lat but holds coordinates outside +-180 / +-90 (projected coordinates
// with no "crs" member: the hint says to add one).
[[nodiscard]] std::vector<Polyline> read_lines_geojson(const std::filesystem::path& path,
                                                       const std::string& target_crs_wkt);

// Every ring (outer and inner) of every Polygon and MultiPolygon of every layer of a
// vector file, transformed to `target_crs_wkt` as read_lines_geojson does; each ring's
// name is its feature's, with " ring <k>". A point is inside the area they bound when a
// ray from it crosses the rings an odd number of times (holes cut out). Throws
// RasterError as read_lines_geojson does, and when the file holds no polygon.
[[nodiscard]] std::vector<Polyline> read_polygon_rings(const std::filesystem::path& path,
                                                       const std::string& target_crs_wkt);

// Lines transformed in place from the CRS `from_crs` to `to_crs` (each anything
// grids::crs_wkt takes: "EPSG:4326", WKT), x = longitude / easting, y = latitude /
// northing whatever the CRS's axis order. Throws RasterError naming `what`.
void transform_lines(std::vector<Polyline>& lines, const std::string& from_crs, const std::string& to_crs,
                     const std::string& what);

}  // namespace floodtwin::grids
