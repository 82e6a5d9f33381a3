#include "viz/animation.hpp"

#include "viz/map_renderer.hpp"
#include "viz/movie_encoder.hpp"

#include <stdexcept>
#include <system_error>

namespace floodtwin::viz {

AnimationResult render_animation(const std::filesystem::path& results_nc, const std::filesystem::path& out,
                                 const AnimationOptions& options) {
    (void)movie_format_for(out);  // refuse a bad name before minutes of rendering
    const MapQuantity q = options.request.quantity;
    if (q == MapQuantity::max_depth || q == MapQuantity::arrival_time)
        throw std::invalid_argument("an animation needs maps in time: depth, water_level or speed, not " + to_string(q));

    const ResultsMaps maps(results_nc);
    if (maps.map_count() == 0) throw std::runtime_error("results file " + results_nc.string() + ": no maps in time");

    AnimationResult result;
    result.movie = out;
    result.frames_dir = options.frames_dir.empty()
                            ? out.parent_path() / (out.stem().string() + "_frames")
                            : options.frames_dir;
    std::filesystem::create_directories(result.frames_dir);
    // Frames from an earlier, longer run would be encoded too: clear ours first.
    for (const auto& entry : std::filesystem::directory_iterator(result.frames_dir))
        if (entry.path().filename().string().rfind("frame_", 0) == 0) std::filesystem::remove(entry.path());

    MapRenderer renderer(options.width, options.height);
    for (std::size_t k = 0; k < maps.map_count(); ++k) {
        const MapScene scene = maps.scene(options.request, MapTime{false, k});
        renderer.render_map(scene, result.frames_dir / frame_file_name(k));
        ++result.frames;
    }
    encode_movie(result.frames_dir, result.frames, out, options.fps);
    if (!options.keep_frames) {
        std::error_code ec;
        for (std::size_t k = 0; k < result.frames; ++k) std::filesystem::remove(result.frames_dir / frame_file_name(k), ec);
        std::filesystem::remove(result.frames_dir, ec);  // only if now empty
    }
    return result;
}

}  // namespace floodtwin::viz
