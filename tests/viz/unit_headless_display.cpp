// HeadlessDisplay: with no DISPLAY it starts a private Xvfb that VTK can render on,
// and takes it down again; with a DISPLAY it leaves things alone. Runs without
// xvfb-run (it is the thing that replaces it) and needs the Xvfb program.
#define BOOST_TEST_MODULE viz_headless_display
#include <boost/test/unit_test.hpp>

#include "tests/support/temp_dir.hpp"
#include "viz/headless_display.hpp"
#include "viz/map_renderer.hpp"

#include <cmath>
#include <cstdlib>
#include <string>

namespace viz = floodtwin::viz;
using ScratchDir = floodtwin::testing::TempDir;

BOOST_AUTO_TEST_CASE(starts_xvfb_when_no_display_and_renders) {
    ::unsetenv("DISPLAY");
    ScratchDir dir;
    {
        const viz::HeadlessDisplay display;
        BOOST_TEST(display.started_server());
        BOOST_REQUIRE(std::getenv("DISPLAY"));
        BOOST_TEST(std::string(std::getenv("DISPLAY")) == display.display());
        {
            viz::MapScene scene;
            scene.grid = {4, 3, 0.0, 0.0, 10.0, 10.0};
            scene.values.assign(12, 0.5);
            scene.title = "headless";
            viz::MapRenderer renderer(128, 96);
            renderer.render_map(scene, dir.path() / "map.png");
        }
        BOOST_TEST(std::filesystem::file_size(dir.path() / "map.png") > 0U);

        // A second one inside the first finds DISPLAY set and starts nothing.
        const viz::HeadlessDisplay nested;
        BOOST_TEST(!nested.started_server());
        BOOST_TEST(nested.display() == display.display());
    }
    BOOST_TEST(std::getenv("DISPLAY") == nullptr);
}
