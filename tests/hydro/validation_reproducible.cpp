// Validation: the same numbers from every build. The standard problems (the benchmark's
// fully wet dam break, fv1 and fv2, and the wet-dry scenarios with boundaries, a culvert,
// losses and rain) end on stored checksums of their whole state, envelopes and ledger,
// on 1 and 2 threads. The checksums were recorded by the portable Release build; the
// native build (-march=native), the Debug build under the sanitizers and any thread
// count must give them to the bit: no FMA contraction (-ffp-contract=off), no
// reassociation, fixed-order sums. To re-record after an intended change of the
// numerics, run with --log_level=message and copy the printed checksums.
#define BOOST_TEST_MODULE hydro_validation_reproducible
#include <boost/test/unit_test.hpp>

#include <omp.h>

#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "bench/dambreak_problem.hpp"
#include "hydro/simulation.hpp"
#include "tests/support/hydro_scenarios.hpp"

using namespace floodtwin;
using namespace floodtwin::hydro;

namespace {

// FNV-1a 64 over the raw bytes of every number the run ends with.
class Checksum {
public:
    void add(const void* data, std::size_t n) {
        const auto* p = static_cast<const unsigned char*>(data);
        for (std::size_t k = 0; k < n; ++k) {
            m_hash ^= p[k];
            m_hash *= 0x100000001B3ULL;
        }
    }
    void add(double v) { add(&v, sizeof v); }
    void add(const std::vector<double>& v) { add(v.data(), v.size() * sizeof(double)); }
    [[nodiscard]] std::string hex() const {
        char buf[20];
        std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(m_hash));
        return buf;
    }

private:
    std::uint64_t m_hash = 0xCBF29CE484222325ULL;
};

std::string checksum(const Simulation& sim) {
    Checksum c;
    for (const auto* v : {&sim.state().h, &sim.state().hu, &sim.state().hv, &sim.diagnostics().max_depth_m,
                          &sim.diagnostics().max_speed_m_s, &sim.diagnostics().time_of_max_depth_s,
                          &sim.diagnostics().arrival_time_s})
        c.add(*v);
    const MassLedger& l = sim.ledger();
    for (double v : {l.initial_storage_m3, l.storage_m3, l.rain_m3, l.loss_m3, l.positivity_added_m3, sim.time()})
        c.add(v);
    for (const auto* accounts : {&l.boundaries, &l.point_inflows})
        for (const FlowAccount& a : *accounts) {
            c.add(a.in_m3);
            c.add(a.out_m3);
        }
    c.add(static_cast<double>(sim.steps()));
    return c.hex();
}

struct Problem {
    std::string name;
    std::function<Simulation(int min_cells_per_thread)> make;
    std::function<void(Simulation&)> run;
    std::string expected;  // recorded by the portable Release build
};

SolverConfig config(Scheme scheme, int min_cells_per_thread) {
    SolverConfig c;
    c.scheme = scheme;
    c.min_cells_per_thread = min_cells_per_thread;
    return c;
}

void steps(Simulation& sim, int n) {
    for (int k = 0; k < n; ++k) (void)sim.step();
}

const std::vector<Problem>& problems() {
    static const std::vector<Problem> all = {
        {"dambreak 256 fv1, 60 steps", [](int m) { return bench::dambreak(256, config(Scheme::fv1, m)); },
         [](Simulation& s) { steps(s, 60); }, "d2c9d4b611eead2d"},
        {"dambreak 256 fv2, 40 steps", [](int m) { return bench::dambreak(256, config(Scheme::fv2, m)); },
         [](Simulation& s) { steps(s, 40); }, "49a6ab87a2d0606f"},
        {"dam break with friction, culvert and loss, fv1, 60 s",
         [](int m) { return hydro::scenarios::dam_break_friction(Scheme::fv1, m); }, [](Simulation& s) { s.advance_to(60.0); },
         "f6334a1281932bb5"},
        {"dam break with friction, culvert and loss, fv2, 60 s",
         [](int m) { return hydro::scenarios::dam_break_friction(Scheme::fv2, m); }, [](Simulation& s) { s.advance_to(60.0); },
         "2b8fa020101d6490"},
        {"rain on a slope, fv2, 600 s", [](int m) { return hydro::scenarios::rain_slope(Scheme::fv2, m); },
         [](Simulation& s) { s.advance_to(600.0); }, "cf4931d652629c81"},
    };
    return all;
}

}  // namespace

BOOST_AUTO_TEST_CASE(standard_problems_end_on_their_stored_checksums) {
    for (const Problem& p : problems()) {
        BOOST_TEST_CONTEXT(p.name) {
            std::vector<std::string> sums;
            for (const int threads : {1, 2}) {
                omp_set_num_threads(threads);
                // Few cells per thread, so that two threads really share the rows.
                Simulation sim = p.make(threads == 1 ? 1 << 30 : 256);
                p.run(sim);
                sums.push_back(checksum(sim));
            }
            omp_set_num_threads(1);
            BOOST_TEST_MESSAGE(p.name << ": checksum " << sums[0]);
            BOOST_TEST(sums[0] == sums[1], "1 and 2 threads");
            BOOST_TEST(sums[0] == p.expected, "the stored checksum");
        }
    }
}
