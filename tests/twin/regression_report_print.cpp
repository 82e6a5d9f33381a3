// The four pre- report page printed by headless Chromium, as the office would print it:
// a page of 4 sections, 3 charts, 5 tables (one 12 columns wide, one 40 rows long) and
// two rows of 2 images is written to HTML, shot to PNG and printed to an A4 PDF, and the
// PDF's text (pdftotext, page by page) shows every section, every table whole on one
// page where it fits, the long table's header on every page it spans and the wide
// table's last column. Chromium and poppler-utils are required (scripts/install-deps.sh):
// missing, the test fails and says so.
#define BOOST_TEST_MODULE regression_report_print
#include <gdal_priv.h>

#include <algorithm>
#include <array>
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/report_print.hpp"
#include "tests/support/temp_dir.hpp"
#include "twin/fourpre/html_text.hpp"
#include "twin/fourpre/report_page.hpp"

namespace fs = std::filesystem;
using namespace floodtwin::twin;

namespace {

// A small RGB PNG through GDAL (MEM dataset copied by the PNG driver): a colour ramp
// with a band across it, so each image differs and is not trivially compressible.
void write_png(const fs::path& path, int seed) {
    GDALAllRegister();
    constexpr int w = 320, h = 200;
    GDALDataset* mem = GetGDALDriverManager()->GetDriverByName("MEM")->Create("", w, h, 3, GDT_Byte, nullptr);
    BOOST_REQUIRE(mem);
    std::vector<unsigned char> band(static_cast<std::size_t>(w) * h);
    for (int b = 1; b <= 3; ++b) {
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                const double depth = std::sin(0.03 * x + seed) * std::cos(0.05 * y - seed) * 0.5 + 0.5;
                const double v = b == 3 ? 255 - 120 * depth : b == 2 ? 230 - 150 * depth : 200 * depth * depth;
                band[static_cast<std::size_t>(y) * w + x] = static_cast<unsigned char>(std::clamp(v, 0.0, 255.0));
            }
        BOOST_REQUIRE(mem->GetRasterBand(b)->RasterIO(GF_Write, 0, 0, w, h, band.data(), w, h, GDT_Byte, 0, 0) ==
                      CE_None);
    }
    GDALDataset* png =
        GetGDALDriverManager()->GetDriverByName("PNG")->CreateCopy(path.c_str(), mem, FALSE, nullptr, nullptr, nullptr);
    BOOST_REQUIRE_MESSAGE(png, "GDAL's PNG driver could not write " << path);
    GDALClose(png);
    GDALClose(mem);
}

using floodtwin::testing::on_path;
using floodtwin::testing::run_command;
bool has(const std::string& page, const std::string& needle) { return floodtwin::testing::has_text(page, needle); }

constexpr double issue = 1597708800;  // 2020-08-18 00:00 UTC, 08:00 Beijing time
constexpr double hour = 3600;

// A flood wave: base, peak and time of peak; NaN over [gap_from, gap_to) hours.
ChartSeries wave(std::string name, std::string colour, bool dashed, double from_h, double to_h, double base,
                 double peak, double peak_h, double gap_from = 1e9, double gap_to = 1e9) {
    ChartSeries s{std::move(name), {}, {}, std::move(colour), dashed};
    for (double h = from_h; h <= to_h; h += 1) {
        s.epoch_s.push_back(issue + h * hour);
        const double v = base + (peak - base) * std::exp(-std::pow((h - peak_h) / 22.0, 2));
        s.value.push_back(h >= gap_from && h < gap_to ? std::nan("") : v);
    }
    return s;
}

std::string fixed(double v, int decimals) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

const std::vector<std::string> stations = {"Zhutuo", "Cuntan", "Beibei", "Wulong", "Fuling", "Wanzhou"};

ReportPage make_page(const fs::path& dir) {
    ReportPage page;
    page.title = "Upper Yangtze flood: four pre- report 四预报告";
    page.subtitle = "Forecast, warning, rehearsal and plan for the Chongqing reach — exercise, not for release";
    page.facts = {{"Issued", "18 Aug 2020 08:00 (UTC+8)"},
                  {"Case", "chongqing/confluence_2020"},
                  {"Horizon", "72 h"},
                  {"Model", "floodtwin fv2, 200 m"},
                  {"Duty officer", "Li Wei <li.wei@cq>"}};

    // Forecast: stage and discharge charts, the 12-column table of station forecasts.
    TimeChart stage{
        "Stage at Cuntan: observed and forecast", "Stage (m, Wusong)", {}, {}, issue, "Issued 18 Aug 08:00"};
    stage.series = {wave("Observed", "#1d232b", false, -48, 0, 178, 191.6, 40, -20, -14),
                    wave("Forecast (central)", "#1f5fa8", true, 0, 72, 178, 191.6, 40),
                    wave("Forecast (upper)", "#d1495b", true, 0, 72, 178, 193.4, 38)};
    stage.lines = {{"Warning 180.5 m", 180.5, "#e0a100"},
                   {"Guaranteed 183.5 m", 183.5, "#f28c28"},
                   {"Record 191.41 m", 191.41, "#d7263d"}};
    TimeChart flow{"Inflow to the Three Gorges reservoir", "Discharge (m³/s)", {}, {}, issue, ""};
    flow.series = {wave("Observed", "#1d232b", false, -48, 0, 42000, 75000, 30),
                   wave("Forecast", "#2a9d8f", true, 0, 72, 42000, 75000, 30)};
    flow.lines = {{"Design 70 000", 70000, "#d7263d"}};
    ReportTable wide{"Table 1. Station forecasts (stage in m, Wusong datum)",
                     {"Station", "River", "Warning", "Guaranteed", "Record", "Now", "+6h", "+12h", "+24h", "+48h",
                      "Peak", "Verdict"},
                     {},
                     {}};
    for (std::size_t i = 0; i < stations.size(); ++i) {
        const double b = 170 + 4.0 * i;
        auto f = [&](double d) { return fixed(b + d, 2); };
        wide.rows.push_back({stations[i],
                             i < 2    ? "Yangtze"
                             : i == 2 ? "Jialing"
                                      : "Wu / Yangtze",
                             f(8), f(11), f(19), f(6.2), f(7.9), f(9.4), f(12.1), f(14.6), f(15.3),
                             i % 2 ? "above guaranteed" : "watch"});
    }
    page.sections.push_back({"forecast",
                             "预报 Forecast",
                             {ReportParagraph{"The central forecast puts the crest at Cuntan near the 1981 record "
                                              "on 19 Aug in the evening; the upper bound passes it by about 2 m."},
                              stage, flow, wide}});

    // Warning: levels per station, coloured.
    ReportTable warn{
        "Table 2. Warnings in force", {"Station", "Level", "From", "Peak stage (m)", "Margin (m)"}, {}, {}};
    const std::array<std::string, 4> levels{"red", "orange", "yellow", "blue"};
    for (std::size_t i = 0; i < stations.size(); ++i) {
        const auto& lv = levels[i % 4];
        const double margin = 0.4 * static_cast<double>(i) - 1;  // below the next level's threshold
        warn.rows.push_back({"W-" + stations[i], lv,
                             std::string("18 Aug ").append(std::to_string(10 + i)).append(":00"),
                             fixed(185.2 + static_cast<double>(i), 2), fixed(margin, 2)});
        warn.cell_class.push_back({"", "level-" + lv, "", "", margin < 0 ? "bad" : "good"});
    }
    page.sections.push_back(
        {"warning",
         "预警 Warning",
         {ReportParagraph{"Red at Cuntan and Zhutuo from 10:00; orange along the Jialing below Beibei."}, warn}});

    // Rehearsal: the plans compared, the hourly table of 40 rows, the chart and two image rows.
    TimeChart plans{"Rehearsal: stage at Cuntan under each plan", "Stage (m, Wusong)", {}, {}, issue, "Issue"};
    plans.series = {wave("No action", "#d1495b", false, 0, 72, 178, 192.2, 40),
                    wave("Plan A: Three Gorges holds", "#1f5fa8", false, 0, 72, 178, 189.1, 42),
                    wave("Plan B: A + detention", "#2a9d8f", true, 0, 72, 178, 187.4, 44)};
    plans.lines = {{"Guaranteed 183.5 m", 183.5, "#f28c28"}};
    ReportTable compare{"Table 3. Plans compared",
                        {"Plan", "Peak at Cuntan (m)", "Area flooded (km²)", "People affected", "Cost"},
                        {{"P-none", "192.2", "48.1", "310000", "none"},
                         {"P-A", "189.1", "21.7", "120000", "Storage to 165 m"},
                         {"P-B", "187.4", "12.3", "64000", "A and the Changshou detention area"}},
                        {{"", "bad", "bad", "bad", ""}, {"", "", "", "", ""}, {"", "good", "good", "good", ""}}};
    ReportTable hourly{
        "Table 4. Hourly stage at Cuntan, plan B", {"Hour", "Time", "Stage (m)", "Discharge (m³/s)"}, {}, {}};
    for (int h = 1; h <= 40; ++h)
        hourly.rows.push_back({std::string("H").append(std::to_string(h)),
                               std::string("18 Aug +").append(std::to_string(h)).append(" h"), fixed(180 + 0.15 * h, 2),
                               std::to_string(50000 + 400 * h)});
    std::vector<ReportImage> row1{{"Depth, plan A, 19 Aug 20:00", dir / "a1.png"},
                                  {"Depth, plan B, 19 Aug 20:00", dir / "a2.png"}};
    std::vector<ReportImage> row2{{"Arrival time, plan A", dir / "b1.png"}, {"Arrival time, plan B", dir / "b2.png"}};
    page.sections.push_back({"rehearsal", "预演 Rehearsal", {plans, compare, row1, hourly, row2}});

    // Plan: the chosen actions, one with a long line that must wrap.
    ReportTable actions{"Table 5. Actions of plan B",
                        {"Step", "When", "Who", "Action"},
                        {{"S1", "18 Aug 12:00", "Three Gorges", "Hold the pool at 165 m until the crest passes Cuntan"},
                         {"S2", "19 Aug 06:00", "Changshou county",
                          "Open the detention area: evacuate the villages of the lower terrace first, then the "
                          "industrial park; the gate opens no earlier than two hours after the last bus leaves "
                          "and the county's duty office confirms by telephone — averylongwordwithoutanybreakpoints"
                          "thatmustwrapinsidethecellandnotoverflowthepage"},
                         {"S3", "20 Aug 08:00", "District offices", "Stand down when Cuntan falls below 183.5 m"}},
                        {}};
    page.sections.push_back(
        {"plan",
         "预案 Plan",
         {ReportParagraph{"Plan B is chosen: it keeps Cuntan 4.8 m below the no-action crest at the cost of the "
                          "Changshou detention area. <Escaped & shown as text>"},
          actions}});
    page.footer = "floodtwin four pre- report · generated for the exercise · 18 Aug 2020";
    return page;
}

}  // namespace

// The pieces the page is made of, without a browser.
BOOST_AUTO_TEST_CASE(page_parts) {
    BOOST_TEST(base64("") == "");
    BOOST_TEST(base64("M") == "TQ==");
    BOOST_TEST(base64("Ma") == "TWE=");
    BOOST_TEST(base64("Man") == "TWFu");
    BOOST_TEST(base64(std::string_view("\xff\xfe\x00", 3)) == "//4A");
    BOOST_TEST(html_escape("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
    BOOST_TEST(chart_time_label(issue, 480) == "18 Aug 08:00");
    BOOST_TEST(chart_time_label(issue - 1, 0) == "17 Aug 23:59");
    BOOST_TEST(chart_time_label(issue, -300) == "17 Aug 19:00");

    // A NaN breaks the line: the observed series with a gap is two pieces.
    TimeChart c{"Stage", "Stage (m)", {wave("Observed", "", false, -48, 0, 178, 191, 40, -20, -14)}, {}, issue, ""};
    const std::string svg = svg_time_chart(c);
    const auto path_at = svg.find("<path");
    const std::string path = svg.substr(path_at, svg.find("/>", path_at) - path_at);
    BOOST_TEST(std::count(path.begin(), path.end(), 'M') == 2);
    BOOST_TEST(svg.find("http") == std::string::npos);
    // Two days: ticks every 12 h on local midnight and noon (not on UTC's).
    BOOST_TEST(svg.find(">16 Aug 12:00<") != std::string::npos);
    BOOST_TEST(svg.find(">17 Aug 00:00<") != std::string::npos);
    BOOST_TEST(svg.find(">18 Aug 00:00<") != std::string::npos);
    BOOST_TEST(svg.find(">17 Aug 06:00<") == std::string::npos);
    c.series[0].value.pop_back();
    BOOST_CHECK_THROW(svg_time_chart(c), std::invalid_argument);

    ReportTable bad{"Mis-shaped", {"a", "b"}, {{"1", "2"}}, {{"good"}}};
    BOOST_CHECK_THROW(report_html(ReportPage{"t", "", {}, {{"s", "S", {bad}}}, ""}), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(report_prints_whole_in_chromium) {
    for (const std::string tool : {"chromium", "pdftotext", "pdfinfo"})
        BOOST_REQUIRE_MESSAGE(on_path(tool), tool << " is not installed: it is required for this test "
                                                     "(scripts/install-deps.sh installs chromium and poppler-utils)");
    const floodtwin::testing::TempDir dir("report_print");
    for (const std::string name : {"a1", "a2", "b1", "b2"})
        write_png(dir / (name + ".png"), name[1] - '0' + 2 * (name[0] - 'a'));
    const ReportPage page = make_page(dir.path());

    // A missing image is refused with its name.
    {
        ReportPage broken = page;
        std::get<std::vector<ReportImage>>(broken.sections[2].blocks[2])[0].png = dir / "missing.png";
        BOOST_CHECK_EXCEPTION(report_html(broken), std::runtime_error, [](const std::runtime_error& e) {
            return std::string(e.what()).find("missing.png") != std::string::npos;
        });
    }

    const std::string html = report_html(page);
    const fs::path html_path = dir.write("report.html", html);
    // Self-contained: no URL at all, the four images inline, the text escaped.
    BOOST_TEST(html.find("http://") == std::string::npos);
    BOOST_TEST(html.find("https://") == std::string::npos);
    std::size_t uris = 0;
    for (std::size_t at = 0; (at = html.find("src=\"data:image/png;base64,", at)) != std::string::npos; ++at) ++uris;
    BOOST_TEST(uris == 4u);
    BOOST_TEST(html.find("&lt;Escaped &amp; shown as text&gt;") != std::string::npos);
    BOOST_TEST(html.find("<meta charset=\"utf-8\">") != std::string::npos);
    for (const std::string id : {"forecast", "warning", "rehearsal", "plan"})
        BOOST_TEST(html.find("<section id=\"" + id + "\">") != std::string::npos, id);

    // Chromium: a screenshot at A4 proportions and the A4 print.
    const std::string chrome =
        "timeout 180 chromium --headless=new --no-sandbox --disable-gpu --no-first-run "
        "--no-pdf-header-footer ";
    const fs::path png = dir / "page.png", pdf = dir / "report.pdf", log = dir / "chromium.log";
    const std::string url = "file://" + html_path.string();
    run_command(chrome + "--screenshot=" + png.string() + " --window-size=1240,1754 " + url + " > " + log.string() + " 2>&1");
    run_command(chrome + "--print-to-pdf=" + pdf.string() + " " + url + " >> " + log.string() + " 2>&1");
    BOOST_REQUIRE_MESSAGE(fs::exists(png), "chromium wrote no screenshot; see its log");
    BOOST_TEST(fs::file_size(png) > 50'000u);
    BOOST_REQUIRE_MESSAGE(fs::exists(pdf), "chromium wrote no PDF");
    if (const char* keep = std::getenv("FLOODTWIN_REPORT_KEEP")) {  // to look at the page by hand
        fs::copy_file(png, fs::path(keep) / "page.png", fs::copy_options::overwrite_existing);
        fs::copy_file(pdf, fs::path(keep) / "report.pdf", fs::copy_options::overwrite_existing);
        fs::copy_file(html_path, fs::path(keep) / "report.html", fs::copy_options::overwrite_existing);
    }

    const std::string info = run_command("pdfinfo " + pdf.string());
    BOOST_TEST(info.find("(A4)") != std::string::npos, "the PDF's pages are A4:\n" << info);
    const auto pages_at = info.find("Pages:");
    BOOST_REQUIRE(pages_at != std::string::npos);
    const int n_pages = std::stoi(info.substr(pages_at + 6));
    BOOST_TEST_MESSAGE("report.pdf: " << n_pages << " pages");
    BOOST_REQUIRE(n_pages >= 2);
    std::vector<std::string> text(n_pages + 1);
    std::string all;
    for (int p = 1; p <= n_pages; ++p) {
        text[p] = run_command(
            std::string("pdftotext -layout -f ").append(std::to_string(p)).append(" -l ").append(std::to_string(p)) +
            " " + pdf.string() + " -");
        all += text[p];
    }
    const auto pages_with = [&](const std::string& needle) {
        std::vector<int> found;
        for (int p = 1; p <= n_pages; ++p)
            if (has(text[p], needle)) found.push_back(p);
        return found;
    };

    for (const auto& section : page.sections) BOOST_TEST(has(all, section.heading), section.heading);
    std::vector<const ReportTable*> tables;
    for (const auto& section : page.sections)
        for (const auto& block : section.blocks)
            if (const auto* t = std::get_if<ReportTable>(&block)) tables.push_back(t);
    BOOST_REQUIRE(tables.size() == 5u);
    for (const auto* t : tables) {
        BOOST_TEST(has(all, t->caption), t->caption);
        for (const auto& row : t->rows) BOOST_TEST(has(all, row[0]), t->caption << ": row " << row[0]);
        for (const auto& h : t->header) BOOST_TEST(has(all, h), t->caption << ": column " << h);
        // The header as pdftotext lays it out: its cells side by side on one line.
        std::string header_line;
        for (const auto& h : t->header) header_line += h;
        const auto caption_pages = pages_with(t->caption);
        const auto first_pages = pages_with(t->rows.front()[0]), last_pages = pages_with(t->rows.back()[0]);
        BOOST_REQUIRE(caption_pages.size() == 1u);
        BOOST_REQUIRE(!first_pages.empty() && !last_pages.empty());
        if (t->rows.size() < 40) {
            // Whole on one page: caption, header and last row together.
            const int p = caption_pages[0];
            BOOST_TEST(last_pages.back() == p,
                       t->caption << ": last row on page " << last_pages.back() << ", caption on " << p);
            BOOST_TEST(has(text[p], header_line), t->caption << ": header on page " << p);
        } else {
            // Longer than a page: the header again on every page it spans.
            BOOST_TEST(last_pages.back() > caption_pages[0], t->caption << " should span pages");
            for (int p = caption_pages[0]; p <= last_pages.back(); ++p)
                BOOST_TEST(has(text[p], header_line), t->caption << ": header on page " << p);
        }
    }
    // The wide table's last column is on the page, not clipped: its header and a cell of it.
    BOOST_TEST(has(all, "Verdict"));
    BOOST_TEST(has(all, "above guaranteed"));
    // The long action wraps inside its cell: the unbroken word's end is on the page too.
    BOOST_TEST(has(all, "overflowthepage"));
}
