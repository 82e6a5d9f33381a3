#pragma once
// The four pre- report page (forecast, warning, rehearsal, plan) as one self-contained
// HTML file: the office hands it round on screen or prints it on A4. The model is generic
// (sections of paragraphs, tables, charts and image rows); whoever runs the workflow fills
// it, and report_html() only lays it out. Nothing on the page refers to a network or a file
// beside it: styles inline, charts inline SVG, images as data URIs.
#include <filesystem>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "twin/fourpre/svg_chart.hpp"
#include "twin/fourpre/svg_scatter.hpp"

namespace floodtwin::twin {

struct ReportTable {
    std::string caption;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    // Same shape as rows, or empty: a class per cell, such as "level-red", "level-orange",
    // "level-yellow", "level-blue", "bad", "good" (empty string: none).
    std::vector<std::vector<std::string>> cell_class;
};

struct ReportImage {
    std::string caption;
    std::filesystem::path png;
};

struct ReportParagraph {
    std::string text;  // plain text, escaped on the page
};

// A block of a section; a vector of images is one row of them side by side.
using ReportBlock = std::variant<ReportParagraph, ReportTable, TimeChart, std::vector<ReportImage>, ScatterChart>;

struct ReportSection {
    std::string id, heading;  // id: the section element's id ("forecast"); heading may be Chinese
    std::vector<ReportBlock> blocks;
};

struct ReportPage {
    std::string title, subtitle;
    std::vector<std::pair<std::string, std::string>> facts;  // key/value box at the top: issue time, case...
    std::vector<ReportSection> sections;
    std::string footer;
};

// The page as UTF-8 HTML. Throws std::runtime_error naming an image file that is missing
// or not a PNG, std::invalid_argument naming a table whose cell classes do not match its rows.
std::string report_html(const ReportPage& page);

}  // namespace floodtwin::twin
