#pragma once
// The real rivers of the Chongqing terrain: the GSHHG 2.3.7 WDBII centre lines shipped in
// cases/chongqing/terrain/sources (Wessel and Smith; LGPL), cleaned of their clipping
// artefacts, joined piece to piece into named rivers from upstream, in UTM 48N; and the
// channel each is burnt with. The lines are real; the sections are constructed from the
// stations' records (bed levels consistent with the low-water stages, the 2020 flood
// marks along the line), and labelled so.
#include <filesystem>
#include <string>
#include <vector>

#include "grids/channel_burn.hpp"
#include "grids/polyline.hpp"

namespace floodtwin::twin {

inline constexpr const char* k_terrain_crs = "EPSG:32648";
inline constexpr const char* k_rivers_credit = "GSHHG 2.3.7, Wessel and Smith (WDBII rivers; LGPL)";

struct RealRiver {
    grids::Polyline line;             // EPSG:32648, from upstream; name = the river's
    std::string parent;               // the river it ends on ("" for the Yangtze)
    grids::ChannelSection channel;    // its real width and bank height, bed by chainage
    grids::ChainageProfile mark_2020; // the August 2020 flood's high water along the line (Wusong)
    std::string sources;              // where the section and marks come from, for reports
};

// The GSHHG file's pieces as they are stored, in lon/lat: each LineString is closed back
// to its start along the clipping box; the closure (segments whose both ends lie on a
// tenth of a degree, and any segment longer than 5 km, at the end of a piece) is dropped.
[[nodiscard]] std::vector<grids::Polyline> gshhg_pieces(const std::filesystem::path& rivers_file);

// The Yangtze, Jialing, Qu, Fu and Wu (the Qi is not among the shipped WDBII levels).
// Throws std::runtime_error naming the file and pieces when the pieces of a river do
// not join end to end, so a different file cannot silently make other rivers.
[[nodiscard]] std::vector<RealRiver> real_rivers(const std::filesystem::path& sources_dir);

// The default folder of the shipped sources (this checkout's cases/chongqing/terrain/sources).
[[nodiscard]] std::filesystem::path default_terrain_sources();

// Nearest point of a line to (x, y): its chainage and distance.
struct LineProjection {
    double chainage_m = 0.0;
    double distance_m = 0.0;
    grids::LinePoint point;
};
[[nodiscard]] LineProjection project_onto(const grids::Polyline& line, double x, double y);

}  // namespace floodtwin::twin
