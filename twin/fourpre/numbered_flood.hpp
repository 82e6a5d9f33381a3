#pragma once
// Numbering of Changjiang (Yangtze) floods, as the national rule for numbering floods on
// China's main rivers (全国主要江河洪水编号规定, Ministry of Water Resources, 2014) sets
// it for the upper Changjiang and the Changjiang Water Resources Commission applies it: a
// Yangtze flood is numbered when the flow at Cuntan or the inflow to Three Gorges reaches
// 50,000 m3/s; a new number is given only when the flow reaches it again 48 h or more
// after the previous numbered flood.
//
// Semantics, as numbered_floods applies them:
//  - a candidate is an upward crossing of the threshold at any station (the first sample
//    at or above it after one below, its time interpolated linearly), or a series that
//    starts at or above it (a candidate at its first time); NaN samples are skipped;
//  - candidates are taken in time order across all stations (ties: record order);
//  - a candidate gets the next number if there is no previous number, or if it comes
//    separation_s or more after the previous numbered flood's time; otherwise it is part
//    of that flood and gets nothing;
//  - equality counts: a flow equal to the threshold reaches it, and exactly 48 h after
//    the previous number is a new number.
// Pure numerics: no files, no logging.
#include <optional>
#include <string>
#include <vector>

namespace floodtwin::twin {

struct FlowRecord {
    std::string station;
    std::vector<double> epoch_s, flow_m3_s;
};

struct NumberingRule {
    double threshold_m3_s = 50000.0;
    double separation_s = 48 * 3600.0;
    int numbers_before = 0;                   // floods already numbered this year
    std::optional<double> previous_number_s;  // when the last of them was numbered (the 48 h rule across cycles)
};

struct NumberedFlood {
    int number = 0;
    std::string station;     // the first station to reach the threshold
    double epoch_s = 0.0;    // the crossing, interpolated linearly
    double flow_m3_s = 0.0;  // the flow at the crossing (the threshold, or a first sample above it)
};

// The floods numbered by `records` under `rule`, in number order. Throws
// std::invalid_argument naming the station if its times and flows differ in length.
std::vector<NumberedFlood> numbered_floods(const std::vector<FlowRecord>& records, const NumberingRule& rule);

}  // namespace floodtwin::twin
