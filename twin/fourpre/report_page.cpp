// The report page's markup (see report_page.hpp): header and facts box, sections of
// paragraphs, tables, charts and image rows, footer; the style from report_css.cpp.
#include "twin/fourpre/report_page.hpp"

#include <cstdlib>
#include <stdexcept>

#include "twin/fourpre/html_text.hpp"
#include "twin/fourpre/report_css.hpp"

namespace floodtwin::twin {
namespace {

// Tables with more columns than this get the small font so that they fit A4 portrait.
constexpr std::size_t wide_table_columns = 8;
// Tables with more rows than this may start part way down a page (kept whole, a table
// longer than a page would leave the rest of the page before it empty).
constexpr std::size_t long_table_rows = 25;

// A cell that is a number alone ("183.52", "-0.40", "+12") is set right-aligned.
bool is_number(const std::string& text) {
    if (text.empty()) return false;
    char* end = nullptr;
    std::strtod(text.c_str(), &end);
    return end == text.c_str() + text.size();
}

// A cell with a word too long for any column: only such cells may break inside words, so
// that the other columns keep their words whole (breaking anywhere everywhere lets the
// table squeeze short columns to a letter wide).
bool has_unbroken_word(const std::string& text) {
    std::size_t run = 0;
    for (const char c : text) {
        run = c == ' ' || c == '-' || c == '/' ? 0 : run + 1;
        if (run > 24) return true;
    }
    return false;
}

// Columns whose every filled cell is a number: their header is right-aligned too.
std::vector<bool> numeric_columns(const ReportTable& t) {
    std::vector<bool> numeric(t.header.size(), true);
    std::vector<bool> filled(t.header.size(), false);
    for (const auto& row : t.rows)
        for (std::size_t j = 0; j < row.size() && j < numeric.size(); ++j)
            if (!row[j].empty()) filled[j] = true, numeric[j] = numeric[j] && is_number(row[j]);
    for (std::size_t j = 0; j < numeric.size(); ++j) numeric[j] = numeric[j] && filled[j];
    return numeric;
}

std::string class_attr(const std::string& classes) {
    return classes.empty() ? "" : " class=\"" + html_escape(classes) + "\"";
}

void table_html(std::string& out, const ReportTable& t) {
    if (!t.cell_class.empty()) {
        bool same = t.cell_class.size() == t.rows.size();
        for (std::size_t i = 0; same && i < t.rows.size(); ++i) same = t.cell_class[i].size() == t.rows[i].size();
        if (!same)
            throw std::invalid_argument("report table \"" + t.caption +
                                        "\": cell_class must have the same shape as rows, or be empty");
    }
    const auto numeric = numeric_columns(t);
    std::string table_classes = t.header.size() > wide_table_columns ? "wide" : "";
    if (t.rows.size() > long_table_rows) table_classes += table_classes.empty() ? "long" : " long";
    out += "<table" + class_attr(table_classes) + ">\n";
    if (!t.caption.empty()) out += "<caption>" + html_escape(t.caption) + "</caption>\n";
    out += "<thead><tr>";
    for (std::size_t j = 0; j < t.header.size(); ++j)
        out += "<th" + class_attr(numeric[j] ? "num" : "") + ">" + html_escape(t.header[j]) + "</th>";
    out += "</tr></thead>\n<tbody>\n";
    for (std::size_t i = 0; i < t.rows.size(); ++i) {
        out += "<tr>";
        for (std::size_t j = 0; j < t.rows[i].size(); ++j) {
            std::string classes = is_number(t.rows[i][j]) ? "num" : has_unbroken_word(t.rows[i][j]) ? "unbroken" : "";
            if (!t.cell_class.empty() && !t.cell_class[i][j].empty())
                classes += (classes.empty() ? "" : " ") + t.cell_class[i][j];
            out += "<td" + class_attr(classes) + ">" + html_escape(t.rows[i][j]) + "</td>";
        }
        out += "</tr>\n";
    }
    out += "</tbody>\n</table>\n";
}

void images_html(std::string& out, const std::vector<ReportImage>& images) {
    out += "<div class=\"images\">\n";
    for (const auto& im : images) {
        out += "<figure><img src=\"" + png_data_uri(im.png) + "\" alt=\"" + html_escape(im.caption) + "\">";
        if (!im.caption.empty()) out += "<figcaption>" + html_escape(im.caption) + "</figcaption>";
        out += "</figure>\n";
    }
    out += "</div>\n";
}

struct BlockWriter {
    std::string& out;
    void operator()(const ReportParagraph& p) const { out += "<p>" + html_escape(p.text) + "</p>\n"; }
    void operator()(const ReportTable& t) const { table_html(out, t); }
    void operator()(const TimeChart& c) const {
        out += "<figure class=\"chart\">\n" + svg_time_chart(c) + "\n</figure>\n";
    }
    void operator()(const std::vector<ReportImage>& images) const { images_html(out, images); }
    void operator()(const ScatterChart& c) const {
        out += "<figure class=\"chart\">\n" + svg_scatter_chart(c) + "\n</figure>\n";
    }
};

}  // namespace

std::string report_html(const ReportPage& page) {
    std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += "<title>" + html_escape(page.title) + "</title>\n<style>\n" + report_css() + svg_chart_css() +
           "</style>\n</head>\n<body>\n<header class=\"report\">\n";
    out += "<h1>" + html_escape(page.title) + "</h1>\n";
    if (!page.subtitle.empty()) out += "<p class=\"subtitle\">" + html_escape(page.subtitle) + "</p>\n";
    if (!page.facts.empty()) {
        out += "<dl class=\"facts\">\n";
        for (const auto& [key, value] : page.facts)
            out += "<div><dt>" + html_escape(key) + "</dt><dd>" + html_escape(value) + "</dd></div>\n";
        out += "</dl>\n";
    }
    out += "</header>\n";
    for (const auto& section : page.sections) {
        out += "<section" + (section.id.empty() ? std::string() : " id=\"" + html_escape(section.id) + "\"") + ">\n";
        out += "<h2>" + html_escape(section.heading) + "</h2>\n";
        for (const auto& block : section.blocks) std::visit(BlockWriter{out}, block);
        out += "</section>\n";
    }
    if (!page.footer.empty()) out += "<footer class=\"report\">" + html_escape(page.footer) + "</footer>\n";
    return out + "</body>\n</html>\n";
}

}  // namespace floodtwin::twin
