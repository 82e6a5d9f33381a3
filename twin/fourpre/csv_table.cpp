#include "twin/fourpre/csv_table.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <stdexcept>

namespace floodtwin::twin {

namespace {

// The fields of one record; `in` may hold more lines when a quoted field spans them.
std::vector<std::string> record(std::istream& in, std::string& line) {
    std::vector<std::string> fields;
    std::string field;
    bool quoted = false;
    for (;;) {
        for (std::size_t i = 0; i < line.size(); ++i) {
            const char ch = line[i];
            if (quoted) {
                if (ch == '"' && i + 1 < line.size() && line[i + 1] == '"') field += '"', ++i;
                else if (ch == '"') quoted = false;
                else field += ch;
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                fields.push_back(field);
                field.clear();
            } else if (ch != '\r') {
                field += ch;
            }
        }
        if (!quoted || !std::getline(in, line)) break;
        field += '\n';
    }
    fields.push_back(field);
    return fields;
}

}  // namespace

std::size_t CsvTable::column(std::string_view name) const {
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end())
        throw std::runtime_error(file.string() + ": no column '" + std::string(name) + "'");
    return static_cast<std::size_t>(it - header.begin());
}

bool CsvTable::has(std::string_view name) const { return std::find(header.begin(), header.end(), name) != header.end(); }

double CsvTable::number(std::size_t row, std::size_t col) const {
    const std::string& f = rows.at(row).size() > col ? rows[row][col] : std::string();
    if (f.empty()) return std::numeric_limits<double>::quiet_NaN();
    try {
        return std::stod(f);
    } catch (const std::exception&) {
        return std::numeric_limits<double>::quiet_NaN();
    }
}

CsvTable read_csv_table(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw std::runtime_error(file.string() + ": cannot be read");
    CsvTable t;
    t.file = file;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line == "\r") continue;
        std::vector<std::string> fields = record(in, line);
        if (t.header.empty()) t.header = std::move(fields);
        else t.rows.push_back(std::move(fields));
    }
    if (t.header.empty()) throw std::runtime_error(file.string() + ": empty, no header");
    return t;
}

}  // namespace floodtwin::twin
