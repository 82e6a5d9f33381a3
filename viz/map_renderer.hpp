#pragma once
// Offscreen VTK maps of one gridded field (a MapScene): a plan view, north up, with
// the page around it (title with the time, legend, scale bar, north arrow, note), or
// the same field draped on a 3D terrain. Where things go is decided without VTK
// (viz/plan_map_layout.hpp); the layers are drawn by map_layers.cpp, map_overlays.cpp,
// page_drawing.cpp and three_d_view.cpp. VTK types stay in the .cpp files.
#include <filesystem>
#include <memory>
#include <vector>

#include "viz/map_layout.hpp"
#include "viz/map_scene.hpp"
#include "viz/plan_map_layout.hpp"

namespace floodtwin::viz {

// What a rendered plan map needs to locate things in its image: the layout it was
// drawn to, and the label of each station drawn (those on the grid, in scene order)
// as VTK measured it, kept inside the map box (viz/label_placement.hpp).
struct RenderedMap : PlanMapLayout {
    std::vector<PixelBox> station_labels;
    std::vector<PixelBox> area_labels;  // those of the scene's named areas, in order
};

enum class View { map, three_d };

// One offscreen render window, reused for every image (an animation renders many).
// Needs an X display (see HeadlessDisplay). Not thread-safe.
class MapRenderer {
public:
    // Throws std::invalid_argument unless 64 <= width, height <= 8192.
    MapRenderer(int width, int height);
    ~MapRenderer();
    MapRenderer(const MapRenderer&) = delete;
    MapRenderer& operator=(const MapRenderer&) = delete;

    [[nodiscard]] int width() const;
    [[nodiscard]] int height() const;

    // A plan view, north up, written as PNG atomically; a scene of classes (its
    // `classes` set) gets their discrete colours and a legend of swatches. Throws std::invalid_argument for
    // a scene whose arrays do not match its grid, std::runtime_error if the PNG cannot
    // be written.
    RenderedMap render_map(const MapScene& scene, const std::filesystem::path& png);

    // A perspective view from the south-south-west: terrain raised by `exaggeration`
    // (0: chosen so the relief reads, between 1 and 50), the water surface translucent
    // and coloured by the scene's values, the camera framing the cells that hold a
    // value. Returns the exaggeration used.
    double render_3d(const MapScene& scene, const std::filesystem::path& png, double exaggeration = 0.0);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace floodtwin::viz
