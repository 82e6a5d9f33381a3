#pragma once
// What a network run writes: the routed hydrographs and reservoir trajectories step by
// step (hydrographs.csv, reservoirs.csv), every release decision with its reasons
// (dispatch_log.csv) and the multi-objective account (dispatch_summary.json).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "twin/network/backwater_stage.hpp"
#include "twin/dispatch/joint_dispatch.hpp"
#include "twin/network/network.hpp"

namespace floodtwin::twin {

class NetworkRecorder {
public:
    explicit NetworkRecorder(const Network& network, const BackwaterStage* backwater = nullptr);
    void sample(const Network& network);  // after each step (and once at the start)

    [[nodiscard]] std::string hydrographs_csv(const Network& network) const;
    [[nodiscard]] std::string reservoirs_csv(const Network& network) const;
    [[nodiscard]] const std::vector<double>& times_s() const { return m_time_s; }
    [[nodiscard]] const std::vector<std::vector<double>>& flows_m3_s() const { return m_flow; }  // [sample][node]
    [[nodiscard]] const std::vector<std::vector<double>>& levels_m() const { return m_level; }         // [sample][reservoir]
    [[nodiscard]] const std::vector<std::vector<double>>& releases_m3_s() const { return m_release; }  // [sample][reservoir]
    [[nodiscard]] const std::vector<double>& outlet_stage_m() const { return m_outlet_stage; }
    // [sample][demand]: the mean delivery and deficit over the step ending at the sample.
    [[nodiscard]] const std::vector<std::vector<double>>& delivered_m3_s() const { return m_delivered; }
    [[nodiscard]] const std::vector<std::vector<double>>& deficit_m3_s() const { return m_deficit; }
    // demands.csv: each demand's delivery and deficit at each sample.
    [[nodiscard]] std::string demands_csv(const Network& network) const;
    // The samples so far, under "recorder.*" (a resumed run writes every sample).
    void save_state(StateArchive& archive) const;
    void restore_state(const StateArchive& archive, const Network& network);

private:
    const BackwaterStage* m_backwater;
    std::vector<double> m_time_s;
    std::vector<std::vector<double>> m_flow;
    std::vector<std::vector<double>> m_level, m_release;  // [sample][reservoir]
    std::vector<double> m_outlet_stage;
    std::vector<std::vector<double>> m_delivered, m_deficit;  // [sample][demand]
};

std::string dispatch_log_csv(const Network& network);

// natural: the look-ahead over the whole run from the start, with every reservoir
// passing its inflow: the flows without dispatch.
nlohmann::json dispatch_summary(const Network& network, const JointDispatch& dispatch,
                                const NetworkRecorder& recorder, const NetworkForecast& natural);

// hydrographs.csv, reservoirs.csv, dispatch_log.csv, dispatch_summary.json and, with a
// backwater relation, backwater_table.csv, with [[demand]]s demands.csv; each written atomically.
void write_network_outputs(const std::filesystem::path& dir, const Network& network, const JointDispatch& dispatch,
                           const NetworkRecorder& recorder, const NetworkForecast& natural,
                           const BackwaterStage* backwater, const nlohmann::json& extra = {});

}  // namespace floodtwin::twin
