// The four pre- workflow end to end on the synthetic valley (cases/examples/valley-fourpre),
// whose answer is known: holding more water upstream lowers the valley's peak and ranks
// first; storing the whole flood takes the upper dam above its design flood level and is
// excluded, with the reason; the warnings validate as CAP 1.2 against the OASIS schema;
// the updated forecast starts from the observation and its correction decays as its AR(1)
// model says; the report prints whole on A4; and a forecast cycle's hot start follows the
// run that was never interrupted.
#define BOOST_TEST_MODULE regression_fourpre
#include <boost/test/unit_test.hpp>

#include <cmath>
#include <cstdlib>
#include <map>
#include <regex>
#include <sstream>
#include <string>

#include "tests/support/files.hpp"
#include "tests/support/report_print.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using floodtwin::testing::csv_rows;
using floodtwin::testing::has_text;
using floodtwin::testing::read_json;
using floodtwin::testing::read_text;
using floodtwin::testing::TempDir;

namespace {

const fs::path kCase = fs::path(FLOODTWIN_SOURCE_DIR) / "cases/examples/valley-fourpre/case.toml";
const fs::path kSchema = fs::path(FLOODTWIN_SOURCE_DIR) / "docs/standards/cap-1.2/CAP-v1.2.xsd";

int floodtwin_cli(const std::string& args, const fs::path& log) {
    const std::string cmd = std::string(FLOODTWIN_EXE) + " " + args + " > " + log.string() + " 2>&1";
    const int status = std::system(cmd.c_str());
    if (status != 0) BOOST_TEST_MESSAGE(read_text(log));
    return status;
}

// The rows of a CSV by column name.
std::vector<std::map<std::string, std::string>> table(const fs::path& csv) {
    const auto rows = csv_rows(csv);
    std::vector<std::map<std::string, std::string>> out;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        std::map<std::string, std::string> m;
        for (std::size_t c = 0; c < rows[0].size() && c < rows[r].size(); ++c) m[rows[0][c]] = rows[r][c];
        out.push_back(m);
    }
    return out;
}

const nlohmann::json& named(const nlohmann::json& list, const std::string& key, const std::string& name) {
    for (const auto& j : list)
        if (j.at(key) == name) return j;
    BOOST_FAIL("no '" << name << "' in " << list.dump().substr(0, 200));
    return list;
}

std::string unescape(std::string s) {
    for (const auto& [from, to] : {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}})
        for (std::size_t at; (at = s.find(from)) != std::string::npos;) s.replace(at, std::string(from).size(), to);
    return s;
}

// Each table of the page: caption, header cells, the first cell of every row.
struct HtmlTable {
    std::string caption;
    std::vector<std::string> header, first_cells;
};
std::vector<HtmlTable> html_tables(const std::string& html) {
    std::vector<HtmlTable> out;
    const std::regex table_re("<table[^>]*>([\\s\\S]*?)</table>"), caption_re("<caption>([\\s\\S]*?)</caption>"),
        th_re("<th(?:\\s[^>]*)?>([\\s\\S]*?)</th>"), tr_re("<tr>\\s*<td[^>]*>([\\s\\S]*?)</td>");
    for (std::sregex_iterator t(html.begin(), html.end(), table_re), end; t != end; ++t) {
        const std::string body = (*t)[1];
        HtmlTable h;
        std::smatch m;
        if (std::regex_search(body, m, caption_re)) h.caption = unescape(m[1]);
        for (std::sregex_iterator c(body.begin(), body.end(), th_re); c != end; ++c) h.header.push_back(unescape((*c)[1]));
        for (std::sregex_iterator c(body.begin(), body.end(), tr_re); c != end; ++c) h.first_cells.push_back(unescape((*c)[1]));
        out.push_back(h);
    }
    return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(fourpre_ranks_the_plans_and_writes_every_product) {
    const TempDir dir("fourpre");
    const fs::path out = dir / "out";
    BOOST_REQUIRE(floodtwin_cli("fourpre " + kCase.string() + " --issue-time 2020-08-18T02:00+08:00 --out " + out.string() +
                                " --cores 2 --members 8",
                            dir / "fourpre.log") == 0);

    // 4. Plan: the known answer.
    const auto plan = read_json(out / "plan.json");
    const auto& ranking = plan.at("ranking");
    BOOST_REQUIRE(ranking.size() == 4u);
    BOOST_TEST(ranking[0].at("plan") == "hold-more");
    BOOST_TEST(plan.at("chosen_plan").at("plan") == "hold-more");
    const auto& last = ranking[3];
    BOOST_TEST(last.at("plan") == "store-all");
    BOOST_TEST(last.at("breaks_no_hard_limit") == false);
    BOOST_TEST(last.at("why").get<std::string>().find("above its design flood level 318 m") != std::string::npos,
               last.at("why"));
    BOOST_TEST(plan.at("ranking_rule").get<std::string>().find("hard limit") != std::string::npos);
    std::map<std::string, int> rank;
    for (const auto& r : ranking) rank[r.at("plan")] = r.at("rank");
    BOOST_TEST(rank["baseline"] < rank["release-more"]);
    const auto& orders = named(plan.at("chosen_plan").at("dispatch_orders"), "reservoir", "Upper dam");
    BOOST_TEST(!orders.at("orders").empty());
    BOOST_TEST(!plan.at("chosen_plan").at("warnings_to_issue").empty());
    BOOST_TEST(!plan.at("chosen_plan").at("residual_risks").empty());

    // 3. Rehearsal: the first plan clearly lowers the peak, each plan wrote its own run.
    const auto cmp = read_json(out / "rehearsal/comparison.json");
    std::map<std::string, double> peak;
    for (const auto& p : cmp.at("plans")) {
        peak[p.at("plan")] = named(p.at("stations"), "name", "mid-valley").at("peak_stage_m");
        BOOST_TEST(fs::exists(fs::path(p.at("output").get<std::string>()) / "summary.json"), p.at("plan"));
        BOOST_TEST(std::abs(p.at("mass_error").get<double>()) < 1e-9, p.at("plan"));
    }
    BOOST_TEST_MESSAGE("mid-valley peak: baseline " << peak["baseline"] << " m, hold-more " << peak["hold-more"] << " m");
    BOOST_TEST(peak["hold-more"] < peak["baseline"] - 0.1);

    // 2. Warning: the station warning with its threshold, lead, datum and basis; every CAP valid.
    const auto warnings = read_json(out / "warning/warnings.json");
    const auto& station = named(warnings.at("warnings"), "id", "station-mid_valley");
    BOOST_TEST(station.at("datum") == "model");
    BOOST_TEST(station.at("basis") == "updated forecast");
    BOOST_TEST(!station.at("threshold").at("name").get<std::string>().empty());
    BOOST_TEST(station.at("lead_time_h").get<double>() > -1.0);
    BOOST_TEST(table(out / "warning/warnings.csv").size() == warnings.at("warnings").size());
    std::size_t caps = 0;
    for (const auto& f : fs::directory_iterator(out / "warning/cap")) {
        ++caps;
        const std::string cmd = "xmllint --noout --nonet --schema " + kSchema.string() + " " + f.path().string() +
                                " > " + (dir / "xmllint.log").string() + " 2>&1";
        BOOST_TEST(std::system(cmd.c_str()) == 0, f.path().filename() << ": " << read_text(dir / "xmllint.log"));
    }
    BOOST_TEST(caps == warnings.at("warnings").size());
    const std::string cap = read_text(out / "warning/cap/station-mid_valley.xml");
    BOOST_TEST(cap.find("<circle>") != std::string::npos);
    BOOST_TEST(read_text(out / "warning/cap/area-Valley_hospital.xml").find("<polygon>") != std::string::npos);

    // 1. Forecast: the updated stage starts at the observation and its correction decays as phi^(lead/step).
    const auto forecast = read_json(out / "forecast/forecast.json");
    const auto& mid = named(forecast.at("stations"), "name", "mid-valley");
    const double e0 = mid.at("updating").at("error_at_issue_m"), phi = mid.at("updating").at("phi_per_step"),
                 step = mid.at("updating").at("step_s");
    BOOST_TEST_MESSAGE("updating at mid-valley: error " << e0 << " m, phi " << phi << " per " << step << " s");
    BOOST_TEST(std::abs(e0 - 0.30) < 0.02);  // the observations are the model plus 0.30 m
    double observed_at_issue = NAN;
    for (const auto& row : csv_rows(kCase.parent_path() / "observed-stage.csv"))
        if (row[0] == "2020-08-18T02:00:00+08:00") observed_at_issue = std::stod(row[1]);
    bool lead_zero = false;
    for (const auto& row : table(out / "forecast/hydrographs.csv")) {
        const double lead_h = std::stod(row.at("lead_h"));
        const double raw = std::stod(row.at("mid-valley_stage_m_model"));
        const double updated = std::stod(row.at("mid-valley_updated_stage_m_model"));
        if (lead_h == 0.0) {
            lead_zero = true;
            BOOST_TEST(std::abs(updated - observed_at_issue) < 2e-3, "lead 0: updated " << updated << ", observed " << observed_at_issue);
        }
        BOOST_TEST(std::abs((updated - raw) - e0 * std::pow(phi, lead_h * 3600.0 / step)) < 2e-3, "lead " << lead_h << " h");
    }
    BOOST_TEST(lead_zero);
    BOOST_REQUIRE(!forecast.at("numbered_floods").empty());
    BOOST_TEST(forecast.at("numbered_floods")[0].at("number") == 1);

    // The ensemble of the forecast: every member, chances that fall as the levels rise, the
    // errors large enough (valley-fourpre's [ensemble]) to split the members at mid-valley.
    const auto ens = read_json(out / "ensemble/ensemble.json");
    BOOST_TEST(ens.at("members_present").size() == 8u);
    BOOST_TEST(ens.at("members_missing").empty());
    std::map<std::string, double> chance;
    for (const auto& row : table(out / "warning/probabilistic_warnings.csv"))
        chance[row.at("station") + " " + row.at("level")] = std::stod(row.at("probability"));
    for (const std::string station : {"mid-valley", "valley mouth"})
        BOOST_TEST((chance[station + " blue"] >= chance[station + " yellow"] &&
                    chance[station + " yellow"] >= chance[station + " orange"] &&
                    chance[station + " orange"] >= chance[station + " red"]), station);
    BOOST_TEST((chance["mid-valley red"] > 0.0 && chance["mid-valley red"] < 1.0), chance["mid-valley red"]);
    for (const char* depth : {"0.15", "0.5", "1.5", "3"})
        BOOST_TEST(fs::file_size(out / "ensemble/maps" / (std::string("probability-depth-") + depth + "m.png")) > 10'000u);

    // The report: self-contained, every section, chart and map, printed whole on A4.
    const std::string html = read_text(out / "report.html");
    BOOST_TEST(html.find("http://") == std::string::npos);
    BOOST_TEST(html.find("https://") == std::string::npos);
    std::size_t images = 0, charts = 0;
    for (std::size_t at = 0; (at = html.find("src=\"data:image/png;base64,", at)) != std::string::npos; ++at) ++images;
    for (std::size_t at = 0; (at = html.find("<svg", at)) != std::string::npos; ++at) ++charts;
    BOOST_TEST(images >= 12u, images << " images");  // warning, hazard, arrival, a depth map per plan, 4 probability maps
    BOOST_TEST(charts >= 3u, charts << " charts");
    const auto printed = floodtwin::testing::print_report(out / "report.html", dir.path());
    BOOST_TEST(printed.info.find("(A4)") != std::string::npos);
    BOOST_TEST(fs::file_size(printed.png) > 50'000u);
    BOOST_TEST(has_text(printed.all, "Probabilistic warnings: mid-valley: red with"));
    for (const std::string heading : {"预报 Forecast", "预警 Warning", "集合预报 Ensemble", "预演 Rehearsal", "预案 Plan"})
        BOOST_TEST(has_text(printed.all, heading), heading);
    const auto tables = html_tables(html);
    BOOST_TEST(tables.size() >= 8u);
    for (const HtmlTable& t : tables) {
        const auto at = printed.pages_with(t.caption);
        BOOST_REQUIRE_MESSAGE(!at.empty(), "table '" << t.caption << "' is not in the PDF");
        if (t.first_cells.size() >= 25) continue;  // long tables may span pages, their header repeated
        // Whole on one page: its header and its last row on the caption's page (a header
        // cell may wrap over lines, between its neighbours' words: word by word).
        for (const std::string& h : t.header) {
            std::istringstream words(h);
            for (std::string w; words >> w;) BOOST_TEST(has_text(printed.pages[at[0] - 1], w), t.caption << ": " << h);
        }
        BOOST_TEST(has_text(printed.pages[at[0] - 1], t.first_cells.back()), t.caption << ": last row");
    }
    if (const char* keep = std::getenv("FLOODTWIN_REPORT_KEEP")) {  // to look at the page by hand
        fs::copy_file(printed.png, fs::path(keep) / "fourpre-page.png", fs::copy_options::overwrite_existing);
        fs::copy_file(printed.pdf, fs::path(keep) / "fourpre-report.pdf", fs::copy_options::overwrite_existing);
    }
}

// A forecast cycle: the second issue time starts hot from the first one's state, and
// with the same inputs follows the run from the same cold start that was never cut.
BOOST_AUTO_TEST_CASE(cycle_hot_start_follows_the_uninterrupted_run) {
    const TempDir dir("cycle");
    BOOST_REQUIRE(floodtwin_cli("cycle " + kCase.string() + " --from 2020-08-18T01:00+08:00 --to 2020-08-18T02:00+08:00 "
                            "--every 1h --set fourpre.spin_up=1h --out " + (dir / "cycle").string(),
                            dir / "cycle.log") == 0);
    BOOST_REQUIRE(floodtwin_cli("fourpre " + kCase.string() + " --issue-time 2020-08-18T02:00+08:00 --forecast-only --out " +
                                (dir / "cold").string(),
                            dir / "cold.log") == 0);
    const auto cycle = table(dir / "cycle/cycle.csv");
    BOOST_REQUIRE(cycle.size() == 2u);
    BOOST_TEST(cycle[0].at("state") == "cold");
    BOOST_TEST(cycle[1].at("state") == "hot");
    BOOST_TEST(!cycle[1].at("control_peak_m").empty());
    const auto hot = table(dir / "cycle/2020-08-18T0200/forecast/hydrographs.csv");
    const auto cold = table(dir / "cold/forecast/hydrographs.csv");
    BOOST_REQUIRE(hot.size() == cold.size());
    double worst = 0.0;
    for (std::size_t k = 0; k < hot.size(); ++k) {
        BOOST_REQUIRE(hot[k].at("time_iso") == cold[k].at("time_iso"));
        for (const std::string col : {"mid-valley_stage_m_model", "mid-valley_updated_stage_m_model", "valley mouth_flow_m3_s"})
            worst = std::max(worst, std::abs(std::stod(hot[k].at(col)) - std::stod(cold[k].at(col))) /
                                        std::max(1.0, std::abs(std::stod(cold[k].at(col)))));
    }
    BOOST_TEST_MESSAGE("hot start against the uninterrupted run: largest relative difference " << worst);
    BOOST_TEST(worst < 1e-4);
}
