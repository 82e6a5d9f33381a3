#pragma once
// A small CSV reader after RFC 4180, to read back what the runs write: fields between
// commas, records ended by LF or CRLF; a field in double quotes may hold commas, CR, LF
// and doubled double quotes (""). Independent of the writer (grids::csv_field), so a
// test that writes with one and reads with the other checks both.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace floodtwin::testing {

using CsvRows = std::vector<std::vector<std::string>>;

// The records of `text`. Throws std::runtime_error for text after a closing quote (other
// than a comma or the end of the record), a quote inside an unquoted field, or a quoted
// field that never closes.
inline CsvRows parse_csv(std::string_view text) {
    CsvRows rows;
    std::vector<std::string> record;
    std::string field;
    std::size_t i = 0;
    const auto end_record = [&] {
        record.push_back(field);
        rows.push_back(record);
        record.clear();
        field.clear();
    };
    while (i < text.size()) {
        if (text[i] == '"' && field.empty()) {  // a quoted field, to its closing quote
            ++i;
            while (true) {
                if (i >= text.size()) throw std::runtime_error("csv: a quoted field does not close");
                if (text[i] == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += text[i++];
            }
            if (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
                throw std::runtime_error("csv: text after a closing quote: '" + std::string(text.substr(i, 10)) + "'");
            continue;
        }
        const char ch = text[i];
        if (ch == ',') {
            record.push_back(field);
            field.clear();
            ++i;
        } else if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            end_record();
            i += 2;
        } else if (ch == '\n') {
            end_record();
            ++i;
        } else if (ch == '"') {
            throw std::runtime_error("csv: a double quote inside an unquoted field: '" + field + "\"'");
        } else {
            field += ch;
            ++i;
        }
    }
    if (!field.empty() || !record.empty()) end_record();  // a last record without its line end
    return rows;
}

inline CsvRows read_csv(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw std::runtime_error("csv: cannot read " + p.string());
    std::ostringstream s;
    s << in.rdbuf();
    return parse_csv(s.str());
}

}  // namespace floodtwin::testing
