// Unit tests of the row kernels (row_kernels.hpp) and the row reductions
// (row_reductions.hpp): each kernel gives, bit for bit, its pointwise functions
// (reconstruction.hpp, flux.hpp, cell_update.hpp) applied cell by cell; a lake at rest
// over a rough bed with dry islands gets no divergence; dry faces carry nothing; the
// CFL speed, the envelopes and arrival time, the loss limit and the accounting of the
// clamp at zero depth.
#define BOOST_TEST_MODULE hydro_row_kernels
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "hydro/cell_update.hpp"
#include "hydro/cfl.hpp"
#include "hydro/edge_flux.hpp"
#include "hydro/flux.hpp"
#include "hydro/reconstruction.hpp"
#include "hydro/row_kernels.hpp"
#include "hydro/row_reductions.hpp"

using namespace floodtwin::hydro;

namespace {

constexpr double g = 9.81;
constexpr double dry = 1e-4;
constexpr int n = 37;  // not a multiple of the vector width: the loops' tails run too
// A lake at rest: |change of h| and |change of hu, hv| over one update, relative to
// the depth and to dt/dx g h^2 (the size of one face's pressure term). The bed and
// level pass through h = level - z and back, so a few roundings remain.
constexpr double lake_round_off_tol = 1e-13;

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof(double)) == 0; }

using Row = std::vector<double>;

struct Random {
    std::mt19937_64 rng{20250611};
    double uniform(double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); }
    // Depths from 1 mm to 5 m on a log scale, a fifth of them dry (0 or a film).
    Row depths() {
        Row h(n);
        for (double& x : h) {
            const double p = uniform(0.0, 1.0);
            x = p < 0.1 ? 0.0 : p < 0.2 ? uniform(0.0, dry) : std::exp(uniform(std::log(1e-3), std::log(5.0)));
        }
        return h;
    }
    Row values(double lo, double hi) {
        Row v(n);
        for (double& x : v) x = uniform(lo, hi);
        return v;
    }
};

// The four arrays of a row of faces.
struct Faces {
    Row m, nl, nr, t;
    explicit Faces(int count) : m(count, 0.0), nl(count, 0.0), nr(count, 0.0), t(count, 0.0) {}
    rows::FaceRow row(int shift = 0) {
        return {m.data() + shift, nl.data() + shift, nr.data() + shift, t.data() + shift};
    }
};

// Random face fluxes of the size a moving flow gives.
Faces random_faces(Random& r, int count) {
    Faces f(count);
    for (int i = 0; i < count; ++i) {
        f.m[i] = r.uniform(-3.0, 3.0);
        f.nl[i] = r.uniform(0.0, 40.0);
        f.nr[i] = f.nl[i] + r.uniform(-2.0, 2.0);
        f.t[i] = r.uniform(-3.0, 3.0);
    }
    return f;
}

// The inputs of an update row kernel: the state, the faces of the row, the slopes.
struct UpdateRow {
    Row h, hu, hv;
    Faces fx{n + 1}, below{n}, above{n};
    Row sxh, sxe, syh, sye;
    Row oh, ohu, ohv;  // the state Blend averages with, overwritten by the result
    explicit UpdateRow(Random& r)
        : h(r.depths()), hu(r.values(-2.0, 2.0)), hv(r.values(-2.0, 2.0)), fx(random_faces(r, n + 1)),
          below(random_faces(r, n)), above(random_faces(r, n)), sxh(r.values(-0.1, 0.1)), sxe(r.values(-0.1, 0.1)),
          syh(r.values(-0.1, 0.1)), sye(r.values(-0.1, 0.1)), oh(r.depths()), ohu(r.values(-2.0, 2.0)),
          ohv(r.values(-2.0, 2.0)) {}
    CellState cell(int i) const { return {h[i], hu[i], hv[i]}; }
    CellState old(int i) const { return {oh[i], ohu[i], ohv[i]}; }
    CellFaces faces(int i) const {
        return {fx.m[i],  fx.m[i + 1],  below.m[i],  above.m[i],  fx.nr[i], fx.nl[i + 1],
                below.t[i], above.t[i], fx.t[i],     fx.t[i + 1], below.nr[i], above.nl[i]};
    }
    CellSlopes slopes(int i) const { return {sxh[i], sxe[i], syh[i], sye[i]}; }
};

constexpr double dtdx = 0.02, dtdy = 0.03, rdx = 0.5, rdy = 0.25;

template <bool SecondOrder, bool Blend>
void check_update_matches_pointwise() {
    Random r;
    for (int trial = 0; trial < 20; ++trial) {
        UpdateRow u(r);
        const UpdateRow before = u;
        constexpr double dt = 0.5;
        Row speed(n), added(n);
        const Row manning = r.values(0.0, 0.1);
        rows::update<SecondOrder, Blend>(u.h.data(), u.hu.data(), u.hv.data(), u.fx.row(), u.below.row(),
                                         u.above.row(), u.sxh.data(), u.sxe.data(), u.syh.data(), u.sye.data(),
                                         u.oh.data(), u.ohu.data(), u.ohv.data(), speed.data(), added.data(),
                                         manning.data(), n, dt, dtdx, dtdy, g, dry, rdx, rdy);
        for (int i = 0; i < n; ++i) {
            const Divergence d = flux_divergence<SecondOrder, Blend>(
                before.cell(i), before.faces(i), before.slopes(i), before.old(i), dtdx, dtdy, g, manning[i], dt, dry);
            const StageCell c = finish_stage_cell(d.s, manning[i], dt, g, dry, rdx, rdy);
            BOOST_TEST_REQUIRE(same_bits(u.oh[i], c.s.h));
            BOOST_TEST_REQUIRE(same_bits(u.ohu[i], c.s.hu));
            BOOST_TEST_REQUIRE(same_bits(u.ohv[i], c.s.hv));
            BOOST_TEST_REQUIRE(same_bits(speed[i], c.cfl_speed));
            BOOST_TEST_REQUIRE(same_bits(added[i], d.positivity_added_m));
        }
    }
}

template <bool SecondOrder, bool Blend>
void check_update_final_matches_pointwise() {
    Random r;
    constexpr double dt = 0.5, rain_depth = 2e-3, t = 120.0, arrival_depth = 0.1;
    for (int trial = 0; trial < 20; ++trial) {
        UpdateRow u(r);
        const UpdateRow before = u;
        const Row weight = r.values(0.0, 2.0), loss_rate = r.values(0.0, 0.01), manning = r.values(0.0, 0.1);
        Row loss(n), added(n), speed(n), max_h = r.values(0.0, 3.0), max_speed = r.values(0.0, 2.0),
                                          t_max = r.values(0.0, 100.0), arrival = r.values(0.0, 100.0);
        for (int i = 0; i < n; i += 3) arrival[i] = std::numeric_limits<double>::quiet_NaN();  // not yet arrived
        const Row max_h0 = max_h, max_speed0 = max_speed, t_max0 = t_max, arrival0 = arrival;
        const rows::FinalRow fr{weight.data(),  loss_rate.data(), manning.data(), loss.data(),
                                added.data(),   speed.data(),     max_h.data(),   max_speed.data(),
                                t_max.data(),   arrival.data()};
        rows::update_final<SecondOrder, Blend>(u.h.data(), u.hu.data(), u.hv.data(), u.fx.row(), u.below.row(),
                                               u.above.row(), u.sxh.data(), u.sxe.data(), u.syh.data(), u.sye.data(),
                                               u.oh.data(), u.ohu.data(), u.ohv.data(), fr, n, dt, dtdx, dtdy, g, dry,
                                               rain_depth, t, arrival_depth, rdx, rdy);
        for (int i = 0; i < n; ++i) {
            const Divergence d = flux_divergence<SecondOrder, Blend>(
                before.cell(i), before.faces(i), before.slopes(i), before.old(i), dtdx, dtdy, g, manning[i], dt, dry);
            const FinalCell c = finish_final_cell<!Blend>(d.s, {rain_depth * weight[i], loss_rate[i], manning[i]}, dt,
                                                          g, dry, rdx, rdy);
            const Envelope e = update_envelope({max_h0[i], max_speed0[i], t_max0[i], arrival0[i]}, c.s.h,
                                               c.speed_m_s, t, arrival_depth);
            BOOST_TEST_REQUIRE(same_bits(u.oh[i], c.s.h));
            BOOST_TEST_REQUIRE(same_bits(u.ohu[i], c.s.hu));
            BOOST_TEST_REQUIRE(same_bits(u.ohv[i], c.s.hv));
            BOOST_TEST_REQUIRE(same_bits(loss[i], c.loss_m));
            BOOST_TEST_REQUIRE(same_bits(added[i], d.positivity_added_m));
            BOOST_TEST_REQUIRE(same_bits(speed[i], c.cfl_speed));
            BOOST_TEST_REQUIRE(same_bits(max_h[i], e.max_depth_m));
            BOOST_TEST_REQUIRE(same_bits(max_speed[i], e.max_speed_m_s));
            BOOST_TEST_REQUIRE(same_bits(t_max[i], e.time_of_max_depth_s));
            BOOST_TEST_REQUIRE(same_bits(arrival[i], e.arrival_time_s));
        }
    }
}

// Rows of a lake at rest at `level` over a rough bed; cells above the level are dry
// islands. Five rows, so that the middle one has y slopes above and below.
struct Lake {
    static constexpr int rows_n = 5;
    static constexpr double level = 1.0;
    Row z[rows_n], h[rows_n], u[rows_n], v[rows_n];
    explicit Lake(Random& r) {
        for (int k = 0; k < rows_n; ++k) {
            z[k] = r.values(0.2, 0.95);
            for (int i = k; i < n; i += 7) z[k][i] = r.uniform(1.0, 1.5);  // islands, and shores next to them
            h[k].resize(n);
            for (int i = 0; i < n; ++i) h[k][i] = std::max(0.0, level - z[k][i]);
            u[k].assign(n, 0.0);
            v[k].assign(n, 0.0);
        }
    }
};

// The change one update makes to the middle row of a lake at rest: returns the largest
// |change of h| / h_max and |change of hu, hv| / (dt/dx g h_max^2).
template <bool SecondOrder>
std::pair<double, double> lake_change(const Lake& L) {
    const int c = 2;  // the middle row
    const Row zero(n, 0.0);
    // Limited differences along y of rows 1..3 (fv2), along x of the middle row.
    Row sh[Lake::rows_n], se[Lake::rows_n], su[Lake::rows_n], sv[Lake::rows_n];
    for (int k = 0; k < Lake::rows_n; ++k) sh[k] = se[k] = su[k] = sv[k] = zero;
    Row xh = zero, xe = zero, xu = zero, xv = zero;
    if constexpr (SecondOrder) {
        for (int k = 1; k <= 3; ++k)
            rows::slopes(L.h[k - 1].data(), L.h[k].data(), L.h[k + 1].data(), L.z[k - 1].data(), L.z[k].data(),
                         L.z[k + 1].data(), L.u[k - 1].data(), L.u[k].data(), L.u[k + 1].data(), L.v[k - 1].data(),
                         L.v[k].data(), L.v[k + 1].data(), sh[k].data(), se[k].data(), su[k].data(), sv[k].data(), n,
                         dry);
        const double *h = L.h[c].data(), *z = L.z[c].data(), *u = L.u[c].data(), *v = L.v[c].data();
        rows::slopes(h, h + 1, h + 2, z, z + 1, z + 2, u, u + 1, u + 2, v, v + 1, v + 2, xh.data() + 1,
                     xe.data() + 1, xu.data() + 1, xv.data() + 1, n - 2, dry);
    }
    // y faces under and over the middle row; x faces along it, walls at its ends.
    Faces below(n), above(n), fx(n + 1);
    auto yfaces = [&](int a, Faces& f) {
        if constexpr (SecondOrder)
            rows::faces_fv2(L.h[a].data(), L.z[a].data(), L.v[a].data(), L.u[a].data(), sh[a].data(), se[a].data(),
                            sv[a].data(), su[a].data(), L.h[a + 1].data(), L.z[a + 1].data(), L.v[a + 1].data(),
                            L.u[a + 1].data(), sh[a + 1].data(), se[a + 1].data(), sv[a + 1].data(),
                            su[a + 1].data(), f.row(), n, g);
        else
            rows::faces_fv1(L.h[a].data(), L.z[a].data(), L.v[a].data(), L.u[a].data(), L.h[a + 1].data(),
                            L.z[a + 1].data(), L.v[a + 1].data(), L.u[a + 1].data(), f.row(), n, g);
    };
    yfaces(c - 1, below);
    yfaces(c, above);
    const double *h = L.h[c].data(), *z = L.z[c].data(), *u = L.u[c].data(), *v = L.v[c].data();
    if constexpr (SecondOrder)
        rows::faces_fv2(h, z, u, v, xh.data(), xe.data(), xu.data(), xv.data(), h + 1, z + 1, u + 1, v + 1,
                        xh.data() + 1, xe.data() + 1, xu.data() + 1, xv.data() + 1, fx.row(1), n - 1, g);
    else
        rows::faces_fv1(h, z, u, v, h + 1, z + 1, u + 1, v + 1, fx.row(1), n - 1, g);
    for (const int k : {0, n}) {
        const NormalFlux w = wall_flux(h[k == 0 ? 0 : n - 1], 0.0, 0.0, g);
        fx.m[k] = w.mass;
        fx.nl[k] = fx.nr[k] = w.mom_n;
        fx.t[k] = w.mom_t;
    }
    Row oh(n), ohu(n), ohv(n), speed(n), added(n);
    const Row hu(n, 0.0), hv(n, 0.0);
    rows::update<SecondOrder, false>(h, hu.data(), hv.data(), fx.row(), below.row(), above.row(), xh.data(),
                                     xe.data(), sh[c].data(), se[c].data(), oh.data(), ohu.data(), ohv.data(),
                                     speed.data(), added.data(), Row(n, 0.05).data(), n, 1.0, dtdx, dtdy, g, dry, rdx,
                                     rdy);
    double h_max = 0.0;
    for (int i = 0; i < n; ++i) h_max = std::max(h_max, h[i]);
    double dh = 0.0, dq = 0.0;
    for (int i = 0; i < n; ++i) {
        dh = std::max(dh, std::abs(oh[i] - h[i]));
        dq = std::max({dq, std::abs(ohu[i]), std::abs(ohv[i])});
        BOOST_TEST_REQUIRE(added[i] == 0.0);
    }
    return {dh / h_max, dq / (std::max(dtdx, dtdy) * g * h_max * h_max)};
}

}  // namespace

BOOST_AUTO_TEST_CASE(velocities_are_zero_in_dry_cells_and_discharge_over_depth_elsewhere) {
    Random r;
    const Row h = r.depths(), hu = r.values(-2.0, 2.0), hv = r.values(-2.0, 2.0);
    Row u(n), v(n);
    rows::velocities(h.data(), hu.data(), hv.data(), u.data(), v.data(), n, dry);
    for (int i = 0; i < n; ++i) {
        if (h[i] > dry) {
            // hu (1/h) rounds twice, hu / h once.
            BOOST_TEST(std::abs(u[i] - hu[i] / h[i]) <= 5e-16 * std::abs(hu[i] / h[i]));
            BOOST_TEST(std::abs(v[i] - hv[i] / h[i]) <= 5e-16 * std::abs(hv[i] / h[i]));
        } else {
            BOOST_TEST(u[i] == 0.0);
            BOOST_TEST(v[i] == 0.0);
        }
    }
}

BOOST_AUTO_TEST_CASE(slopes_row_is_muscl_slopes_cell_by_cell) {
    Random r;
    for (int trial = 0; trial < 20; ++trial) {
        const Row hm = r.depths(), hc = r.depths(), hp = r.depths(), zm = r.values(0, 2), zc = r.values(0, 2),
                  zp = r.values(0, 2), um = r.values(-2, 2), uc = r.values(-2, 2), up = r.values(-2, 2),
                  vm = r.values(-2, 2), vc = r.values(-2, 2), vp = r.values(-2, 2);
        Row sh(n), se(n), su(n), sv(n);
        rows::slopes(hm.data(), hc.data(), hp.data(), zm.data(), zc.data(), zp.data(), um.data(), uc.data(),
                     up.data(), vm.data(), vc.data(), vp.data(), sh.data(), se.data(), su.data(), sv.data(), n, dry);
        for (int i = 0; i < n; ++i) {
            const Slopes s = muscl_slopes(hm[i], hc[i], hp[i], zm[i], zc[i], zp[i], um[i], uc[i], up[i], vm[i], vc[i],
                                          vp[i], dry);
            BOOST_TEST_REQUIRE(same_bits(sh[i], s.h));
            BOOST_TEST_REQUIRE(same_bits(se[i], s.eta));
            BOOST_TEST_REQUIRE(same_bits(su[i], s.u));
            BOOST_TEST_REQUIRE(same_bits(sv[i], s.v));
            if (hc[i] <= dry) BOOST_TEST_REQUIRE((s.u == 0.0 && s.v == 0.0));  // a dry cell has no velocity slope
        }
    }
}

BOOST_AUTO_TEST_CASE(faces_rows_are_the_pointwise_fluxes_cell_by_cell) {
    Random r;
    for (int trial = 0; trial < 20; ++trial) {
        const Row ha = r.depths(), hb = r.depths(), za = r.values(0, 2), zb = r.values(0, 2), una = r.values(-3, 3),
                  unb = r.values(-3, 3), uta = r.values(-3, 3), utb = r.values(-3, 3);
        const Row sha = r.values(-0.1, 0.1), shb = r.values(-0.1, 0.1), sea = r.values(-0.1, 0.1),
                  seb = r.values(-0.1, 0.1), suna = r.values(-0.5, 0.5), sunb = r.values(-0.5, 0.5),
                  suta = r.values(-0.5, 0.5), sutb = r.values(-0.5, 0.5);
        Faces f1(n), f2(n);
        rows::faces_fv1(ha.data(), za.data(), una.data(), uta.data(), hb.data(), zb.data(), unb.data(), utb.data(),
                        f1.row(), n, g);
        rows::faces_fv2(ha.data(), za.data(), una.data(), uta.data(), sha.data(), sea.data(), suna.data(),
                        suta.data(), hb.data(), zb.data(), unb.data(), utb.data(), shb.data(), seb.data(),
                        sunb.data(), sutb.data(), f2.row(), n, g);
        for (int i = 0; i < n; ++i) {
            const FaceFlux e1 = hydrostatic_flux(ha[i], una[i], uta[i], za[i], hb[i], unb[i], utb[i], zb[i], g);
            const FaceSide l = muscl_face(ha[i], za[i], una[i], uta[i], sha[i], sea[i], suna[i], suta[i], 0.5);
            const FaceSide rr = muscl_face(hb[i], zb[i], unb[i], utb[i], shb[i], seb[i], sunb[i], sutb[i], -0.5);
            const FaceFlux e2 = hydrostatic_flux(l.h, l.un, l.ut, l.z, rr.h, rr.un, rr.ut, rr.z, g);
            for (const auto& [f, e] : {std::pair{&f1, e1}, std::pair{&f2, e2}}) {
                BOOST_TEST_REQUIRE(same_bits(f->m[i], e.mass));
                BOOST_TEST_REQUIRE(same_bits(f->nl[i], e.mom_n_left));
                BOOST_TEST_REQUIRE(same_bits(f->nr[i], e.mom_n_right));
                BOOST_TEST_REQUIRE(same_bits(f->t[i], e.mom_t));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(muscl_face_keeps_a_lake_flat_and_the_sides_between_their_neighbours) {
    // Level 2 m over beds 0.5 m and 1.5 m: the face values keep the level exactly
    // when the level difference is zero, whatever the depth slope.
    const Slopes s = muscl_slopes(1.5, 1.0, 0.5, 0.5, 1.0, 1.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, dry);
    BOOST_TEST(s.eta == 0.0);
    BOOST_TEST(s.h == -0.5);
    const FaceSide hi = muscl_face(1.0, 1.0, 0.0, 0.0, s.h, s.eta, s.u, s.v, 0.5);
    const FaceSide lo = muscl_face(1.0, 1.0, 0.0, 0.0, s.h, s.eta, s.u, s.v, -0.5);
    BOOST_TEST(hi.h == 0.75);
    BOOST_TEST(lo.h == 1.25);
    BOOST_TEST(hi.h + hi.z == 2.0);
    BOOST_TEST(lo.h + lo.z == 2.0);
}

BOOST_AUTO_TEST_CASE(update_row_is_the_pointwise_update_cell_by_cell) {
    check_update_matches_pointwise<false, false>();
    check_update_matches_pointwise<true, false>();
    check_update_matches_pointwise<true, true>();
}

BOOST_AUTO_TEST_CASE(update_final_row_is_the_pointwise_update_cell_by_cell) {
    check_update_final_matches_pointwise<false, false>();
    check_update_final_matches_pointwise<true, false>();
    check_update_final_matches_pointwise<true, true>();
}

BOOST_AUTO_TEST_CASE(lake_at_rest_over_a_rough_bed_gets_no_divergence) {
    Random r;
    double worst_h[2] = {0.0, 0.0}, worst_q[2] = {0.0, 0.0};
    int islands = 0;
    for (int trial = 0; trial < 50; ++trial) {
        const Lake lake(r);
        for (double z : lake.z[2]) islands += z >= Lake::level ? 1 : 0;
        const auto [h1, q1] = lake_change<false>(lake);
        const auto [h2, q2] = lake_change<true>(lake);
        worst_h[0] = std::max(worst_h[0], h1);
        worst_q[0] = std::max(worst_q[0], q1);
        worst_h[1] = std::max(worst_h[1], h2);
        worst_q[1] = std::max(worst_q[1], q2);
    }
    BOOST_TEST_MESSAGE("lake at rest, 50 rough rows with " << islands << " island cells: worst relative change fv1 h "
                                                           << worst_h[0] << ", q " << worst_q[0] << "; fv2 h "
                                                           << worst_h[1] << ", q " << worst_q[1]);
    BOOST_TEST_REQUIRE(islands > 100);
    for (int k = 0; k < 2; ++k) {
        BOOST_TEST(worst_h[k] <= lake_round_off_tol, (k == 0 ? "fv1" : "fv2") << " depth");
        BOOST_TEST(worst_q[k] <= lake_round_off_tol, (k == 0 ? "fv1" : "fv2") << " discharge");
    }
}

BOOST_AUTO_TEST_CASE(faces_between_dry_cells_carry_nothing) {
    // Dry on both sides, over random beds and with nonzero velocities (a dry cell's
    // velocity is zero in the solver; the faces must not depend on that).
    Random r;
    const Row h0(n, 0.0), za = r.values(0, 3), zb = r.values(0, 3), una = r.values(-3, 3), unb = r.values(-3, 3),
                          uta = r.values(-3, 3), utb = r.values(-3, 3);
    Row sh(n), se(n), su(n), sv(n);
    rows::slopes(h0.data(), h0.data(), h0.data(), za.data(), zb.data(), za.data(), una.data(), unb.data(), uta.data(),
                 utb.data(), una.data(), unb.data(), sh.data(), se.data(), su.data(), sv.data(), n, dry);
    Faces f1(n), f2(n);
    rows::faces_fv1(h0.data(), za.data(), una.data(), uta.data(), h0.data(), zb.data(), unb.data(), utb.data(),
                    f1.row(), n, g);
    // The level difference of dry cells is the bed difference; the depth slopes are 0.
    rows::faces_fv2(h0.data(), za.data(), una.data(), uta.data(), sh.data(), se.data(), su.data(), sv.data(),
                    h0.data(), zb.data(), unb.data(), utb.data(), sh.data(), se.data(), su.data(), sv.data(), f2.row(),
                    n, g);
    for (int i = 0; i < n; ++i) {
        BOOST_TEST_REQUIRE(sh[i] == 0.0);
        for (const Faces* f : {&f1, &f2}) {
            BOOST_TEST_REQUIRE(f->m[i] == 0.0);
            BOOST_TEST_REQUIRE(f->nl[i] == 0.0);
            BOOST_TEST_REQUIRE(f->nr[i] == 0.0);
            BOOST_TEST_REQUIRE(f->t[i] == 0.0);
        }
    }
}

BOOST_AUTO_TEST_CASE(cfl_speed_of_a_row) {
    // No flux through any face: the state stays, and each cell's CFL speed is
    // (|u| + c)/dx + (|v| + c)/dy of it; a film below the dry depth counts c only.
    const double h[3] = {1.0, 4.0, 0.5 * dry}, hu[3] = {2.0, -4.0, 1e-6}, hv[3] = {-1.0, 2.0, 1e-6};
    const double dx = 2.0, dy = 4.0;
    Faces fx(4), below(3), above(3);
    double oh[3], ohu[3], ohv[3], speed[3], added[3];
    const double no_friction[3] = {0.0, 0.0, 0.0};
    rows::update<false, false>(h, hu, hv, fx.row(), below.row(), above.row(), nullptr, nullptr, nullptr, nullptr, oh,
                               ohu, ohv, speed, added, no_friction, 3, 0.1, 0.1, 0.1, g, dry, 1.0 / dx, 1.0 / dy);
    const double c0 = std::sqrt(g * 1.0), c1 = std::sqrt(g * 4.0), c2 = std::sqrt(g * 0.5 * dry);
    const double expected[3] = {(2.0 + c0) / dx + (1.0 + c0) / dy, (1.0 + c1) / dx + (0.5 + c1) / dy,
                                c2 / dx + c2 / dy};
    for (int i = 0; i < 3; ++i) {
        BOOST_TEST(std::abs(speed[i] - expected[i]) <= 1e-15 * expected[i]);
        BOOST_TEST(same_bits(speed[i], cfl_speed(h[i], i < 2 ? hu[i] / h[i] : 0.0, i < 2 ? hv[i] / h[i] : 0.0, g,
                                                 1.0 / dx, 1.0 / dy)));
        BOOST_TEST(oh[i] == h[i]);
    }
    BOOST_TEST(ohu[2] == 0.0);  // the film keeps its water, not its momentum
    BOOST_TEST(row_max(speed, 3) == std::max({speed[0], speed[1], speed[2]}));
}

BOOST_AUTO_TEST_CASE(final_update_keeps_the_envelopes_and_the_arrival_time) {
    // One cell, no fluxes, no friction: 30 mm of rain a step raises it from 0.05 m,
    // then a loss of 10 mm a step (rain stopped) lowers it. Arrival (0.1 m) on the
    // second step; the deepest water at the end of the rain.
    const double dt = 10.0, arrival_depth = 0.1;
    double h = 0.05, hu = 0.02, hv = 0.0;
    double max_h = 0.0, max_speed = 0.0, t_max = std::numeric_limits<double>::quiet_NaN();
    double arrival = std::numeric_limits<double>::quiet_NaN();
    const double weight = 1.0, manning = 0.0;
    Faces fx(2), below(1), above(1);
    for (int k = 1; k <= 8; ++k) {
        const double rain = k <= 4 ? 0.03 : 0.0, loss_rate = k <= 4 ? 0.0 : 0.001;
        double oh, ohu, ohv, loss, added, speed;
        const rows::FinalRow fr{&weight, &loss_rate, &manning, &loss, &added, &speed, &max_h, &max_speed, &t_max,
                                &arrival};
        rows::update_final<false, false>(&h, &hu, &hv, fx.row(), below.row(), above.row(), nullptr, nullptr, nullptr,
                                         nullptr, &oh, &ohu, &ohv, fr, 1, dt, 0.1, 0.1, g, dry, rain, k * dt,
                                         arrival_depth, 1.0, 1.0);
        BOOST_TEST(std::abs(oh - (h + rain - loss)) <= 1e-16);
        BOOST_TEST(loss == loss_rate * dt);
        h = oh;
        hu = ohu;
        hv = ohv;
        BOOST_TEST_MESSAGE("step " << k << ": h " << h << " m, max " << max_h << " m at " << t_max << " s, arrival "
                                   << arrival << " s");
    }
    BOOST_TEST(arrival == 2 * dt);  // 0.05 + 0.03 = 0.08 after the first step, 0.11 after the second
    BOOST_TEST(t_max == 4 * dt);
    BOOST_TEST(std::abs(max_h - 0.17) <= 1e-15);
    BOOST_TEST(std::abs(h - 0.13) <= 1e-15);
    BOOST_TEST(std::abs(max_speed - 0.02 / 0.08) <= 1e-15);  // the fastest: after the first step, |hu| / h
}

BOOST_AUTO_TEST_CASE(loss_never_takes_more_than_the_water_present) {
    Random r;
    UpdateRow u(r);
    const Row before_h = u.h;
    Faces none_x(n + 1), none_y(n);
    const Row weight(n, 1.0), manning(n, 0.03), loss_rate = r.values(0.0, 0.2);  // up to 0.2 m/s: most cells dry out
    Row loss(n), added(n), speed(n), max_h(n, 0.0), max_speed(n, 0.0), t_max(n), arrival(n);
    const rows::FinalRow fr{weight.data(),  loss_rate.data(), manning.data(), loss.data(),    added.data(),
                            speed.data(),   max_h.data(),     max_speed.data(), t_max.data(), arrival.data()};
    const double dt = 5.0, rain = 1e-3;
    rows::update_final<false, false>(u.h.data(), u.hu.data(), u.hv.data(), none_x.row(), none_y.row(), none_y.row(),
                                     nullptr, nullptr, nullptr, nullptr, u.oh.data(), u.ohu.data(), u.ohv.data(), fr,
                                     n, dt, 0.1, 0.1, g, dry, rain, 100.0, 0.1, 1.0, 1.0);
    int emptied = 0;
    for (int i = 0; i < n; ++i) {
        const double present = before_h[i] + rain;
        BOOST_TEST_REQUIRE(loss[i] <= present);
        BOOST_TEST_REQUIRE(loss[i] <= loss_rate[i] * dt);
        BOOST_TEST_REQUIRE(u.oh[i] >= 0.0);
        BOOST_TEST_REQUIRE(added[i] == 0.0);  // the loss limit, not the clamp, keeps the depth >= 0
        if (loss_rate[i] * dt >= present) {
            BOOST_TEST_REQUIRE(loss[i] == present);
            BOOST_TEST_REQUIRE(u.oh[i] == 0.0);
            ++emptied;
        }
    }
    BOOST_TEST(emptied > n / 2);
}

BOOST_AUTO_TEST_CASE(clamp_at_zero_reports_what_it_adds) {
    // Three cells of 0.1 m; the east face of the first two lets out 0.05 and 0.15 m
    // of depth this stage (dt/dx times the mass flux): the second would go to -0.05 m.
    const double h[3] = {0.1, 0.1, 0.1}, hu[3] = {0, 0, 0}, hv[3] = {0, 0, 0};
    Faces fx(4), below(3), above(3);
    const double dtdx_here = 0.1;
    fx.m[1] = 0.5;   // 0.05 m out of cell 0 into cell 1
    fx.m[2] = 2.0;   // 0.2 m out of cell 1 into cell 2
    double oh[3], ohu[3], ohv[3], speed[3], added[3];
    const double no_friction[3] = {0.0, 0.0, 0.0};
    rows::update<false, false>(h, hu, hv, fx.row(), below.row(), above.row(), nullptr, nullptr, nullptr, nullptr, oh,
                               ohu, ohv, speed, added, no_friction, 3, 0.1, dtdx_here, 0.1, g, dry, 1.0, 1.0);
    const double h1 = 0.1 - dtdx_here * (2.0 - 0.5);  // -0.05 m
    BOOST_TEST(oh[0] == 0.1 - dtdx_here * 0.5);
    BOOST_TEST(oh[1] == 0.0);
    BOOST_TEST(added[0] == 0.0);
    BOOST_TEST(added[1] == -h1);
    BOOST_TEST(added[2] == 0.0);
    BOOST_TEST(row_sum(added, 3) == -h1);
    // What the row holds after the clamp is what it held, plus the flux through its
    // ends (none here, cell 2 keeps what it got), plus what the clamp added.
    BOOST_TEST(std::abs(row_sum(oh, 3) - (0.3 + row_sum(added, 3))) <= 1e-15);
}

BOOST_AUTO_TEST_CASE(row_reductions_use_a_fixed_order) {
    // Whole numbers sum exactly whatever the order; 0.1 does not, so the sum must be the
    // eight-lane order the header describes, the same for the same row every time.
    for (int len = 0; len <= 40; ++len) {
        const Row ones(len, 1.0);
        BOOST_TEST_REQUIRE(row_sum(ones.data(), len) == static_cast<double>(len));
    }
    Random r;
    const Row x = r.values(0.0, 1.0);
    double acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    for (int i = 0; i < n; ++i) acc[i % 8] += x[i];
    const double lanes = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
    BOOST_TEST(same_bits(row_sum(x.data(), n), lanes));
    double m = 0.0;
    for (double v : x) m = std::max(m, v);
    BOOST_TEST(row_max(x.data(), n) == m);
    BOOST_TEST(row_max(x.data(), 0) == 0.0);
}
