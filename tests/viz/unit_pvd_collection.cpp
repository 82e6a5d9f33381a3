// PvdCollection: the .pvd is parsed back as plain XML (plain VTK has no .pvd reader;
// that lives in ParaView), and the frames it names are opened from the .pvd's folder
// the way ParaView resolves them.
#define BOOST_TEST_MODULE viz_pvd_collection
#include <boost/test/unit_test.hpp>

#include "tests/support/temp_dir.hpp"
#include "viz/pvd_collection.hpp"
#include "viz/vti_writer.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include <vtkCellData.h>
#include <vtkDataArray.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkXMLDataElement.h>
#include <vtkXMLDataParser.h>
#include <vtkXMLImageDataReader.h>

using floodtwin::viz::CellField;
using floodtwin::viz::ImageGrid;
using floodtwin::viz::PvdCollection;
using floodtwin::viz::write_vti;
using ScratchDir = floodtwin::testing::TempDir;

namespace {

struct Frame {
    double time_s;
    std::string file;
};

// Reads the DataSet entries of a .pvd, checking the envelope ParaView expects.
std::vector<Frame> parse_pvd(const std::filesystem::path& pvd) {
    vtkNew<vtkXMLDataParser> parser;
    parser->SetFileName(pvd.c_str());
    BOOST_REQUIRE_MESSAGE(parser->Parse() == 1, "cannot parse " << pvd);
    vtkXMLDataElement* root = parser->GetRootElement();
    BOOST_REQUIRE(root);
    BOOST_TEST(std::string(root->GetName()) == "VTKFile");
    BOOST_REQUIRE(root->GetAttribute("type"));
    BOOST_TEST(std::string(root->GetAttribute("type")) == "Collection");
    vtkXMLDataElement* collection = root->FindNestedElementWithName("Collection");
    BOOST_REQUIRE(collection);

    std::vector<Frame> frames;
    for (int k = 0; k < collection->GetNumberOfNestedElements(); ++k) {
        vtkXMLDataElement* dataset = collection->GetNestedElement(k);
        BOOST_TEST(std::string(dataset->GetName()) == "DataSet");
        Frame frame{};
        BOOST_REQUIRE(dataset->GetScalarAttribute("timestep", frame.time_s) == 1);
        BOOST_REQUIRE(dataset->GetAttribute("file"));
        frame.file = dataset->GetAttribute("file");
        frames.push_back(frame);
    }
    return frames;
}

void write_frame(const std::filesystem::path& path, double depth_m) {
    const ImageGrid grid{3, 2, 0.0, 0.0, 1.0, 1.0};
    const std::vector<double> depth(6, depth_m);
    write_vti(path, grid, {{"depth_m", depth}});
}

double first_depth(const std::filesystem::path& vti) {
    vtkNew<vtkXMLImageDataReader> reader;
    reader->SetFileName(vti.c_str());
    reader->Update();
    BOOST_REQUIRE_EQUAL(reader->GetErrorCode(), 0UL);
    vtkDataArray* depth = reader->GetOutput()->GetCellData()->GetArray("depth_m");
    BOOST_REQUIRE(depth);
    return depth->GetTuple1(0);
}

}  // namespace

BOOST_AUTO_TEST_CASE(frames_listed_in_time_order_relative_to_pvd_folder) {
    ScratchDir dir;
    const auto pvd = dir.path() / "run.pvd";
    PvdCollection collection(pvd);
    // Added out of order, as a restarted run might: the file lists them by time.
    const std::vector<Frame> added{{3600.0, "frames/t003600.vti"}, {0.0, "frames/t000000.vti"},
                                   {1800.5, "frames/t001800.vti"}};
    for (const Frame& frame : added) {
        write_frame(dir.path() / frame.file, frame.time_s);
        collection.add(frame.time_s, dir.path() / frame.file);
    }
    BOOST_TEST(collection.size() == 3U);
    collection.write();

    const std::vector<Frame> frames = parse_pvd(pvd);
    BOOST_REQUIRE_EQUAL(frames.size(), 3U);
    BOOST_TEST(frames[0].time_s == 0.0);
    BOOST_TEST(frames[0].file == "frames/t000000.vti");
    BOOST_TEST(frames[1].time_s == 1800.5);
    BOOST_TEST(frames[1].file == "frames/t001800.vti");
    BOOST_TEST(frames[2].time_s == 3600.0);
    BOOST_TEST(frames[2].file == "frames/t003600.vti");
    // Each entry opens from the .pvd's folder and is the frame written for that time.
    for (const Frame& frame : frames) BOOST_TEST(first_depth(pvd.parent_path() / frame.file) == frame.time_s);
}

BOOST_AUTO_TEST_CASE(paths_relative_to_working_directory_are_rebased) {
    ScratchDir dir;
    const auto pvd = dir.path() / "out" / "run.pvd";
    PvdCollection collection(pvd);
    // The same frames named relative to the working directory, and beside the .pvd's folder.
    collection.add(10.0, std::filesystem::relative(dir.path() / "out" / "a.vti"));
    collection.add(20.0, dir.path() / "elsewhere" / "b.vti");
    collection.add(30.0, dir.path() / "out" / "." / "frames" / ".." / "c.vti");
    collection.write();

    const std::vector<Frame> frames = parse_pvd(pvd);
    BOOST_REQUIRE_EQUAL(frames.size(), 3U);
    BOOST_TEST(frames[0].file == "a.vti");
    BOOST_TEST(frames[1].file == "../elsewhere/b.vti");
    BOOST_TEST(frames[2].file == "c.vti");
}

BOOST_AUTO_TEST_CASE(times_round_trip_exactly) {
    ScratchDir dir;
    const auto pvd = dir.path() / "run.pvd";
    PvdCollection collection(pvd);
    const double awkward_s = 0.1 + 0.2;  // not 0.3: needs all 17 digits
    const double late_s = 86400.0 * 365.0 + 1.0 / 3.0;
    collection.add(awkward_s, dir.path() / "a.vti");
    collection.add(late_s, dir.path() / "b.vti");
    collection.write();
    const std::vector<Frame> frames = parse_pvd(pvd);
    BOOST_REQUIRE_EQUAL(frames.size(), 2U);
    BOOST_TEST(frames[0].time_s == awkward_s);
    BOOST_TEST(frames[1].time_s == late_s);
}

BOOST_AUTO_TEST_CASE(same_time_replaces_the_frame) {
    ScratchDir dir;
    const auto pvd = dir.path() / "run.pvd";
    PvdCollection collection(pvd);
    collection.add(60.0, dir.path() / "first.vti");
    collection.add(60.0, dir.path() / "rerun.vti");
    BOOST_TEST(collection.size() == 1U);
    collection.write();
    const std::vector<Frame> frames = parse_pvd(pvd);
    BOOST_REQUIRE_EQUAL(frames.size(), 1U);
    BOOST_TEST(frames[0].file == "rerun.vti");
}

BOOST_AUTO_TEST_CASE(markup_in_file_names_is_escaped) {
    ScratchDir dir;
    const auto pvd = dir.path() / "run.pvd";
    PvdCollection collection(pvd);
    const std::string name = "Jialing & Yangtze <\"q'>.vti";
    collection.add(0.0, dir.path() / name);
    collection.write();
    const std::vector<Frame> frames = parse_pvd(pvd);
    BOOST_REQUIRE_EQUAL(frames.size(), 1U);
    BOOST_TEST(frames[0].file == name);
}

BOOST_AUTO_TEST_CASE(non_finite_time_throws) {
    ScratchDir dir;
    PvdCollection collection(dir.path() / "run.pvd");
    BOOST_CHECK_THROW(collection.add(std::numeric_limits<double>::quiet_NaN(), dir.path() / "a.vti"),
                      std::invalid_argument);
    BOOST_CHECK_THROW(collection.add(std::numeric_limits<double>::infinity(), dir.path() / "a.vti"),
                      std::invalid_argument);
    BOOST_TEST(collection.size() == 0U);
}

BOOST_AUTO_TEST_CASE(rewrite_is_atomic_and_leaves_no_temporary) {
    ScratchDir dir;
    const auto pvd = dir.path() / "run.pvd";
    PvdCollection collection(pvd);
    collection.write();  // an empty collection is still a valid file
    BOOST_TEST(parse_pvd(pvd).empty());
    BOOST_TEST((dir.entries() == std::set<std::string>{"run.pvd"}));

    collection.add(0.0, dir.path() / "a.vti");
    collection.write();
    collection.add(1.0, dir.path() / "b.vti");
    collection.write();
    BOOST_TEST(parse_pvd(pvd).size() == 2U);
    BOOST_TEST((dir.entries() == std::set<std::string>{"run.pvd"}));
}
