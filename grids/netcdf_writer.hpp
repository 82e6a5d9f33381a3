#pragma once
// The run results file (results.nc): CF-1.8 maps in NetCDF-4, the form QGIS, Panoply,
// xarray, ncview and GDAL all read without help. This header names no NetCDF type;
// netcdf_writer.cpp is the one file in the project that includes NetCDF headers.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace floodtwin::grids {

// A regular cell-centred grid, stored south-up as CF and the solver both count rows:
// row j = 0 is the southern row, so the y coordinate ascends. (Raster<T> counts rows
// from the north like GDAL; GDAL flips ascending-y NetCDF files on reading.)
struct NcGrid {
    std::size_t nx = 0;
    std::size_t ny = 0;
    double x0_m = 0.0;  // x of the centre of cell (0, 0), the south-west cell
    double y0_m = 0.0;  // y of that centre
    double dx_m = 0.0;  // > 0
    double dy_m = 0.0;  // > 0, y grows northward
    std::string crs_wkt;  // empty: no grid mapping is written
};

// One data variable. Values are given as doubles indexed i + nx * j (j = 0 south),
// stored as float64 with NaN as _FillValue.
struct NcVariable {
    std::string name;
    std::string standard_name;  // a CF standard name, or empty to leave it out
    std::string long_name;
    std::string units;
    bool time_dependent = true;  // dims (time, y, x); false: (y, x)
    std::string cell_methods;    // e.g. "time: maximum" for an envelope; empty: none
};

// Rows per chunk of a (y, x) map: bands of rows, so that a reader taking a stripe of
// rows (an ensemble's reduce, a stripe of each of many members) inflates only the bands
// it reads, each once.
inline constexpr std::size_t k_static_chunk_rows = 8;

// Writes results.nc under a temporary name beside its target (AtomicFile) and renames
// it into place on close(), so an earlier results.nc survives any failure. All errors
// throw std::runtime_error naming the target file (and NetCDF's own reason when the
// library refused). Not thread-safe: NetCDF is not.
class NetcdfWriter {
public:
    // Defines the whole file: dims time (unlimited), y, x; coordinates; the `crs` grid
    // mapping; every variable; Conventions = "CF-1.8" and `global_attributes`.
    // `start_iso` is the time origin, e.g. "2020-08-18T00:00:00+08:00".
    NetcdfWriter(std::filesystem::path path, const NcGrid& grid, const std::string& start_iso,
                 const std::vector<NcVariable>& variables,
                 const std::vector<std::pair<std::string, std::string>>& global_attributes);
    ~NetcdfWriter();  // without close(): the temporary is removed, no final file appears
    NetcdfWriter(NetcdfWriter&&) noexcept;
    NetcdfWriter& operator=(NetcdfWriter&&) noexcept;
    NetcdfWriter(const NetcdfWriter&) = delete;
    NetcdfWriter& operator=(const NetcdfWriter&) = delete;

    // Appends one map per time-dependent variable at `time_s` seconds after the start.
    // Every time-dependent variable must be given exactly once, each with nx * ny values,
    // and times must increase; nothing is written unless all of that holds.
    void write_time(double time_s, const std::vector<std::pair<std::string, std::span<const double>>>& fields);
    // Writes (or rewrites) a (y, x) variable.
    void write_static(const std::string& name, std::span<const double> values);

    // Adds or replaces a global attribute (e.g. the final mass error). "Conventions" is ours.
    void set_global(const std::string& name, const std::string& value);
    void set_global(const std::string& name, double value);

    // Flushes everything written so far to the temporary file.
    void sync();
    [[nodiscard]] std::size_t times_written() const;
    // Syncs, then copies what is written so far atomically to `destination` (not the
    // target itself) and checks that the copy opens with all its maps: the maps of a run
    // stopped before its end, for its checkpoint.
    void copy_to(const std::filesystem::path& destination);

    // Closes the file and renames it onto the target. Nothing may be written afterwards.
    void close();

private:
    struct State;
    explicit NetcdfWriter(std::unique_ptr<State> state);
    State& open_state(const char* doing);

    std::unique_ptr<State> m_state;
};

}  // namespace floodtwin::grids
