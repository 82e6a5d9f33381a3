// The parts of a map that need no display: colour scales (checked against the VTK
// lookup table the renderer draws them with), hillshade, stations and their labels
// (text, state at a map's time), lines cut at the grid, time labels, and what
// ResultsMaps decides from a known results.nc. (Where things go on the page:
// unit_map_layout.cpp.)
#define BOOST_TEST_MODULE viz_map_pieces
#include <boost/test/unit_test.hpp>

#include "tests/support/temp_dir.hpp"
#include "tests/support/synthetic_results.hpp"
#include "viz/colour_scale.hpp"
#include "viz/hillshade.hpp"
#include "viz/line_clip.hpp"
#include "viz/lookup_table.hpp"
#include "viz/results_maps.hpp"
#include "viz/stations.hpp"
#include "viz/time_label.hpp"

#include <cmath>
#include <fstream>
#include <numbers>
#include <stdexcept>
#include <string>
#include <vector>

#include <vtkLookupTable.h>

namespace viz = floodtwin::viz;
using ScratchDir = floodtwin::testing::TempDir;
using floodtwin::viz::testing::SyntheticResults;
namespace tt = boost::test_tools;

namespace {

// Relative luminance (sRGB primaries, linear in the components: good enough to order).
double luminance(const viz::Rgb& c) { return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b; }

bool says(const std::exception& e, const std::string& text) {
    return std::string(e.what()).find(text) != std::string::npos;
}

}  // namespace

BOOST_AUTO_TEST_CASE(palettes_are_ordered_in_lightness) {
    for (viz::Palette p : {viz::Palette::viridis, viz::Palette::cividis}) {
        BOOST_TEST_CONTEXT(viz::to_string(p)) {
            double previous = -1.0;
            for (int k = 0; k <= 100; ++k) {
                const double l = luminance(viz::palette_colour(p, k / 100.0));
                BOOST_TEST(l > previous, "t = " << k / 100.0);
                previous = l;
            }
        }
    }
}

// The scale and the vtkLookupTable the renderer builds from it agree on every value.
BOOST_AUTO_TEST_CASE(colour_at_matches_vtk_lookup_table) {
    const viz::ColourScale scale(viz::Palette::cividis, 0.0, 2.5, true);
    const vtkSmartPointer<vtkLookupTable> lut = viz::lookup_table(scale);
    for (double v = -0.3; v <= 2.8; v += 0.0137) {
        double rgb[3];
        lut->GetColor(v, rgb);
        const viz::Rgb ours = scale.colour_at(v);
        // The same entry, or its neighbour where the two round a boundary differently.
        const int k = scale.index_of(v);
        const auto near_entry = [&](int e) {
            if (e < 0 || e >= viz::ColourScale::table_size) return false;
            const viz::Rgb& c = scale.entries()[static_cast<std::size_t>(e)];
            // VTK keeps table entries as bytes.
            const double byte = 0.51 / 255.0;
            return std::fabs(c.r - rgb[0]) < byte && std::fabs(c.g - rgb[1]) < byte && std::fabs(c.b - rgb[2]) < byte;
        };
        BOOST_TEST((near_entry(k) || near_entry(k - 1) || near_entry(k + 1)), "value " << v);
        BOOST_TEST(std::fabs(ours.r - rgb[0]) < 0.02);
    }
    // Reversed cividis: shallow is the light end, deep the dark end.
    BOOST_TEST(luminance(scale.colour_at(0.0)) > luminance(scale.colour_at(2.5)));
    BOOST_TEST(scale.index_of(std::nan("")) == -1);
    BOOST_CHECK_THROW(viz::ColourScale(viz::Palette::viridis, 1.0, 1.0), std::invalid_argument);
    BOOST_CHECK_THROW(viz::ColourScale(viz::Palette::viridis, 0.0, std::nan("")), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(round_numbers) {
    BOOST_TEST(viz::nice_ceiling(2.247) == 2.5);
    BOOST_TEST(viz::nice_ceiling(0.31) == 0.4);
    BOOST_TEST(viz::nice_ceiling(100.0) == 100.0);
    BOOST_TEST(viz::nice_floor(212.0) == 200.0);
}

BOOST_AUTO_TEST_CASE(hillshade_lights_the_north_west) {
    constexpr int n = 5;
    std::vector<double> flat(n * n, 100.0), faces_nw(n * n), faces_se(n * n);
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i) {
            faces_nw[i + n * j] = 100.0 + 10.0 * i - 10.0 * j;  // rises to the south-east
            faces_se[i + n * j] = 100.0 - 10.0 * i + 10.0 * j;
        }
    const auto s_flat = viz::hillshade(flat, n, n, 10.0, 10.0);
    const auto s_nw = viz::hillshade(faces_nw, n, n, 10.0, 10.0);
    const auto s_se = viz::hillshade(faces_se, n, n, 10.0, 10.0);
    const std::size_t centre = 2 + n * 2;
    BOOST_TEST(s_flat[centre] == std::sin(std::numbers::pi / 4.0), tt::tolerance(1e-12));
    BOOST_TEST(s_nw[centre] > s_flat[centre]);
    BOOST_TEST(s_se[centre] < s_flat[centre]);
    // A slope facing the light at 45 degrees to it gets full light.
    std::vector<double> square_on(n * n);
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i) square_on[i + n * j] = (10.0 * i - 10.0 * j) / std::sqrt(2.0);
    BOOST_TEST(viz::hillshade(square_on, n, n, 10.0, 10.0)[centre] == 1.0, tt::tolerance(1e-9));

    std::vector<double> with_hole = flat;
    with_hole[centre] = std::nan("");
    const auto s_hole = viz::hillshade(with_hole, n, n, 10.0, 10.0);
    BOOST_TEST(std::isnan(s_hole[centre]));
    BOOST_TEST(s_hole[centre + 1] == s_flat[centre], tt::tolerance(1e-12));  // a NaN neighbour is no cliff
    BOOST_CHECK_THROW(viz::hillshade(flat, n, n + 1, 10.0, 10.0), std::invalid_argument);
    BOOST_TEST(viz::hillshade_grey(0.0) < viz::hillshade_grey(1.0));
    BOOST_TEST(viz::readable_z_factor(flat, n, n, 10.0, 10.0) == 1.0);
    BOOST_TEST(viz::readable_z_factor(faces_nw, n, n, 10.0, 10.0) == 1.0);  // already steep
}

BOOST_AUTO_TEST_CASE(stations_csv) {
    ScratchDir dir;
    const auto path = dir.path() / "stations.csv";
    {
        std::ofstream out(path);
        out << "name,x,y,level\n# a comment\n\nCuntan, 500100.5, 3300200,ORANGE\nBeibei,500300,3300400\n";
    }
    const auto stations = viz::read_stations_csv(path);
    BOOST_REQUIRE_EQUAL(stations.size(), 2U);
    BOOST_TEST(stations[0].name == "Cuntan");
    BOOST_TEST(stations[0].x_m == 500100.5);
    BOOST_TEST(stations[0].y_m == 3300200.0);
    BOOST_TEST((stations[0].level == viz::WarningLevel::orange));
    BOOST_TEST((stations[1].level == viz::WarningLevel::none));

    {
        std::ofstream out(path);
        out << "Cuntan,500100,3300200\nBeibei,500300,north\n";
    }
    BOOST_CHECK_EXCEPTION(viz::read_stations_csv(path), std::runtime_error,
                          [&](const std::runtime_error& e) { return says(e, path.string() + ", line 2"); });
    {
        std::ofstream out(path);
        out << "Cuntan,500100,3300200,purple\n";
    }
    BOOST_CHECK_EXCEPTION(viz::read_stations_csv(path), std::runtime_error,
                          [&](const std::runtime_error& e) { return says(e, "purple"); });
    BOOST_CHECK_THROW(viz::read_stations_csv(dir.path() / "absent.csv"), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(beijing_time_labels) {
    // 2020-08-18T00:00:00+08:00 is 2020-08-17T16:00:00Z.
    const double start = viz::parse_iso_epoch_s("2020-08-18T00:00:00+08:00");
    BOOST_TEST(start == 1597680000.0);
    BOOST_TEST(viz::parse_iso_epoch_s("2020-08-17T16:00:00Z") == start);
    BOOST_TEST(viz::parse_iso_epoch_s("2020-08-17 16:00:00", true) == start);  // CF: no zone is UTC
    BOOST_TEST(viz::parse_iso_epoch_s("2020-08-18T00:00+0800") == start);
    BOOST_CHECK_THROW(viz::parse_iso_epoch_s("2020-08-18T00:00:00"), std::invalid_argument);
    BOOST_CHECK_THROW(viz::parse_iso_epoch_s("2020-02-30T00:00:00Z"), std::invalid_argument);
    BOOST_CHECK_THROW(viz::parse_iso_epoch_s("yesterday"), std::invalid_argument);

    BOOST_TEST(viz::beijing_time_label(start + 5400.0) == "2020-08-18 01:30 Beijing time (UTC+8)");
    BOOST_TEST(viz::beijing_clock(viz::parse_iso_epoch_s("2020-08-18T23:59:30Z")) == "2020-08-19 07:59:30");
    BOOST_TEST(viz::elapsed_label(5400.0) == "1 h 30 min");
    BOOST_TEST(viz::elapsed_label(0.0) == "0 s");
    BOOST_TEST(viz::elapsed_label(90000.0) == "1 d 1 h");
}

BOOST_AUTO_TEST_CASE(command_line_values) {
    BOOST_TEST((viz::parse_image_size("1600x1200") == std::array<int, 2>{1600, 1200}));
    BOOST_CHECK_THROW(viz::parse_image_size("1600"), std::invalid_argument);
    BOOST_CHECK_THROW(viz::parse_image_size("0x10"), std::invalid_argument);
    BOOST_TEST((viz::parse_range("0:5") == std::array<double, 2>{0.0, 5.0}));
    BOOST_TEST((viz::parse_range("-1.5,2") == std::array<double, 2>{-1.5, 2.0}));
    BOOST_CHECK_THROW(viz::parse_range("5:1"), std::invalid_argument);
    BOOST_TEST((viz::parse_map_quantity("arrival_time") == viz::MapQuantity::arrival_time));
    BOOST_CHECK_EXCEPTION(viz::parse_map_quantity("vorticity"), std::invalid_argument,
                          [](const std::invalid_argument& e) { return says(e, "max_depth"); });
}

BOOST_AUTO_TEST_CASE(results_maps_choose_values_scale_and_words) {
    using S = SyntheticResults;
    ScratchDir dir;
    const auto nc = floodtwin::viz::testing::write_synthetic_results(dir.path() / "results.nc");
    const viz::ResultsMaps maps(nc);
    BOOST_TEST(maps.map_count() == S::maps);
    BOOST_TEST(maps.case_name() == "synthetic-pool");

    // Times: max, an index, an ISO time in any zone; refusals name what is wrong.
    BOOST_TEST(maps.resolve_time(viz::MapQuantity::depth, "max").envelope);
    BOOST_TEST(maps.resolve_time(viz::MapQuantity::depth, "2").index == 2U);
    const auto at = maps.resolve_time(viz::MapQuantity::depth, "2020-08-17T16:30:00Z");
    BOOST_TEST(!at.envelope);
    BOOST_TEST(at.index == 1U);
    BOOST_CHECK_EXCEPTION((void)maps.resolve_time(viz::MapQuantity::depth, "3"), std::invalid_argument,
                          [](const std::invalid_argument& e) { return says(e, "past the last map"); });
    BOOST_CHECK_EXCEPTION((void)maps.resolve_time(viz::MapQuantity::depth, "2020-08-18T00:40:00+08:00"),
                          std::invalid_argument,
                          [](const std::invalid_argument& e) { return says(e, "2020-08-18 00:30"); });
    BOOST_CHECK_THROW((void)maps.resolve_time(viz::MapQuantity::max_depth, "1"), std::invalid_argument);
    BOOST_CHECK_THROW((void)maps.resolve_time(viz::MapQuantity::depth, "soon"), std::invalid_argument);

    // One scale for every depth map of the run, from the run's maximum depth (3 m).
    const viz::ColourScale depth_scale = maps.colour_scale(viz::MapQuantity::depth);
    BOOST_TEST(depth_scale.lo() == 0.0);
    BOOST_TEST(depth_scale.hi() == 3.0);
    BOOST_TEST(maps.colour_scale(viz::MapQuantity::depth, std::array<double, 2>{0.0, 5.0}).hi() == 5.0);

    viz::MapRequest request;
    request.quantity = viz::MapQuantity::depth;
    request.time = "0";
    const viz::MapScene first = maps.scene(request);
    BOOST_TEST(first.scale.hi() == 3.0);  // the same scale at the first map
    BOOST_TEST(first.values[S::cell(S::i0, S::j0)] == 1.0);
    BOOST_TEST(std::isnan(first.values[S::cell(0, 0)]));  // dry: transparent
    BOOST_TEST(first.subtitle == "2020-08-18 00:00 Beijing time (UTC+8), 0 s after the start");
    BOOST_TEST(first.title == "synthetic-pool: water depth");
    BOOST_TEST(first.note == "Note: synthetic test terrain");  // from the file's floodtwin_terrain
    BOOST_TEST(first.grid.x0_m == S::x0 - 0.5 * S::dx);
    BOOST_TEST(first.surface_m[S::cell(S::i0, S::j0)] == S::ground(S::i0, S::j0) + 1.0);

    request.quantity = viz::MapQuantity::arrival_time;
    request.time = "max";
    request.note = "Schematic terrain";
    const viz::MapScene arrival = maps.scene(request);
    BOOST_TEST(arrival.values[S::cell(S::i0 + 3, S::j0)] == 3.0);  // minutes for a short run
    BOOST_TEST(arrival.legend_title.find("min") != std::string::npos);
    BOOST_TEST(arrival.note == "Schematic terrain");
    BOOST_TEST(arrival.subtitle == "Run from 2020-08-18 00:00 to 01:00 Beijing time (UTC+8)");

    request.quantity = viz::MapQuantity::speed;
    request.time = "1";
    const viz::MapScene speed = maps.scene(request);
    BOOST_TEST(speed.values[S::cell(S::i0, S::j0)] == 0.5, tt::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(station_labels_say_stage_and_level) {
    BOOST_TEST(viz::station_label("Cuntan", {191.6234, viz::WarningLevel::yellow}) == "Cuntan 191.62 m (yellow)");
    BOOST_TEST(viz::station_label("Cuntan", {std::nan(""), viz::WarningLevel::none}) == "Cuntan");
    BOOST_TEST(viz::station_label("Beibei", {194.5, viz::WarningLevel::none}) == "Beibei 194.50 m");
}

// Frames show each station as it was at the frame's time; whole-run maps its peak.
BOOST_AUTO_TEST_CASE(scene_takes_the_station_state_at_the_map_time) {
    ScratchDir dir;
    const auto nc = floodtwin::viz::testing::write_synthetic_results(dir.path() / "results.nc");
    const viz::ResultsMaps maps(nc);
    viz::Station s{"G", SyntheticResults::x0, SyntheticResults::y0, viz::WarningLevel::red, 200.0};
    s.at_maps = {{198.0, viz::WarningLevel::blue}, {199.0, viz::WarningLevel::yellow}};  // maps 0 and 1 only
    viz::MapRequest request;
    request.quantity = viz::MapQuantity::depth;
    request.stations = {s};
    const auto at = [&](const std::string& time) {
        request.time = time;
        return maps.scene(request).stations.at(0);
    };
    BOOST_TEST((at("0").level == viz::WarningLevel::blue));
    BOOST_TEST(at("0").stage_m == 198.0);
    BOOST_TEST((at("1").level == viz::WarningLevel::yellow));
    BOOST_TEST((at("2").level == viz::WarningLevel::red));  // no state given: its own
    BOOST_TEST((at("max").level == viz::WarningLevel::red));
    BOOST_TEST(at("max").stage_m == 200.0);
}

BOOST_AUTO_TEST_CASE(lines_cut_at_the_box) {
    const viz::ClipBox box{0.0, 0.0, 10.0, 10.0};
    // Crossing the box: cut where it enters and leaves.
    floodtwin::grids::Polyline line{{{-5.0, 5.0}, {5.0, 5.0}, {15.0, 5.0}}, "across"};
    auto parts = viz::clip_to_box(line, box);
    BOOST_REQUIRE_EQUAL(parts.size(), 1U);
    BOOST_REQUIRE_EQUAL(parts[0].size(), 3U);
    BOOST_TEST(parts[0].front().x == 0.0);
    BOOST_TEST(parts[0][1].x == 5.0);
    BOOST_TEST(parts[0].back().x == 10.0);
    // Leaving and coming back: two parts.
    line.points = {{2.0, 2.0}, {2.0, 20.0}, {8.0, 20.0}, {8.0, 2.0}};
    parts = viz::clip_to_box(line, box);
    BOOST_REQUIRE_EQUAL(parts.size(), 2U);
    BOOST_TEST(parts[0].back().y == 10.0);
    BOOST_TEST(parts[1].front().y == 10.0);
    BOOST_TEST(parts[1].back().y == 2.0);
    // Wholly outside: nothing.
    line.points = {{20.0, 20.0}, {30.0, 30.0}};
    BOOST_TEST(viz::clip_to_box(line, box).empty());
}
