// Unit: CAP 1.2 alerts (twin/fourpre/cap_alert.hpp). A station alert (circle) and an area
// alert (two polygons, one given open) validate against the OASIS schema kept in
// docs/standards/cap-1.2 with xmllint, and a hand-made alert without <sent> does not, so
// the schema check can fail. Also: escaping, latitude first, rings closed, the severity and
// urgency mappings at their edges, CAP's dateTime, and refusals naming the field.
#define BOOST_TEST_MODULE twin_cap_alert
#include <boost/test/unit_test.hpp>

#include <sys/wait.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "tests/support/temp_dir.hpp"
#include "twin/fourpre/cap_alert.hpp"

using namespace floodtwin;
using twin::CapAlert;
using twin::CapArea;
using twin::WarningLevel;
namespace fs = std::filesystem;

namespace {

const fs::path schema = fs::path(FLOODTWIN_SOURCE_DIR) / "docs/standards/cap-1.2/CAP-v1.2.xsd";

// xmllint's exit status for `file` against the CAP schema (0: valid).
int xmllint(const fs::path& file) {
    const std::string cmd = "xmllint --noout --nonet --schema '" + schema.string() + "' '" + file.string() + "'";
    const int rc = std::system(cmd.c_str());
    return rc != -1 && WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

CapAlert base_alert() {
    CapAlert a;
    a.identifier = "floodtwin-cuntan-20200818T0800";
    a.sender = "floodtwin@example.org";
    a.sent = "2020-08-18T08:00:00+08:00";
    a.event = "River flood";
    a.urgency = "Expected";
    a.severity = twin::cap_severity(WarningLevel::red);
    a.certainty = "Likely";
    return a;
}

CapAlert station_alert() {
    CapAlert a = base_alert();
    a.onset = "2020-08-19T20:00:00+08:00";
    a.expires = "2020-08-21T08:00:00+08:00";
    a.sender_name = "Chongqing flood twin";
    a.headline = "Red warning at Cuntan: Yangtze & Jialing above 191 m";
    a.description = "Stage forecast to exceed the red threshold <191 m> in 36 h; \"guaranteed\" level at 's peak.";
    a.instruction = "Leave low-lying riverside areas.";
    a.web = "https://example.org/warnings/cuntan";
    a.contact = "duty officer";
    a.event_codes = {{"floodtwin", "station-level"}};
    a.parameters = {{"station", "Cuntan"}, {"level", "red"}, {"stage_m", "192.10"}};
    a.areas.push_back(CapArea{"Cuntan gauging station", {}, std::array<double, 3>{29.6167, 106.6, 5.0}});
    return a;
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

template <class F>
std::string refusal(F&& f) {
    try {
        f();
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "(not refused)";
}

}  // namespace

BOOST_AUTO_TEST_CASE(schema_is_kept_and_bites) {
    BOOST_REQUIRE(fs::exists(schema));
    const testing::TempDir dir("cap");
    // A complete alert but for <sent>: the schema must reject it, or the checks below prove nothing.
    const auto bad = dir.write("no_sent.xml",
                               "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">\n"
                               "  <identifier>x1</identifier>\n  <sender>a@b.org</sender>\n"
                               "  <status>Actual</status>\n  <msgType>Alert</msgType>\n  <scope>Public</scope>\n"
                               "</alert>\n");
    BOOST_TEST(xmllint(bad) != 0);
    const auto good = dir.write("with_sent.xml",
                                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">\n"
                                "  <identifier>x1</identifier>\n  <sender>a@b.org</sender>\n"
                                "  <sent>2020-08-18T08:00:00+08:00</sent>\n"
                                "  <status>Actual</status>\n  <msgType>Alert</msgType>\n  <scope>Public</scope>\n"
                                "</alert>\n");
    BOOST_TEST(xmllint(good) == 0);
}

BOOST_AUTO_TEST_CASE(station_alert_validates_and_escapes) {
    const std::string xml = twin::cap_alert_xml(station_alert());
    const testing::TempDir dir("cap");
    BOOST_TEST(xmllint(dir.write("station.xml", xml)) == 0);

    BOOST_TEST(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0) == 0u);
    BOOST_TEST(xml.find("<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">") != std::string::npos);
    BOOST_TEST(xml.find("<headline>Red warning at Cuntan: Yangtze &amp; Jialing above 191 m</headline>") !=
               std::string::npos);
    BOOST_TEST(xml.find("&lt;191 m&gt;") != std::string::npos);
    BOOST_TEST(xml.find("&quot;guaranteed&quot;") != std::string::npos);
    BOOST_TEST(xml.find("at &apos;s peak") != std::string::npos);
    BOOST_TEST(count(xml, "& ") == 0u);
    // Latitude first, six decimals, radius in km.
    BOOST_TEST(xml.find("<circle>29.616700,106.600000 5.000</circle>") != std::string::npos);
    BOOST_TEST(xml.find("<severity>Extreme</severity>") != std::string::npos);
    BOOST_TEST(count(xml, "<parameter>") == 3u);
    // The schema's order within <info>: eventCode before onset, parameter before area.
    BOOST_TEST(xml.find("<eventCode>") < xml.find("<onset>"));
    BOOST_TEST(xml.find("<contact>") < xml.find("<parameter>"));
    BOOST_TEST(xml.find("</parameter>") < xml.find("<area>"));
}

BOOST_AUTO_TEST_CASE(area_alert_two_polygons_one_open) {
    CapAlert a = base_alert();
    a.identifier = "floodtwin-yuzhong-flooded-1";
    a.severity = twin::cap_severity(WarningLevel::orange);
    a.urgency = twin::cap_urgency(0.0);
    a.certainty = "Observed";
    a.headline = "Flooded streets in Yuzhong";
    CapArea area;
    area.description = "Yuzhong riverside, flooded";
    area.polygons.push_back({{106.56, 29.55}, {106.58, 29.55}, {106.58, 29.57}, {106.56, 29.55}});  // closed
    area.polygons.push_back({{106.50, 29.50}, {106.52, 29.50}, {106.52, 29.52}, {106.50, 29.52}});  // open
    a.areas.push_back(area);
    const std::string xml = twin::cap_alert_xml(a);
    const testing::TempDir dir("cap");
    BOOST_TEST(xmllint(dir.write("area.xml", xml)) == 0);

    BOOST_TEST(count(xml, "<polygon>") == 2u);
    BOOST_TEST(xml.find("<polygon>29.550000,106.560000 29.550000,106.580000 29.570000,106.580000 "
                        "29.550000,106.560000</polygon>") != std::string::npos);
    // The open ring closed: its first point repeated at the end, five pairs.
    BOOST_TEST(xml.find("<polygon>29.500000,106.500000 29.500000,106.520000 29.520000,106.520000 "
                        "29.520000,106.500000 29.500000,106.500000</polygon>") != std::string::npos);
    BOOST_TEST(xml.find("<urgency>Immediate</urgency>") != std::string::npos);
    BOOST_TEST(xml.find("<severity>Severe</severity>") != std::string::npos);
    BOOST_TEST(xml.find("<circle>") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(severity_and_urgency_mappings) {
    BOOST_TEST(twin::cap_severity(WarningLevel::red) == "Extreme");
    BOOST_TEST(twin::cap_severity(WarningLevel::orange) == "Severe");
    BOOST_TEST(twin::cap_severity(WarningLevel::yellow) == "Moderate");
    BOOST_TEST(twin::cap_severity(WarningLevel::blue) == "Minor");
    BOOST_TEST(twin::cap_severity(WarningLevel::none) == "Unknown");

    BOOST_TEST(twin::cap_urgency(-3600.0) == "Immediate");
    BOOST_TEST(twin::cap_urgency(0.0) == "Immediate");
    BOOST_TEST(twin::cap_urgency(1.0) == "Expected");
    BOOST_TEST(twin::cap_urgency(86'399.0) == "Expected");
    BOOST_TEST(twin::cap_urgency(86'400.0) == "Future");
    BOOST_TEST(twin::cap_urgency(3 * 86'400.0) == "Future");
    BOOST_CHECK_THROW((void)twin::cap_urgency(std::nan("")), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(cap_time_form) {
    // 2020-08-18T00:00:00Z.
    const double t = 1'597'708'800.0;
    BOOST_TEST(twin::cap_time(t, 480) == "2020-08-18T08:00:00+08:00");
    BOOST_TEST(twin::cap_time(t, 0) == "2020-08-18T00:00:00-00:00");
    BOOST_TEST(twin::cap_time(t, -300) == "2020-08-17T19:00:00-05:00");
    // No fractional seconds: rounded to the whole second.
    BOOST_TEST(twin::cap_time(t + 0.4, 480) == "2020-08-18T08:00:00+08:00");
    BOOST_TEST(twin::cap_time(t + 59.6, 480) == "2020-08-18T08:01:00+08:00");
    // What cap_time writes, the writer takes.
    CapAlert a = base_alert();
    a.sent = twin::cap_time(t, 0);
    a.onset = twin::cap_time(t + 3600.0, 480);
    const testing::TempDir dir("cap");
    BOOST_TEST(xmllint(dir.write("utc.xml", twin::cap_alert_xml(a))) == 0);
}

BOOST_AUTO_TEST_CASE(refusals_name_the_field) {
    {
        CapAlert a = base_alert();
        a.event.clear();
        BOOST_TEST(refusal([&] { (void)twin::cap_alert_xml(a); }).find("event") != std::string::npos);
    }
    {
        CapAlert a = base_alert();
        a.sent = "2020-08-18T00:00:00Z";
        const std::string m = refusal([&] { (void)twin::cap_alert_xml(a); });
        BOOST_TEST(m.find("sent") != std::string::npos);
        BOOST_TEST(m.find("no Z") != std::string::npos);
    }
    {
        CapAlert a = base_alert();
        a.expires = "2020-08-18T08:00:00.5+08:00";
        BOOST_TEST(refusal([&] { (void)twin::cap_alert_xml(a); }).find("expires") != std::string::npos);
    }
    {
        CapAlert a = base_alert();
        a.onset = "2020-13-18T08:00:00+08:00";  // the form, but no 13th month
        BOOST_TEST(refusal([&] { (void)twin::cap_alert_xml(a); }).find("onset") != std::string::npos);
    }
    {
        CapAlert a = base_alert();
        a.areas.push_back(CapArea{"two points", {{{106.5, 29.5}, {106.6, 29.6}}}, std::nullopt});
        const std::string m = refusal([&] { (void)twin::cap_alert_xml(a); });
        BOOST_TEST(m.find("area[0].polygon[0]") != std::string::npos);
        BOOST_TEST(m.find("2 distinct points") != std::string::npos);
    }
    {
        CapAlert a = base_alert();
        a.identifier = "cuntan red";
        BOOST_TEST(refusal([&] { (void)twin::cap_alert_xml(a); }).find("identifier") != std::string::npos);
        a = base_alert();
        a.sender = "a,b";
        BOOST_TEST(refusal([&] { (void)twin::cap_alert_xml(a); }).find("sender") != std::string::npos);
        a = base_alert();
        a.sender = "a&b";
        BOOST_TEST(refusal([&] { (void)twin::cap_alert_xml(a); }).find("sender") != std::string::npos);
    }
    {
        CapAlert a = base_alert();
        a.severity = "Red";
        BOOST_TEST(refusal([&] { (void)twin::cap_alert_xml(a); }).find("severity") != std::string::npos);
        a = base_alert();
        a.certainty.clear();
        BOOST_TEST(refusal([&] { (void)twin::cap_alert_xml(a); }).find("certainty") != std::string::npos);
        a = base_alert();
        a.areas.push_back(CapArea{"", {}, std::array<double, 3>{29.6, 106.6, 1.0}});
        BOOST_TEST(refusal([&] { (void)twin::cap_alert_xml(a); }).find("area[0].areaDesc") != std::string::npos);
        a = base_alert();
        a.areas.push_back(CapArea{"bad lat", {}, std::array<double, 3>{106.6, 29.6, 1.0}});  // lon, lat swapped
        BOOST_TEST(refusal([&] { (void)twin::cap_alert_xml(a); }).find("area[0].circle") != std::string::npos);
    }
}
