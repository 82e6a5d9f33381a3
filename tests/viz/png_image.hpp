#pragma once
// PNGs read back for the map tests, and colours compared with a tolerance: a map's
// pixels are checked against the colours it was asked to draw.
#include <boost/test/unit_test.hpp>

#include <array>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPNGReader.h>

#include "viz/colour_scale.hpp"
#include "viz/map_layout.hpp"

namespace floodtwin::viz::testing {

// A PNG as rows from the top, RGB bytes.
struct Image {
    int width = 0;
    int height = 0;
    std::vector<unsigned char> rgb;

    [[nodiscard]] std::array<int, 3> at(int column, int row) const {
        const std::size_t k = 3 * (static_cast<std::size_t>(row) * width + column);
        return {rgb[k], rgb[k + 1], rgb[k + 2]};
    }
    // Pixels in a box that are not the white page.
    [[nodiscard]] int inked(const viz::PixelBox& box) const {
        int count = 0;
        for (int r = box.top; r < box.bottom; ++r)
            for (int c = box.left; c < box.right; ++c) {
                const auto p = at(c, r);
                if (p[0] < 200 || p[1] < 200 || p[2] < 200) ++count;
            }
        return count;
    }
};

inline Image read_png(const std::filesystem::path& path) {
    BOOST_REQUIRE_MESSAGE(std::filesystem::exists(path), path << " was not written");
    vtkNew<vtkPNGReader> reader;
    reader->SetFileName(path.c_str());
    reader->Update();
    vtkImageData* data = reader->GetOutput();
    int dims[3];
    data->GetDimensions(dims);
    Image image;
    image.width = dims[0];
    image.height = dims[1];
    const int components = data->GetNumberOfScalarComponents();
    BOOST_REQUIRE(components >= 3);
    image.rgb.resize(3 * static_cast<std::size_t>(image.width) * image.height);
    const auto* raw = static_cast<const unsigned char*>(data->GetScalarPointer());
    // VTK images count rows from the bottom; PNG rows (and ours) from the top.
    for (int row = 0; row < image.height; ++row)
        for (int c = 0; c < image.width; ++c)
            for (int k = 0; k < 3; ++k)
                image.rgb[3 * (static_cast<std::size_t>(row) * image.width + c) + k] =
                    raw[components * (static_cast<std::size_t>(image.height - 1 - row) * image.width + c) + k];
    return image;
}

inline std::array<int, 3> bytes(const viz::Rgb& c) {
    return {static_cast<int>(std::lround(255 * c.r)), static_cast<int>(std::lround(255 * c.g)),
            static_cast<int>(std::lround(255 * c.b))};
}

inline bool close_to(const std::array<int, 3>& got, const std::array<int, 3>& want, int tolerance) {
    for (int k = 0; k < 3; ++k)
        if (std::abs(got[k] - want[k]) > tolerance) return false;
    return true;
}

}  // namespace floodtwin::viz::testing
