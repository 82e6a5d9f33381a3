#pragma once
// Time series from CSV files: hydrographs, stage records, rain intensities.
#include <filesystem>
#include <limits>
#include <string>

#include "hydro/time_series.hpp"
#include "twin/case/case.hpp"

namespace floodtwin::twin {

// A CSV file of two columns, `time,value`, after one header line. `time` is seconds
// from `start`, or an ISO 8601 date-time with a zone; times must increase strictly.
// Blank lines and lines starting with '#' are skipped. Values must be finite and lie in
// [min_value, max_value] (file units); they are multiplied by `scale` (file units -> SI).
// Throws std::invalid_argument that starts with `what`, names the file and the line.
hydro::TimeSeries read_series_csv(const std::filesystem::path& file, const Instant& start, double scale,
                                  const std::string& what, double min_value = -std::numeric_limits<double>::infinity(),
                                  double max_value = std::numeric_limits<double>::infinity());

}  // namespace floodtwin::twin
