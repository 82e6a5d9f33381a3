#pragma once
// The river network coupled with the 2D model (`floodtwin run` on a case with a
// network). Each coupling interval [t, t + T]:
//   1. the network upstream of the 2D outlet steps over the interval; the volume each
//      inlet delivered goes into the 2D model as a constant inflow over the interval
//      (so the 2D model takes in exactly that volume);
//   2. the outlet's stage is set from the [backwater] relation (the pool's level and
//      the outlet's flow at t), held over the interval;
//   3. the 2D model runs to t + T;
//   4. the net volume that left through the outlet boundary goes to the outlet node as
//      a constant flow, and the network at and below the outlet steps over the interval.
// Water is counted once: the combined ledger of network and 2D model closes to round-off.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hydro/simulation.hpp"
#include "twin/network/backwater_stage.hpp"
#include "twin/case/case.hpp"
#include "twin/dispatch/dispatch_report.hpp"
#include "twin/dispatch/joint_dispatch.hpp"
#include "twin/network/network.hpp"

namespace floodtwin::twin {

// What the 2D model and the network hold together, since the start (m3).
struct CombinedLedger {
    double initial_storage_m3 = 0.0, storage_m3 = 0.0;
    double inflow_m3 = 0.0;   // forecast inflows, return flows, rain, other 2D boundaries in
    double outflow_m3 = 0.0;  // sinks and ends of the network, intakes, losses, other 2D boundaries out
    [[nodiscard]] double relative_error() const;
};

class NetworkCoupling {
public:
    // Checks that every inlet names an inflow [[boundary]] or a [[source]] of the case
    // and the outlet a boundary that is not a wall (errors name the node's key).
    explicit NetworkCoupling(const Case& c);

    [[nodiscard]] double interval_s() const { return m_interval_s; }
    void begin_interval(hydro::Simulation& sim);      // at the network's time t: steps 1, 2
    [[nodiscard]] double time_s() const { return m_network.time_s(); }
    void end_interval(const hydro::Simulation& sim);  // after the 2D model reached t + T: step 4

    // The network, dispatch and recorder state between two intervals (after
    // end_interval): what a checkpoint keeps. Resume (hot = false) continues bit for bit;
    // a hot start (hot = true) takes the water of the network at time 0 of this run, with
    // this case's series and rules, and its own log, recorder and flows without dispatch
    // over `duration_s` from there.
    void save_state(StateArchive& archive) const;
    // `levels`: a hot start's reservoirs set to these pool levels first (observed ones).
    void restore_state(const StateArchive& archive, bool hot, double duration_s,
                       const std::vector<std::pair<std::string, double>>& levels = {});

    [[nodiscard]] const Network& network() const { return m_network; }
    [[nodiscard]] CombinedLedger combined_ledger(const hydro::MassLedger& twod) const;
    void write_outputs(const std::filesystem::path& dir, const hydro::MassLedger& twod,
                       const nlohmann::json& extra) const;

private:
    Network m_network;
    JointDispatch m_dispatch;
    std::optional<BackwaterStage> m_backwater;
    std::optional<NetworkRecorder> m_recorder;
    NetworkForecast m_natural;
    double m_interval_s = 900.0;
    std::size_t m_steps_per_interval = 1;
    // Where each inlet's water goes: a boundary (index) or a point inflow (index).
    struct Feed {
        bool boundary = true;
        std::size_t index = 0;
    };
    std::vector<Feed> m_feeds;
    std::optional<std::size_t> m_outlet_boundary;
    std::optional<std::size_t> m_stage_boundary;
    double m_outlet_net_out_m3 = 0.0;  // the outlet boundary's out - in at the interval's start
};

}  // namespace floodtwin::twin
