#pragma once
// Offscreen VTK maps of one gridded field: hillshaded terrain in grey, the field in a
// colour scale over it (NaN cells left transparent, so dry land shows the terrain),
// stations, a title with the time, a legend with units, a scale bar, a north arrow
// and a note; or the same field draped on a 3D terrain. The scene is plain data: what
// to show is decided by the caller (viz/results_maps.hpp for results.nc), how to draw
// it here (rivers and stations in map_overlays.cpp). VTK types stay in the .cpp files.
#include <array>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "grids/polyline.hpp"
#include "viz/colour_scale.hpp"
#include "viz/stations.hpp"
#include "viz/vti_writer.hpp"  // ImageGrid

namespace floodtwin::viz {

struct MapScene {
    ImageGrid grid;                    // the cells (lower-left corner, cell sizes)
    std::vector<double> ground_m;      // hillshaded underneath, i + nx*j, j = 0 south; empty: flat grey
    std::vector<double> values;        // the coloured layer, same order; NaN: transparent
    ColourScale scale{Palette::cividis, 0.0, 1.0};
    std::string legend_title;          // with units: "Water depth (m)"
    std::string title;                 // first line: case and quantity
    std::string subtitle;              // second line: the time
    std::string note;                  // footer note, e.g. "Synthetic terrain"; empty: none
    std::vector<Station> stations;     // drawn with `level` and `stage_m`
    std::vector<grids::Polyline> rivers;  // centre lines in the grid's CRS, drawn in river_colour
    // 3D view only: the water surface per cell (NaN where dry); the terrain is ground_m.
    std::vector<double> surface_m;
};

// A rectangle of the image in pixels, rows counted from the top as in the PNG;
// right and bottom are one past the last pixel.
struct PixelBox {
    int left = 0;
    int top = 0;
    int right = 0;
    int bottom = 0;
};

// Where each part of a map sits in a width x height image.
struct MapLayout {
    int width = 0;
    int height = 0;
    PixelBox title;   // title and subtitle
    PixelBox map;     // the grid is fitted inside, centred, aspect kept
    PixelBox legend;  // colour bar with its title and labels
    PixelBox north;   // north arrow
    PixelBox footer;  // scale bar (left) and note
};
MapLayout map_layout(int width, int height);

// What a rendered plan map needs to locate things in its image.
struct RenderedMap {
    MapLayout layout;
    double px_per_m = 0.0;
    double centre_x_m = 0.0;  // world point at the image centre
    double centre_y_m = 0.0;
    double scale_bar_m = 0.0;  // length the scale bar shows
    // The label of each station drawn (those on the grid, in scene order), as VTK drew
    // it; kept inside the map box (viz/label_placement.hpp).
    std::vector<PixelBox> station_labels;

    // Image position (column from the left, row from the top, in pixels; the pixel
    // holding the point is the integer part) of a point in the grid's CRS.
    [[nodiscard]] std::array<double, 2> pixel_of(double x_m, double y_m) const;
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

    // A plan view, north up, written as PNG atomically. Throws std::invalid_argument for
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

// Round values for a legend from lo to hi: a step of 1, 2, 2.5 or 5 times a power of
// ten giving three to seven labels, from the first multiple at or above lo.
std::vector<double> legend_ticks(double lo, double hi);
// The printf format that shows those labels without noise: "%.0f", "%.1f", "%.2f"...
std::string legend_label_format(double lo, double hi);
// A length for a scale bar: the largest 1, 2 or 5 times a power of ten not above
// `max_m`; and how it reads: "500 m", "2 km".
double scale_bar_length_m(double max_m);
std::string length_label(double metres);

}  // namespace floodtwin::viz
