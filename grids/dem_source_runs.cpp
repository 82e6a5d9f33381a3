#include "grids/dem_source_runs.hpp"

#include <gdal_alg.h>
#include <gdal_priv.h>
#include <gdal_utils.h>
#include <cpl_string.h>
#include <ogr_spatialref.h>

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>
#include <memory>

#include "grids/gdal_detail.hpp"
#include "grids/gdal_open.hpp"
#include "grids/raster_error.hpp"
#include "grids/text_fields.hpp"

namespace floodtwin::grids::detail {

namespace {

// Shortest text that reads back to the same double, for GDAL's argument lists.

struct Source {
    std::string name;
    GDALDatasetUniquePtr dataset;
    double gt[6] = {0, 1, 0, 0, 0, 1};
    GDALDataType type = GDT_Unknown;
    int has_nodata = 0;
    double nodata = 0.0;
};

Source open_source(const std::filesystem::path& path) {
    Source s;
    s.name = path.string();
    s.dataset = open_raster_read_only(s.name);
    if (s.dataset->GetRasterCount() < 1) throw RasterError(s.name + ": has no raster band to read");
    if (s.dataset->GetGeoTransform(s.gt) != CE_None)
        throw RasterError(s.name + ": has no georeferencing (no geotransform); a DEM must say where it lies");
    const OGRSpatialReference* srs = s.dataset->GetSpatialRef();
    if (!srs || srs->IsEmpty())
        throw RasterError(s.name + " has no coordinate reference system, so it cannot be placed on the DEM grid; " +
                          "give it one (e.g. a .prj file beside an .asc)");
    GDALRasterBand* band = s.dataset->GetRasterBand(1);
    s.type = band->GetRasterDataType();
    s.nodata = band->GetNoDataValue(&s.has_nodata);
    return s;
}

bool close(double a, double b, double tolerance) { return std::fabs(a - b) <= tolerance; }

// Whether `b` can join `a` in one VRT without resampling: tiles of one product.
bool same_grid(const Source& a, const Source& b) {
    if (a.gt[2] != 0.0 || a.gt[4] != 0.0 || b.gt[2] != 0.0 || b.gt[4] != 0.0) return false;
    if (!close(a.gt[1], b.gt[1], 1e-9 * std::fabs(a.gt[1])) || !close(a.gt[5], b.gt[5], 1e-9 * std::fabs(a.gt[5])))
        return false;
    const double shift_x = (b.gt[0] - a.gt[0]) / a.gt[1];
    const double shift_y = (b.gt[3] - a.gt[3]) / a.gt[5];
    if (!close(shift_x, std::round(shift_x), 1e-6) || !close(shift_y, std::round(shift_y), 1e-6)) return false;
    if (a.type != b.type || a.has_nodata != b.has_nodata) return false;
    if (a.has_nodata && !(a.nodata == b.nodata || (std::isnan(a.nodata) && std::isnan(b.nodata)))) return false;
    return a.dataset->GetSpatialRef()->IsSame(b.dataset->GetSpatialRef()) != 0;
}

struct Run {
    std::vector<const Source*> sources;
    GDALDatasetUniquePtr mosaic;  // a VRT when the run has more than one source
    std::string files;

    [[nodiscard]] GDALDataset& dataset() const { return mosaic ? *mosaic : *sources.front()->dataset; }
};

struct BuildVrtOptionsFree {
    void operator()(GDALBuildVRTOptions* options) const { GDALBuildVRTOptionsFree(options); }
};
struct WarpOptionsFree {
    void operator()(GDALWarpAppOptions* options) const { GDALWarpAppOptionsFree(options); }
};

// GDALBuildVRT lets the LAST source listed win where tiles overlap and treats each
// source's nodata as transparent, so listing the run backwards gives first-listed-wins.
void build_mosaic(Run& run) {
    std::vector<GDALDatasetH> handles;
    for (auto it = run.sources.rbegin(); it != run.sources.rend(); ++it)
        handles.push_back(GDALDataset::ToHandle((*it)->dataset.get()));
    CPLStringList args;
    args.AddString("-b");
    args.AddString("1");
    const std::unique_ptr<GDALBuildVRTOptions, BuildVrtOptionsFree> options(
        GDALBuildVRTOptionsNew(args.List(), nullptr));
    if (!options) throw RasterError(with_gdal_reason("cannot join " + run.files + ": bad mosaic options"));
    GDALBuildVRTOptionsSetProgress(options.get(), nullptr, nullptr);
    int usage_error = 0;
    run.mosaic.reset(GDALDataset::FromHandle(GDALBuildVRT("", static_cast<int>(handles.size()), handles.data(), nullptr,
                                                          options.get(), &usage_error)));
    if (!run.mosaic) throw RasterError(with_gdal_reason("cannot join " + run.files + " into one mosaic"));
}

std::vector<Run> group_runs(const std::vector<Source>& sources) {
    std::vector<Run> runs;
    for (const Source& s : sources) {
        if (runs.empty() || !same_grid(*runs.back().sources.front(), s)) runs.emplace_back();
        Run& run = runs.back();
        run.files += (run.sources.empty() ? "" : ", ") + s.name;
        run.sources.push_back(&s);
    }
    for (Run& run : runs)
        if (run.sources.size() > 1) build_mosaic(run);
    return runs;
}

// Same checks as warp_raster: the resolution is in metres, so the target must be too.
OGRSpatialReference metric_target(const std::string& text) {
    OGRSpatialReference srs;
    if (text.empty() ||
        srs.SetFromUserInput(text.c_str(), OGRSpatialReference::SET_FROM_USER_INPUT_LIMITATIONS_get()) != OGRERR_NONE)
        throw RasterError(with_gdal_reason("DEM target CRS '" + text + "' is not understood"));
    if (!srs.IsProjected())
        throw RasterError("DEM target CRS '" + text +
                          "' is not a projected CRS, so a resolution in metres means nothing there");
    if (std::fabs(srs.GetLinearUnits() - 1.0) > 1e-12)
        throw RasterError("DEM target CRS '" + text + "' is not in metres");
    return srs;
}

std::string wkt_of(const OGRSpatialReference& srs) {
    char* raw = nullptr;
    const char* const options[] = {"FORMAT=WKT2_2019", nullptr};
    srs.exportToWkt(&raw, options);
    const std::unique_ptr<char, decltype(&CPLFree)> owned(raw, &CPLFree);
    return owned ? std::string(owned.get()) : std::string();
}

// GDAL's source-to-target pixel transformer, freed with the object.
class PixelTransformer {
public:
    PixelTransformer(GDALDataset& source, const std::string& target_wkt, const std::string& files) {
        CPLStringList options;
        options.SetNameValue("DST_SRS", target_wkt.c_str());
        m_arg = GDALCreateGenImgProjTransformer2(GDALDataset::ToHandle(&source), nullptr, options.List());
        if (!m_arg) throw RasterError(with_gdal_reason("cannot transform " + files + " to the DEM's CRS"));
    }
    ~PixelTransformer() { GDALDestroyGenImgProjTransformer(m_arg); }
    PixelTransformer(const PixelTransformer&) = delete;
    PixelTransformer& operator=(const PixelTransformer&) = delete;
    [[nodiscard]] void* arg() const { return m_arg; }

private:
    void* m_arg = nullptr;
};

// The run's footprint in the target CRS, as gdalwarp finds it (xmin, ymin, xmax, ymax).
Bounds run_extent(const Run& run, const std::string& target_wkt) {
    const PixelTransformer transformer(run.dataset(), target_wkt, run.files);
    double gt[6];
    double extent[4];
    int nx = 0, ny = 0;
    if (GDALSuggestedWarpOutput2(GDALDataset::ToHandle(&run.dataset()), GDALGenImgProjTransform, transformer.arg(), gt,
                                 &nx, &ny, extent, 0) != CE_None)
        throw RasterError(with_gdal_reason("cannot find where " + run.files + " lies in the DEM's CRS"));
    return {extent[0], extent[1], extent[2], extent[3]};
}

// The grid: the box snapped outward to whole multiples of the resolution (gdalwarp -tap).
// A bbox edge within 1e-9 cell of a grid line takes no extra cell, as in crop().
GeoTransform aligned_grid(const Bounds& box, double resolution, bool user_box, std::size_t& nx, std::size_t& ny) {
    const double slack = user_box ? 1e-9 : 0.0;
    const double xmin = std::floor(box.xmin / resolution + slack) * resolution;
    const double xmax = std::ceil(box.xmax / resolution - slack) * resolution;
    const double ymin = std::floor(box.ymin / resolution + slack) * resolution;
    const double ymax = std::ceil(box.ymax / resolution - slack) * resolution;
    // gdalwarp's own rounding of the size, so the grid is the one -tap would give.
    const double cols = std::floor((xmax - xmin + resolution / 2.0) / resolution);
    const double rows = std::floor((ymax - ymin + resolution / 2.0) / resolution);
    if (!(cols >= 1.0 && rows >= 1.0 && cols <= INT_MAX && rows <= INT_MAX))
        throw RasterError("DEM grid of " + exact_number_text(cols) + " x " + exact_number_text(rows) + " cells of " +
                          exact_number_text(resolution) + " m is empty or too large");
    nx = static_cast<std::size_t>(cols);
    ny = static_cast<std::size_t>(rows);
    return {xmin, ymax, resolution, -resolution};
}

// Error allowed to gdalwarp's approximate transform, in cells (its default).
constexpr double k_warp_error_cells = 0.125;

struct ApproxTransformerFree {
    void operator()(void* arg) const { GDALDestroyApproxTransformer(arg); }
};

// 1 where the centre of a grid cell maps inside the run's raster. Mapped with the same
// approximation as the warp: exact PROJ calls for every cell took half the run time.
std::vector<std::uint8_t> inside_mask(const Run& run, const std::string& target_wkt, const Raster<double>& grid) {
    const PixelTransformer transformer(run.dataset(), target_wkt, run.files);
    const double gt[6] = {grid.transform.origin_x, grid.transform.pixel_width, 0.0,
                          grid.transform.origin_y, 0.0, grid.transform.pixel_height};
    GDALSetGenImgProjTransformerDstGeoTransform(transformer.arg(), gt);
    const std::unique_ptr<void, ApproxTransformerFree> approx(
        GDALCreateApproxTransformer(GDALGenImgProjTransform, transformer.arg(), k_warp_error_cells));
    if (!approx) throw RasterError(with_gdal_reason("cannot transform " + run.files + " to the DEM's CRS"));
    const double src_nx = run.dataset().GetRasterXSize();
    const double src_ny = run.dataset().GetRasterYSize();

    std::vector<std::uint8_t> inside(grid.size(), 0);
    std::vector<double> x(grid.nx), y(grid.nx), z(grid.nx);
    std::vector<int> ok(grid.nx);
    for (std::size_t row = 0; row < grid.ny; ++row) {
        for (std::size_t col = 0; col < grid.nx; ++col) {
            x[col] = static_cast<double>(col) + 0.5;
            y[col] = static_cast<double>(row) + 0.5;
            z[col] = 0.0;
        }
        // Destination pixels to source pixels; failed points (off the projection) stay outside.
        GDALApproxTransform(approx.get(), TRUE, static_cast<int>(grid.nx), x.data(), y.data(), z.data(), ok.data());
        for (std::size_t col = 0; col < grid.nx; ++col)
            inside[grid.index(col, row)] =
                ok[col] && x[col] >= 0.0 && x[col] < src_nx && y[col] >= 0.0 && y[col] < src_ny ? 1 : 0;
    }
    return inside;
}

// gdalwarp in memory onto exactly `grid` (-te and -tr of an aligned grid: -tap's result).
// A multi-band source is warped whole (GDAL 3.6's gdalwarp has no -srcband); only band 1
// is read back.
void warp_onto(const Run& run, const std::string& target_wkt, Resampling resampling, Raster<double>& grid) {
    const Bounds box = grid.bounds();
    const std::string resolution = exact_number_text(grid.transform.pixel_width);
    CPLStringList args;
    const std::string args_list[] = {"-of", "MEM", "-t_srs", target_wkt, "-te", exact_number_text(box.xmin),
                                     exact_number_text(box.ymin), exact_number_text(box.xmax),
                                     exact_number_text(box.ymax), "-tr", resolution, resolution, "-r",
                                     gdalwarp_resampling(resampling), "-dstnodata", exact_number_text(k_dem_nodata),
                                     "-ot", "Float64", "-et", exact_number_text(k_warp_error_cells)};
    for (const std::string& arg : args_list)
        args.AddString(arg.c_str());
    const std::unique_ptr<GDALWarpAppOptions, WarpOptionsFree> options(GDALWarpAppOptionsNew(args.List(), nullptr));
    if (!options) throw RasterError(with_gdal_reason("cannot reproject " + run.files + ": bad warp options"));
    GDALWarpAppOptionsSetQuiet(options.get(), TRUE);

    GDALDatasetH input = GDALDataset::ToHandle(&run.dataset());
    int usage_error = 0;
    GDALDatasetUniquePtr output(GDALDataset::FromHandle(GDALWarp("", nullptr, 1, &input, options.get(), &usage_error)));
    if (!output) throw RasterError(with_gdal_reason("cannot reproject " + run.files));
    if (output->GetRasterXSize() != static_cast<int>(grid.nx) || output->GetRasterYSize() != static_cast<int>(grid.ny))
        throw RasterError("reprojecting " + run.files + " gave a grid of " + std::to_string(output->GetRasterXSize()) +
                          " x " + std::to_string(output->GetRasterYSize()) + " cells instead of " +
                          std::to_string(grid.nx) + " x " + std::to_string(grid.ny));
    if (output->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, static_cast<int>(grid.nx), static_cast<int>(grid.ny),
                                           grid.values.data(), static_cast<int>(grid.nx), static_cast<int>(grid.ny),
                                           GDT_Float64, 0, 0, nullptr) != CE_None)
        throw RasterError(with_gdal_reason("cannot read back the reprojected " + run.files));
    // A float source without a nodata value may hold NaN; the warper can pass it through.
    for (double& v : grid.values)
        if (std::isnan(v)) v = k_dem_nodata;
}

}  // namespace

std::size_t warp_source_runs(std::span<const std::filesystem::path> sources, const DemPrepareOptions& options,
                             const std::function<void(WarpedRun&&)>& use) {
    ensure_gdal_registered();
    if (sources.empty()) throw RasterError("no DEM source given");
    if (!(options.resolution_m > 0.0) || !std::isfinite(options.resolution_m))
        throw RasterError("DEM resolution must be a positive number of metres, got " +
                          exact_number_text(options.resolution_m));
    if (options.bbox) {
        const Bounds& b = *options.bbox;
        if (!(b.xmin < b.xmax && b.ymin < b.ymax) || !std::isfinite(b.xmin + b.xmax + b.ymin + b.ymax))
            throw RasterError("DEM bbox " + exact_number_text(b.xmin) + "," + exact_number_text(b.ymin) + "," +
                              exact_number_text(b.xmax) + "," + exact_number_text(b.ymax) +
                              " is not xmin,ymin,xmax,ymax");
    }

    const QuietGdalErrors quiet;
    const std::string target_wkt = wkt_of(metric_target(options.target_crs));
    std::vector<Source> opened;
    opened.reserve(sources.size());
    for (const auto& path : sources) opened.push_back(open_source(path));
    const std::vector<Run> runs = group_runs(opened);

    Bounds box;
    if (options.bbox) {
        box = *options.bbox;
    } else {
        box = run_extent(runs.front(), target_wkt);
        for (std::size_t k = 1; k < runs.size(); ++k) {
            const Bounds e = run_extent(runs[k], target_wkt);
            box = {std::min(box.xmin, e.xmin), std::min(box.ymin, e.ymin), std::max(box.xmax, e.xmax),
                   std::max(box.ymax, e.ymax)};
        }
    }
    std::size_t nx = 0, ny = 0;
    const GeoTransform transform = aligned_grid(box, options.resolution_m, options.bbox.has_value(), nx, ny);

    for (const Run& run : runs) {
        WarpedRun warped;
        warped.files = run.files;
        warped.dem = Raster<double>(nx, ny, transform, k_dem_nodata);
        warped.dem.crs_wkt = target_wkt;
        warped.dem.nodata = k_dem_nodata;
        warped.dem.source = run.files;
        warped.inside = inside_mask(run, target_wkt, warped.dem);
        // Nothing to warp where the run does not reach the grid (a bbox beside a tile).
        if (std::any_of(warped.inside.begin(), warped.inside.end(), [](std::uint8_t v) { return v != 0; }))
            warp_onto(run, target_wkt, options.resampling, warped.dem);
        use(std::move(warped));
    }
    return runs.size();
}

}  // namespace floodtwin::grids::detail
