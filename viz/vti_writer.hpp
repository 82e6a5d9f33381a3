#pragma once
// Cell-centred 2D fields as VTK XML ImageData (.vti), the format ParaView opens
// directly. The only place outside the .cpp that knows the file is VTK is its name.
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "viz/image_grid.hpp"

namespace floodtwin::viz {

// One named value per cell, row-major from the south: index i + nx*j, j = 0 is the
// southern row. NaN is kept as NaN (it marks cells that were never wet).
struct CellField {
    std::string name;
    std::span<const double> values;
};

// Writes every field as float64 cell data, ZLib-compressed appended binary, to `path`
// atomically (temporary file then rename). Throws std::invalid_argument for a bad grid
// or a field with the wrong size, an empty or a repeated name (the message names the
// field), and std::runtime_error if VTK cannot write or the rename fails.
void write_vti(const std::filesystem::path& path, const ImageGrid& grid, const std::vector<CellField>& fields);

}  // namespace floodtwin::viz
