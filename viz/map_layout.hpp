#pragma once
// Where each part of a map page sits, in image pixels: the title with the map's time,
// the map box, the legend, the north arrow and the footer (scale bar and notes). Plain
// numbers, no VTK, so any drawing of a map (the VTK renderer, a later HTML report)
// puts things in the same places. Rows count from the top, as in a PNG or an SVG.

namespace floodtwin::viz {

// A rectangle of the image in pixels, rows counted from the top as in the PNG;
// right and bottom are one past the last pixel.
struct PixelBox {
    int left = 0;
    int top = 0;
    int right = 0;
    int bottom = 0;
};

// A point of the image: column from the left, row from the top, in pixels.
struct PixelPoint {
    double column = 0.0;
    double row = 0.0;
};

enum class HAlign { left, centre, right };
enum class VAlign { top, centre, bottom };

// Where a line of text goes: its anchor point, which side of the text the anchor is
// on, and the type size in pixels (the text itself and its style are the caller's).
struct TextSpot {
    PixelPoint anchor;
    int font_px = 0;
    HAlign align = HAlign::left;
    VAlign vertical = VAlign::top;
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

// A type size as a share of the image height, so text keeps its proportion at any
// image size, but never below `minimum_px` (smaller is unreadable).
int font_px(int image_height, double fraction, int minimum_px = 8);

// The first line of the title box: case and quantity.
TextSpot title_spot(const MapLayout& layout);
// The second line: the time the map shows (MapScene::subtitle).
TextSpot time_spot(const MapLayout& layout);
// The note at the footer's right end ("Note: synthetic terrain").
TextSpot note_spot(const MapLayout& layout);
// Small print under the note, right-aligned at the footer's foot (a source line).
TextSpot source_spot(const MapLayout& layout);
// The 3D view's words about itself at the footer's left end, where a plan map has
// its scale bar (a perspective view has no single scale).
TextSpot view_note_spot(const MapLayout& layout);

}  // namespace floodtwin::viz
