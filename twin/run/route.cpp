#include "twin/run/route.hpp"

#include <cmath>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "twin/case/case_file.hpp"
#include "twin/case/time_text.hpp"
#include "twin/run/routed_network.hpp"

#ifndef FLOODTWIN_VERSION
#define FLOODTWIN_VERSION "unknown"
#endif

namespace floodtwin::twin {

RouteResult route_case(const RouteOptions& opt) {
    const Case c = load_case(opt.case_file, opt.overrides, opt.plan);
    const std::unique_ptr<const RoutedNetwork> routed = route_network(c);
    const Network& network = routed->network;
    const JointDispatch& dispatch = routed->dispatch;
    const NetworkRecorder& recorder = routed->recorder;
    const NetworkForecast& natural = routed->natural;
    const std::size_t steps = routed->steps;
    const double step = routed->step_s;
    std::filesystem::create_directories(opt.out_dir);
    nlohmann::json extra = {{"case", c.name},
                            {"case_file", std::filesystem::absolute(c.file).string()},
                            {"version", FLOODTWIN_VERSION},
                            {"command_line", opt.command_line},
                            {"start", format_instant(c.start)},
                            {"mode", "route"}};
    write_network_outputs(opt.out_dir, network, dispatch, recorder, natural, routed->backwater_stage(), extra);
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
