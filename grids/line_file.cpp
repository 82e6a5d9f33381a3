#include "grids/line_file.hpp"

#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <memory>
#include <system_error>

#include "grids/gdal_detail.hpp"
#include "grids/raster_error.hpp"

namespace floodtwin::grids {

namespace {

using detail::with_gdal_reason;

Polyline to_polyline(const OGRLineString& part, std::string name) {
    Polyline line;
    line.name = std::move(name);
    line.points.reserve(static_cast<std::size_t>(part.getNumPoints()));
    for (int k = 0; k < part.getNumPoints(); ++k) line.points.push_back({part.getX(k), part.getY(k)});
    return line;
}

std::string feature_name(const OGRFeature& feature, const std::string& file) {
    const int field = feature.GetFieldIndex("name");
    if (field >= 0 && feature.IsFieldSetAndNotNull(field)) {
        const std::string name = feature.GetFieldAsString(field);
        if (!name.empty()) return name;
    }
    return file + " feature " + std::to_string(feature.GetFID());
}

// Lines in a geographic CRS must hold longitudes and latitudes. GeoJSON without a "crs"
// member is declared WGS 84 by the standard, so UTM coordinates written without one land
// here rather than being silently sent to nowhere.
void require_lon_lat(const std::vector<Polyline>& lines, const std::string& file) {
    for (const Polyline& line : lines)
        for (const LinePoint& p : line.points)
            if (!(std::fabs(p.x) <= 180.0 && std::fabs(p.y) <= 90.0))
                throw RasterError(file + ": line '" + line.name + "' has the point (" + std::to_string(p.x) + ", " +
                                  std::to_string(p.y) + "), not a longitude and latitude, yet the file's CRS is " +
                                  "geographic; GeoJSON without a \"crs\" member is read as WGS 84 lon/lat, so give " +
                                  "it one (e.g. \"urn:ogc:def:crs:EPSG::32648\") or write lon/lat");
}

void transform_lines(std::vector<Polyline>& lines, const OGRSpatialReference& from, const std::string& target_wkt,
                     const std::string& file) {
    OGRSpatialReference source(from);
    source.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRSpatialReference target;
    if (target.importFromWkt(target_wkt.c_str()) != OGRERR_NONE)
        throw RasterError(with_gdal_reason("cannot read " + file + ": the target CRS is not understood"));
    target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (source.IsGeographic()) require_lon_lat(lines, file);
    const std::unique_ptr<OGRCoordinateTransformation> transform(OGRCreateCoordinateTransformation(&source, &target));
    if (!transform) throw RasterError(with_gdal_reason("cannot transform the lines of " + file + " to the DEM's CRS"));
    for (Polyline& line : lines) {
        std::vector<double> x, y;
        for (const LinePoint& p : line.points) {
            x.push_back(p.x);
            y.push_back(p.y);
        }
        if (!transform->Transform(x.size(), x.data(), y.data()))
            throw RasterError(
                with_gdal_reason(file + ": line '" + line.name + "' cannot be transformed to the DEM's CRS"));
        for (std::size_t k = 0; k < x.size(); ++k) line.points[k] = {x[k], y[k]};
    }
}

void add_rings(const OGRPolygon& polygon, const std::string& name, std::vector<Polyline>& rings) {
    int k = 0;
    for (const OGRLinearRing* ring : polygon) rings.push_back(to_polyline(*ring, name + " ring " + std::to_string(++k)));
}

}  // namespace

void transform_lines(std::vector<Polyline>& lines, const std::string& from_crs, const std::string& to_crs,
                     const std::string& what) {
    OGRSpatialReference from;
    if (from.SetFromUserInput(from_crs.c_str()) != OGRERR_NONE)
        throw RasterError(with_gdal_reason(what + ": the CRS '" + from_crs + "' is not understood"));
    OGRSpatialReference to;
    if (to.SetFromUserInput(to_crs.c_str()) != OGRERR_NONE)
        throw RasterError(with_gdal_reason(what + ": the CRS '" + to_crs + "' is not understood"));
    char* wkt = nullptr;
    to.exportToWkt(&wkt);
    const std::string to_wkt = wkt ? wkt : "";
    CPLFree(wkt);
    transform_lines(lines, from, to_wkt, what);
}

std::vector<Polyline> read_polygon_rings(const std::filesystem::path& path, const std::string& target_crs_wkt) {
    detail::ensure_gdal_registered();
    const std::string file = path.string();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw RasterError("polygon file not found: " + file);

    const detail::QuietGdalErrors quiet;
    GDALDatasetUniquePtr dataset(
        GDALDataset::Open(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR));
    if (!dataset) throw RasterError(with_gdal_reason("cannot read polygon file " + file));

    std::vector<Polyline> all;
    for (OGRLayer* layer : dataset->GetLayers()) {
        std::vector<Polyline> rings;
        for (const auto& feature : *layer) {
            const OGRGeometry* geometry = feature->GetGeometryRef();
            if (!geometry) continue;
            const std::string name = feature_name(*feature, file);
            switch (wkbFlatten(geometry->getGeometryType())) {
                case wkbPolygon:
                    add_rings(*geometry->toPolygon(), name, rings);
                    break;
                case wkbMultiPolygon: {
                    int part_number = 0;
                    for (const OGRPolygon* part : *geometry->toMultiPolygon())
                        add_rings(*part, name + " part " + std::to_string(++part_number), rings);
                    break;
                }
                default:
                    break;
            }
        }
        if (const OGRSpatialReference* srs = layer->GetSpatialRef(); srs && !srs->IsEmpty() && !rings.empty()) {
            if (target_crs_wkt.empty())
                throw RasterError(file + ": its polygons have a CRS but the DEM has none to transform them to");
            transform_lines(rings, *srs, target_crs_wkt, file);
        }
        for (Polyline& ring : rings) all.push_back(std::move(ring));
    }
    if (all.empty()) throw RasterError(file + " holds no Polygon or MultiPolygon feature");
    return all;
}

std::vector<Polyline> read_lines_geojson(const std::filesystem::path& path, const std::string& target_crs_wkt) {
    detail::ensure_gdal_registered();
    const std::string file = path.string();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) throw RasterError("line file not found: " + file);

    const detail::QuietGdalErrors quiet;
    GDALDatasetUniquePtr dataset(
        GDALDataset::Open(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR));
    if (!dataset) throw RasterError(with_gdal_reason("cannot read line file " + file));

    std::vector<Polyline> all;
    for (OGRLayer* layer : dataset->GetLayers()) {
        std::vector<Polyline> lines;
        for (const auto& feature : *layer) {
            const OGRGeometry* geometry = feature->GetGeometryRef();
            if (!geometry) continue;
            const std::string name = feature_name(*feature, file);
            switch (wkbFlatten(geometry->getGeometryType())) {
                case wkbLineString:
                    lines.push_back(to_polyline(*geometry->toLineString(), name));
                    break;
                case wkbMultiLineString: {
                    int part_number = 0;
                    for (const OGRLineString* part : *geometry->toMultiLineString())
                        lines.push_back(to_polyline(*part, name + " part " + std::to_string(++part_number)));
                    break;
                }
                default:
                    break;
            }
        }
        if (const OGRSpatialReference* srs = layer->GetSpatialRef(); srs && !srs->IsEmpty() && !lines.empty()) {
            if (target_crs_wkt.empty())
                throw RasterError(file + ": its lines have a CRS but the DEM has none to transform them to");
            transform_lines(lines, *srs, target_crs_wkt, file);
        }
        for (Polyline& line : lines) all.push_back(std::move(line));
    }
    if (all.empty()) throw RasterError(file + " holds no LineString or MultiLineString feature");
    return all;
}

}  // namespace floodtwin::grids
