#pragma once
// Classes for flood maps: depth classes on land, and hazard classes H1..H6 from depth and
// velocity. Pure numerics: no files, no logging.
//
// Hazard: the combined flood hazard curves of Australian Rainfall and Runoff 2019 (Book 6,
// Chapter 7, Table 6.7.4), from Smith, Davey and Cox (2014), "Flood hazard", WRL Technical
// Report 2014/07, UNSW Water Research Laboratory, also published as Australian Disaster
// Resilience Guideline 7-3, Flood Hazard (AIDR 2017). A class holds where all
// three of its limits hold (each inclusive), the lowest such class wins:
//         D*V (m2/s)   D (m)   V (m/s)
//   H1    <= 0.3       <= 0.3  <= 2.0
//   H2    <= 0.6       <= 0.5  <= 2.0
//   H3    <= 0.6       <= 1.2  <= 2.0
//   H4    <= 1.0       <= 2.0  <= 2.0
//   H5    <= 4.0       <= 4.0  <= 4.0
//   H6    beyond H5
#include <string>

namespace floodtwin::twin {

// Depth classes on land as flood maps draw them: 0 below 0.15 m (not flooded),
// 1 [0.15, 0.5), 2 [0.5, 1.5), 3 [1.5, 3), 4 at or above 3 m.
inline constexpr double depth_class_edges_m[] = {0.15, 0.5, 1.5, 3.0};
int depth_class(double depth_m);  // 0 for NaN

// When the flood arrives on a cell of land, in hours after the issue time (the arrival
// depth first exceeded): 1 within the first hour (already flooded at the issue, or about
// to be), 2 [1, 6) h, 3 [6, 12) h, 4 [12, 24) h, 5 [24, 48) h, 6 at 48 h or later;
// 0 never (NaN). The steps a flood office warns by: now, this morning, today, tomorrow.
inline constexpr double arrival_class_edges_h[] = {1.0, 6.0, 12.0, 24.0, 48.0};
int arrival_class(double hours_after_issue);
// "within 1 h", "1-6 h", ..., "after 48 h"; throws std::invalid_argument outside 1..6.
std::string arrival_class_text(int a);

// The chance of an event on a cell (an ensemble's fraction of members) in the classes a
// probability map draws: 0 below 10 % (not drawn), 1 [10, 30) %, 2 [30, 50) %, 3 [50, 70) %,
// 4 [70, 90) %, 5 at or above 90 %; 0 for NaN.
inline constexpr double probability_class_edges[] = {0.1, 0.3, 0.5, 0.7, 0.9};
int probability_class(double probability);
// "10-30 %", ..., "90 % or more"; throws std::invalid_argument outside 1..5.
std::string probability_class_text(int p);

// Below this depth a cell is dry for hazard (class 0): our wet/dry depth, not ARR's.
inline constexpr double hazard_dry_depth_m = 0.01;

// H1..H6 (1..6) from depth and speed; 0 for a dry cell or a NaN depth. A NaN speed
// counts as still water; the speed's sign is ignored.
int hazard_class(double depth_m, double speed_m_s);

// "H5: unsafe for people and vehicles; all buildings vulnerable to structural damage, ..."
// in short words of ours; "dry" for 0. Throws std::invalid_argument outside 0..6.
std::string hazard_class_text(int h);

inline constexpr const char* hazard_classification_source =
    "Australian Rainfall and Runoff 2019, Book 6 Chapter 7 (Table 6.7.4), combined flood hazard curves of "
    "Smith, Davey and Cox (2014), Flood hazard, WRL Technical Report 2014/07; AIDR Guideline 7-3, Flood Hazard (2017)";

}  // namespace floodtwin::twin
