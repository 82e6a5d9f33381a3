// Unit: checkpoints round-trip a real run bit for bit, a resumed run ends bitwise
// identical to the uninterrupted one, and damaged or foreign files are refused with
// a message that names the file and says what is wrong.
#define BOOST_TEST_MODULE twin_checkpoint
#include <boost/test/unit_test.hpp>

#include "tests/support/temp_dir.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "grids/atomic_file.hpp"
#include "hydro/simulation.hpp"
#include "twin/state/checkpoint.hpp"

using namespace floodtwin;
namespace fs = std::filesystem;

namespace {

using TempDir = floodtwin::testing::TempDir;

// 12 x 9 cells of 5 m: a dam break from the western third, a point inflow inside the
// reservoir, a free outflow on the eastern edge, and a mound in the north-east corner
// that stays dry (so the envelopes keep NaN "never" entries).
constexpr int kNx = 12;
constexpr int kNy = 9;

hydro::Simulation make_simulation() {
    const hydro::Grid g{kNx, kNy, 5.0, 5.0};
    std::vector<double> bed(g.cells(), 0.0), depth(g.cells(), 0.0);
    for (int j = 0; j < g.ny; ++j)
        for (int i = 0; i < g.nx; ++i) {
            const std::size_t c = g.index(i, j);
            bed[c] = (i >= 9 && j >= 6) ? 5.0 : 0.01 * i;
            depth[c] = i < 4 ? 1.5 : (i < 9 ? 0.05 : 0.0);
        }
    hydro::Simulation sim(g, bed, hydro::SolverConfig{});
    sim.set_depth(depth);
    sim.set_manning(0.03);
    sim.add_boundary({"outlet", hydro::Edge::east, 0, -1, hydro::BoundaryKind::free, {}});
    sim.add_point_inflow({"culvert", {g.index(1, 4), g.index(1, 5)},
                          hydro::TimeSeries({0.0, 30.0}, {0.5, 2.0}, "test culvert")});
    return sim;
}

void run_steps(hydro::Simulation& sim, int steps) {
    for (int k = 0; k < steps; ++k) (void)sim.step();
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
    // memcmp must not see the null data() of an empty vector (UBSan).
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

bool same_accounts(const std::vector<hydro::FlowAccount>& a, const std::vector<hydro::FlowAccount>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t k = 0; k < a.size(); ++k)
        if (a[k].name != b[k].name || !same_bits(a[k].in_m3, b[k].in_m3) || !same_bits(a[k].out_m3, b[k].out_m3))
            return false;
    return true;
}

// Every field of two snapshots, doubles compared by their bits (NaN == NaN here).
void require_same_snapshot(const hydro::Snapshot& a, const hydro::Snapshot& b) {
    BOOST_TEST(same_bits(a.state.h, b.state.h));
    BOOST_TEST(same_bits(a.state.hu, b.state.hu));
    BOOST_TEST(same_bits(a.state.hv, b.state.hv));
    BOOST_TEST(same_bits(a.ledger.initial_storage_m3, b.ledger.initial_storage_m3));
    BOOST_TEST(same_bits(a.ledger.storage_m3, b.ledger.storage_m3));
    BOOST_TEST(same_accounts(a.ledger.boundaries, b.ledger.boundaries));
    BOOST_TEST(same_accounts(a.ledger.point_inflows, b.ledger.point_inflows));
    BOOST_TEST(same_bits(a.ledger.rain_m3, b.ledger.rain_m3));
    BOOST_TEST(same_bits(a.ledger.loss_m3, b.ledger.loss_m3));
    BOOST_TEST(same_bits(a.ledger.positivity_added_m3, b.ledger.positivity_added_m3));
    BOOST_TEST(same_bits(a.diagnostics.max_depth_m, b.diagnostics.max_depth_m));
    BOOST_TEST(same_bits(a.diagnostics.max_speed_m_s, b.diagnostics.max_speed_m_s));
    BOOST_TEST(same_bits(a.diagnostics.time_of_max_depth_s, b.diagnostics.time_of_max_depth_s));
    BOOST_TEST(same_bits(a.diagnostics.arrival_time_s, b.diagnostics.arrival_time_s));
    BOOST_TEST(same_bits(a.time_s, b.time_s));
    BOOST_TEST(a.steps == b.steps);
    BOOST_TEST(same_bits(a.next_speed, b.next_speed));
    BOOST_TEST(a.wet_rows == b.wet_rows);
}

twin::CheckpointMeta sample_meta() {
    twin::CheckpointMeta m;
    m.case_name = "valley";
    m.fingerprints = {{"grid", twin::fingerprint("grid 12x9")}, {"boundaries", twin::fingerprint("outlet free east")}};
    m.nx = kNx;
    m.ny = kNy;
    m.start_iso = "2024-05-01T06:00:00Z";
    m.state.numbers = {{"next_output_s", 600.0}, {"frames_written", 3.0}, {"negative_zero", -0.0}};
    m.state.arrays = {{"gauge_peaks", {1.25, std::numeric_limits<double>::quiet_NaN(),
                                       std::numeric_limits<double>::infinity(),
                                       std::numeric_limits<double>::denorm_min()}},
                      {"no_gauges", {}}};
    m.state.texts = {{"partial_results", "results/partial.nc"}, {"", ""}, {"with_nul", std::string("a\0b", 3)}};
    m.state.put_texts("list", {"one", "", "three:with colon", std::string("nul\0", 4)});
    return m;
}

std::string read_bytes(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const fs::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// CRC-32 bit by bit, deliberately not the table method the library uses: the two
// must agree on the trailer of every file.
std::uint32_t crc32_bitwise(std::string_view bytes) {
    std::uint32_t reg = 0xFFFFFFFFU;
    for (const char c : bytes) {
        reg ^= static_cast<unsigned char>(c);
        for (int k = 0; k < 8; ++k) reg = (reg >> 1) ^ (0xEDB88320U & (0U - (reg & 1U)));
    }
    return ~reg;
}

// A deliberately edited file with a valid checksum: the structural checks must
// catch what the checksum cannot.
void restamp_checksum(std::string& bytes) {
    const std::uint32_t crc = crc32_bitwise(std::string_view(bytes).substr(0, bytes.size() - 4));
    std::memcpy(bytes.data() + bytes.size() - 4, &crc, 4);
}

template <class T>
void poke(std::string& bytes, std::size_t offset, T value) {
    std::memcpy(bytes.data() + offset, &value, sizeof value);
}

// The message of the std::runtime_error `f` throws (the test fails if it throws none).
std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    BOOST_ERROR("expected a std::runtime_error");
    return {};
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Header: magic (14) + byte-order marker (4) + version (4) + length (8).
constexpr std::size_t kHeaderBytes = 30;
constexpr std::size_t kMarkerOffset = 14;
constexpr std::size_t kVersionOffset = 18;
// After the header comes "META" and its u64 length, then the case name's length.
constexpr std::size_t kCaseNameLengthOffset = kHeaderBytes + 4 + 8;

std::size_t nx_offset(const twin::CheckpointMeta& m) { return kCaseNameLengthOffset + 8 + m.case_name.size(); }

// A checkpoint of the sample run after 50 steps, written into `dir`.
fs::path write_sample(const fs::path& dir, hydro::Snapshot* snapshot = nullptr) {
    hydro::Simulation sim = make_simulation();
    run_steps(sim, 50);
    const fs::path path = dir / "run.ckpt";
    twin::write_checkpoint(path, sample_meta(), sim.snapshot());
    if (snapshot != nullptr) *snapshot = sim.snapshot();
    return path;
}

}  // namespace

BOOST_AUTO_TEST_CASE(fingerprint_is_fnv1a_64_in_hex) {
    // Reference values of FNV-1a 64 (Fowler-Noll-Vo test vectors).
    BOOST_TEST(twin::fingerprint("") == "cbf29ce484222325");
    BOOST_TEST(twin::fingerprint("a") == "af63dc4c8601ec8c");
    BOOST_TEST(twin::fingerprint("foobar") == "85944171f73967e8");
    BOOST_TEST(twin::fingerprint(std::string("a\0b", 3)) != twin::fingerprint("ab"));
}

BOOST_AUTO_TEST_CASE(snapshot_of_a_real_run_round_trips_bitwise) {
    TempDir dir;
    hydro::Snapshot original;
    const fs::path path = write_sample(dir.path(), &original);
    // The run must exercise what the file has to carry: flow, a dry mound, both accounts.
    BOOST_REQUIRE(original.steps == 50);
    BOOST_REQUIRE(std::any_of(original.diagnostics.arrival_time_s.begin(), original.diagnostics.arrival_time_s.end(),
                              [](double t) { return std::isnan(t); }));
    BOOST_REQUIRE(std::any_of(original.diagnostics.arrival_time_s.begin(), original.diagnostics.arrival_time_s.end(),
                              [](double t) { return std::isfinite(t); }));
    BOOST_REQUIRE(original.ledger.boundaries.size() == 1);
    BOOST_REQUIRE(original.ledger.point_inflows.size() == 1);
    BOOST_REQUIRE(original.ledger.point_inflows[0].in_m3 > 0.0);

    const twin::Checkpoint ck = twin::read_checkpoint(path);
    require_same_snapshot(ck.snapshot, original);
    BOOST_TEST(ck.snapshot.ledger.boundaries[0].name == "outlet");
    BOOST_TEST(ck.snapshot.ledger.point_inflows[0].name == "culvert");
}

// Weir links (breaches, detention inlets) travel in the LINK section: their accounts
// and when each opened (NaN: not yet), after the FACE section of an inertial run.
BOOST_AUTO_TEST_CASE(weir_links_round_trip_with_their_opening_times) {
    for (const hydro::Scheme scheme : {hydro::Scheme::fv2, hydro::Scheme::inertial}) {
        TempDir dir;
        hydro::Simulation sim = make_simulation();
        hydro::Simulation with(sim.grid(), std::vector<double>(sim.bed().begin(), sim.bed().end()),
                               hydro::SolverConfig{.scheme = scheme});
        with.set_state(sim.state());
        with.set_manning(0.03);
        with.add_boundary({"outlet", hydro::Edge::east, 0, -1, hydro::BoundaryKind::free, {}});
        with.add_point_inflow({"culvert", {5}, hydro::TimeSeries(1.0)});
        hydro::WeirLink open;
        open.name = "breach";
        open.strips = {{0, 2, 0.0, 1.0, 0, 2}};
        open.width_end_m = 1.0;
        open.sill_start_m = open.sill_end_m = -100.0;
        open.opens_at_s = 0.0;
        hydro::WeirLink shut = open;
        shut.name = "inlet";
        shut.opens_at_s = std::numeric_limits<double>::quiet_NaN();
        shut.trigger_level_m = 1e6;
        with.add_weir_link(open);
        with.add_weir_link(shut);
        run_steps(with, 20);
        const hydro::Snapshot original = with.snapshot();
        const fs::path path = dir.path() / "links.ckpt";
        twin::write_checkpoint(path, sample_meta(), original);
        const twin::Checkpoint ck = twin::read_checkpoint(path);
        require_same_snapshot(ck.snapshot, original);
        BOOST_TEST_REQUIRE(ck.snapshot.ledger.links.size() == 2u);
        BOOST_TEST(ck.snapshot.ledger.links[0].name == "breach");
        BOOST_TEST(same_bits(ck.snapshot.ledger.links[0].a_to_b_m3, original.ledger.links[0].a_to_b_m3));
        BOOST_TEST(same_bits(ck.snapshot.ledger.links[0].b_to_a_m3, original.ledger.links[0].b_to_a_m3));
        BOOST_TEST(same_bits(ck.snapshot.ledger.links[0].peak_m3_s, original.ledger.links[0].peak_m3_s));
        BOOST_TEST(ck.snapshot.link_opened_s[0] == 0.0);
        BOOST_TEST(std::isnan(ck.snapshot.link_opened_s[1]));
        BOOST_TEST(ck.snapshot.face_qx.size() == original.face_qx.size());
        BOOST_CHECK_NO_THROW(with.restore(ck.snapshot));
        // A checkpoint without them (the same boundary and inflow) does not fit this run.
        try {
            with.restore(sim.snapshot());
            BOOST_ERROR("a snapshot without the weir links was restored");
        } catch (const std::invalid_argument& e) {
            BOOST_TEST(contains(e.what(), "0 weir links (breaches, detention inlets), this run has 2"), e.what());
        }
    }
}

BOOST_AUTO_TEST_CASE(meta_round_trips_including_awkward_values) {
    TempDir dir;
    const fs::path path = write_sample(dir.path());
    const twin::CheckpointMeta want = sample_meta();
    const twin::CheckpointMeta got = twin::read_checkpoint(path).meta;
    BOOST_TEST(got.case_name == want.case_name);
    BOOST_TEST(got.fingerprints == want.fingerprints);
    BOOST_TEST(got.nx == kNx);
    BOOST_TEST(got.ny == kNy);
    BOOST_TEST(got.start_iso == want.start_iso);
    BOOST_TEST(got.state.texts == want.state.texts);
    BOOST_TEST((got.state.get_texts("list") == std::vector<std::string>{"one", "", "three:with colon",
                                                                        std::string("nul\0", 4)}));
    BOOST_REQUIRE(got.state.numbers.size() == want.state.numbers.size());
    for (const auto& [key, value] : want.state.numbers) {
        BOOST_REQUIRE(got.state.numbers.count(key) == 1);
        BOOST_TEST(same_bits(got.state.numbers.at(key), value), key);
    }
    BOOST_TEST(std::signbit(got.state.numbers.at("negative_zero")));
    BOOST_REQUIRE(got.state.arrays.size() == want.state.arrays.size());
    for (const auto& [key, values] : want.state.arrays) {
        BOOST_REQUIRE(got.state.arrays.count(key) == 1);
        BOOST_TEST(same_bits(got.state.arrays.at(key), values), key);
    }
    // A missing key is named with the file it was looked for in.
    const std::string e = error_of([&] { (void)twin::read_checkpoint(path).meta.state.get_number("absent"); });
    BOOST_TEST(contains(e, path.string()), e);
    BOOST_TEST(contains(e, "'absent'"), e);
}

BOOST_AUTO_TEST_CASE(resumed_run_ends_bitwise_identical_to_uninterrupted_run) {
    TempDir dir;
    hydro::Simulation uninterrupted = make_simulation();
    run_steps(uninterrupted, 50);
    const fs::path path = dir.path() / "mid.ckpt";
    twin::write_checkpoint(path, sample_meta(), uninterrupted.snapshot());

    hydro::Simulation resumed = make_simulation();
    resumed.restore(twin::read_checkpoint(path).snapshot);
    run_steps(uninterrupted, 60);
    run_steps(resumed, 60);

    BOOST_TEST(uninterrupted.steps() == 110U);
    require_same_snapshot(resumed.snapshot(), uninterrupted.snapshot());
}

BOOST_AUTO_TEST_CASE(trailer_is_crc32_of_everything_before_it) {
    TempDir dir;
    const std::string bytes = read_bytes(write_sample(dir.path()));
    BOOST_REQUIRE(crc32_bitwise("123456789") == 0xCBF43926U);  // the standard check value
    BOOST_TEST(bytes.substr(0, 14) == "FLOODTWIN-CKPT");
    std::uint64_t length = 0;
    std::memcpy(&length, bytes.data() + 22, sizeof length);
    BOOST_TEST(length == bytes.size());
    std::uint32_t stored = 0;
    std::memcpy(&stored, bytes.data() + bytes.size() - 4, sizeof stored);
    BOOST_TEST(stored == crc32_bitwise(std::string_view(bytes).substr(0, bytes.size() - 4)));
}

BOOST_AUTO_TEST_CASE(damaged_byte_is_reported_as_corrupt) {
    TempDir dir;
    const fs::path path = write_sample(dir.path());
    std::string bytes = read_bytes(path);
    bytes[bytes.size() / 2] ^= 0x01;  // one bit, in the middle of the state arrays
    write_bytes(path, bytes);
    const std::string m = error_of([&] { (void)twin::read_checkpoint(path); });
    BOOST_TEST(contains(m, path.string()), m);
    BOOST_TEST(contains(m, "corrupt"), m);
    BOOST_TEST(contains(m, "checksum"), m);
}

BOOST_AUTO_TEST_CASE(truncated_file_is_refused) {
    TempDir dir;
    const fs::path path = write_sample(dir.path());
    const std::string bytes = read_bytes(path);
    for (const std::size_t keep : {bytes.size() - 1, bytes.size() / 2, kHeaderBytes + 2, std::size_t{20}}) {
        write_bytes(path, bytes.substr(0, keep));
        const std::string m = error_of([&] { (void)twin::read_checkpoint(path); });
        BOOST_TEST(contains(m, path.string()), m);
        BOOST_TEST(contains(m, "truncated"), m);
    }
    write_bytes(path, "");
    const std::string empty = error_of([&] { (void)twin::read_checkpoint(path); });
    BOOST_TEST(contains(empty, "not a floodtwin checkpoint"), empty);
}

BOOST_AUTO_TEST_CASE(foreign_file_is_refused_as_not_a_checkpoint) {
    TempDir dir;
    const fs::path path = write_sample(dir.path());
    std::string bytes = read_bytes(path);
    bytes[0] = 'f';
    write_bytes(path, bytes);
    std::string m = error_of([&] { (void)twin::read_checkpoint(path); });
    BOOST_TEST(contains(m, path.string()), m);
    BOOST_TEST(contains(m, "not a floodtwin checkpoint"), m);

    write_bytes(path, "name = \"valley\"\n[grid]\nnx = 12\n");
    m = error_of([&] { (void)twin::read_checkpoint(path); });
    BOOST_TEST(contains(m, "not a floodtwin checkpoint"), m);
}

BOOST_AUTO_TEST_CASE(other_byte_order_and_other_version_are_refused) {
    TempDir dir;
    const fs::path path = write_sample(dir.path());
    const std::string good = read_bytes(path);

    std::string swapped = good;
    std::reverse(swapped.begin() + kMarkerOffset, swapped.begin() + kMarkerOffset + 4);
    write_bytes(path, swapped);
    std::string m = error_of([&] { (void)twin::read_checkpoint(path); });
    BOOST_TEST(contains(m, path.string()), m);
    BOOST_TEST(contains(m, "byte order"), m);

    std::string future = good;
    poke(future, kVersionOffset, std::uint32_t{4});
    restamp_checksum(future);
    write_bytes(path, future);
    m = error_of([&] { (void)twin::read_checkpoint(path); });
    BOOST_TEST(contains(m, "unsupported format version 4 (this build reads version 3)"), m);

    // A version 2 file (a copy of the results in each checkpoint) is refused by name.
    std::string older = good;
    poke(older, kVersionOffset, std::uint32_t{2});
    restamp_checksum(older);
    write_bytes(path, older);
    m = error_of([&] { (void)twin::read_checkpoint(path); });
    BOOST_TEST(contains(m, "unsupported format version 2"), m);
}

BOOST_AUTO_TEST_CASE(missing_file_is_refused) {
    TempDir dir;
    const fs::path path = dir.path() / "nowhere.ckpt";
    const std::string m = error_of([&] { (void)twin::read_checkpoint(path); });
    BOOST_TEST(contains(m, path.string()), m);
    BOOST_TEST(contains(m, "no such file"), m);
}

BOOST_AUTO_TEST_CASE(arrays_that_do_not_fit_the_grid_are_refused) {
    TempDir dir;
    const fs::path path = write_sample(dir.path());
    std::string bytes = read_bytes(path);
    // A file claiming an 11 x 9 grid over 12 x 9 arrays, with a valid checksum.
    poke(bytes, nx_offset(sample_meta()), std::int32_t{11});
    restamp_checksum(bytes);
    write_bytes(path, bytes);
    const std::string m = error_of([&] { (void)twin::read_checkpoint(path); });
    BOOST_TEST(contains(m, path.string()), m);
    BOOST_TEST(contains(m, "h holds 108 values, the grid has 99 cells"), m);

    // The writer refuses such a snapshot before it writes anything.
    hydro::Snapshot small;
    small.state.resize(4);
    small.diagnostics.resize(4);
    small.wet_rows.assign(kNy, 1);
    const fs::path never = dir.path() / "never.ckpt";
    BOOST_CHECK_THROW(twin::write_checkpoint(never, sample_meta(), small), std::invalid_argument);
    BOOST_TEST(!fs::exists(never));
}

BOOST_AUTO_TEST_CASE(absurd_lengths_are_refused_without_allocating) {
    TempDir dir;
    const fs::path path = write_sample(dir.path());
    const std::string good = read_bytes(path);

    std::string bytes = good;
    poke(bytes, kCaseNameLengthOffset, std::uint64_t{1000000000000000000ULL});
    restamp_checksum(bytes);
    write_bytes(path, bytes);
    std::string m = error_of([&] { (void)twin::read_checkpoint(path); });
    BOOST_TEST(contains(m, path.string()), m);
    BOOST_TEST(contains(m, "malformed"), m);

    // The count of a meta array, which has no grid size to be checked against.
    bytes = good;
    const std::string key = "gauge_peaks";
    const auto at = bytes.find(key);
    BOOST_REQUIRE(at != std::string::npos);
    poke(bytes, at + key.size(), std::uint64_t{1ULL << 61});
    restamp_checksum(bytes);
    write_bytes(path, bytes);
    m = error_of([&] { (void)twin::read_checkpoint(path); });
    BOOST_TEST(contains(m, "malformed"), m);
    BOOST_TEST(contains(m, "gauge_peaks"), m);
}

BOOST_AUTO_TEST_CASE(checkpoint_of_another_case_or_grid_is_refused) {
    TempDir dir;
    const fs::path path = write_sample(dir.path());
    const twin::Checkpoint ck = twin::read_checkpoint(path);
    const std::map<std::string, std::string> parts = {{"grid", "the DEM"}, {"boundaries", "the boundaries"}};
    twin::CheckpointMeta run = sample_meta();
    run.case_name = "delta";  // the name alone does not matter: the parts do

    BOOST_CHECK_NO_THROW(twin::check_checkpoint_matches(ck, path, run, parts));

    twin::CheckpointMeta other = run;
    other.fingerprints["boundaries"] = twin::fingerprint("outlet stage east");
    std::string e = error_of([&] { twin::check_checkpoint_matches(ck, path, other, parts); });
    BOOST_TEST(contains(e, path.string()), e);
    BOOST_TEST(contains(e, "'valley'"), e);
    BOOST_TEST(contains(e, "'delta'"), e);
    BOOST_TEST(contains(e, "boundaries (the boundaries)"), e);
    BOOST_TEST(!contains(e, "grid (the DEM)"), e);
    // A part the checkpoint does not hold differs too; a part not asked for does not count.
    other = run;
    other.fingerprints["network"] = twin::fingerprint("a network");
    BOOST_CHECK_NO_THROW(twin::check_checkpoint_matches(ck, path, other, parts));
    e = error_of([&] { twin::check_checkpoint_matches(ck, path, other, {{"network", "the river network"}}); });
    BOOST_TEST(contains(e, "network (the river network)"), e);

    other = run;
    other.ny = kNy + 1;
    e = error_of([&] { twin::check_checkpoint_matches(ck, path, other, parts); });
    BOOST_TEST(contains(e, "12 x 9"), e);
    BOOST_TEST(contains(e, "12 x 10"), e);
    other = run;
    other.nx = kNx - 1;
    e = error_of([&] { twin::check_checkpoint_matches(ck, path, other, parts); });
    BOOST_TEST(contains(e, "11 x 9"), e);
}

BOOST_AUTO_TEST_CASE(write_leaves_only_the_checkpoint_behind) {
    TempDir dir;
    const fs::path path = write_sample(dir.path());
    // Writing again replaces the file in place: still one file, no temporaries.
    twin::write_checkpoint(path, sample_meta(), twin::read_checkpoint(path).snapshot);
    std::vector<fs::path> entries;
    for (const auto& e : fs::directory_iterator(dir.path())) entries.push_back(e.path().filename());
    BOOST_REQUIRE(entries.size() == 1U);
    BOOST_TEST(entries[0] == path.filename());
}

BOOST_AUTO_TEST_CASE(failed_write_keeps_the_previous_checkpoint) {
    TempDir dir;
    hydro::Snapshot first;
    const fs::path path = write_sample(dir.path(), &first);
    const std::string before = read_bytes(path);

    // A folder where the writer's temporary file should go makes the write fail
    // (permissions would not stop a test run as root).
    fs::path tmp;
    {
        const grids::AtomicFile probe(path);
        tmp = probe.temporary();
    }
    fs::create_directories(tmp / "blocker");
    twin::CheckpointMeta later = sample_meta();
    later.state.put("next_output_s", 1200.0);
    const std::string m = error_of([&] { twin::write_checkpoint(path, later, first); });
    BOOST_TEST(contains(m, tmp.string()), m);

    BOOST_TEST(read_bytes(path) == before);
    BOOST_TEST(twin::read_checkpoint(path).meta.state.get_number("next_output_s") == 600.0);
}

BOOST_AUTO_TEST_CASE(failed_commit_leaves_no_temporary_file) {
    TempDir dir;
    hydro::Snapshot snap;
    (void)write_sample(dir.path(), &snap);
    // The target is a folder that is not empty: the final rename fails.
    const fs::path target = dir.path() / "taken";
    fs::create_directories(target / "inside");
    BOOST_CHECK_THROW(twin::write_checkpoint(target, sample_meta(), snap), std::runtime_error);
    for (const auto& e : fs::directory_iterator(dir.path()))
        BOOST_TEST(!contains(e.path().filename().string(), ".tmp"), e.path());

    // A parent that cannot be created (it is a file) fails before anything is written.
    const fs::path under_file = dir.path() / "run.ckpt" / "sub" / "x.ckpt";
    BOOST_CHECK_THROW(twin::write_checkpoint(under_file, sample_meta(), snap), std::runtime_error);
    BOOST_CHECK_NO_THROW((void)twin::read_checkpoint(dir.path() / "run.ckpt"));
}
