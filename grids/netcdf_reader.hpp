#pragma once
// Reads a run results file (results.nc, as NetcdfWriter lays it out) back: the grid,
// its CRS, the times, which maps there are, and any one map. Like the writer, this
// header names no NetCDF type; netcdf_reader.cpp holds the NetCDF calls.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "grids/netcdf_writer.hpp"  // NcGrid

namespace floodtwin::grids {

// One map variable of the file, as its attributes describe it.
struct NcVariableInfo {
    std::string name;
    std::string standard_name;  // empty when the file has none
    std::string long_name;      // empty when the file has none
    std::string units;          // empty when the file has none
    bool time_dependent = false;  // dims (time, y, x); false: (y, x)
};

// Opens the file read-only and reads its definitions at once; maps are read on demand.
// Every error throws std::runtime_error naming the file (and the variable, where one
// is concerned) and NetCDF's own reason when the library refused. Not thread-safe.
class NetcdfReader {
public:
    explicit NetcdfReader(std::filesystem::path path);
    ~NetcdfReader();
    NetcdfReader(NetcdfReader&&) noexcept;
    NetcdfReader& operator=(NetcdfReader&&) noexcept;
    NetcdfReader(const NetcdfReader&) = delete;
    NetcdfReader& operator=(const NetcdfReader&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const;

    // The regular grid from the x and y coordinates (cell centres, metres); crs_wkt from
    // the `crs` grid mapping's crs_wkt (or spatial_ref), empty when there is none. A file
    // whose y descends is read as if it ascended: values come back with j = 0 south.
    [[nodiscard]] const NcGrid& grid() const;

    // Times of the maps, converted to seconds after the time origin (the file may count
    // in minutes, hours or days), in file order.
    [[nodiscard]] const std::vector<double>& times_s() const;
    [[nodiscard]] std::size_t time_count() const { return times_s().size(); }
    // The time variable's units as written, e.g. "seconds since 2020-08-18T00:00:00+08:00".
    [[nodiscard]] const std::string& time_units() const;
    // The origin part of the units, "2020-08-18T00:00:00+08:00"; empty without a time axis.
    [[nodiscard]] const std::string& time_origin() const;

    // The (time, y, x) and (y, x) variables, in file order; coordinates and grid mapping
    // are not listed.
    [[nodiscard]] const std::vector<NcVariableInfo>& variables() const;
    [[nodiscard]] bool has_variable(const std::string& name) const;
    // Throws if there is no such map variable.
    [[nodiscard]] const NcVariableInfo& variable(const std::string& name) const;

    // A global text attribute, or nothing when absent (or not text).
    [[nodiscard]] std::optional<std::string> global_text(const std::string& name) const;

    // A (y, x) map as nx * ny doubles indexed i + nx * j, j = 0 south; fill and missing
    // values come back as NaN.
    [[nodiscard]] std::vector<double> read_static(const std::string& name) const;
    // Rows j0 .. j0 + rows - 1 (j = 0 south) of a (y, x) map, nx * rows doubles indexed
    // i + nx * (j - j0): a stripe, for reading many files' maps a part at a time.
    [[nodiscard]] std::vector<double> read_static_rows(const std::string& name, std::size_t j0, std::size_t rows) const;
    // The map of a (time, y, x) variable at time index k, in the same order.
    [[nodiscard]] std::vector<double> read_time(const std::string& name, std::size_t k) const;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

}  // namespace floodtwin::grids
