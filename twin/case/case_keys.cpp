#include "twin/case/case_keys.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <vector>

#include "grids/text_fields.hpp"
#include "twin/case/ensemble_keys.hpp"
#include "twin/case/fourpre_keys.hpp"
#include "twin/case/network_keys.hpp"
#include "twin/case/optimise_keys.hpp"
#include "twin/case/case_key_table.hpp"

namespace floodtwin::twin {

namespace {

using namespace key_table;

constexpr double mm_per_h_to_m_per_s = 1.0 / 3.6e6;
// The longest run: ten Julian years. Longer is a mistake in the units, not a flood.
constexpr double ten_years_s = 10.0 * 365.25 * 86400.0;
constexpr CaseRange run_length{.lo = 0.0, .hi = ten_years_s, .lo_open = true};
// clang-format off
constexpr CaseTable core_tables[] = {
    {"case", false, "The case: its name and the simulated period."},
    {"grid", false,
     "The terrain. The DEM is read with GDAL; with `crs` or `resolution` it is warped, with `bbox` "
     "cropped, and holes of up to 16 cells are filled; `nodata` says what larger voids are, `domain` "
     "may cut the domain to an outline. Cells outside the domain are closed walls."},
    {"initial", false,
     "Water at the start: a uniform `water_level`, a `depth` raster, or neither for a dry start."},
    {"hydro", false, "The shallow-water solver."},
    {"boundary", true,
     "A stretch of one edge of the grid where water enters or leaves; edges without one are walls. "
     "The stretch runs `from` .. `to` along the edge (either may be left out: the edge's end), or along "
     "a `line` whose end points lie on the edge, or over the whole edge. Whether the stretch lies on "
     "the grid is checked when the run reads the DEM."},
    {"source", true,
     "A point inflow (a tributary, an outfall): a discharge added to the cells whose centres lie within "
     "`radius` of (`x`, `y`)."},
    {"rain", false, "Rain over the grid, and losses (infiltration) taken from the water depth."},
    {"gauge", true,
     "A point where the water level, depth and velocity are recorded every `output.gauge_interval` "
     "(gauges.csv). With thresholds it is a warning station: its level is graded blue (approaching the "
     "warning stage), yellow (at or above it), orange (at or above the guaranteed stage) or red (at or "
     "above the historical maximum), every boundary inclusive; gauges.csv, summary.json and the maps "
     "show the grade."},
    {"breach", true,
     "A levee breach: an opening in a crest the DEM holds (a levee burnt in with `floodtwin dem prepare "
     "--levees`, or surveyed) that forms at a time or when a gauge reaches a stage, growing linearly over "
     "`formation` from `initial_width` at the crest level to `width` at `bottom`, centred on the middle of "
     "`crest`. The water passes between the cells either side of the crest by the broad-crested weir law "
     "with Villemonte's drowning factor, both ways; summary.json and mass_balance.csv give its flow as its "
     "own line of the water account."},
    {"detention", true,
     "A detention (flood storage) area: the cells inside `area`, filled through an inlet across its "
     "embankment (`inlet`, a sill `width` wide at `sill`) that opens at a time or when a gauge reaches a "
     "stage, over `opening`. The inlet is a weir link like a breach's; summary.json gives the volume taken "
     "in and the volume the area holds at the end."},
    {"output", false, "What the run writes, and how often."},
};

constexpr CaseKey core_keys[] = {
    // [case]
    {.table = "case", .name = "name", .type = T::text, .required = true,
     .doc = "Name of the case, written into every output."},
    {.table = "case", .name = "start", .type = T::instant, .required = true,
     .doc = "When the simulation starts. Outputs give times in the same zone."},
    {.table = "case", .name = "duration", .type = T::duration, .required = true, .units = "s",
     .range = run_length, .range_note = "at most 10 years",
     .doc = "Simulated time, at most 10 years (315576000 s). Every series must cover it, from `start` to "
            "`start` + `duration`, unless its table's `extend` says how to go on."},
    // [grid]
    {.table = "grid", .name = "dem", .type = T::path,
     .doc = "The DEM: any raster GDAL reads (GeoTIFF, ...), elevations in metres. Required by `floodtwin "
            "run`; a case without it is a river network alone (`floodtwin route`)."},
    {.table = "grid", .name = "crs", .type = T::text,
     .doc = "A metric CRS to reproject the DEM to, such as `\"EPSG:32648\"` (with `resolution`). Default: the "
            "DEM's own. A DEM without a CRS takes this one as its own (it is not reprojected), and is refused "
            "without it; a DEM in degrees (lat/lon) is refused without it, since the solver works in metres."},
    {.table = "grid", .name = "resolution", .type = T::number, .units = "m", .range = positive,
     .doc = "Cell size to resample the DEM to. Default: the DEM's own."},
    {.table = "grid", .name = "bbox", .type = T::bbox, .units = "CRS units",
     .doc = "Crop the DEM to this box, in the target CRS. Default: the whole DEM."},
    {.table = "grid", .name = "nodata", .type = T::choice, .default_toml = "\"outside\"",
     .choices = "outside|fill|error",
     .doc = "What the nodata cells of the prepared DEM (after holes of up to 16 cells are filled) are. "
            "`outside`: outside the domain (a clipped LiDAR or survey DEM): closed walls that hold no water and "
            "take no rain; outputs show nodata there and summary.json's `outside_cells` counts them. `fill`: "
            "filled from the cells around them, however large the void (as `floodtwin dem prepare` fills). "
            "`error`: refused, naming the first such cell and the count."},
    {.table = "grid", .name = "domain", .type = T::path,
     .doc = "The domain's outline: a polygon file OGR reads (GeoJSON, Shapefile, GeoPackage; GeoJSON without "
            "a `crs` member is lon/lat WGS 84) or a mask raster (non-zero: inside; warped onto the DEM's grid "
            "with nearest). Cells whose centre lies outside it are outside the domain, as nodata cells are "
            "with `nodata = \"outside\"`. Default: the whole grid."},
    // [initial]
    {.table = "initial", .name = "water_level", .type = T::number, .units = "m", .excludes = "depth",
     .doc = "A uniform water level: cells whose bed lies below it start wet."},
    {.table = "initial", .name = "depth", .type = T::path,
     .doc = "A raster of initial depths (m): on the DEM's grid cell for cell, or on another grid or CRS, "
            "then warped onto it (bilinear)."},
    {.table = "initial", .name = "dry", .type = T::boolean,
     .doc = "`true`: start dry, as when neither `water_level` nor `depth` is given. `dry = true` with either "
            "of them is an error, and so is `dry = false` without one."},
    // [hydro]
    {.table = "hydro", .name = "scheme", .type = T::choice, .default_toml = "\"fv2\"", .choices = "fv1|fv2|inertial",
     .doc = "`fv1`: first order (Godunov, HLLC flux, hydrostatic reconstruction). `fv2`: second order "
            "(MUSCL + SSP-RK2): sharper fronts for about twice the work per step. `inertial`: the "
            "local-inertial scheme (Bates et al. 2010, with the diffusion of de Almeida et al. 2012): "
            "discharges on the cell faces and no advection term, several times cheaper per simulated "
            "second for gradually varied floodplain flow, but not for shocks, dam breaks or supercritical flow."},
    {.table = "hydro", .name = "cfl", .type = T::number, .range = {.lo = 0.0, .hi = 1.0, .lo_open = true},
     .doc = "Courant number. Default: the scheme's own, 0.9 for `fv1`, 0.5 for `fv2` and 0.9 for `inertial`, "
            "where it is the fraction of the scheme's stability limit taken: dt = alpha sqrt(theta) / (sqrt(g "
            "h_max) sqrt(1/dx^2 + 1/dy^2)), 0.53 dx / sqrt(g h_max) on square cells at theta 0.7."},
    {.table = "hydro", .name = "theta", .type = T::number, .default_toml = "0.7",
     .range = {.lo = 0.0, .hi = 1.0, .lo_open = true},
     .doc = "`inertial` only: weight of a face's own discharge against the mean of its two neighbours "
            "(de Almeida et al. 2012; 0.7 as they recommend, 1 is Bates et al. 2010 without diffusion, which "
            "damps nothing: on still deep water a disturbance can grow). "
            "Ignored by `fv1` and `fv2`."},
    {.table = "hydro", .name = "manning", .type = T::number_or_raster, .default_toml = "0.035",
     .units = "s/m^(1/3)", .range = non_negative,
     .doc = "Manning's roughness n: one number for the whole grid, or a raster of n (on the DEM's grid, or on "
            "another grid or CRS: warped onto it with nearest, as for a land-use class map). 0 is "
            "frictionless (analytic tests); a raster cell that is negative or not finite is refused by its "
            "column and row."},
    {.table = "hydro", .name = "dry_depth", .type = T::number, .default_toml = "1e-4", .units = "m",
     .range = positive, .doc = "Below this depth a cell holds water but no momentum."},
    {.table = "hydro", .name = "min_cells_per_thread", .type = T::number, .default_toml = "16384",
     .range = {.lo = 1.0, .hi = 2147483647.0},
     .doc = "With fewer cells than this per thread a step uses fewer threads: on small grids the barriers "
            "cost more than the work. Results are the same for any value (and any thread count); "
            "summary.json's `threads_used` says how many threads the run's steps used."},
    {.table = "hydro", .name = "arrival_depth", .type = T::number, .default_toml = "0.1", .units = "m",
     .range = positive, .doc = "The depth that marks the arrival of the flood (the arrival-time map)."},
    // [[boundary]]
    {.table = "boundary", .name = "name", .type = T::text,
     .doc = "Name in outputs. Default: `\"<edge> <kind> <n>\"`, n the entry's index from 0."},
    {.table = "boundary", .name = "edge", .type = T::choice, .required = true,
     .choices = "north|south|east|west", .doc = "The edge of the grid."},
    {.table = "boundary", .name = "from", .type = T::number, .units = "CRS units", .excludes = "line",
     .doc = "Start of the stretch along the edge: an x on `north` and `south`, a y on `east` and `west`. "
            "Default: the edge's low end."},
    {.table = "boundary", .name = "to", .type = T::number, .units = "CRS units", .excludes = "line",
     .doc = "End of the stretch, above `from`. Default: the edge's high end."},
    {.table = "boundary", .name = "line", .type = T::line, .units = "CRS units",
     .doc = "The stretch as a line whose end points lie on the edge."},
    {.table = "boundary", .name = "kind", .type = T::choice, .required = true,
     .choices = "inflow|rated_inflow|stage|free|normal_depth|rating|wall",
     .doc = "`inflow`: a discharge enters; `rated_inflow`: a discharge enters, the one `rating` gives for the "
            "`level` series (a gauge reported by stage); `stage`: the water level is imposed; `free`: water leaves freely "
            "(the ghost beyond the edge keeps the edge cell's depth and velocity on the bed slope carried on across "
            "the edge, so uniform or supercritical flow leaves at its own depth; inward flow meets a wall, so a "
            "free edge never imports water); `normal_depth`: water leaves at Manning's normal flow for each edge "
            "cell's depth on `slope`; `rating`: water leaves at the discharge `rating` gives for the stretch's "
            "water level, shared over its wet cells by conveyance (both outflow only, each face held to what a "
            "step can take from its cell); `wall`: closed."},
    {.table = "boundary", .name = "discharge", .type = T::series, .required = true, .units = "m3/s",
     .when = "kind=inflow",
     .doc = "Discharge entering through the stretch. Not needed when a `[[node]]` of kind `domain_inlet` "
            "feeds the boundary (a coupled run).",
     .unless = "a domain_inlet node feeds the boundary"},
    {.table = "boundary", .name = "level", .type = T::series, .required = true, .units = "m",
     .when = "kind=stage|rated_inflow",
     .doc = "Water level imposed on the stretch (`stage`), or read at the gauge whose `rating` turns it into the "
            "entering discharge (`rated_inflow`: linear between the series' times). Not needed when "
            "`[backwater]` sets a stage (a coupled run).",
     .unless = "[backwater] sets it"},
    {.table = "boundary", .name = "slope", .type = T::number, .required = true, .units = "m/m",
     .range = {.lo = 0.0, .lo_open = true}, .when = "kind=normal_depth",
     .doc = "Energy slope of the flow leaving (the channel's bed slope beyond the edge for uniform flow)."},
    {.table = "boundary", .name = "rating", .type = T::table, .required = true,
     .units = "[water level m, discharge m3/s]", .when = "kind=rating|rated_inflow",
     .doc = "Stage-discharge rating of the stretch (`rating`: its outflow at its water level; `rated_inflow`: "
            "the inflow at the `level` series), levels increasing, discharges non-decreasing and >= 0, on "
            "the DEM's datum; linear between points, the first discharge below them, the last segment extended "
            "above them."},
    {.table = "boundary", .name = "extend", .type = T::choice, .choices = "hold|zero",
     .when = "kind=inflow|stage|rated_inflow",
     .doc = "How `discharge` or `level` goes on where the series does not cover the run (it starts after "
            "`case.start` or ends before the run's end): `hold` its first and last values, `zero` no water "
            "(a discharge only). No default: a series that does not cover the run is refused. Each extended "
            "series is listed in summary.json's `series_extended`."},
    // [[source]]
    {.table = "source", .name = "name", .type = T::text,
     .doc = "Name in outputs. Default: `\"source <n>\"`, n the entry's index from 0."},
    {.table = "source", .name = "kind", .type = T::choice, .default_toml = "\"point_inflow\"",
     .choices = "point_inflow", .doc = "The kind of source; the only one so far."},
    {.table = "source", .name = "x", .type = T::number, .required = true, .units = "CRS units",
     .doc = "Where the water enters."},
    {.table = "source", .name = "y", .type = T::number, .required = true, .units = "CRS units",
     .doc = "Where the water enters."},
    {.table = "source", .name = "radius", .type = T::number, .default_toml = "0.0", .units = "m",
     .range = non_negative, .doc = "Spread the discharge over the cells within this distance; 0: the one cell."},
    {.table = "source", .name = "discharge", .type = T::series, .required = true, .units = "m3/s",
     .doc = "Discharge added. Not needed when a `[[node]]` of kind `domain_inlet` feeds the source.",
     .unless = "a domain_inlet node feeds the source"},
    {.table = "source", .name = "extend", .type = T::choice, .choices = "hold|zero",
     .doc = "How `discharge` goes on where the series does not cover the run: `hold` its first and last "
            "values, `zero` no water. No default: a series that does not cover the run is refused."},
    // [[breach]]
    {.table = "breach", .name = "name", .type = T::text,
     .doc = "Name in outputs. Default: `\"breach <n>\"`, n the entry's index from 0."},
    {.table = "breach", .name = "crest", .type = T::line, .required = true, .units = "CRS units",
     .doc = "A stretch of the levee's crest line, at least `width` long; the breach grows about its middle. The "
            "water passes between the first cells lower than the crest on either side of it."},
    {.table = "breach", .name = "width", .type = T::number, .required = true, .units = "m", .range = positive,
     .doc = "Final width of the breach (rectangular)."},
    {.table = "breach", .name = "bottom", .type = T::number, .required = true, .units = "m",
     .doc = "Final bottom level of the breach, on the DEM's datum; below `crest_level`."},
    {.table = "breach", .name = "crest_level", .type = T::number, .units = "m",
     .doc = "Crest level where the breach starts. Default: the lowest DEM level along `crest`."},
    {.table = "breach", .name = "initial_width", .type = T::number, .default_toml = "0.0", .units = "m",
     .range = non_negative, .doc = "Width when the breach starts, at most `width`."},
    {.table = "breach", .name = "formation", .type = T::number, .default_toml = "0.0", .units = "s",
     .range = non_negative, .doc = "Time from the start of the breach to its final width and bottom; 0: at once."},
    {.table = "breach", .name = "start", .type = T::instant, .excludes = "at_stage",
     .doc = "When the breach begins to open. Give this, or `at_stage` with `gauge`."},
    {.table = "breach", .name = "at_stage", .type = T::number, .units = "m",
     .doc = "The breach opens when the water level at `gauge`, in the gauge's station datum, first reaches this."},
    {.table = "breach", .name = "gauge", .type = T::text,
     .doc = "The `[[gauge]]` (by name) whose stage opens the breach (with `at_stage`)."},
    {.table = "breach", .name = "coefficient", .type = T::number, .default_toml = "1.705", .units = "m^0.5/s",
     .range = positive,
     .doc = "Weir coefficient C of Q = C b H^1.5: 1.705 is critical flow over a broad crest, sqrt(g) (2/3)^1.5."},
    // [[detention]]
    {.table = "detention", .name = "name", .type = T::text, .required = true, .doc = "Name in outputs."},
    {.table = "detention", .name = "area", .type = T::path, .required = true,
     .doc = "The area's outline: a polygon file OGR reads (GeoJSON, Shapefile, GeoPackage; GeoJSON without a "
            "`crs` member is lon/lat WGS 84), or a mask raster (non-zero: inside; warped onto the DEM's grid with "
            "nearest). The cells whose centres lie inside it are the area."},
    {.table = "detention", .name = "inlet", .type = T::line, .required = true, .units = "CRS units",
     .doc = "A stretch of the area's embankment crest, at least `width` long, where the inlet is: the first cells "
            "lower than the crest on one side lie inside `area`, on the other outside it."},
    {.table = "detention", .name = "sill", .type = T::number, .required = true, .units = "m",
     .doc = "Sill level of the inlet, on the DEM's datum."},
    {.table = "detention", .name = "width", .type = T::number, .required = true, .units = "m", .range = positive,
     .doc = "Width of the inlet."},
    {.table = "detention", .name = "opening", .type = T::number, .default_toml = "0.0", .units = "s",
     .range = non_negative, .doc = "Time the inlet takes to open fully (its width grows linearly); 0: at once."},
    {.table = "detention", .name = "start", .type = T::instant, .excludes = "at_stage",
     .doc = "When the inlet begins to open. Give this, or `at_stage` with `gauge`."},
    {.table = "detention", .name = "at_stage", .type = T::number, .units = "m",
     .doc = "The inlet opens when the water level at `gauge`, in the gauge's station datum, first reaches this."},
    {.table = "detention", .name = "gauge", .type = T::text,
     .doc = "The `[[gauge]]` (by name) whose stage opens the inlet (with `at_stage`)."},
    {.table = "detention", .name = "coefficient", .type = T::number, .default_toml = "1.705", .units = "m^0.5/s",
     .range = positive,
     .doc = "Weir coefficient C of Q = C b H^1.5: 1.705 is critical flow over a broad crest, sqrt(g) (2/3)^1.5."},
    // [rain]
    {.table = "rain", .name = "intensity", .type = T::series_or_grid, .units = "mm/h",
     .to_si = mm_per_h_to_m_per_s, .range = non_negative,
     .doc = "Rain intensity: a series uniform over the grid, or a grid file (.tif, .tiff or .nc) of "
            "intensities on the prepared grid cell for cell. One band without a time is a pattern constant "
            "in time (a design storm). Otherwise each band is a frame (radar or forecast) with its time: in "
            "NetCDF the CF time coordinate (`seconds since 2020-08-18T00:00:00+08:00`; also minutes, hours, "
            "days; a reference without a zone is UTC), in GeoTIFF the band description, an ISO 8601 instant "
            "with a zone. Times must increase from band to band. A frame holds from its time until the next; "
            "the last holds to the end of the run, so end a storm with a frame of zeros; before the first "
            "frame there is no rain. Default: no rain."},
    {.table = "rain", .name = "extend", .type = T::choice, .choices = "hold|zero",
     .doc = "How an `intensity` series goes on where it does not cover the run: `hold` its first and last "
            "values, `zero` no rain. No default: a series that does not cover the run is refused. Not for a "
            "grid file, whose frames say themselves when they hold."},
    {.table = "rain", .name = "loss", .type = T::number_or_raster, .default_toml = "0.0", .units = "mm/h",
     .to_si = mm_per_h_to_m_per_s, .range = non_negative,
     .doc = "Loss rate (infiltration) while a cell is wet: one number, or a raster (mm/h) on the DEM's "
            "grid, or on another grid or CRS, then warped onto it (bilinear)."},
    // [[gauge]]
    {.table = "gauge", .name = "name", .type = T::text, .required = true,
     .doc = "The gauge's column in gauges.csv; unique."},
    {.table = "gauge", .name = "x", .type = T::number, .required = true, .units = "CRS units",
     .doc = "Where the gauge stands: in the cell that holds (`x`, `y`). A point on the grid's outer edge "
            "belongs to the cell along that edge (so `x` may be the east edge's, `y` the north edge's); a "
            "point beyond it is refused."},
    {.table = "gauge", .name = "y", .type = T::number, .required = true, .units = "CRS units",
     .doc = "Where the gauge stands."},
    {.table = "gauge", .name = "datum_offset", .type = T::number, .default_toml = "0.0", .units = "m",
     .doc = "Added to the water level when it is reported: the station's datum."},
    {.table = "gauge", .name = "datum", .type = T::text,
     .doc = "Name of the station's vertical datum, e.g. `\"Wusong\"` or `\"Huanghai\"`: the datum of the "
            "reported levels and of the thresholds below. Default: not stated."},
    {.table = "gauge", .name = "warning_stage", .type = T::number, .units = "m",
     .doc = "Warning stage (警戒水位) in the station's datum: at or above it the gauge is at warning level "
            "yellow, and within `blue_margin` below it blue (approaching). Default: none."},
    {.table = "gauge", .name = "guaranteed_stage", .type = T::number, .units = "m",
     .doc = "Guaranteed stage (保证水位) in the station's datum: at or above it, orange. Not below "
            "`warning_stage`. Default: none."},
    {.table = "gauge", .name = "historical_max", .type = T::number, .units = "m",
     .doc = "Highest stage on record in the station's datum: at or above it, red. Not below "
            "`guaranteed_stage` or `warning_stage`. Default: none."},
    {.table = "gauge", .name = "blue_margin", .type = T::number, .default_toml = "1.0", .units = "m",
     .range = non_negative,
     .doc = "How far below `warning_stage` a level counts as approaching it (warning level blue); 0: never "
            "blue."},
    // [output]
    {.table = "output", .name = "map_interval", .type = T::duration, .default_toml = "\"1h\"", .units = "s",
     .range = output_interval, .range_note = output_interval_note,
     .doc = "Interval between the map frames in results.nc; at least 1 ms."},
    {.table = "output", .name = "gauge_interval", .type = T::duration, .default_toml = "\"5min\"", .units = "s",
     .range = output_interval, .range_note = output_interval_note,
     .doc = "Interval between the rows of gauges.csv; at least 1 ms."},
    {.table = "output", .name = "checkpoint_interval", .type = T::duration, .units = "s",
     .range = output_interval, .range_note = output_interval_note,
     .doc = "Interval between checkpoints (in `checkpoints/`), from which `floodtwin run --resume` continues "
            "and `--hot-start` starts another case; at least 1 ms. The maps of the run so far are kept there "
            "too, once: checkpoints take disk in proportion to the run's length. Default: none."},
    {.table = "output", .name = "checkpoint_keep", .type = T::number, .default_toml = "2",
     .range = {.lo = 1.0, .hi = 1e6},
     .doc = "How many of the run's latest checkpoints are kept; older ones are removed as new ones are "
            "written (a checkpoint written when the run is stopped by a signal counts too)."},
    {.table = "output", .name = "maps", .type = T::boolean, .default_toml = "false",
     .doc = "Also render maps at the end: max_depth.png, arrival_time.png, max_depth_3d.png and flood.mp4 "
            "(gauges drawn as stations in their warning colours, with `rivers` when given)."},
    {.table = "output", .name = "map_note", .type = T::text,
     .doc = "A note printed on every map, e.g. that the terrain is schematic. Default: none."},
    {.table = "output", .name = "rivers", .type = T::path,
     .doc = "River centre lines drawn in blue on the rendered maps: GeoJSON (or any vector file GDAL reads) "
            "of LineStrings, in lon/lat or, with a `crs` member, in the DEM's CRS. Default: none."},
};

// clang-format on

// One list from the 2D model's part and the river network's.
template <class V>
std::vector<V> joined(std::span<const V> core, std::span<const V> network, std::span<const V> fourpre,
                      std::span<const V> ensemble, std::span<const V> optimise) {
    std::vector<V> all(core.begin(), core.end());
    for (const auto part : {network, fourpre, ensemble, optimise}) all.insert(all.end(), part.begin(), part.end());
    return all;
}

// The values of a "a|b|c" list, in order.
std::vector<std::string_view> alternatives(std::string_view list) {
    std::vector<std::string_view> out;
    while (!list.empty()) {
        const auto bar = list.find('|');
        out.push_back(list.substr(0, bar));
        if (bar == std::string_view::npos) break;
        list.remove_prefix(bar + 1);
    }
    return out;
}

// Each type's name in error messages and in the reference, but for those whose name
// depends on the key (choice, table: see case_key_type_text).
std::pair<std::string_view, std::string_view> type_names(CaseValueType type) {
    switch (type) {
        case T::text: return {"a string", "text"};
        case T::number: return {"a number", "number"};
        case T::boolean: return {"true or false", "boolean"};
        case T::instant: return {"a date-time with a zone, such as \"2020-08-18T00:00:00+08:00\"", "date-time"};
        case T::duration: return {"a duration such as \"72h\", \"5min\", or a number of seconds", "duration"};
        case T::path: return {"a file path (a string)", "path"};
        case T::number_or_raster: return {"a number or a raster path", "number or raster path"};
        case T::series: return {"a number, [[t, value], ...] or a CSV path", "series"};
        case T::series_or_grid:
            return {"a number, [[t, value], ...], a CSV path or a grid path (.tif, .nc)", "series or grid path"};
        case T::bbox: return {"[xmin, ymin, xmax, ymax]", "`[xmin, ymin, xmax, ymax]`"};
        case T::line: return {"[[x0, y0], [x1, y1]]", "`[[x0, y0], [x1, y1]]`"};
        case T::text_list: return {"a list of strings", "list of text"};
        case T::numbers: return {"a list of numbers", "list of numbers"};
        case T::date_levels: return {"a number or [[\"MM-DD\", level], ...]", "number or `[[\"MM-DD\", level], ...]`"};
        case T::choice:
        case T::table: break;
    }
    return {"?", "?"};
}

}  // namespace

bool CaseRange::bounded() const { return std::isfinite(lo) || std::isfinite(hi); }

bool CaseRange::contains(double v) const {
    if (std::isnan(v)) return false;
    if (lo_open ? !(v > lo) : !(v >= lo)) return false;
    if (hi_open ? !(v < hi) : !(v <= hi)) return false;
    return true;
}

std::string CaseRange::text() const {
    const auto num = grids::number_text;
    if (std::isfinite(lo) && std::isfinite(hi))
        return std::string(lo_open ? "(" : "[") + num(lo) + ", " + num(hi) + (hi_open ? ")" : "]");
    if (std::isfinite(lo)) return std::string(lo_open ? "> " : ">= ") + num(lo);
    if (std::isfinite(hi)) return std::string(hi_open ? "< " : "<= ") + num(hi);
    return "any";
}

std::string CaseKey::dotted() const { return std::string(table) + "." + std::string(name); }

// The 2D keys here, the river network's in twin/case/network_keys.cpp, the four pre-
// workflow's in twin/case/fourpre_keys.cpp, the ensemble's and the search's in
// twin/case/ensemble_keys.cpp and optimise_keys.cpp: one registry.
std::span<const CaseTable> case_tables() {
    static const std::vector<CaseTable> all = joined<CaseTable>(core_tables, network_case_tables(), fourpre_case_tables(),
                                                                       ensemble_case_tables(), optimise_case_tables());
    return all;
}

std::span<const CaseKey> case_keys() {
    static const std::vector<CaseKey> all = joined<CaseKey>(core_keys, network_case_keys(), fourpre_case_keys(),
                                                                   ensemble_case_keys(), optimise_case_keys());
    return all;
}

const CaseTable* find_case_table(std::string_view name) {
    for (const CaseTable& t : case_tables())
        if (t.name == name) return &t;
    return nullptr;
}

const CaseKey* find_case_key(std::string_view table, std::string_view name) {
    for (const CaseKey& k : case_keys())
        if (k.table == table && k.name == name) return &k;
    return nullptr;
}

std::string_view case_key_when_on(const CaseKey& key) { return key.when.substr(0, key.when.find('=')); }

std::vector<std::string_view> case_key_when_values(const CaseKey& key) {
    if (key.when.empty()) return {};
    return alternatives(key.when.substr(key.when.find('=') + 1));
}

bool case_key_applies(const CaseKey& key, std::string_view actual) {
    if (key.when.empty()) return true;
    const auto values = case_key_when_values(key);
    return std::find(values.begin(), values.end(), actual) != values.end();
}

std::vector<std::string_view> case_key_choices(const CaseKey& key) { return alternatives(key.choices); }

std::string case_key_type_text(const CaseKey& key, TypeNaming naming) {
    const bool reference = naming == TypeNaming::reference;
    if (key.type == T::choice) {
        std::string s = "one of ";
        const auto choices = case_key_choices(key);
        const std::string_view open = reference ? "`\"" : "\"", close = reference ? "\"`" : "\"";
        for (std::size_t i = 0; i < choices.size(); ++i)
            s.append(i ? ", " : "").append(open).append(choices[i]).append(close);
        return s;
    }
    if (key.type == T::table && key.columns == 0)  // a square matrix
        return std::string(reference ? "square table of numbers" : "a square table of numbers, [[a, b], [c, d]]");
    if (key.type == T::table)
        return std::string(reference ? "table of rows of " : "rows of ") + std::to_string(key.columns) + " numbers" +
               (reference ? "" : ", [[a, b], ...]");
    const auto [message, in_reference] = type_names(key.type);
    return std::string(reference ? in_reference : message);
}

}  // namespace floodtwin::twin
