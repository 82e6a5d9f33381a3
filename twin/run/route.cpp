#include "twin/run/route.hpp"

#include <cmath>
#include <cstdio>
#include <optional>
#include <stdexcept>

#include "twin/network/backwater_stage.hpp"
#include "twin/case/case_file.hpp"
#include "twin/dispatch/dispatch_report.hpp"
#include "twin/dispatch/joint_dispatch.hpp"
#include "twin/network/network.hpp"
#include "twin/network/network_step.hpp"
#include "twin/case/time_text.hpp"

#ifndef FLOODTWIN_VERSION
#define FLOODTWIN_VERSION "unknown"
#endif

namespace floodtwin::twin {

RouteResult route_case(const RouteOptions& opt) {
    const Case c = load_case(opt.case_file, opt.overrides, opt.plan);
    if (!c.network.present())
        throw std::invalid_argument(opt.case_file.string() + ": no river network ([[node]] or [[reservoir]] tables)");
    const double step = network_step_s(c, false);
    const double steps_f = c.duration_s / step;
    if (std::abs(steps_f - std::round(steps_f)) > 1e-9)
        throw std::invalid_argument("case.duration: must be a whole number of network.step (" + std::to_string(step) +
                                    " s)");
    const auto steps = static_cast<std::size_t>(std::llround(steps_f));

    Network network(c.network, c.start, step, false);
    JointDispatch dispatch(c.network, network);
    if (!dispatch.empty())
        network.set_limit_source([&dispatch](const Network& n) { return dispatch.limits(n); });
    std::optional<BackwaterStage> backwater;
    if (c.network.backwater) backwater.emplace(*c.network.backwater, network);

    const NetworkForecast natural = network.look_ahead(c.duration_s);
    NetworkRecorder recorder(network, backwater ? &*backwater : nullptr);
    for (std::size_t k = 0; k < steps; ++k) {
        network.step();
        recorder.sample(network);
    }
    std::filesystem::create_directories(opt.out_dir);
    nlohmann::json extra = {{"case", c.name},
                            {"case_file", std::filesystem::absolute(c.file).string()},
                            {"version", FLOODTWIN_VERSION},
                            {"command_line", opt.command_line},
                            {"start", format_instant(c.start)},
                            {"mode", "route"}};
    write_network_outputs(opt.out_dir, network, dispatch, recorder, natural, backwater ? &*backwater : nullptr, extra);
    const NetworkLedger& l = network.ledger();
    if (!opt.quiet) {
        std::printf("floodtwin route: '%s', %zu nodes, %zu reservoirs, %zu steps of %.0f s\n", c.name.c_str(),
                    network.nodes().size(), network.reservoirs().size(), steps, step);
        for (const ControlPoint& cp : dispatch.controls()) {
            double peak = 0.0;
            for (const auto& q : recorder.flows_m3_s()) peak = std::max(peak, q[static_cast<std::size_t>(cp.station)]);
            double natural_peak = 0.0;
            for (std::size_t k = 0; k < natural.steps(); ++k)
                natural_peak = std::max(natural_peak, natural.inflow_m3_s[k][static_cast<std::size_t>(cp.station)]);
            std::printf("%s: peak %.0f m3/s (target %.0f; without dispatch %.0f)\n", cp.name.c_str(), peak,
                        cp.target_m3_s, natural_peak);
        }
        std::printf("network mass balance: storage %.6e m3 (initial %.6e), in %.6e, out %.6e, relative error %.3e\n",
                    l.storage_m3, l.initial_storage_m3, l.inflow_m3, l.outflow_m3, l.relative_error());
        std::printf("outputs in %s\n", opt.out_dir.string().c_str());
    }
    return {l.relative_error(), steps, opt.out_dir / "dispatch_summary.json"};
}

}  // namespace floodtwin::twin
