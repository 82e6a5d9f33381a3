#pragma once
// `floodtwin export-vtk`: results.nc as ParaView files. One .vti per map time with
// every (time, y, x) variable plus speed and the ground level (so ParaView can warp
// by it), one .vti of the whole-run maps, and a .pvd listing the time frames with
// their real times, seconds after the run's start.
#include <filesystem>
#include <vector>

namespace floodtwin::viz {

struct ExportResult {
    std::filesystem::path pvd;                  // <out>/<stem>.pvd
    std::vector<std::filesystem::path> frames;  // <out>/<stem>_frames/<stem>_00000.vti, ...
    std::filesystem::path maxima;               // <out>/<stem>_maxima.vti; empty when the file has no (y, x) maps
};

// Cell data on the cell-centred grid: the image's origin is the south-west corner of
// the south-west cell, its spacing the cell size, so cells sit where the CRS says.
// Throws std::runtime_error naming the file for unreadable input or failed writes.
ExportResult export_vtk(const std::filesystem::path& results_nc, const std::filesystem::path& out_dir);

}  // namespace floodtwin::viz
