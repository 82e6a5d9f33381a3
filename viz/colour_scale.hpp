#pragma once
// Colour scales for maps: perceptually ordered (lightness changes monotonically, so
// "more" always looks like "more") and readable with colour-vision deficiencies.
// Two palettes, each given by a handful of control points and interpolated linearly
// in sRGB: viridis (van der Walt and Smith, matplotlib 2015) and cividis (Nunez,
// Anderton and Renslow 2018, PLoS ONE 13(7): e0199239), the latter built to look the
// same to deuteranopes and protanopes. The renderer turns a ColourScale into a
// vtkLookupTable with exactly these table entries, so colour_at() is the colour a map
// shows for a value.
#include <string>
#include <vector>

namespace floodtwin::viz {

struct Rgb {
    double r = 0.0;  // 0..1
    double g = 0.0;
    double b = 0.0;
};

enum class Palette { viridis, cividis };

class ColourScale {
public:
    static constexpr int table_size = 256;

    // Values from lo (first colour) to hi (last colour); `reversed` runs the palette
    // from its light end to its dark end. Throws std::invalid_argument unless lo < hi,
    // both finite.
    ColourScale(Palette palette, double lo, double hi, bool reversed = false);

    [[nodiscard]] double lo() const { return m_lo; }
    [[nodiscard]] double hi() const { return m_hi; }
    [[nodiscard]] Palette palette() const { return m_palette; }
    [[nodiscard]] bool reversed() const { return m_reversed; }

    // The table entries, first for lo, last for hi.
    [[nodiscard]] const std::vector<Rgb>& entries() const { return m_entries; }
    // Which entry a value falls in, as VTK's lookup table picks it: values outside
    // [lo, hi] take the end entries. NaN gives -1 (not coloured).
    [[nodiscard]] int index_of(double value) const;
    // The colour a map shows for `value` (black for NaN: the map shows nothing there).
    [[nodiscard]] Rgb colour_at(double value) const;

private:
    Palette m_palette;
    double m_lo;
    double m_hi;
    bool m_reversed;
    std::vector<Rgb> m_entries;
};

// The palette itself at t in [0, 1] (0: dark end), linear between control points.
Rgb palette_colour(Palette palette, double t);
std::string to_string(Palette palette);

// The smallest "round" number >= x among 1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of
// ten, for the top of a legend; x <= 0 gives 1.
double nice_ceiling(double x);
// The largest round number <= x (same steps), for the bottom of a legend.
double nice_floor(double x);
// v to 12 significant digits: 0.30000000000000004 becomes 0.3.
double snap_round(double v);

}  // namespace floodtwin::viz
