#include "grids/raster_series.hpp"

#include <gdal_priv.h>

#include <algorithm>
#include <charconv>
#include <cmath>

#include "grids/gdal_detail.hpp"
#include "grids/gdal_open.hpp"
#include "grids/raster_error.hpp"

namespace floodtwin::grids {

namespace {

std::string metadata_item(GDALMajorObject& object, const std::string& key) {
    const char* value = object.GetMetadataItem(key.c_str());
    return value ? value : "";
}

// The name of the dimension the bands run along, from the netCDF driver's
// NETCDF_DIM_EXTRA = "{time}"; "" when the file has none (a plain GeoTIFF).
std::string band_dimension(GDALDataset& dataset, const std::string& name) {
    std::string extra = metadata_item(dataset, "NETCDF_DIM_EXTRA");
    if (extra.empty()) return "";
    if (extra.front() == '{' && extra.back() == '}') extra = extra.substr(1, extra.size() - 2);
    // Several extra dimensions make bands a product (time x member): which band is
    // which frame is then not ours to guess.
    if (extra.find(',') != std::string::npos)
        throw RasterError(name + ": its bands run along several dimensions (" + extra +
                          "); a series of grids must vary along time only: select one slice, e.g. with "
                          "gdal_translate -b or ncks -d");
    return extra;
}

}  // namespace

std::vector<RasterFrame> read_raster_frames(const std::filesystem::path& path) {
    const std::string name = path.string();
    const detail::QuietGdalErrors quiet;
    const GDALDatasetUniquePtr dataset = detail::open_raster_read_only(name);

    const std::string dim = band_dimension(*dataset, name);
    const std::string units = dim.empty() ? "" : metadata_item(*dataset, dim + "#units");
    const std::string calendar = dim.empty() ? "" : metadata_item(*dataset, dim + "#calendar");

    std::vector<RasterFrame> frames;
    const int bands = dataset->GetRasterCount();
    frames.reserve(static_cast<std::size_t>(std::max(bands, 0)));
    for (int b = 1; b <= bands; ++b) {
        GDALRasterBand& band = *dataset->GetRasterBand(b);
        RasterFrame f;
        f.band = b;
        f.time_text = band.GetDescription();
        if (!dim.empty()) {
            const std::string text = metadata_item(band, "NETCDF_DIM_" + dim);
            if (!text.empty()) {
                double value = 0.0;
                const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
                if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
                    throw RasterError(name + ": band " + std::to_string(b) + " has " + dim + " = '" + text +
                                      "', not a number");
                f.time_value = value;
                f.time_units = units;
                f.time_calendar = calendar;
            }
        }
        f.raster = detail::raster_from_dataset(*dataset, name, b);
        frames.push_back(std::move(f));
    }
    if (frames.empty()) {
        // A NetCDF file of several variables opens as subdatasets, one per variable.
        std::string variables;
        for (char** item = dataset->GetMetadata("SUBDATASETS"); item && *item; ++item) {
            const std::string text = *item;
            const auto eq = text.find('=');
            if (eq == std::string::npos || !text.substr(0, eq).ends_with("_NAME")) continue;
            const auto colon = text.rfind(':');
            variables += (variables.empty() ? "" : ", ") + text.substr(colon == std::string::npos ? eq + 1 : colon + 1);
        }
        if (!variables.empty())
            throw RasterError(name + ": holds several variables (" + variables +
                              "), so which is meant is not clear; keep the one to read, e.g. with ncks -v");
        throw RasterError(name + ": has no raster band to read");
    }
    return frames;
}

}  // namespace floodtwin::grids
