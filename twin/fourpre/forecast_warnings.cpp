#include "twin/fourpre/forecast_warnings.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "grids/atomic_file.hpp"
#include "grids/gdal_raster.hpp"
#include "grids/line_file.hpp"
#include "grids/text_fields.hpp"
#include "twin/case/time_text.hpp"
#include "twin/fourpre/cap_alert.hpp"
#include "twin/fourpre/fixed_text.hpp"

namespace floodtwin::twin {

namespace fs = std::filesystem;
using grids::number_text;

namespace {

// What each stage level's threshold is called.
std::string stage_threshold_name(WarningLevel level) {
    switch (level) {
        case WarningLevel::blue: return "approaching the warning stage";
        case WarningLevel::yellow: return "warning stage";
        case WarningLevel::orange: return "guaranteed stage";
        case WarningLevel::red: return "historical maximum";
        default: return "";
    }
}

std::string flow_threshold_name(WarningLevel level) {
    switch (level) {
        case WarningLevel::blue: return "approaching the 5-year flood flow";
        case WarningLevel::yellow: return "5-year flood flow";
        case WarningLevel::orange: return "20-year flood flow";
        case WarningLevel::red: return "50-year flood flow";
        default: return "";
    }
}

// An id safe in file names and CAP identifiers.
std::string id_of(const std::string& kind, const std::string& name) {
    std::string id = kind + "-";
    for (const char ch : name) id += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
    return id;
}

std::optional<std::array<double, 2>> lon_lat_of(double x, double y, const std::string& crs_wkt) {
    if (crs_wkt.empty()) return std::nullopt;
    std::vector<grids::Polyline> p{{{{x, y}}, "station"}};
    grids::transform_lines(p, crs_wkt, "EPSG:4326", "station position");
    return std::array<double, 2>{p[0].points[0].x, p[0].points[0].y};
}

// The crossing that gives `level`, or none.
const LevelCrossing* crossing_at(const std::vector<LevelCrossing>& xs, WarningLevel level) {
    for (const LevelCrossing& x : xs)
        if (x.level == level) return &x;
    return nullptr;
}

void station_warnings(const PlanOutcome& p, double issue_s, int offset, const std::string& crs, std::vector<Warning>& out) {
    for (const StationOutcome& s : p.stations) {
        if (s.level == WarningLevel::none) continue;
        const ForecastStation& st = *s.station;
        Warning w;
        w.kind = "station";
        w.name = st.name;
        w.id = id_of(w.kind, w.name);
        w.level = s.level;
        w.datum = st.datum;
        // The stage's crossing where it gives the level, else the flow's.
        if (const LevelCrossing* x = crossing_at(s.crossings, s.level)) {
            const Peak& peak = s.updated ? s.updated_peak : s.stage_peak;
            w.threshold_name = stage_threshold_name(x->level);
            w.threshold = x->threshold;
            w.unit = "m";
            w.peak = peak.value;
            w.peak_epoch_s = peak.epoch_s;
            w.first_epoch_s = x->epoch_s;
            w.basis = s.basis;
        } else if (const LevelCrossing* q = crossing_at(s.flow_crossings, s.level)) {
            w.threshold_name = flow_threshold_name(q->level);
            w.threshold = q->threshold;
            w.unit = "m3/s";
            w.peak = s.flow_peak->value;
            w.peak_epoch_s = s.flow_peak->epoch_s;
            w.first_epoch_s = q->epoch_s;
            w.basis = "raw forecast (flow)";
        }
        w.lead_s = w.first_epoch_s - issue_s;
        if (st.x && st.y) w.lon_lat = lon_lat_of(*st.x, *st.y, crs);
        const std::string datum = w.unit == "m" && !w.datum.empty() ? " (" + w.datum + ")" : "";
        w.text = st.name + ": " + to_string(w.level) + " warning, forecast peak " + fixed(w.peak, w.unit == "m" ? 2 : 0) +
                 " " + w.unit + datum + " at " + format_instant(w.peak_epoch_s, offset) + "; the " + w.threshold_name +
                 " (" + fixed(w.threshold, w.unit == "m" ? 2 : 0) + " " + w.unit + ") is reached " +
                 (w.lead_s <= 0 ? "already at the issue time" : "at " + format_instant(w.first_epoch_s, offset) + ", " +
                                                                   lead_text(w.lead_s) + " after the issue") +
                 " (" + w.basis + ").";
        out.push_back(std::move(w));
    }
}

// What each low-flow level's threshold is called (after the Ministry of Water Resources'
// 2013 rules for low-water warnings: approaching, at the warning flow or stage, at the
// lowest of the season, at the lowest on record; a case gives its own figures).
std::string low_threshold_name(WarningLevel level, const std::string& unit) {
    const std::string what = unit == "m" ? "stage" : "flow";
    switch (level) {
        case WarningLevel::blue: return "approaching the low-" + what + " warning";
        case WarningLevel::yellow: return "low-" + what + " warning";
        case WarningLevel::orange: return "lowest " + what + " of the season";
        case WarningLevel::red: return "lowest " + what + " on record";
        default: return "";
    }
}

// Low-flow (drought) warnings: the stage crossing where it gives the grade, else the flow's.
void drought_warnings(const PlanOutcome& p, double issue_s, int offset, const std::string& crs, std::vector<Warning>& out) {
    for (const StationOutcome& s : p.stations) {
        if (s.drought == WarningLevel::none) continue;
        const ForecastStation& st = *s.station;
        Warning w;
        w.kind = "drought";
        w.name = st.name;
        w.id = id_of(w.kind, w.name);
        w.level = s.drought;
        w.datum = st.datum;
        const LevelCrossing* x = crossing_at(s.low_stage_crossings, s.drought);
        const bool by_stage = x != nullptr;
        if (!x) x = crossing_at(s.low_flow_crossings, s.drought);
        const Peak& trough = by_stage ? *s.stage_trough : *s.flow_trough;
        w.unit = by_stage ? "m" : "m3/s";
        w.threshold_name = low_threshold_name(x->level, w.unit);
        w.threshold = x->threshold;
        w.peak = trough.value;
        w.peak_epoch_s = trough.epoch_s;
        w.first_epoch_s = x->epoch_s;
        w.lead_s = w.first_epoch_s - issue_s;
        w.basis = by_stage ? s.basis : "raw forecast (flow)";
        if (st.x && st.y) w.lon_lat = lon_lat_of(*st.x, *st.y, crs);
        const int digits = by_stage ? 2 : 0;
        const std::string datum = by_stage && !w.datum.empty() ? " (" + w.datum + ")" : "";
        w.text = st.name + ": " + to_string(w.level) + " low-flow (drought) warning, forecast lowest " +
                 fixed(w.peak, digits) + " " + w.unit + datum + " at " + format_instant(w.peak_epoch_s, offset) +
                 "; at or below the " + w.threshold_name + " (" + fixed(w.threshold, digits) + " " + w.unit +
                 "; " + st.low_source + ") " +
                 (w.lead_s <= 0 ? "already at the issue time" : "from " + format_instant(w.first_epoch_s, offset) + ", " +
                                                                   lead_text(w.lead_s) + " after the issue") +
                 " (" + w.basis + ").";
        out.push_back(std::move(w));
    }
}

void area_warnings(const Case& c, const PlanOutcome& p, double issue_s, int offset, std::vector<Warning>& out) {
    for (std::size_t k = 0; k < p.areas.size(); ++k) {
        const AreaImpact& a = p.areas[k];
        if (a.level == WarningLevel::none) continue;
        Warning w;
        w.kind = "area";
        w.name = a.name;
        w.id = id_of(w.kind, w.name);
        w.level = a.level;
        w.threshold_name = "largest depth on its land";
        w.threshold = a.threshold_m;
        w.unit = "m";
        w.peak = a.max_depth_m;
        w.first_epoch_s = a.first_flooded_epoch_s.value_or(issue_s);
        w.peak_epoch_s = w.first_epoch_s;
        w.lead_s = w.first_epoch_s - issue_s;
        w.basis = "2D model";
        w.flooded_m2 = a.flooded_m2;
        w.people = a.people_affected;
        w.assets = a.assets_affected;
        w.assets_unit = a.assets_unit;
        w.rings_lon_lat = area_rings(c.fourpre.areas[k], grids::crs_wkt("EPSG:4326", "area warnings"));
        std::string who;
        if (a.people_affected) who += ", about " + number_text(std::round(*a.people_affected)) + " people";
        if (a.assets_affected) who += ", assets of " + number_text(std::round(*a.assets_affected)) + " " + a.assets_unit;
        w.text = a.name + " (" + a.kind + "): " + to_string(w.level) + " warning, " +
                 fixed(a.flooded_m2 / 1e6, 2) + " km2 of its land flooded, up to " + fixed(a.max_depth_m, 2) +
                 " m deep" + who + "; first flooded at " + format_instant(w.first_epoch_s, offset) + " (" +
                 lead_text(w.lead_s) + ").";
        out.push_back(std::move(w));
    }
}

void reservoir_warnings(const PlanOutcome& p, double issue_s, int offset, std::vector<Warning>& out) {
    for (const ReservoirOutcome& r : p.reservoirs) {
        if (r.warning == WarningLevel::none) continue;
        Warning w;
        w.kind = "reservoir";
        w.name = r.name;
        w.id = id_of(w.kind, w.name);
        w.level = r.warning;
        w.threshold_name = r.warning == WarningLevel::red      ? "check flood level"
                           : r.warning == WarningLevel::orange ? "design flood level"
                                                               : "flood-limit level";
        w.threshold = r.limit_m;
        w.unit = "m";
        w.peak = r.max_level_m;
        w.peak_epoch_s = r.max_level_epoch_s;
        w.first_epoch_s = r.first_above_epoch_s.value_or(issue_s);
        w.lead_s = w.first_epoch_s - issue_s;
        w.basis = "network";
        w.text = r.name + ": " + to_string(w.level) + " warning, forecast pool " + fixed(r.max_level_m, 2) +
                 " m at " + format_instant(r.max_level_epoch_s, offset) + ", above its " + w.threshold_name + " (" +
                 fixed(r.limit_m, 2) + " m) from " + format_instant(w.first_epoch_s, offset) + ".";
        out.push_back(std::move(w));
    }
}

// The one CAP alert of a warning.
CapAlert cap_of(const Case& c, const Warning& w, double issue_s, int offset, const std::string& plan) {
    CapAlert a;
    std::string issue = cap_time(issue_s, offset);
    std::string stamp;
    for (const char ch : issue) if (std::isdigit(static_cast<unsigned char>(ch))) stamp += ch;
    std::string case_id;
    for (const char ch : c.name) case_id += std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' ? ch : '_';
    a.identifier = case_id + "." + stamp.substr(0, 12) + "." + w.id;
    a.sender = c.fourpre.settings.sender;
    a.sender_name = c.fourpre.settings.sender_name;
    a.sent = issue;
    a.status = c.fourpre.settings.cap_status;
    const bool drought = w.kind == "drought";
    a.category = w.kind == "reservoir" ? "Infra" : drought ? "Env" : "Met";
    a.event = (drought ? "Low-flow (drought) warning (" : "Flood warning (") + to_string(w.level) + ")";
    a.urgency = cap_urgency(w.lead_s);
    a.severity = cap_severity(w.level);
    a.certainty = "Likely";
    a.onset = cap_time(std::max(w.first_epoch_s, issue_s), offset);
    a.expires = cap_time(issue_s + c.fourpre.settings.horizon_s, offset);
    a.headline = to_string(w.level) + (drought ? " low-flow (drought) warning: " : " flood warning: ") + w.name;
    a.description = w.text + " Plan: " + plan + ".";
    a.instruction = drought ? (w.level >= WarningLevel::orange
                                   ? "Water-supply intakes and shipping at risk: follow the drought-relief headquarters' "
                                     "orders on supply, intake and navigation restrictions; save water."
                                   : "Low water: save water; watch intakes and channel depths; watch for further warnings.")
                  : w.level >= WarningLevel::orange
                      ? "Prepare to evacuate low-lying areas; follow the instructions of the flood-control headquarters."
                      : "Stay away from the river banks; watch for further warnings.";
    a.event_codes = {{"floodtwin", w.kind}};
    a.parameters = {{"warning_level", to_string(w.level)},
                    {"threshold", w.threshold_name + " " + fixed(w.threshold, w.unit == "m" ? 2 : 0) + " " + w.unit},
                    {"forecast_peak", fixed(w.peak, w.unit == "m" ? 2 : 0) + " " + w.unit},
                    {"peak_time", cap_time(w.peak_epoch_s, offset)},
                    {"lead_time", lead_text(w.lead_s)},
                    {"basis", w.basis}};
    if (!w.datum.empty()) a.parameters.push_back({"datum", w.datum});
    CapArea area;
    area.description = w.name;
    if (w.lon_lat) area.circle = std::array<double, 3>{(*w.lon_lat)[1], (*w.lon_lat)[0], 1.0};
    for (const grids::Polyline& ring : w.rings_lon_lat) {
        std::vector<std::array<double, 2>> pts;
        for (const grids::LinePoint& pt : ring.points) pts.push_back({pt.x, pt.y});
        area.polygons.push_back(std::move(pts));
    }
    a.areas.push_back(std::move(area));
    return a;
}

}  // namespace

std::vector<Warning> forecast_warnings(const Case& c, const PlanOutcome& p, double issue_s, int offset,
                                       const std::string& crs_wkt) {
    std::vector<Warning> out;
    station_warnings(p, issue_s, offset, crs_wkt, out);
    drought_warnings(p, issue_s, offset, crs_wkt, out);
    area_warnings(c, p, issue_s, offset, out);
    reservoir_warnings(p, issue_s, offset, out);
    return out;
}

nlohmann::json warning_json(const Warning& w, int offset) {
    nlohmann::json j = {{"id", w.id},
                        {"kind", w.kind},
                        {"name", w.name},
                        {"level", to_string(w.level)},
                        {"threshold", {{"name", w.threshold_name}, {"value", w.threshold}, {"unit", w.unit}}},
                        {"forecast_peak", w.peak},
                        {"peak_time", format_instant(w.peak_epoch_s, offset)},
                        {"first_reached", format_instant(w.first_epoch_s, offset)},
                        {"lead_time_h", w.lead_s / 3600.0},
                        {"lead_time", lead_text(w.lead_s)},
                        {"datum", w.datum},
                        {"basis", w.basis},
                        {"text", w.text}};
    if (w.lon_lat) j["lon_lat"] = *w.lon_lat;
    if (w.flooded_m2) j["flooded_m2"] = *w.flooded_m2;
    if (w.people) j["people_affected"] = *w.people;
    if (w.assets) j["assets_affected"] = {{"value", *w.assets}, {"unit", w.assets_unit}};
    return j;
}

std::vector<fs::path> write_warnings(const fs::path& dir, const Case& c, const std::vector<Warning>& warnings,
                                     double issue_s, int offset, const std::string& plan) {
    fs::create_directories(dir / "cap");
    nlohmann::json list = nlohmann::json::array();
    std::ostringstream csv;
    csv << "id,kind,name,level,threshold_name,threshold,unit,datum,forecast_peak,peak_time,first_reached,lead_time_h,"
           "basis,people_affected\n";
    for (const Warning& w : warnings) {
        list.push_back(warning_json(w, offset));
        csv << grids::csv_field(w.id) << ',' << w.kind << ',' << grids::csv_field(w.name) << ',' << to_string(w.level)
            << ',' << grids::csv_field(w.threshold_name) << ',' << fixed(w.threshold, 3) << ',' << w.unit << ','
            << grids::csv_field(w.datum) << ',' << fixed(w.peak, 3) << ',' << format_instant(w.peak_epoch_s, offset)
            << ',' << format_instant(w.first_epoch_s, offset) << ',' << fixed(w.lead_s / 3600.0, 2) << ','
            << grids::csv_field(w.basis) << ',' << (w.people ? fixed(*w.people, 0) : "") << '\n';
    }
    const nlohmann::json doc = {{"case", c.name},
                                {"issue_time", format_instant(issue_s, offset)},
                                {"plan", plan},
                                {"counts", warning_count_text(warnings)},
                                {"warnings", list}};
    grids::write_text_atomic(dir / "warnings.json", doc.dump(2) + "\n");
    grids::write_text_atomic(dir / "warnings.csv", csv.str());
    std::vector<fs::path> caps;
    for (const Warning& w : warnings) {
        caps.push_back(dir / "cap" / (w.id + ".xml"));
        grids::write_text_atomic(caps.back(), cap_alert_xml(cap_of(c, w, issue_s, offset, plan)));
    }
    return caps;
}

std::string warning_count_text(const std::vector<Warning>& warnings) {
    std::string out;
    for (auto it = std::rbegin(warning_levels_rising); it != std::rend(warning_levels_rising); ++it) {
        const auto n = std::count_if(warnings.begin(), warnings.end(), [&](const Warning& w) { return w.level == *it; });
        if (n) out += (out.empty() ? "" : ", ") + std::to_string(n) + " " + to_string(*it);
    }
    return out.empty() ? "none" : out;
}

}  // namespace floodtwin::twin
