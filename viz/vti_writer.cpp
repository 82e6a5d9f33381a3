#include "viz/vti_writer.hpp"

#include "grids/atomic_file.hpp"
#include "grids/write_error.hpp"

#include <cerrno>
#include <cmath>
#include <cstddef>
#include <set>
#include <stdexcept>

#include <vtkCellData.h>
#include <vtkDoubleArray.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkXMLImageDataWriter.h>

namespace floodtwin::viz {
namespace {

void check_grid(const ImageGrid& grid) {
    if (grid.nx <= 0 || grid.ny <= 0)
        throw std::invalid_argument("write_vti: grid needs at least one cell, got nx=" + std::to_string(grid.nx) +
                                    " ny=" + std::to_string(grid.ny));
    if (!(std::isfinite(grid.x0_m) && std::isfinite(grid.y0_m)))
        throw std::invalid_argument("write_vti: grid origin must be finite");
    if (!(grid.dx_m > 0.0 && grid.dy_m > 0.0 && std::isfinite(grid.dx_m) && std::isfinite(grid.dy_m)))
        throw std::invalid_argument("write_vti: cell size must be finite and positive, got dx=" +
                                    std::to_string(grid.dx_m) + " dy=" + std::to_string(grid.dy_m));
}

void check_fields(const std::vector<CellField>& fields, std::size_t n_cells) {
    // vtkFieldData::AddArray replaces an array of the same name, so a repeated name
    // would silently drop a field; refuse it instead.
    std::set<std::string> seen;
    for (const CellField& field : fields) {
        if (field.name.empty()) throw std::invalid_argument("write_vti: a field has an empty name");
        if (!seen.insert(field.name).second)
            throw std::invalid_argument("write_vti: field '" + field.name + "' given twice");
        if (field.values.size() != n_cells)
            throw std::invalid_argument("write_vti: field '" + field.name + "' has " +
                                        std::to_string(field.values.size()) + " values, grid has " +
                                        std::to_string(n_cells) + " cells");
    }
}

}  // namespace

void write_vti(const std::filesystem::path& path, const ImageGrid& grid, const std::vector<CellField>& fields) {
    // Validate before AtomicFile exists, so a bad call creates no folders or files.
    check_grid(grid);
    const std::size_t n_cells = static_cast<std::size_t>(grid.nx) * static_cast<std::size_t>(grid.ny);
    check_fields(fields, n_cells);

    // Points sit on cell corners, so nx+1 by ny+1 of them carry nx by ny cells whose
    // lower-left corner is the origin. VTK numbers image cells i + nx*j with j growing
    // along +y, the same order as CellField, so values copy straight across.
    vtkNew<vtkImageData> image;
    image->SetDimensions(grid.nx + 1, grid.ny + 1, 1);
    image->SetOrigin(grid.x0_m, grid.y0_m, 0.0);
    image->SetSpacing(grid.dx_m, grid.dy_m, 1.0);

    for (const CellField& field : fields) {
        // A copy, not SetArray on the caller's memory: the span is const and a copy is
        // cheap next to the compression that follows.
        vtkNew<vtkDoubleArray> array;
        array->SetName(field.name.c_str());
        array->SetNumberOfComponents(1);
        array->SetNumberOfTuples(static_cast<vtkIdType>(n_cells));
        double* out = array->GetPointer(0);
        for (std::size_t k = 0; k < n_cells; ++k) out[k] = field.values[k];
        image->GetCellData()->AddArray(array);
    }
    // ParaView colours by the active scalars when a file is first opened.
    if (!fields.empty()) image->GetCellData()->SetActiveScalars(fields.front().name.c_str());

    grids::AtomicFile file(path);
    vtkNew<vtkXMLImageDataWriter> writer;
    writer->SetInputData(image);
    writer->SetFileName(file.temporary().c_str());
    writer->SetDataModeToAppended();
    writer->EncodeAppendedDataOff();  // raw bytes: base64 would add a third to the size
    writer->SetCompressorTypeToZLib();
    // 64-bit block headers so a large raster cannot overflow the 32-bit byte counts.
    writer->SetHeaderTypeToUInt64();
    if (writer->Write() != 1 || writer->GetErrorCode() != 0)
        grids::throw_write_error(path, "write_vti: VTK could not write " + file.temporary().string(), errno);
    file.commit();
}

}  // namespace floodtwin::viz
