#pragma once
// What the NetCDF writers share (netcdf_writer.cpp defines it): the CF grid mapping of a
// CRS and the projection coordinates. Internal to grids; ids are NetCDF's.
#include <filesystem>
#include <string>

namespace floodtwin::grids::detail {

// crs_wkt, spatial_ref and, for transverse Mercator, the classic CF attributes on `varid`;
// refuses a CRS that is not projected in metres.
void put_cf_grid_mapping(int ncid, int varid, const std::string& wkt, const std::filesystem::path& target);
// A float64 coordinate `name` ("x", "y") over `dimid` with its CF attributes.
void define_projection_coordinate(int ncid, const char* name, int dimid, const char* axis,
                                  const std::filesystem::path& target, int* varid);

}  // namespace floodtwin::grids::detail
