#include "viz/run_maps.hpp"

#include "viz/animation.hpp"
#include "viz/headless_display.hpp"
#include "viz/map_renderer.hpp"
#include "viz/movie_encoder.hpp"
#include "viz/results_maps.hpp"

namespace floodtwin::viz {

RunMapsResult render_run_maps(const std::filesystem::path& results_nc, const std::filesystem::path& out_dir,
                              const RunMapsOptions& options) {
    // Declared first: the X server must outlive every window drawn on it.
    const HeadlessDisplay display;
    RunMapsResult result;
    {
        const ResultsMaps maps(results_nc);
        MapRequest request;
        request.stations = options.stations;
        request.rivers = options.rivers;
        request.note = options.note;
        MapRenderer renderer(options.width, options.height);

        request.quantity = MapQuantity::max_depth;
        const MapScene max_depth = maps.scene(request);
        renderer.render_map(max_depth, out_dir / "max_depth.png");
        result.written.push_back(out_dir / "max_depth.png");
        renderer.render_3d(max_depth, out_dir / "max_depth_3d.png");
        result.written.push_back(out_dir / "max_depth_3d.png");

        request.quantity = MapQuantity::arrival_time;
        renderer.render_map(maps.scene(request), out_dir / "arrival_time.png");
        result.written.push_back(out_dir / "arrival_time.png");
    }
    if (options.animation) {
        if (!ffmpeg_available()) {
            result.skipped.push_back("flood.mp4: ffmpeg is not installed");
        } else {
            AnimationOptions a;
            a.request.stations = options.stations;
            a.request.rivers = options.rivers;
            a.request.note = options.note;
            a.width = options.width;
            a.height = options.height;
            render_animation(results_nc, out_dir / "flood.mp4", a);
            result.written.push_back(out_dir / "flood.mp4");
        }
    }
    return result;
}

}  // namespace floodtwin::viz
