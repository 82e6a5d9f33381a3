// export_vtk: a known results.nc exported and read back with VTK's own reader (what
// ParaView sees): geometry on the cell corners, every value, the .pvd's real times.
#define BOOST_TEST_MODULE viz_results_export
#include <boost/test/unit_test.hpp>

#include "tests/support/temp_dir.hpp"
#include "tests/support/synthetic_results.hpp"
#include "viz/results_export.hpp"

#include <cmath>
#include <string>
#include <vector>

#include <vtkCellData.h>
#include <vtkDataArray.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkSmartPointer.h>
#include <vtkXMLDataElement.h>
#include <vtkXMLDataParser.h>
#include <vtkXMLImageDataReader.h>

using floodtwin::viz::export_vtk;
using ScratchDir = floodtwin::testing::TempDir;
using floodtwin::viz::testing::SyntheticResults;
using floodtwin::viz::testing::write_synthetic_results;
using S = SyntheticResults;

namespace {

vtkSmartPointer<vtkImageData> read_vti(const std::filesystem::path& path) {
    vtkNew<vtkXMLImageDataReader> reader;
    reader->SetFileName(path.c_str());
    reader->Update();
    BOOST_REQUIRE_EQUAL(reader->GetErrorCode(), 0UL);
    vtkSmartPointer<vtkImageData> image = reader->GetOutput();
    BOOST_REQUIRE(image);
    return image;
}

void check_geometry(vtkImageData* image) {
    int dims[3];
    image->GetDimensions(dims);
    BOOST_TEST(dims[0] == S::nx + 1);
    BOOST_TEST(dims[1] == S::ny + 1);
    double origin[3], spacing[3];
    image->GetOrigin(origin);
    image->GetSpacing(spacing);
    // Corner of the south-west cell, half a cell from its centre.
    BOOST_TEST(origin[0] == S::x0 - 0.5 * S::dx);
    BOOST_TEST(origin[1] == S::y0 - 0.5 * S::dy);
    BOOST_TEST(spacing[0] == S::dx);
    BOOST_TEST(spacing[1] == S::dy);
}

double value_at(vtkImageData* image, const char* name, int i, int j) {
    vtkDataArray* array = image->GetCellData()->GetArray(name);
    BOOST_REQUIRE_MESSAGE(array, "no cell array " << name);
    // Locate the cell by its geographic centre, as ParaView would.
    double centre[3] = {S::x0 + i * S::dx, S::y0 + j * S::dy, 0.0};
    int sub_id = 0;
    double pcoords[3], weights[8];
    const vtkIdType id = image->FindCell(centre, nullptr, -1, 1e-6, sub_id, pcoords, weights);
    BOOST_REQUIRE(id >= 0);
    return array->GetTuple1(id);
}

}  // namespace

BOOST_AUTO_TEST_CASE(frames_maxima_and_collection_read_back) {
    ScratchDir dir;
    const auto nc = write_synthetic_results(dir.path() / "results.nc");
    const auto result = export_vtk(nc, dir.path() / "vtk");

    BOOST_TEST(result.pvd == dir.path() / "vtk" / "results.pvd");
    BOOST_REQUIRE_EQUAL(result.frames.size(), S::maps);
    BOOST_TEST(result.maxima == dir.path() / "vtk" / "results_maxima.vti");

    for (std::size_t k = 0; k < S::maps; ++k) {
        BOOST_TEST_CONTEXT("frame " << k) {
            const auto image = read_vti(result.frames[k]);
            check_geometry(image);
            for (const char* name : {"depth", "water_level", "velocity_x", "velocity_y", "speed", "ground_level"})
                BOOST_TEST(image->GetCellData()->HasArray(name) == 1, name);
            for (int j = 0; j < S::ny; j += 3)
                for (int i = 0; i < S::nx; i += 3) {
                    BOOST_TEST(value_at(image, "depth", i, j) == S::depth(k, i, j));
                    BOOST_TEST(value_at(image, "ground_level", i, j) == S::ground(i, j));
                    const double level = value_at(image, "water_level", i, j);
                    if (S::depth(k, i, j) > 0.0)
                        BOOST_TEST(level == S::ground(i, j) + S::depth(k, i, j));
                    else
                        BOOST_TEST(std::isnan(level));  // NaN survives as NaN
                }
            BOOST_TEST(value_at(image, "speed", S::i0, S::j0) == 0.5, boost::test_tools::tolerance(1e-12));
        }
    }

    const auto maxima = read_vti(result.maxima);
    check_geometry(maxima);
    for (const char* name :
         {"ground_level", "max_depth", "max_speed", "max_water_level", "time_of_max_depth", "arrival_time"})
        BOOST_TEST(maxima->GetCellData()->HasArray(name) == 1, name);
    BOOST_TEST(value_at(maxima, "max_depth", S::i0 + 1, S::j0 + 1) == S::pool_depth_m);
    BOOST_TEST(value_at(maxima, "arrival_time", S::i0 + 4, S::j0) == 240.0);
    BOOST_TEST(std::isnan(value_at(maxima, "arrival_time", S::nx - 1, S::ny - 1)));

    // The .pvd lists the frames with their times in seconds after the start.
    vtkNew<vtkXMLDataParser> parser;
    parser->SetFileName(result.pvd.c_str());
    BOOST_REQUIRE(parser->Parse() == 1);
    vtkXMLDataElement* collection = parser->GetRootElement()->FindNestedElementWithName("Collection");
    BOOST_REQUIRE(collection);
    BOOST_REQUIRE_EQUAL(collection->GetNumberOfNestedElements(), static_cast<int>(S::maps));
    for (int k = 0; k < collection->GetNumberOfNestedElements(); ++k) {
        double t = -1.0;
        BOOST_REQUIRE(collection->GetNestedElement(k)->GetScalarAttribute("timestep", t) == 1);
        BOOST_TEST(t == S::interval_s * k);
        const std::string file = collection->GetNestedElement(k)->GetAttribute("file");
        BOOST_TEST(file == "results_frames/results_0000" + std::to_string(k) + ".vti");
        BOOST_TEST(std::filesystem::exists(result.pvd.parent_path() / file));
    }
}

BOOST_AUTO_TEST_CASE(missing_results_file_names_it) {
    ScratchDir dir;
    const auto missing = dir.path() / "nothing.nc";
    BOOST_CHECK_EXCEPTION(export_vtk(missing, dir.path() / "vtk"), std::runtime_error, [&](const std::runtime_error& e) {
        return std::string(e.what()).find(missing.string()) != std::string::npos;
    });
    BOOST_TEST(!std::filesystem::exists(dir.path() / "vtk"));
}
