// Rendered maps of a known results.nc, checked pixel by pixel: the image size, the
// colour of deep water, the grey of dry land, text where the title and legend go,
// rivers in their colour (cut at the grid), a station at the edge in its warning colour
// with its label inside the map, a golden image, the 3D view and the animation's frame
// count, and what a run's maps leave with and without ffmpeg. Needs an X display (CTest
// runs it under `xvfb-run -a`) and ffmpeg with ffprobe: the movie tests fail without.
//
// Golden image: tests/viz/golden/map_small.png. After a deliberate change to how maps
// look, regenerate it with
//   FLOODTWIN_UPDATE_GOLDEN=1 xvfb-run -a build/tests/viz/viz_map_render --run_test=golden_small_map
// (that run fails on purpose: it compared nothing), look at the new PNG, run the test
// again without the variable, and commit the PNG with the change.
#define BOOST_TEST_MODULE viz_map_render
#include <boost/test/unit_test.hpp>

#include "tests/support/temp_dir.hpp"
#include "tests/support/synthetic_results.hpp"
#include "tests/viz/png_image.hpp"
#include "viz/animation.hpp"
#include "viz/hillshade.hpp"
#include "viz/map_renderer.hpp"
#include "viz/movie_encoder.hpp"
#include "viz/results_maps.hpp"
#include "viz/rivers.hpp"
#include "viz/run_maps.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <string>

#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPNGReader.h>
#include <vtkSmartPointer.h>

namespace viz = floodtwin::viz;
using ScratchDir = floodtwin::testing::TempDir;
using floodtwin::viz::testing::SyntheticResults;
using S = SyntheticResults;
using floodtwin::viz::testing::bytes;
using floodtwin::viz::testing::close_to;
using floodtwin::viz::testing::Image;
using floodtwin::viz::testing::read_png;

namespace {

// The pixel at the centre of cell (i, j).
std::array<int, 3> cell_pixel(const Image& image, const viz::RenderedMap& map, int i, int j) {
    const auto p = map.pixel_of(S::x0 + i * S::dx, S::y0 + j * S::dy);
    return image.at(static_cast<int>(p[0]), static_cast<int>(p[1]));
}

struct Fixture {
    ScratchDir dir;
    std::filesystem::path nc = floodtwin::viz::testing::write_synthetic_results(dir.path() / "results.nc");
};

// The movie tests need ffmpeg (and its ffprobe); scripts/install-deps.sh installs it.
// Without it they fail, saying so, rather than pass having tested nothing.
void require_ffmpeg() {
    BOOST_REQUIRE_MESSAGE(viz::ffmpeg_available(),
                          "ffmpeg is not installed or does not run: install it (scripts/install-deps.sh) to test movies");
}

// PATH set to `value` for as long as it lives, then put back.
class PathOverride {
public:
    explicit PathOverride(const std::string& value) {
        if (const char* old = std::getenv("PATH")) m_old = old;
        ::setenv("PATH", value.c_str(), 1);
    }
    ~PathOverride() {
        if (m_old)
            ::setenv("PATH", m_old->c_str(), 1);
        else
            ::unsetenv("PATH");
    }
    PathOverride(const PathOverride&) = delete;
    PathOverride& operator=(const PathOverride&) = delete;

private:
    std::optional<std::string> m_old;
};

}  // namespace

BOOST_FIXTURE_TEST_CASE(max_depth_map_pixels, Fixture) {
    const viz::ResultsMaps maps(nc);
    viz::MapRequest request;  // max_depth over the run
    request.stations = {{"Pool gauge", S::x0 + (S::i0 + 2) * S::dx, S::y0 + (S::j1 - 2) * S::dy, viz::WarningLevel::red}};
    const viz::MapScene scene = maps.scene(request);
    viz::MapRenderer renderer(640, 480);
    const auto png = dir.path() / "max_depth.png";
    const viz::RenderedMap map = renderer.render_map(scene, png);
    const Image image = read_png(png);

    BOOST_TEST(image.width == 640);
    BOOST_TEST(image.height == 480);

    // Deep water: the scale's colour for 3 m (the darkest blue of reversed cividis).
    const auto deep = cell_pixel(image, map, S::i0 + 5, S::j0 + 4);
    const auto want_deep = bytes(scene.scale.colour_at(S::pool_depth_m));
    BOOST_TEST(close_to(deep, want_deep, 6), "deep water " << deep[0] << "," << deep[1] << "," << deep[2]
                                                         << " want " << want_deep[0] << "," << want_deep[1] << ","
                                                         << want_deep[2]);

    // Dry land far from the pool: the hillshade's grey for that cell.
    const int di = 30, dj = 15;
    const auto ground = scene.ground_m;
    viz::HillshadeOptions options;
    options.z_factor = viz::readable_z_factor(ground, S::nx, S::ny, S::dx, S::dy);
    const double shade = viz::hillshade(ground, S::nx, S::ny, S::dx, S::dy, options)[S::cell(di, dj)];
    const int grey = viz::hillshade_grey(shade);
    const auto dry = cell_pixel(image, map, di, dj);
    BOOST_TEST(dry[0] == dry[1]);
    BOOST_TEST(dry[1] == dry[2]);
    BOOST_TEST(std::abs(dry[0] - grey) <= 3, "dry land grey " << dry[0] << " want " << grey);
    BOOST_TEST(grey > 90);
    BOOST_TEST(grey < 240);

    // The station marker is red, the colour of its warning level.
    const auto station = map.pixel_of(request.stations[0].x_m, request.stations[0].y_m);
    const auto marker = image.at(static_cast<int>(station[0]), static_cast<int>(station[1]));
    BOOST_TEST(close_to(marker, bytes(viz::warning_colour(viz::WarningLevel::red)), 6));

    // Title, legend, north arrow and footer (scale bar, note) are drawn.
    BOOST_TEST(image.inked(map.layout.title) > 500);
    BOOST_TEST(image.inked(map.layout.legend) > 2000);
    BOOST_TEST(image.inked(map.layout.north) > 50);
    BOOST_TEST(image.inked(map.layout.footer) > 200);
    // The legend shows the scale's ends: its colour bar holds the darkest and lightest colour.
    bool dark_end = false, light_end = false;
    const auto dark = bytes(scene.scale.colour_at(scene.scale.hi()));
    const auto light = bytes(scene.scale.colour_at(scene.scale.lo()));
    for (int r = map.layout.legend.top; r < map.layout.legend.bottom; ++r)
        for (int c = map.layout.legend.left; c < map.layout.legend.right; ++c) {
            dark_end = dark_end || close_to(image.at(c, r), dark, 4);
            light_end = light_end || close_to(image.at(c, r), light, 4);
        }
    BOOST_TEST(dark_end);
    BOOST_TEST(light_end);
    // Outside the map box and legend, the page is white.
    BOOST_TEST(close_to(image.at(map.layout.map.left / 2, image.height / 2), {255, 255, 255}, 0));
}

// A river across the map is drawn in the river colour along its line, nowhere else, and
// stops at the grid's edge; the 3D view shows it too.
BOOST_FIXTURE_TEST_CASE(rivers_on_the_map, Fixture) {
    const viz::ResultsMaps maps(nc);
    viz::MapRequest request;
    // West to east across the dry north of the grid, then on past its east edge.
    const double y = S::y0 + 25 * S::dy, x_end = S::x0 + (S::nx + 10) * S::dx;
    request.rivers = {{{{S::x0 + 20 * S::dx, y}, {x_end, y}}, "test river"}};
    const viz::MapScene scene = maps.scene(request);
    viz::MapRenderer renderer(640, 480);
    const auto png = dir.path() / "rivers.png";
    const viz::RenderedMap map = renderer.render_map(scene, png);
    const Image image = read_png(png);
    const auto river = bytes(viz::river_colour);
    // Unlit and unblended: the line's own pixels carry the colour almost exactly.
    constexpr int k_line_tolerance = 3;
    const auto is_river = [&](int c, int r) { return close_to(image.at(c, r), river, k_line_tolerance); };
    // The line is 2 px wide at this size: some pixel within one of the point is on it.
    const auto on_line = [&](double x_m, double y_m) {
        const auto p = map.pixel_of(x_m, y_m);
        for (int dr = -1; dr <= 1; ++dr)
            for (int dc = -1; dc <= 1; ++dc)
                if (is_river(static_cast<int>(p[0]) + dc, static_cast<int>(p[1]) + dr)) return true;
        return false;
    };
    BOOST_TEST(on_line(S::x0 + 30 * S::dx, y));
    BOOST_TEST(on_line(S::x0 + 25 * S::dx, y));
    // Half a cell (some 7 px) north of it: the terrain, not the river.
    const auto off = map.pixel_of(S::x0 + 30 * S::dx, y + 0.5 * S::dy);
    BOOST_TEST(!is_river(static_cast<int>(off[0]), static_cast<int>(off[1])));
    // Beyond the grid's east edge, where the line goes on toward the legend: cut.
    BOOST_TEST(!on_line(S::x0 + (S::nx + 1) * S::dx, y));
    // Nowhere else: river pixels only in the band of rows around the line, and not
    // past the grid's east edge.
    const int line_row = static_cast<int>(map.pixel_of(S::x0, y)[1]);
    const int east_edge = static_cast<int>(map.pixel_of(S::x0 + (S::nx - 0.5) * S::dx, y)[0]);
    int stray = 0, along = 0;
    for (int r = 0; r < image.height; ++r)
        for (int c = 0; c < image.width; ++c)
            if (is_river(c, r)) (std::abs(r - line_row) <= 2 && c <= east_edge + 1 ? along : stray) += 1;
    BOOST_TEST(stray == 0);
    BOOST_TEST(along > 100);  // 20 cells of some 12 px, 2 px wide

    // The 3D view: river-coloured pixels with the river, none without.
    const auto count_river_3d = [&](const viz::MapScene& s, const char* name) {
        renderer.render_3d(s, dir.path() / name);
        const Image view = read_png(dir.path() / name);
        int n = 0;
        for (int r = 0; r < view.height; ++r)
            for (int c = 0; c < view.width; ++c) n += close_to(view.at(c, r), river, k_line_tolerance) ? 1 : 0;
        return n;
    };
    const int with = count_river_3d(scene, "rivers3d.png");
    viz::MapScene bare = scene;
    bare.rivers.clear();
    const int without = count_river_3d(bare, "bare3d.png");
    BOOST_TEST_MESSAGE("3D view: " << with << " river pixels with the river, " << without << " without");
    BOOST_TEST(with > 50);
    BOOST_TEST(without == 0);
}

// A station in the grid's north-east corner: marker in its warning colour, label kept
// inside the map box (left of and below the marker), none of its text running off
// toward the legend.
BOOST_FIXTURE_TEST_CASE(station_label_at_the_edge_stays_inside, Fixture) {
    const viz::ResultsMaps maps(nc);
    viz::MapRequest request;
    const double x = S::x0 + (S::nx - 1) * S::dx, y = S::y0 + (S::ny - 1) * S::dy;  // corner cell centre
    request.stations = {{"valley mouth", x, y, viz::WarningLevel::yellow, 191.62}};
    viz::MapRenderer renderer(640, 480);
    const auto png = dir.path() / "edge.png";
    const viz::RenderedMap map = renderer.render_map(maps.scene(request), png);
    const Image image = read_png(png);

    const auto marker = map.pixel_of(x, y);
    const int mc = static_cast<int>(marker[0]), mr = static_cast<int>(marker[1]);
    // Marker fill: the exact yellow (unlit, no blending); 6 levels for another GL.
    constexpr int k_marker_tolerance = 6;
    BOOST_TEST(close_to(image.at(mc, mr), bytes(viz::warning_colour(viz::WarningLevel::yellow)), k_marker_tolerance));

    BOOST_REQUIRE_EQUAL(map.station_labels.size(), 1U);
    const viz::PixelBox& box = map.station_labels[0];
    BOOST_TEST_MESSAGE("label box " << box.left << ".." << box.right << " x " << box.top << ".." << box.bottom
                                    << ", marker at " << mc << ", " << mr);
    BOOST_TEST(box.left >= map.layout.map.left);
    BOOST_TEST(box.right <= map.layout.map.right);
    BOOST_TEST(box.top >= map.layout.map.top);
    BOOST_TEST(box.bottom <= map.layout.map.bottom);
    BOOST_TEST(box.right < mc);  // to the left of the marker
    BOOST_TEST(box.top > mr);    // and below it
    BOOST_TEST(box.right - box.left > 60);  // "valley mouth 191.62 m (yellow)" in some 8 px type

    // Text is near-black (0.12 grey, antialiased): count such pixels.
    constexpr int k_text_dark = 60;  // below the grid frame's 64 and every hillshade grey
    const auto dark = [&](int c, int r) {
        const auto p = image.at(c, r);
        return p[0] < k_text_dark && p[1] < k_text_dark && p[2] < k_text_dark;
    };
    int inside = 0;
    for (int r = box.top; r < box.bottom; ++r)
        for (int c = box.left; c < box.right; ++c) inside += dark(c, r) ? 1 : 0;
    BOOST_TEST(inside > 50, inside << " text pixels in the label's box");
    // Right of the marker, up to the legend, over the label's rows and the marker's: no text.
    int right = 0;
    for (int r = std::min(box.top, mr - 20); r < box.bottom; ++r)
        for (int c = mc + 6; c < map.layout.legend.left; ++c) right += dark(c, r) ? 1 : 0;
    BOOST_TEST(right == 0, right << " text pixels right of the marker");
}

// The same colour for the same depth in every map of the run, whatever that map's own maximum.
BOOST_FIXTURE_TEST_CASE(fixed_scale_across_frames, Fixture) {
    const viz::ResultsMaps maps(nc);
    viz::MapRequest request;
    request.quantity = viz::MapQuantity::depth;
    request.time = "0";  // 1 m everywhere in the pool
    const viz::MapScene scene = maps.scene(request);
    viz::MapRenderer renderer(400, 300);
    const auto png = dir.path() / "depth0.png";
    const viz::RenderedMap map = renderer.render_map(scene, png);
    const Image image = read_png(png);
    const auto want = bytes(maps.colour_scale(viz::MapQuantity::depth).colour_at(1.0));
    BOOST_TEST(close_to(cell_pixel(image, map, S::i0 + 5, S::j0 + 4), want, 6));
    // 1 m on a 0..3 m scale is not the scale's end colour.
    BOOST_TEST(!close_to(want, bytes(scene.scale.colour_at(3.0)), 30));
}

BOOST_FIXTURE_TEST_CASE(golden_small_map, Fixture) {
    const viz::ResultsMaps maps(nc);
    viz::MapRequest request;
    request.quantity = viz::MapQuantity::arrival_time;
    request.stations = {{"G1", S::x0 + 25 * S::dx, S::y0 + 20 * S::dy, viz::WarningLevel::yellow}};
    viz::MapRenderer renderer(320, 240);
    const auto png = dir.path() / "small.png";
    renderer.render_map(maps.scene(request), png);
    const std::filesystem::path golden = std::filesystem::path(FLOODTWIN_SOURCE_DIR) / "tests/viz/golden/map_small.png";
    if (const char* update = std::getenv("FLOODTWIN_UPDATE_GOLDEN"); update && std::string(update) == "1") {
        std::filesystem::create_directories(golden.parent_path());
        std::filesystem::copy_file(png, golden, std::filesystem::copy_options::overwrite_existing);
        // A map compared with itself proves nothing: this run does not pass, so a
        // stray FLOODTWIN_UPDATE_GOLDEN cannot turn the comparison off unnoticed.
        BOOST_FAIL("golden image rewritten, not compared: " << golden
                                                             << "; look at it, then run again without FLOODTWIN_UPDATE_GOLDEN");
    }
    const Image got = read_png(png);
    const Image want = read_png(golden);
    BOOST_REQUIRE_EQUAL(got.width, want.width);
    BOOST_REQUIRE_EQUAL(got.height, want.height);
    // Tolerant of another Mesa or FreeType: small differences anywhere, larger ones
    // (a glyph edge, one antialiased line) on a few pixels only.
    double sum = 0.0;
    std::size_t far_off = 0;
    for (std::size_t k = 0; k < got.rgb.size(); k += 3) {
        int worst = 0;
        for (int c = 0; c < 3; ++c) worst = std::max(worst, std::abs(got.rgb[k + c] - want.rgb[k + c]));
        sum += worst;
        if (worst > 48) ++far_off;
    }
    const double pixels = static_cast<double>(got.rgb.size() / 3);
    BOOST_TEST(sum / pixels < 2.0, "mean difference " << sum / pixels);
    BOOST_TEST(far_off / pixels < 0.01, far_off << " pixels differ by more than 48");
}

BOOST_FIXTURE_TEST_CASE(three_d_view, Fixture) {
    const viz::ResultsMaps maps(nc);
    viz::MapRequest request;
    const viz::MapScene scene = maps.scene(request);
    viz::MapRenderer renderer(480, 360);
    const auto png = dir.path() / "view3d.png";
    const double exaggeration = renderer.render_3d(scene, png);
    BOOST_TEST(exaggeration >= 1.0);
    BOOST_TEST(exaggeration <= 50.0);
    const Image image = read_png(png);
    BOOST_TEST(image.width == 480);
    BOOST_TEST(image.height == 360);
    // Not blank: terrain and water give many colours in the scene box, some of them water blue.
    const viz::MapLayout layout = viz::map_layout(480, 360);
    std::set<int> colours;
    int bluish = 0;
    for (int r = layout.map.top; r < layout.map.bottom; ++r)
        for (int c = layout.map.left; c < layout.map.right; ++c) {
            const auto p = image.at(c, r);
            colours.insert(p[0] << 16 | p[1] << 8 | p[2]);
            if (p[2] > p[0] + 25) ++bluish;
        }
    BOOST_TEST(colours.size() > 20U);  // a flat plane and a flat pool: shading, edges, sky
    BOOST_TEST(bluish > 100);
    BOOST_TEST(image.inked(layout.legend) > 500);
    BOOST_CHECK_THROW(renderer.render_3d(viz::MapScene{}, png), std::invalid_argument);
}

BOOST_FIXTURE_TEST_CASE(animation_has_one_frame_per_map, Fixture) {
    require_ffmpeg();
    for (const char* name : {"flood.mp4", "flood.gif"}) {
        BOOST_TEST_CONTEXT(name) {
            viz::AnimationOptions options;
            options.width = 320;
            options.height = 240;
            options.keep_frames = true;
            const auto out = dir.path() / name;
            const viz::AnimationResult result = viz::render_animation(nc, out, options);
            BOOST_TEST(result.frames == S::maps);
            BOOST_TEST(std::filesystem::file_size(out) > 0U);
            std::size_t pngs = 0;
            for (const auto& entry : std::filesystem::directory_iterator(result.frames_dir)) {
                ++pngs;
                const Image frame = read_png(entry.path());
                BOOST_TEST(frame.width == 320);
            }
            BOOST_TEST(pngs == S::maps);
            // The frames in the movie itself, counted by ffprobe (part of the ffmpeg package).
            const auto count = dir.path() / "count.txt";
            const int status = viz::run_program({"ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                                                 "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0",
                                                 out.string()},
                                                count);
            BOOST_REQUIRE_MESSAGE(status == 0, "ffprobe failed on " << out << " (status " << status
                                                                    << "); it comes with the ffmpeg package");
            std::ifstream in(count);
            std::size_t frames = 0;
            in >> frames;
            BOOST_TEST(frames == S::maps);
        }
    }
    // Whole-run maps are not animations; names say the format.
    BOOST_CHECK_THROW(viz::render_animation(nc, dir.path() / "flood.avi", {}), std::invalid_argument);
    viz::AnimationOptions wrong;
    wrong.request.quantity = viz::MapQuantity::max_depth;
    BOOST_CHECK_THROW(viz::render_animation(nc, dir.path() / "x.mp4", wrong), std::invalid_argument);
}

// What `floodtwin run` with [output] maps = true and the demo leave behind.
BOOST_FIXTURE_TEST_CASE(run_maps_write_every_map, Fixture) {
    viz::RunMapsOptions options;
    options.width = 400;
    options.height = 300;
    options.stations = {{"G1", S::x0 + 25 * S::dx, S::y0 + 20 * S::dy, viz::WarningLevel::none}};
    require_ffmpeg();
    const auto out = dir.path() / "maps";
    const viz::RunMapsResult result = viz::render_run_maps(nc, out, options);
    const std::vector<std::string> names{"max_depth.png", "max_depth_3d.png", "arrival_time.png", "flood.mp4"};
    BOOST_TEST(result.skipped.empty());
    BOOST_TEST(result.written.size() == names.size());
    for (const auto& name : names) {
        BOOST_TEST(std::filesystem::file_size(out / name) > 0U, name);
        if (name.ends_with(".png")) BOOST_TEST(read_png(out / name).width == 400, name);
    }
    // Nothing else: the animation's frames are cleared away.
    BOOST_TEST(dir.entries(out).size() == names.size());
}

// Without ffmpeg a run still leaves its maps, and says the movie was not made.
BOOST_FIXTURE_TEST_CASE(run_maps_without_ffmpeg_skip_only_the_movie, Fixture) {
    viz::RunMapsOptions options;
    options.width = 320;
    options.height = 240;
    const auto out = dir.path() / "maps";
    viz::RunMapsResult result;
    {
        // An empty PATH: no ffmpeg to be found (the X display is xvfb-run's, already up).
        const PathOverride no_programs((dir.path() / "empty-bin").string());
        BOOST_REQUIRE(!viz::ffmpeg_available());
        result = viz::render_run_maps(nc, out, options);
    }
    BOOST_REQUIRE_EQUAL(result.skipped.size(), 1U);
    BOOST_TEST(result.skipped[0] == "flood.mp4: ffmpeg is not installed");
    BOOST_TEST(result.written.size() == 3U);
    BOOST_TEST(!std::filesystem::exists(out / "flood.mp4"));
    BOOST_TEST(dir.entries(out).size() == 3U);
}
