#pragma once
// A CSV file a run wrote (gauges.csv, hydrographs.csv, reservoirs.csv) read back whole:
// a header and rows of fields, quoted fields as grids::csv_field writes them (RFC 4180).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace floodtwin::twin {

struct CsvTable {
    std::filesystem::path file;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;

    // The index of column `name`; throws std::runtime_error naming the file and the column.
    [[nodiscard]] std::size_t column(std::string_view name) const;
    [[nodiscard]] bool has(std::string_view name) const;
    // The field as a number (empty or unreadable: NaN).
    [[nodiscard]] double number(std::size_t row, std::size_t column) const;
};

// Throws std::runtime_error naming the file when it cannot be read or is empty.
[[nodiscard]] CsvTable read_csv_table(const std::filesystem::path& file);

}  // namespace floodtwin::twin
