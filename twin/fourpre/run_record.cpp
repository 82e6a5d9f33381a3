#include "twin/fourpre/run_record.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <stdexcept>

#include "twin/case/time_text.hpp"
#include "twin/fourpre/csv_table.hpp"

namespace floodtwin::twin {

namespace fs = std::filesystem;

namespace {

nlohmann::json read_json(const fs::path& file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error(file.string() + ": cannot be read (did the run finish?)");
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error(file.string() + ": not valid JSON: " + e.what());
    }
}

// Every column but the two times of a wide CSV (hydrographs.csv, reservoirs.csv).
void read_wide(const fs::path& file, double start_s, std::map<std::string, SeriesRecord>& out) {
    const CsvTable t = read_csv_table(file);
    const std::size_t tc = t.column("time_s");
    for (std::size_t c = 0; c < t.header.size(); ++c) {
        if (t.header[c] == "time_s" || t.header[c] == "time_iso") continue;
        SeriesRecord& s = out[t.header[c]];
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            s.epoch_s.push_back(start_s + t.number(r, tc));
            s.value.push_back(t.number(r, c));
        }
    }
}

}  // namespace

const SeriesRecord& RunRecord::column(const std::string& name) const {
    const auto it = columns.find(name);
    if (it == columns.end()) throw std::runtime_error(dir.string() + ": the run recorded no '" + name + "'");
    return it->second;
}

const SeriesRecord& RunRecord::gauge(const std::string& name) const {
    const auto it = gauge_level.find(name);
    if (it == gauge_level.end()) throw std::runtime_error((dir / "gauges.csv").string() + ": no gauge '" + name + "'");
    return it->second;
}

RunRecord read_run_record(const fs::path& dir) {
    RunRecord r;
    r.dir = dir;
    r.summary = read_json(dir / "summary.json");
    const Instant start = parse_instant(r.summary.at("start").get<std::string>(), (dir / "summary.json").string());
    r.start_epoch_s = start.epoch_s;
    r.utc_offset_min = start.utc_offset_min;
    const CsvTable g = read_csv_table(dir / "gauges.csv");
    const std::size_t tc = g.column("time_s"), nc = g.column("gauge"), lc = g.column("water_level_m");
    for (std::size_t row = 0; row < g.rows.size(); ++row) {
        SeriesRecord& s = r.gauge_level[g.rows[row].at(nc)];
        s.epoch_s.push_back(r.start_epoch_s + g.number(row, tc));
        s.value.push_back(g.number(row, lc));
    }
    if (fs::exists(dir / "dispatch_summary.json")) {
        r.dispatch = read_json(dir / "dispatch_summary.json");
        read_wide(dir / "hydrographs.csv", r.start_epoch_s, r.columns);
        read_wide(dir / "reservoirs.csv", r.start_epoch_s, r.columns);
    }
    return r;
}

double value_at(const SeriesRecord& s, double t) {
    if (s.empty()) return std::numeric_limits<double>::quiet_NaN();
    if (t <= s.epoch_s.front()) return s.value.front();
    if (t >= s.epoch_s.back()) return s.value.back();
    const auto it = std::upper_bound(s.epoch_s.begin(), s.epoch_s.end(), t);
    const std::size_t k = static_cast<std::size_t>(it - s.epoch_s.begin());
    const double t0 = s.epoch_s[k - 1], t1 = s.epoch_s[k];
    const double w = t1 > t0 ? (t - t0) / (t1 - t0) : 0.0;
    return s.value[k - 1] + w * (s.value[k] - s.value[k - 1]);
}

}  // namespace floodtwin::twin
