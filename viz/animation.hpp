#pragma once
// `floodtwin animate`: every map of a run as one frame, on one fixed colour scale,
// each labelled with its time, encoded to MP4 or GIF.
#include <cstddef>
#include <filesystem>
#include <vector>

#include "viz/results_maps.hpp"

namespace floodtwin::viz {

inline MapRequest depth_request() {
    MapRequest request;
    request.quantity = MapQuantity::depth;
    return request;
}

struct AnimationOptions {
    MapRequest request = depth_request();  // quantity (depth, water_level, speed), range, note, stations
    int width = 1280;
    int height = 960;
    double fps = 2.0;
    bool keep_frames = false;            // leave the PNG frames beside the movie
    std::filesystem::path frames_dir;    // empty: "<movie stem>_frames" beside the movie
};

struct AnimationResult {
    std::filesystem::path movie;
    std::filesystem::path frames_dir;  // removed afterwards unless keep_frames
    std::size_t frames = 0;
};

// Renders map k of the run as frame k for every k, then encodes `out` (.mp4 or .gif).
// Needs an X display (HeadlessDisplay) and ffmpeg. Throws std::invalid_argument for a
// quantity with no maps in time, std::runtime_error for a file or ffmpeg failure.
AnimationResult render_animation(const std::filesystem::path& results_nc, const std::filesystem::path& out,
                                 const AnimationOptions& options);

}  // namespace floodtwin::viz
