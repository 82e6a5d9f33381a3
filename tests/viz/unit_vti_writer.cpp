// write_vti: a small synthetic raster written and read back with VTK's own reader, so
// the check is what ParaView will see, not what we meant to write.
#define BOOST_TEST_MODULE viz_vti_writer
#include <boost/test/unit_test.hpp>

#include "tests/support/temp_dir.hpp"
#include "viz/vti_writer.hpp"

#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <vtkCellData.h>
#include <vtkDataArray.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkSmartPointer.h>
#include <vtkXMLImageDataReader.h>

using floodtwin::viz::CellField;
using floodtwin::viz::ImageGrid;
using floodtwin::viz::write_vti;
using ScratchDir = floodtwin::testing::TempDir;

namespace {

constexpr double nan_value = std::numeric_limits<double>::quiet_NaN();

// 7 by 5 with unequal dx and dy, so a swapped axis or transposed index shows; a UTM-like
// origin, so a float32 round trip anywhere would lose the metres.
const ImageGrid grid{7, 5, 512'345.678901234, 3'312'345.6789012345, 30.000000123, 20.25};
constexpr int never_wet_i = 3;
constexpr int never_wet_j = 1;

// Value encodes its own cell: 100*j + i + 0.25, distinct everywhere; one NaN.
std::vector<double> depth_field() {
    std::vector<double> values(static_cast<std::size_t>(grid.nx * grid.ny));
    for (int j = 0; j < grid.ny; ++j)
        for (int i = 0; i < grid.nx; ++i) values[static_cast<std::size_t>(i + grid.nx * j)] = 100.0 * j + i + 0.25;
    values[static_cast<std::size_t>(never_wet_i + grid.nx * never_wet_j)] = nan_value;
    return values;
}

vtkSmartPointer<vtkImageData> read_back(const std::filesystem::path& path) {
    vtkNew<vtkXMLImageDataReader> reader;
    reader->SetFileName(path.c_str());
    reader->Update();
    BOOST_REQUIRE_EQUAL(reader->GetErrorCode(), 0UL);
    vtkSmartPointer<vtkImageData> image = reader->GetOutput();
    BOOST_REQUIRE(image);
    return image;
}

std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool message_names(const std::exception& e, const std::string& word) {
    return std::string(e.what()).find(word) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(geometry_and_values_round_trip) {
    ScratchDir dir;
    const auto path = dir.path() / "frame.vti";
    const std::vector<double> depth = depth_field();
    std::vector<double> speed(depth.size());
    for (std::size_t k = 0; k < depth.size(); ++k) speed[k] = -2.0 * depth[k];
    write_vti(path, grid, {{"depth_m", depth}, {"speed_m_s", speed}});

    const auto image = read_back(path);
    int dims[3];
    image->GetDimensions(dims);
    BOOST_TEST(dims[0] == grid.nx + 1);
    BOOST_TEST(dims[1] == grid.ny + 1);
    BOOST_TEST(dims[2] == 1);
    double origin[3], spacing[3];
    image->GetOrigin(origin);
    image->GetSpacing(spacing);
    BOOST_TEST(origin[0] == grid.x0_m);
    BOOST_TEST(origin[1] == grid.y0_m);
    BOOST_TEST(origin[2] == 0.0);
    BOOST_TEST(spacing[0] == grid.dx_m);
    BOOST_TEST(spacing[1] == grid.dy_m);
    BOOST_TEST(image->GetNumberOfCells() == grid.nx * grid.ny);

    vtkCellData* cells = image->GetCellData();
    BOOST_TEST(cells->GetNumberOfArrays() == 2);
    BOOST_TEST(image->GetPointData()->GetNumberOfArrays() == 0);
    BOOST_TEST(std::string(cells->GetScalars()->GetName()) == "depth_m");
    const std::vector<std::pair<std::string, const std::vector<double>*>> written{{"depth_m", &depth},
                                                                                  {"speed_m_s", &speed}};
    for (const auto& [name, expected] : written) {
        BOOST_TEST_CONTEXT("field " << name) {
            vtkDataArray* array = cells->GetArray(name.c_str());
            BOOST_REQUIRE(array);
            BOOST_TEST(array->GetDataType() == VTK_DOUBLE);
            BOOST_TEST(array->GetNumberOfComponents() == 1);
            BOOST_REQUIRE_EQUAL(array->GetNumberOfTuples(), static_cast<vtkIdType>(expected->size()));
            for (vtkIdType k = 0; k < array->GetNumberOfTuples(); ++k) {
                const double want = (*expected)[static_cast<std::size_t>(k)];
                const double got = array->GetTuple1(k);
                if (std::isnan(want))
                    BOOST_TEST(std::isnan(got), "cell " << k << " should stay NaN");
                else
                    BOOST_TEST(got == want, "cell " << k);  // exact: float64 all the way
            }
        }
    }
}

// j = 0 is the southern row: ask VTK which cell holds each cell's geographic centre.
BOOST_AUTO_TEST_CASE(southern_row_lies_at_lowest_y) {
    ScratchDir dir;
    const auto path = dir.path() / "frame.vti";
    const std::vector<double> depth = depth_field();
    write_vti(path, grid, {{"depth_m", depth}});

    const auto image = read_back(path);
    vtkDataArray* array = image->GetCellData()->GetArray("depth_m");
    BOOST_REQUIRE(array);
    for (int j = 0; j < grid.ny; ++j) {
        for (int i = 0; i < grid.nx; ++i) {
            double centre[3] = {grid.x0_m + (i + 0.5) * grid.dx_m, grid.y0_m + (j + 0.5) * grid.dy_m, 0.0};
            int sub_id = 0;
            double pcoords[3], weights[8];
            const vtkIdType cell = image->FindCell(centre, nullptr, -1, 1e-6, sub_id, pcoords, weights);
            BOOST_REQUIRE_MESSAGE(cell >= 0, "no cell at centre of (" << i << "," << j << ")");
            const double want = depth[static_cast<std::size_t>(i + grid.nx * j)];
            const double got = array->GetTuple1(cell);
            if (std::isnan(want))
                BOOST_TEST(std::isnan(got));
            else
                BOOST_TEST(got == want, "cell (" << i << "," << j << ")");
        }
    }
    // And the lower-left cell's corner is the grid's lower-left corner, not its centre.
    double bounds[6];
    image->GetCellBounds(0, bounds);
    BOOST_TEST(bounds[0] == grid.x0_m);
    BOOST_TEST(bounds[2] == grid.y0_m);
    BOOST_TEST(bounds[3] == grid.y0_m + grid.dy_m);
}

BOOST_AUTO_TEST_CASE(file_is_zlib_appended_raw_float64) {
    ScratchDir dir;
    const auto path = dir.path() / "frame.vti";
    const std::vector<double> depth = depth_field();
    write_vti(path, grid, {{"depth_m", depth}});

    const std::string text = read_text(path);
    const std::string header = text.substr(0, text.find("<AppendedData"));
    BOOST_TEST(header.find("type=\"ImageData\"") != std::string::npos);
    BOOST_TEST(header.find("compressor=\"vtkZLibDataCompressor\"") != std::string::npos);
    BOOST_TEST(header.find("header_type=\"UInt64\"") != std::string::npos);
    BOOST_TEST(header.find("<CellData") != std::string::npos);
    BOOST_TEST(header.find("type=\"Float64\"") != std::string::npos);
    BOOST_TEST(header.find("format=\"appended\"") != std::string::npos);
    BOOST_TEST(text.find("<AppendedData encoding=\"raw\">") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(large_uniform_field_is_compressed) {
    ScratchDir dir;
    const auto path = dir.path() / "dry.vti";
    const ImageGrid big{200, 150, 0.0, 0.0, 10.0, 10.0};
    const std::vector<double> zeros(static_cast<std::size_t>(big.nx * big.ny), 0.0);
    write_vti(path, big, {{"depth_m", zeros}});
    const auto raw_bytes = zeros.size() * sizeof(double);
    BOOST_TEST(std::filesystem::file_size(path) < raw_bytes / 10);
    BOOST_TEST(read_back(path)->GetCellData()->GetArray("depth_m")->GetRange()[1] == 0.0);
}

BOOST_AUTO_TEST_CASE(size_mismatch_throws_naming_the_field) {
    ScratchDir dir;
    const auto path = dir.path() / "sub" / "frame.vti";
    const std::vector<double> good = depth_field();
    const std::vector<double> short_by_one(good.size() - 1, 1.0);
    BOOST_CHECK_EXCEPTION(write_vti(path, grid, {{"depth_m", good}, {"velocity_x_m_s", short_by_one}}),
                          std::invalid_argument,
                          [](const std::invalid_argument& e) { return message_names(e, "velocity_x_m_s"); });
    // Validation comes first: nothing is created, not even the folder.
    BOOST_TEST(dir.entries().empty());
}

BOOST_AUTO_TEST_CASE(bad_names_and_grids_throw) {
    ScratchDir dir;
    const auto path = dir.path() / "frame.vti";
    const std::vector<double> values = depth_field();
    BOOST_CHECK_EXCEPTION(write_vti(path, grid, {{"depth_m", values}, {"depth_m", values}}), std::invalid_argument,
                          [](const std::invalid_argument& e) { return message_names(e, "depth_m"); });
    BOOST_CHECK_THROW(write_vti(path, grid, {{"", values}}), std::invalid_argument);
    BOOST_CHECK_THROW(write_vti(path, ImageGrid{0, 5, 0.0, 0.0, 1.0, 1.0}, {}), std::invalid_argument);
    BOOST_CHECK_THROW(write_vti(path, ImageGrid{7, 5, 0.0, 0.0, -1.0, 1.0}, {}), std::invalid_argument);
    BOOST_CHECK_THROW(write_vti(path, ImageGrid{7, 5, 0.0, 0.0, 1.0, nan_value}, {}), std::invalid_argument);
    BOOST_CHECK_THROW(write_vti(path, ImageGrid{7, 5, nan_value, 0.0, 1.0, 1.0}, {}), std::invalid_argument);
    BOOST_TEST(dir.entries().empty());
}

BOOST_AUTO_TEST_CASE(successful_write_leaves_no_temporary) {
    ScratchDir dir;
    const auto path = dir.path() / "frame.vti";
    const std::vector<double> first = depth_field();
    write_vti(path, grid, {{"depth_m", first}});
    BOOST_TEST((dir.entries() == std::set<std::string>{"frame.vti"}));

    // Overwriting replaces the frame in one rename and still leaves nothing else.
    std::vector<double> second(first.size(), 7.5);
    write_vti(path, grid, {{"depth_m", second}});
    BOOST_TEST((dir.entries() == std::set<std::string>{"frame.vti"}));
    BOOST_TEST(read_back(path)->GetCellData()->GetArray("depth_m")->GetTuple1(0) == 7.5);
}

BOOST_AUTO_TEST_CASE(missing_folders_are_created) {
    ScratchDir dir;
    const auto path = dir.path() / "run" / "frames" / "frame.vti";
    const std::vector<double> values = depth_field();
    write_vti(path, grid, {{"depth_m", values}});
    BOOST_TEST(std::filesystem::is_regular_file(path));
    BOOST_TEST((dir.entries(path.parent_path()) == std::set<std::string>{"frame.vti"}));
}

// If the final rename fails, the caller hears of it and no temporary is left behind.
BOOST_AUTO_TEST_CASE(failed_rename_throws_and_cleans_up) {
    ScratchDir dir;
    const auto path = dir.path() / "frame.vti";
    std::filesystem::create_directories(path / "occupied");  // a folder where the file should go
    const std::vector<double> values = depth_field();
    BOOST_CHECK_THROW(write_vti(path, grid, {{"depth_m", values}}), std::runtime_error);
    BOOST_TEST((dir.entries() == std::set<std::string>{"frame.vti"}));
    BOOST_TEST(std::filesystem::is_directory(path));
}
