#pragma once
// A CF-1.8 NetCDF-4 file of any dimensions (ensemble.nc: realization, station, time,
// threshold, quantile, y, x), written whole and atomically. results.nc, with its
// unlimited time axis of maps, has its own writer (grids/netcdf_writer.hpp). This header
// names no NetCDF type.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "grids/netcdf_writer.hpp"  // NcGrid

namespace floodtwin::grids {

using NcAttributes = std::vector<std::pair<std::string, std::string>>;

// A float64 variable over `dims` (each a dimension of the dataset, or "y"/"x" of its
// grid); `values` row-major over them, NaN where there is none (_FillValue).
struct NcArray {
    std::string name;
    std::vector<std::string> dims;
    std::vector<double> values;
    NcAttributes attributes;  // units, long_name, standard_name, flag_meanings...
};

// A one-dimensional variable of strings (NC_STRING): station names, level names.
struct NcTextArray {
    std::string name, dim;
    std::vector<std::string> values;
    NcAttributes attributes;
};

struct NcDataset {
    std::vector<std::pair<std::string, std::size_t>> dims;  // in order; sizes > 0
    std::optional<NcGrid> grid;  // adds y and x with their coordinates and the `crs` grid mapping
    std::vector<NcArray> arrays;
    std::vector<NcTextArray> texts;
    NcAttributes globals;  // Conventions is the writer's
};

// Writes `data` to `path` through an AtomicFile. Throws std::runtime_error naming the
// file and what is wrong (an unknown dimension, a size that does not match, NetCDF's
// own reason).
void write_netcdf_dataset(const std::filesystem::path& path, const NcDataset& data);

}  // namespace floodtwin::grids
