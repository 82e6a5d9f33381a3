// Unit: a checkpoint written by another build of the same format version (the stored
// tests/data/checkpoint-v3, written by the portable Release build) is read by this
// build and resumed, and the run ends byte for byte where this build's uninterrupted
// run ends: the format carries every part of the state (2D, network, dispatch, gauges,
// mass balance), and builds give the same numbers.
#define BOOST_TEST_MODULE twin_unit_checkpoint_fixture
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/files.hpp"
#include "tests/support/temp_dir.hpp"
#include "twin/run/run.hpp"
#include "twin/state/checkpoint.hpp"

namespace fs = std::filesystem;
using namespace floodtwin;

namespace {

const fs::path kSource(FLOODTWIN_SOURCE_DIR);
const fs::path kFixture = kSource / "tests/data/checkpoint-v3/checkpoint_000010800.000.ckpt";

twin::RunOptions coupled_valley(const fs::path& out) {
    twin::RunOptions o;
    o.case_file = kSource / "cases/examples/valley-coupled/case.toml";
    o.out_dir = out;
    o.quiet = true;
    o.overrides = {"grid.resolution=200", "case.duration=4h", "output.checkpoint_interval=3h"};
    return o;
}

}  // namespace

BOOST_AUTO_TEST_CASE(stored_checkpoint_is_read_and_holds_every_part) {
    const twin::Checkpoint ck = twin::read_checkpoint(kFixture);
    BOOST_TEST(ck.meta.case_name == "valley-coupled");
    BOOST_TEST(ck.snapshot.time_s == 10800.0);
    for (const char* key : {"run.next_map_s", "run.map_segments", "network.time_s", "network.reach[1].routing", "network.reservoir.level_m",
                            "dispatch.event.time_s", "recorder.time_s", "gauges.samples", "mass_balance.rows"})
        BOOST_TEST(ck.meta.state.has(key), key);
    for (const char* part : {"grid", "scheme", "boundaries", "gauges", "network", "start"})
        BOOST_TEST(ck.meta.fingerprints.count(part) == 1u, part);
}

BOOST_AUTO_TEST_CASE(run_resumed_from_another_build_ends_where_this_build_ends) {
    testing::TempDir whole("whole"), resumed("resumed");
    twin::run_case(coupled_valley(whole.path()));
    auto o = coupled_valley(resumed.path());
    o.resume = kFixture;
    twin::run_case(o);
    for (const char* f : {"hydrographs.csv", "reservoirs.csv", "dispatch_log.csv", "gauges.csv", "mass_balance.csv",
                          "max_depth.tif", "arrival_time.tif"})
        BOOST_TEST(testing::read_text(whole.path() / f) == testing::read_text(resumed.path() / f),
                   f << " (after an intended change of the numerics or the format: "
                        "bash scripts/make-checkpoint-fixture.sh)");
}
