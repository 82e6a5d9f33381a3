// Regression, reliability: checkpoints as a run that is killed or stopped needs them.
// Disk use grows with the run's length (maps kept once, in segments), only the latest
// output.checkpoint_keep stay, checkpoints less than a second apart keep their own files,
// a damaged or missing map segment is refused by name, and a run resumed from its final
// checkpoint rewrites the final outputs as they were.
#define BOOST_TEST_MODULE twin_regression_reliability
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "tests/support/files.hpp"
#include "tests/support/run_options.hpp"
#include "tests/support/temp_dir.hpp"
#include "twin/run/run.hpp"

namespace fs = std::filesystem;
using namespace floodtwin;
using floodtwin::testing::read_text;
using floodtwin::testing::TempDir;

namespace {

const fs::path kCases = fs::path(FLOODTWIN_SOURCE_DIR) / "cases/examples";

// valley-flood, its inflow (2 h of points) held at its last value over longer runs.
twin::RunOptions flood(const fs::path& out, std::vector<std::string> overrides) {
    overrides.insert(overrides.begin(), "boundary[0].extend=hold");
    return testing::quiet_run(kCases / "valley-flood/case.toml", out, std::move(overrides));
}

std::uintmax_t bytes_in(const fs::path& dir) {
    std::uintmax_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) n += e.file_size();
    return n;
}

std::set<std::string> names(const fs::path& dir, const std::string& ending) {
    std::set<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) {
        const std::string n = e.path().filename().string();
        if (n.size() >= ending.size() && n.compare(n.size() - ending.size(), ending.size(), ending) == 0) out.insert(n);
    }
    return out;
}

std::string error_of(const twin::RunOptions& o) {
    try {
        twin::run_case(o);
    } catch (const std::exception& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

// A 12-hour run checkpointed every hour: the probe found 27.7 MB of checkpoints for
// 1.2 MB of results (each copied every result so far). The bound is 3x the results.
BOOST_AUTO_TEST_CASE(checkpoints_of_a_12_hour_run_take_at_most_three_times_its_results) {
    TempDir out("disk");
    twin::run_case(flood(out.path(), {"case.duration=12h", "output.checkpoint_interval=1h"}));
    const std::uintmax_t checkpoints = bytes_in(out.path() / "checkpoints");
    const std::uintmax_t all = bytes_in(out.path());
    const std::uintmax_t results = all - checkpoints;
    BOOST_TEST_MESSAGE("12 h: results " << results << " bytes, checkpoints " << checkpoints << " bytes ("
                                        << static_cast<double>(checkpoints) / static_cast<double>(results) << "x)");
    BOOST_TEST(checkpoints <= 3 * results);
    // The latest two checkpoints stay (output.checkpoint_keep = 2), with one map segment per interval.
    BOOST_TEST(names(out.path() / "checkpoints", ".ckpt") ==
               (std::set<std::string>{"checkpoint_000039600.000.ckpt", "checkpoint_000043200.000.ckpt"}));
    BOOST_TEST(names(out.path() / "checkpoints", ".nc").size() == 12u);
}

BOOST_AUTO_TEST_CASE(checkpoints_less_than_a_second_apart_keep_their_own_files) {
    TempDir out("subsecond");
    twin::run_case(flood(out.path(), {"case.duration=2s", "output.checkpoint_interval=0.4s", "output.map_interval=1s",
                                      "output.checkpoint_keep=10"}));
    BOOST_TEST(names(out.path() / "checkpoints", ".ckpt") ==
               (std::set<std::string>{"checkpoint_000000000.400.ckpt", "checkpoint_000000000.800.ckpt",
                                      "checkpoint_000000001.200.ckpt", "checkpoint_000000001.600.ckpt",
                                      "checkpoint_000000002.000.ckpt"}));
}

BOOST_AUTO_TEST_CASE(run_resumed_from_its_final_checkpoint_rewrites_the_final_outputs) {
    TempDir whole("final"), again("again");
    twin::run_case(flood(whole.path(), {}));  // 2 h, a checkpoint every hour: the last at the end
    const fs::path last = whole.path() / "checkpoints/checkpoint_000007200.000.ckpt";
    BOOST_TEST_REQUIRE(fs::exists(last));
    auto o = flood(again.path(), {});
    o.resume = last;
    twin::run_case(o);
    for (const char* f : {"gauges.csv", "mass_balance.csv", "max_depth.tif", "arrival_time.tif"})
        BOOST_TEST(read_text(whole.path() / f) == read_text(again.path() / f), f);
}

BOOST_AUTO_TEST_CASE(damaged_or_missing_map_segments_are_refused_by_name) {
    TempDir run("segments"), again("again");
    twin::run_case(flood(run.path(), {}));
    const fs::path ck = run.path() / "checkpoints/checkpoint_000007200.000.ckpt";
    const fs::path segment = run.path() / "checkpoints/maps_000001.nc";
    BOOST_TEST_REQUIRE(fs::exists(segment));
    std::string bytes = read_text(segment);
    bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x55);
    std::ofstream(segment, std::ios::binary) << bytes;
    auto o = flood(again.path(), {});
    o.resume = ck;
    std::string m = error_of(o);
    BOOST_TEST(m.find(segment.string() + " is damaged (CRC-32 checksum mismatch)") != std::string::npos, m);
    fs::remove(segment);
    m = error_of(o);
    BOOST_TEST(m.find(segment.string() + " is missing") != std::string::npos, m);
}
