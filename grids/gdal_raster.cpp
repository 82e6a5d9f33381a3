#include <algorithm>
#include "grids/gdal_raster.hpp"

#include <gdal_alg.h>
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_string.h>
#include <ogr_spatialref.h>

#include <charconv>
#include <climits>
#include <cmath>
#include <memory>
#include <mutex>
#include <system_error>
#include <vector>

#include "grids/gdal_detail.hpp"
#include "grids/gdal_open.hpp"
#include "grids/raster_error.hpp"
#include "grids/text_fields.hpp"

namespace floodtwin::grids {

namespace detail {

void ensure_gdal_registered() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

QuietGdalErrors::QuietGdalErrors() {
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
}

QuietGdalErrors::~QuietGdalErrors() { CPLPopErrorHandler(); }

std::string QuietGdalErrors::last_message() {
    const char* message = CPLGetLastErrorMsg();
    return message ? message : "";
}

std::string with_gdal_reason(std::string message) {
    const std::string reason = QuietGdalErrors::last_message();
    if (!reason.empty()) message += ": " + reason;
    return message;
}

}  // namespace detail

namespace {

using detail::with_gdal_reason;

// Shortest text that reads back to the same double, for gdalwarp's argument list.

// WKT2 keeps datum ensembles and axis order that WKT1 drops; GDAL reads both back.
std::string crs_to_wkt(const OGRSpatialReference& srs) {
    char* raw = nullptr;
    const char* const options[] = {"FORMAT=WKT2_2019", nullptr};
    srs.exportToWkt(&raw, options);
    const std::unique_ptr<char, decltype(&CPLFree)> owned(raw, &CPLFree);
    return owned ? std::string(owned.get()) : std::string();
}

void check_gdal_size(std::size_t nx, std::size_t ny, const std::string& name) {
    if (nx == 0 || ny == 0 || nx > static_cast<std::size_t>(INT_MAX) || ny > static_cast<std::size_t>(INT_MAX))
        throw RasterError(name + ": raster size " + std::to_string(nx) + " x " + std::to_string(ny) +
                          " is empty or too large for GDAL");
}

}  // namespace

namespace detail {

void require_raster_source(const std::string& name) {
    const auto colon = name.find(':');
    const bool subdataset = colon != std::string::npos && colon > 0 &&
                            std::all_of(name.begin(), name.begin() + static_cast<std::ptrdiff_t>(colon), [](char ch) {
                                return (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
                            });
    std::error_code ec;
    if (!name.starts_with("/vsi") && !subdataset && !std::filesystem::exists(name, ec))
        throw RasterError("raster file not found: " + name);
}

GDALDatasetUniquePtr open_raster_read_only(const std::string& name) {
    ensure_gdal_registered();
    require_raster_source(name);
    GDALDatasetUniquePtr dataset(
        GDALDataset::Open(name.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR));
    if (!dataset) throw RasterError(with_gdal_reason("cannot read raster file " + name));
    return dataset;
}

const char* gdalwarp_resampling(Resampling resampling) {
    switch (resampling) {
        case Resampling::nearest: return "near";
        case Resampling::bilinear: return "bilinear";
        case Resampling::cubic: return "cubic";
        case Resampling::average: return "average";
    }
    return "bilinear";
}

// The one conversion from a GDAL dataset to our Raster (see gdal_detail.hpp).
Raster<double> raster_from_dataset(GDALDataset& dataset, const std::string& name, int band_number) {
    if (dataset.GetRasterCount() < 1)
        throw RasterError(name + ": has no raster band to read");
    if (band_number < 1 || band_number > dataset.GetRasterCount())
        throw RasterError(name + ": has no band " + std::to_string(band_number) + " (it has " +
                          std::to_string(dataset.GetRasterCount()) + ")");
    // Messages about the values name the band when there is more than one.
    const std::string where =
        dataset.GetRasterCount() > 1 ? "band " + std::to_string(band_number) + " of " + name : name;
    const int nx = dataset.GetRasterXSize();
    const int ny = dataset.GetRasterYSize();
    if (nx < 1 || ny < 1) throw RasterError(name + ": raster is empty");

    double gt[6] = {0, 1, 0, 0, 0, 1};
    if (dataset.GetGeoTransform(gt) != CE_None)
        throw RasterError(name + ": has no georeferencing (no geotransform); a DEM must say where it lies");
    if (gt[2] != 0.0 || gt[4] != 0.0)
        throw RasterError("rotated rasters are not supported: " + name + " (geotransform rotation terms " +
                          exact_number_text(gt[2]) + " and " + exact_number_text(gt[4]) +
                          "); warp it to a north-up grid first, e.g. with gdalwarp");
    if (gt[1] == 0.0 || gt[5] == 0.0 || !std::isfinite(gt[1]) || !std::isfinite(gt[5]))
        throw RasterError(name + ": degenerate pixel size in its geotransform");

    Raster<double> raster(static_cast<std::size_t>(nx), static_cast<std::size_t>(ny),
                          GeoTransform{gt[0], gt[3], gt[1], gt[5]});
    raster.source = name;
    if (const OGRSpatialReference* srs = dataset.GetSpatialRef(); srs && !srs->IsEmpty())
        raster.crs_wkt = crs_to_wkt(*srs);

    GDALRasterBand* band = dataset.GetRasterBand(band_number);
    int has_nodata = 0;
    const double nodata = band->GetNoDataValue(&has_nodata);
    if (has_nodata) raster.nodata = nodata;

    if (band->RasterIO(GF_Read, 0, 0, nx, ny, raster.values.data(), nx, ny, GDT_Float64, 0, 0, nullptr) != CE_None)
        throw RasterError(with_gdal_reason("cannot read band " + std::to_string(band_number) + " of " + name));

    if (raster.count_valid() == 0)
        throw RasterError(
            "all cells are nodata in " + where +
            (raster.nodata ? " (nodata value " + exact_number_text(*raster.nodata) + ")" : std::string()));
    return raster;
}

}  // namespace detail

namespace {

// Our raster as an in-memory GDAL dataset, so GDAL's warper can read it. NaN samples
// become the nodata value so the warper skips them like any other hole.
GDALDatasetUniquePtr to_mem_dataset(const Raster<double>& raster, double nodata, const std::string& name) {
    check_gdal_size(raster.nx, raster.ny, name);
    if (raster.values.size() != raster.size())
        throw RasterError(name + ": holds " + std::to_string(raster.values.size()) + " values for " +
                          std::to_string(raster.nx) + " x " + std::to_string(raster.ny) + " cells");
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("MEM");
    if (!driver) throw RasterError("GDAL's MEM driver is missing; cannot process " + name);
    const int nx = static_cast<int>(raster.nx);
    const int ny = static_cast<int>(raster.ny);
    GDALDatasetUniquePtr dataset(driver->Create("", nx, ny, 1, GDT_Float64, nullptr));
    if (!dataset) throw RasterError(with_gdal_reason("cannot create an in-memory copy of " + name));

    double gt[6] = {raster.transform.origin_x, raster.transform.pixel_width, 0.0,
                    raster.transform.origin_y, 0.0, raster.transform.pixel_height};
    dataset->SetGeoTransform(gt);
    if (dataset->SetProjection(raster.crs_wkt.c_str()) != CE_None)
        throw RasterError(with_gdal_reason(name + ": its CRS could not be understood"));

    std::vector<double> values = raster.values;
    for (double& v : values)
        if (raster.is_nodata_value(v)) v = nodata;
    GDALRasterBand* band = dataset->GetRasterBand(1);
    band->SetNoDataValue(nodata);
    if (band->RasterIO(GF_Write, 0, 0, nx, ny, values.data(), nx, ny, GDT_Float64, 0, 0, nullptr) != CE_None)
        throw RasterError(with_gdal_reason("cannot fill the in-memory copy of " + name));
    return dataset;
}

// Parses the target CRS without touching files or the network (a case file is input we
// do not fully trust), and insists on metres because the resolution is given in metres.
OGRSpatialReference metric_target_crs(const std::string& text, const std::string& name) {
    OGRSpatialReference srs;
    if (text.empty() ||
        srs.SetFromUserInput(text.c_str(), OGRSpatialReference::SET_FROM_USER_INPUT_LIMITATIONS_get()) != OGRERR_NONE)
        throw RasterError(with_gdal_reason("cannot reproject " + name + ": target CRS '" + text + "' is not understood"));
    if (!srs.IsProjected())
        throw RasterError("cannot reproject " + name + ": target CRS '" + text +
                          "' is not a projected CRS, so a resolution in metres means nothing there");
    if (std::fabs(srs.GetLinearUnits() - 1.0) > 1e-12)
        throw RasterError("cannot reproject " + name + ": target CRS '" + text + "' is not in metres");
    return srs;
}

struct WarpOptionsFree {
    void operator()(GDALWarpAppOptions* options) const { GDALWarpAppOptionsFree(options); }
};

// The CRS a user wrote ("EPSG:32648", a WKT, a PROJ string), or RasterError naming `what`.
OGRSpatialReference parse_crs(const std::string& text, const std::string& what) {
    detail::ensure_gdal_registered();
    const detail::QuietGdalErrors quiet;
    OGRSpatialReference srs;
    if (text.empty() ||
        srs.SetFromUserInput(text.c_str(), OGRSpatialReference::SET_FROM_USER_INPUT_LIMITATIONS_get()) != OGRERR_NONE)
        throw RasterError(with_gdal_reason(what + ": CRS '" + text + "' is not understood"));
    return srs;
}

}  // namespace

std::string crs_wkt(const std::string& text, const std::string& what) {
    const OGRSpatialReference srs = parse_crs(text, what);
    return crs_to_wkt(srs);
}

CrsFacts crs_facts(const std::string& text, const std::string& what) {
    const OGRSpatialReference srs = parse_crs(text, what);
    CrsFacts facts;
    const char* name = srs.GetName();
    facts.name = name ? name : "unnamed";
    facts.geographic = srs.IsGeographic();
    facts.projected = srs.IsProjected();
    if (facts.geographic) {
        const char* unit = nullptr;
        srs.GetAngularUnits(&unit);
        facts.unit_name = unit ? unit : "degree";
    } else {
        const char* unit = nullptr;
        facts.metres_per_unit = srs.GetLinearUnits(&unit);
        facts.unit_name = unit ? unit : "metre";
    }
    return facts;
}

GridSize raster_file_size(const std::filesystem::path& path) {
    const std::string name = path.string();
    const detail::QuietGdalErrors quiet;
    const GDALDatasetUniquePtr dataset = detail::open_raster_read_only(name);
    return {static_cast<std::size_t>(std::max(0, dataset->GetRasterXSize())),
            static_cast<std::size_t>(std::max(0, dataset->GetRasterYSize()))};
}

std::string raster_metadata_item(const std::filesystem::path& path, const std::string& key) {
    const detail::QuietGdalErrors quiet;
    const GDALDatasetUniquePtr dataset = detail::open_raster_read_only(path.string());
    const char* value = dataset->GetMetadataItem(key.c_str());
    return value ? value : "";
}

Raster<double> read_raster(const std::filesystem::path& path) {
    const std::string name = path.string();
    const detail::QuietGdalErrors quiet;
    const GDALDatasetUniquePtr dataset = detail::open_raster_read_only(name);
    return detail::raster_from_dataset(*dataset, name);
}

Raster<double> warp_raster(const Raster<double>& source, const WarpOptions& options) {
    detail::ensure_gdal_registered();
    const std::string name = source.source.empty() ? std::string("<unnamed raster>") : source.source;
    if (source.crs_wkt.empty())
        throw RasterError(name + " has no coordinate reference system, so it cannot be reprojected to " +
                          options.target_crs + "; give it one (e.g. a .prj file beside an .asc)");
    if (!(options.resolution_m > 0.0) || !std::isfinite(options.resolution_m))
        throw RasterError("cannot reproject " + name + ": resolution must be a positive number of metres, got " +
                          exact_number_text(options.resolution_m));
    if (!(options.error_threshold_cells >= 0.0))
        throw RasterError("cannot reproject " + name + ": error threshold must be >= 0 cells");

    const detail::QuietGdalErrors quiet;
    const OGRSpatialReference target = metric_target_crs(options.target_crs, name);

    const double nodata = source.nodata.value_or(k_warp_fallback_nodata);
    GDALDatasetUniquePtr input = to_mem_dataset(source, nodata, name);

    const std::string resolution = exact_number_text(options.resolution_m);
    CPLStringList args;
    for (const std::string& arg :
         {std::string("-of"), std::string("MEM"), std::string("-t_srs"), crs_to_wkt(target), std::string("-tr"),
          resolution, resolution, std::string("-tap"), std::string("-r"),
          std::string(detail::gdalwarp_resampling(options.resampling)), std::string("-dstnodata"),
          exact_number_text(nodata), std::string("-ot"), std::string("Float64"), std::string("-et"),
          exact_number_text(options.error_threshold_cells)})
        args.AddString(arg.c_str());

    const std::unique_ptr<GDALWarpAppOptions, WarpOptionsFree> warp_options(
        GDALWarpAppOptionsNew(args.List(), nullptr));
    if (!warp_options) throw RasterError(with_gdal_reason("cannot reproject " + name + ": bad warp options"));
    GDALWarpAppOptionsSetQuiet(warp_options.get(), TRUE);

    GDALDatasetH input_handle = GDALDataset::ToHandle(input.get());
    int usage_error = 0;
    GDALDatasetUniquePtr output(
        GDALDataset::FromHandle(GDALWarp("", nullptr, 1, &input_handle, warp_options.get(), &usage_error)));
    if (!output)
        throw RasterError(with_gdal_reason("cannot reproject " + name + " to " + options.target_crs));
    return detail::raster_from_dataset(*output, name);
}

Raster<double> warp_onto(const Raster<double>& source, const Raster<double>& like, Resampling resampling) {
    detail::ensure_gdal_registered();
    const std::string name = source.source.empty() ? std::string("<unnamed raster>") : source.source;
    if (source.crs_wkt.empty())
        throw RasterError(name + " has no coordinate reference system, so it cannot be warped onto the DEM's grid; "
                          "give it one, or write it on the DEM's grid cell for cell");
    if (like.crs_wkt.empty())
        throw RasterError("cannot warp " + name + ": the target grid has no coordinate reference system");
    const detail::QuietGdalErrors quiet;
    const double nodata = source.nodata.value_or(k_warp_fallback_nodata);
    GDALDatasetUniquePtr input = to_mem_dataset(source, nodata, name);
    const Bounds b = like.bounds();
    CPLStringList args;
    for (const std::string& arg :
         {std::string("-of"), std::string("MEM"), std::string("-t_srs"), like.crs_wkt, std::string("-te"),
          exact_number_text(b.xmin), exact_number_text(b.ymin), exact_number_text(b.xmax), exact_number_text(b.ymax),
          std::string("-ts"), std::to_string(like.nx), std::to_string(like.ny), std::string("-r"),
          std::string(detail::gdalwarp_resampling(resampling)), std::string("-dstnodata"), exact_number_text(nodata),
          std::string("-ot"), std::string("Float64"), std::string("-et"), std::string("0")})
        args.AddString(arg.c_str());
    const std::unique_ptr<GDALWarpAppOptions, WarpOptionsFree> warp_options(
        GDALWarpAppOptionsNew(args.List(), nullptr));
    if (!warp_options) throw RasterError(with_gdal_reason("cannot warp " + name + ": bad warp options"));
    GDALWarpAppOptionsSetQuiet(warp_options.get(), TRUE);
    GDALDatasetH input_handle = GDALDataset::ToHandle(input.get());
    int usage_error = 0;
    GDALDatasetUniquePtr output(
        GDALDataset::FromHandle(GDALWarp("", nullptr, 1, &input_handle, warp_options.get(), &usage_error)));
    if (!output) throw RasterError(with_gdal_reason("cannot warp " + name + " onto the DEM's grid"));
    Raster<double> out = detail::raster_from_dataset(*output, name);
    // The grid is the target's exactly, whatever GDAL rounded.
    out.transform = like.transform;
    out.crs_wkt = like.crs_wkt;
    return out;
}

GridSize warp_output_size(const Raster<double>& source, const WarpOptions& options) {
    detail::ensure_gdal_registered();
    const std::string name = source.source.empty() ? std::string("<unnamed raster>") : source.source;
    if (source.crs_wkt.empty())
        throw RasterError(name + " has no coordinate reference system, so it cannot be reprojected to " +
                          options.target_crs);
    if (!(options.resolution_m > 0.0) || !std::isfinite(options.resolution_m))
        throw RasterError("cannot reproject " + name + ": resolution must be a positive number of metres, got " +
                          exact_number_text(options.resolution_m));
    check_gdal_size(source.nx, source.ny, name);
    const detail::QuietGdalErrors quiet;
    const OGRSpatialReference target = metric_target_crs(options.target_crs, name);
    // A dataset with the source's size and place but no band: nothing is allocated.
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("MEM");
    if (!driver) throw RasterError("GDAL's MEM driver is missing; cannot process " + name);
    GDALDatasetUniquePtr shape(
        driver->Create("", static_cast<int>(source.nx), static_cast<int>(source.ny), 0, GDT_Float64, nullptr));
    if (!shape) throw RasterError(with_gdal_reason("cannot describe " + name + " to GDAL"));
    double gt[6] = {source.transform.origin_x, source.transform.pixel_width, 0.0,
                    source.transform.origin_y, 0.0, source.transform.pixel_height};
    shape->SetGeoTransform(gt);
    if (shape->SetProjection(source.crs_wkt.c_str()) != CE_None)
        throw RasterError(with_gdal_reason(name + ": its CRS could not be understood"));
    const std::string target_wkt = crs_to_wkt(target);
    void* transformer = GDALCreateGenImgProjTransformer(GDALDataset::ToHandle(shape.get()), source.crs_wkt.c_str(),
                                                        nullptr, target_wkt.c_str(), FALSE, 0.0, 0);
    if (!transformer) throw RasterError(with_gdal_reason("cannot reproject " + name + " to " + options.target_crs));
    double suggested[6] = {0, 1, 0, 0, 0, -1};
    double extent[4] = {0, 0, 0, 0};
    int px = 0, py = 0;
    const CPLErr err = GDALSuggestedWarpOutput2(GDALDataset::ToHandle(shape.get()), GDALGenImgProjTransform,
                                                transformer, suggested, &px, &py, extent, 0);
    GDALDestroyGenImgProjTransformer(transformer);
    if (err != CE_None)
        throw RasterError(with_gdal_reason("cannot reproject " + name + " to " + options.target_crs));
    // -tap: the extent out to whole multiples of the resolution (extent: xmin, ymin, xmax, ymax).
    const double r = options.resolution_m;
    const double nx = std::ceil(extent[2] / r) - std::floor(extent[0] / r);
    const double ny = std::ceil(extent[3] / r) - std::floor(extent[1] / r);
    // Clamped to what a size_t holds: a resolution that fine is refused anyway.
    const auto count = [](double n) { return n >= 1.0 ? static_cast<std::size_t>(std::min(n, 1e18)) : std::size_t{1}; };
    return {count(nx), count(ny)};
}

}  // namespace floodtwin::grids
