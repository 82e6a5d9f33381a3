#pragma once
// A series of grids in one raster file: every band with the time it stands for, for
// rain radar or forecast frames. Times are handed over as written; turning them into
// seconds of a run is the twin's job (twin/case/time_text.hpp). Names no GDAL type.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "grids/raster.hpp"

namespace floodtwin::grids {

// Where a band's time comes from, whichever of the two the file carries:
//  - CF / NetCDF: the value of the band's time coordinate (GDAL's netCDF driver shows it
//    as band metadata NETCDF_DIM_<dim>) and that coordinate's units and calendar (dataset
//    metadata <dim>#units, <dim>#calendar), e.g. 600 and "seconds since 2020-08-18T00:00:00+08:00".
//    gdal_translate carries these items over, so a GeoTIFF made from a NetCDF keeps them.
//  - Otherwise our own GeoTIFF convention: the band description (GDAL's
//    SetDescription, rasterio's set_band_description, <Description> in a VRT) is the
//    instant, ISO 8601 with a zone, e.g. "2020-08-18T00:10:00+08:00".
struct RasterFrame {
    int band = 0;                      // GDAL band number, from 1
    std::string time_text;             // the band description; "" when none
    std::optional<double> time_value;  // the CF time coordinate, when the file has one
    std::string time_units;            // its units ("" when the file gives none)
    std::string time_calendar;         // its calendar ("" when the file gives none)
    Raster<double> raster;             // north-up as read_raster gives it; source = the file
};

// Every band of `path`, in band order, each read as read_raster reads band 1. Throws
// RasterError naming the file (and the band, where it concerns one) when the file
// cannot be read, a band holds no valid cell, a CF time value is not a number, or the
// bands vary along more than one extra dimension (time and, say, ensemble member).
[[nodiscard]] std::vector<RasterFrame> read_raster_frames(const std::filesystem::path& path);

}  // namespace floodtwin::grids
