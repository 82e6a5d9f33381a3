#include "twin/fourpre/forecast_cycle.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "grids/atomic_file.hpp"
#include "twin/case/time_text.hpp"
#include "twin/fourpre/fixed_text.hpp"

namespace floodtwin::twin {

namespace fs = std::filesystem;

namespace {

// "2020-08-16T08:00:00+08:00" -> "2020-08-16T0800": a folder name.
std::string folder_name(const std::string& iso) {
    std::string out;
    for (std::size_t k = 0; k < iso.size() && k < 16; ++k)
        if (iso[k] != ':') out += iso[k];
    return out;
}

}  // namespace

void run_cycle(const CycleOptions& opt) {
    const Instant from = parse_instant(opt.from, "--from"), to = parse_instant(opt.to, "--to");
    const double every = parse_duration(opt.every, "--every");
    if (to.epoch_s < from.epoch_s) throw std::invalid_argument("--to: before --from");
    const fs::path out = opt.fourpre.out_dir;
    fs::create_directories(out);
    nlohmann::json cycles = nlohmann::json::array();
    std::ostringstream csv;
    csv << "issue_time,state,control_peak_m,control_peak_time,orange_lead_h,highest_warning,chosen_plan,folder\n";
    std::optional<fs::path> state = opt.fourpre.state;
    for (double t = from.epoch_s; t <= to.epoch_s + 1e-3; t += every) {
        FourPreOptions o = opt.fourpre;
        o.issue_time = format_instant(t, from.utc_offset_min);
        o.out_dir = out / folder_name(o.issue_time);
        o.state = state;
        o.forecast_only = !opt.rehearse;
        if (!o.quiet) std::fprintf(stderr, "floodtwin cycle: issue time %s\n", o.issue_time.c_str());
        const FourPreResult r = run_fourpre(o);
        const std::string lead = r.orange_lead_s ? fixed(*r.orange_lead_s / 3600.0, 1) : "";
        csv << o.issue_time << ',' << (state ? "hot" : "cold") << ',' << fixed(r.control_peak_m, 2) << ','
            << format_instant(r.control_peak_epoch_s, from.utc_offset_min) << ',' << lead << ',' << r.highest_warning << ','
            << r.chosen_plan << ',' << o.out_dir.filename().string() << '\n';
        nlohmann::json j = {{"issue_time", o.issue_time}, {"state", state ? "hot start from " + state->string() : "cold start"},
                            {"control_peak_m", r.control_peak_m},
                            {"control_peak_time", format_instant(r.control_peak_epoch_s, from.utc_offset_min)},
                            {"highest_warning", r.highest_warning}, {"chosen_plan", r.chosen_plan},
                            {"report", r.report_html.string()}};
        j["orange_lead_h"] = r.orange_lead_s ? nlohmann::json(*r.orange_lead_s / 3600.0) : nlohmann::json();
        cycles.push_back(j);
        grids::write_text_atomic(out / "cycle.csv", csv.str());  // after each cycle: a stop keeps the ones done
        state = o.out_dir;
    }
    grids::write_text_atomic(out / "cycle.json", nlohmann::json({{"cycles", cycles}}).dump(2) + "\n");
    if (!opt.fourpre.quiet) std::fprintf(stderr, "floodtwin cycle: %zu issue times; %s\n%s", cycles.size(),
                                         (out / "cycle.csv").c_str(), csv.str().c_str());
}

}  // namespace floodtwin::twin
