#pragma once
// A case: what a hydrologist writes in one TOML file (docs/case-file.md), read once,
// checked, with paths resolved against the case file's folder. The run driver
// (twin/run/run.hpp) turns it into a simulation; nothing here touches the solver.
//
// Defaults are not here: every field is value-initialised (0, empty, nullopt), and
// load_case fills each one from the file or from its key's default in the registry
// (twin/case/case_keys.cpp), where every default is defined once.
#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "hydro/time_series.hpp"
#include "twin/case/ensemble_case.hpp"
#include "twin/case/fourpre_case.hpp"
#include "twin/case/network_case.hpp"
#include "twin/case/optimise_case.hpp"
#include "twin/warning/warning_levels.hpp"

namespace floodtwin::twin {

// An instant: seconds since 1970-01-01T00:00:00Z plus the UTC offset it was written
// with, so outputs can be written back in the same zone (China: +08:00).
struct Instant {
    double epoch_s = 0.0;
    int utc_offset_min = 0;
};

// A value that is a number or a raster file (Manning n, loss, initial depth...).
using NumberOrRaster = std::variant<double, std::filesystem::path>;

struct GridSection {
    std::filesystem::path dem;                 // any GDAL raster; empty: no 2D model (`floodtwin route`)
    std::optional<std::string> crs;            // reproject to this metric CRS
    std::optional<double> resolution_m;        // resample to this cell size
    std::optional<std::array<double, 4>> bbox; // xmin, ymin, xmax, ymax in the target CRS
    std::string nodata;                        // outside | fill | error: the DEM's nodata cells
    std::optional<std::filesystem::path> domain; // polygon file or mask raster: the domain's outline
};

struct InitialSection {
    std::optional<double> water_level_m;        // uniform level, or
    std::optional<std::filesystem::path> depth; // a depth raster, or neither: dry
};

// prepare_case (twin/setup/case_setup.cpp) is where a case sets hydro::SolverConfig:
// every field of it that a case has (scheme, cfl, dry_depth, arrival_depth,
// min_cells_per_thread); the others (gravity, max_dt) keep the library's defaults.
struct HydroSection {
    std::string scheme;         // fv1 | fv2 | inertial
    std::optional<double> cfl;  // unset: the scheme's own
    double theta = 0.7;         // inertial only: q-centred weighting (de Almeida et al. 2012)
    NumberOrRaster manning;     // s/m^(1/3)
    double dry_depth_m = 0.0;
    double arrival_depth_m = 0.0;
    double min_cells_per_thread = 0.0;
};

// One [[boundary]]: a stretch of one edge, by `from`/`to` along the edge (CRS units)
// or by a `line` whose end points lie on that edge.
struct BoundarySection {
    std::string name;                          // default: "<edge> <kind> <n>"
    std::string edge;                          // north | south | east | west
    std::optional<double> from, to;            // along the edge, CRS units
    std::optional<std::array<double, 4>> line; // x0, y0, x1, y1
    std::string kind;                          // inflow | rated_inflow | stage | free | normal_depth | rating | wall
    hydro::TimeSeries series;                  // discharge (m3/s) or level (m); empty for the others
    double slope = 0.0;                        // normal_depth: energy slope
    // rating, rated_inflow: the table's columns, level (m) and discharge (m3/s)
    std::vector<double> rating_level_m, rating_discharge_m3_s;
    hydro::TimeSeries level;                   // rated_inflow: the gauge's level (series is its discharge)
    std::string extend;                        // hold | zero: past the series' ends; "": it must cover the run
    std::string key;                           // "boundary[2]": for error messages
};

// One [[source]] of kind point_inflow: a discharge at (x, y), over the cells within
// `radius_m` of it (one cell when 0).
struct SourceSection {
    std::string name;
    std::string kind;  // point_inflow
    double x = 0.0, y = 0.0, radius_m = 0.0;
    hydro::TimeSeries discharge_m3_s;
    std::string extend;  // hold | zero; "": the series must cover the run
    std::string key;
};

struct RainSection {
    std::optional<hydro::TimeSeries> intensity_m_s;  // uniform series, converted from mm/h
    std::optional<std::filesystem::path> grid;      // GeoTIFF/NetCDF of intensities (mm/h)
    std::string extend;                              // for the series: hold | zero; "": it must cover the run
    NumberOrRaster loss_m_s;                         // converted from mm/h
};

struct GaugeSection {
    std::string name;
    double x = 0.0, y = 0.0;
    double datum_offset_m = 0.0;  // added to the water level when reported (station datum)
    std::string key;
    StationThresholds thresholds{};  // warning levels, in the station datum; every field set by load_case
};

// When a breach or a detention inlet opens: at start_s (seconds after case.start), or
// when the stage at `gauge` (in its station datum) first reaches at_stage_m.
struct OpeningSection {
    std::optional<double> start_s;
    std::optional<double> at_stage_m;
    std::string gauge;
    double coefficient = 0.0;  // the weir's C (m^0.5/s)
};

// One [[breach]] of a levee crest the DEM holds.
struct BreachSection {
    std::string name;
    std::array<double, 4> crest{};  // x0, y0, x1, y1: a stretch of the crest line
    double width_m = 0.0, bottom_m = 0.0;
    std::optional<double> crest_level_m;  // unset: the lowest DEM level along `crest`
    double initial_width_m = 0.0, formation_s = 0.0;
    OpeningSection opening;
    std::string key;
};

// One [[detention]] area with its inlet.
struct DetentionSection {
    std::string name;
    std::filesystem::path area;     // polygon file
    std::array<double, 4> inlet{};  // x0, y0, x1, y1: a stretch of its embankment crest
    double sill_m = 0.0, width_m = 0.0, opening_s = 0.0;
    OpeningSection opening;
    std::string key;
};

struct OutputSection {
    double map_interval_s = 0.0;
    double gauge_interval_s = 0.0;
    std::optional<double> checkpoint_interval_s;
    double checkpoint_keep = 0.0;  // the latest this many checkpoints stay
    bool maps = false;     // rendered maps and a movie at the end
    std::string map_note;  // printed on every map (e.g. "synthetic terrain")
    std::optional<std::filesystem::path> rivers;  // centre lines drawn on the maps (GeoJSON, ...)
};

struct Case {
    std::filesystem::path file;  // the case file as given
    std::filesystem::path dir;   // its folder: relative paths were resolved against it
    std::string name;
    Instant start;
    double duration_s = 0.0;
    GridSection grid;
    InitialSection initial;
    HydroSection hydro;
    std::vector<BoundarySection> boundaries;
    std::vector<SourceSection> sources;
    RainSection rain;
    std::vector<GaugeSection> gauges;
    std::vector<BreachSection> breaches;
    std::vector<DetentionSection> detentions;
    OutputSection output;
    NetworkCase network;  // empty: the 2D model alone
    FourPreCase fourpre;  // what `floodtwin fourpre` adds; ignored by runs
    EnsembleSettings ensemble;  // how ensemble members differ; used by member runs only
    OptimiseCase optimise;      // what `floodtwin optimise` searches over; ignored by runs
    // A member run's draws (twin/ensemble/member_inputs.hpp), applied where the inputs
    // are read (twin/setup/case_setup.cpp); 1 and 0: the case as written.
    struct MemberDraws {
        double manning_factor = 1.0, rain_factor = 1.0;
        double rain_shift_x_m = 0.0, rain_shift_y_m = 0.0;
    } member;
};

}  // namespace floodtwin::twin
