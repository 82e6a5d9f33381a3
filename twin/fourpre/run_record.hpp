#pragma once
// What a finished `floodtwin run` left in its folder, read back for the four pre-
// products: the gauges' levels (station datum), the network's hydrographs and the
// reservoirs' levels and releases in time, summary.json and dispatch_summary.json.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace floodtwin::twin {

struct SeriesRecord {
    std::vector<double> epoch_s, value;
    [[nodiscard]] bool empty() const { return epoch_s.empty(); }
};

struct RunRecord {
    std::filesystem::path dir;
    double start_epoch_s = 0.0;
    int utc_offset_min = 0;
    std::map<std::string, SeriesRecord> gauge_level;  // gauges.csv water_level_m (station datum; NaN dry)
    // hydrographs.csv and reservoirs.csv, by column: "Cuntan outflow_flow_m3_s",
    // "Three Gorges_level_m", "Three Gorges_release_m3_s", "Three Gorges_inflow_m3_s"
    std::map<std::string, SeriesRecord> columns;
    nlohmann::json summary, dispatch;  // dispatch: empty without a network

    // A column; throws std::runtime_error naming the folder and the column.
    [[nodiscard]] const SeriesRecord& column(const std::string& name) const;
    [[nodiscard]] const SeriesRecord& gauge(const std::string& name) const;
};

// Throws std::runtime_error naming the file that is missing or unreadable.
[[nodiscard]] RunRecord read_run_record(const std::filesystem::path& dir);

// The value of `s` at `epoch_s`, linear between samples, held beyond the ends; NaN when empty.
[[nodiscard]] double value_at(const SeriesRecord& s, double epoch_s);

}  // namespace floodtwin::twin
