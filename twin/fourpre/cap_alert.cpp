// CAP 1.2 alerts written by hand: the format is small and fixed, and an XML library would
// add a dependency for nothing the schema needs. Rules cited are those of OASIS CAP 1.2
// (2010), section 3.2 (element order, value lists) and 3.3.2 (dateTime).
#include "twin/fourpre/cap_alert.hpp"

#include "grids/xml_text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <regex>
#include <set>
#include <stdexcept>
#include <string_view>

#include "twin/case/time_text.hpp"

namespace floodtwin::twin {
namespace {

[[noreturn]] void refuse(const std::string& field, const std::string& why) {
    throw std::invalid_argument("CAP alert: " + field + ": " + why);
}

// XML 1.0 allows no control characters but tab, newline and carriage return; a reader
// would reject the whole file, so the field is refused here, by name.
std::string escaped(std::string_view text, const std::string& field) {
    for (const char c : text)
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
            refuse(field, "a control character XML does not allow");
    return grids::xml_escaped(text);
}

void require(const std::string& value, const std::string& field) {
    if (value.empty()) refuse(field, "required, and empty");
}

void one_of(const std::string& value, std::initializer_list<std::string_view> allowed, const std::string& field) {
    if (std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return;
    std::string list;
    for (const auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    refuse(field, "\"" + value + "\" is not one of " + list);
}

// Identifiers are joined with commas and spaces in <references>, so CAP keeps those out.
void plain_token(const std::string& value, const std::string& field) {
    require(value, field);
    if (value.find_first_of(" \t\n\r,<&") != std::string::npos)
        refuse(field, "\"" + value + "\" has a space, comma, '<' or '&', which CAP forbids");
}

// The schema's pattern (no 'Z', no fractional seconds), then the calendar's ranges.
void cap_date_time(const std::string& value, const std::string& field) {
    static const std::regex form(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d)");
    if (!std::regex_match(value, form))
        refuse(field, "\"" + value + "\" is not CAP's dateTime, yyyy-mm-ddThh:mm:ss+hh:mm (no Z, no fractions)");
    (void)parse_instant(value, "CAP alert: " + field);  // month 13, 25 o'clock: named the same way
}

// xs:language, as the schema types <language>.
void language_tag(const std::string& value, const std::string& field) {
    static const std::regex form(R"([a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*)");
    if (!std::regex_match(value, form)) refuse(field, "\"" + value + "\" is not a language tag such as en-US");
}

std::string degrees(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6f", std::round(v * 1e6) / 1e6 + 0.0);  // + 0.0: no "-0.000000"
    return buf;
}

// "lat,lon": CAP puts latitude first, the reverse of GeoJSON's [lon, lat].
std::string point(double lat, double lon, const std::string& field) {
    if (!std::isfinite(lat) || lat < -90.0 || lat > 90.0) refuse(field, "latitude " + std::to_string(lat) + " out of [-90, 90]");
    if (!std::isfinite(lon) || lon < -180.0 || lon > 180.0)
        refuse(field, "longitude " + std::to_string(lon) + " out of [-180, 180]");
    return degrees(lat) + "," + degrees(lon);
}

// CAP wants a closed ring of at least four pairs, first equal to last; an open ring is
// closed here. Points are compared as written, at six decimals, as a reader sees them.
std::string polygon(const std::vector<std::array<double, 2>>& ring, const std::string& field) {
    std::vector<std::string> pairs;
    for (const auto& p : ring) pairs.push_back(point(p[1], p[0], field));
    if (!pairs.empty() && pairs.front() != pairs.back()) pairs.push_back(pairs.front());
    const std::set<std::string> distinct(pairs.begin(), pairs.end());
    if (distinct.size() < 3) refuse(field, std::to_string(distinct.size()) + " distinct points; a ring needs 3 at least");
    std::string out;
    for (const auto& s : pairs) out += (out.empty() ? "" : " ") + s;
    return out;
}

std::string circle(const std::array<double, 3>& c, const std::string& field) {
    if (!std::isfinite(c[2]) || c[2] < 0.0) refuse(field, "radius " + std::to_string(c[2]) + " km is not >= 0");
    char radius[32];
    std::snprintf(radius, sizeof radius, "%.3f", c[2]);
    return point(c[0], c[1], field) + " " + radius;
}

class Writer {
public:
    void element(int depth, const char* name, const std::string& text, const std::string& field) {
        m_xml.append(2 * static_cast<std::size_t>(depth), ' ');
        m_xml += std::string("<") + name + ">" + escaped(text, field) + "</" + name + ">\n";
    }
    void optional(int depth, const char* name, const std::string& text, const std::string& field) {
        if (!text.empty()) element(depth, name, text, field);
    }
    void open(int depth, const char* name) { line(depth, std::string("<") + name + ">"); }
    void close(int depth, const char* name) { line(depth, std::string("</") + name + ">"); }
    void line(int depth, const std::string& text) {
        m_xml.append(2 * static_cast<std::size_t>(depth), ' ');
        m_xml += text + "\n";
    }
    // eventCode, parameter: a valueName and a value each.
    void pairs(int depth, const char* name, const std::vector<std::pair<std::string, std::string>>& items,
               const std::string& field) {
        for (std::size_t i = 0; i < items.size(); ++i) {
            const std::string f = field + "[" + std::to_string(i) + "]";
            require(items[i].first, f + ".valueName");
            open(depth, name);
            element(depth + 1, "valueName", items[i].first, f + ".valueName");
            element(depth + 1, "value", items[i].second, f + ".value");
            close(depth, name);
        }
    }
    [[nodiscard]] std::string text() && { return std::move(m_xml); }

private:
    std::string m_xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
};

}  // namespace

std::string cap_alert_xml(const CapAlert& a) {
    // Every check first, so a refused alert never leaves half a document behind.
    plain_token(a.identifier, "identifier");
    plain_token(a.sender, "sender");
    require(a.sent, "sent");
    cap_date_time(a.sent, "sent");
    one_of(a.status, {"Actual", "Exercise", "System", "Test", "Draft"}, "status");
    one_of(a.msg_type, {"Alert", "Update", "Cancel", "Ack", "Error"}, "msgType");
    one_of(a.scope, {"Public", "Restricted", "Private"}, "scope");
    if (!a.language.empty()) language_tag(a.language, "language");
    one_of(a.category,
           {"Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra", "CBRNE",
            "Other"},
           "category");
    require(a.event, "event");
    require(a.urgency, "urgency");
    one_of(a.urgency, {"Immediate", "Expected", "Future", "Past", "Unknown"}, "urgency");
    require(a.severity, "severity");
    one_of(a.severity, {"Extreme", "Severe", "Moderate", "Minor", "Unknown"}, "severity");
    require(a.certainty, "certainty");
    one_of(a.certainty, {"Observed", "Likely", "Possible", "Unlikely", "Unknown"}, "certainty");
    if (!a.onset.empty()) cap_date_time(a.onset, "onset");
    if (!a.expires.empty()) cap_date_time(a.expires, "expires");

    Writer w;
    w.line(0, "<alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">");
    w.element(1, "identifier", a.identifier, "identifier");
    w.element(1, "sender", a.sender, "sender");
    w.element(1, "sent", a.sent, "sent");
    w.element(1, "status", a.status, "status");
    w.element(1, "msgType", a.msg_type, "msgType");
    w.element(1, "scope", a.scope, "scope");
    w.optional(1, "references", a.references, "references");
    w.open(1, "info");
    w.optional(2, "language", a.language, "language");
    w.element(2, "category", a.category, "category");
    w.element(2, "event", a.event, "event");
    w.element(2, "urgency", a.urgency, "urgency");
    w.element(2, "severity", a.severity, "severity");
    w.element(2, "certainty", a.certainty, "certainty");
    w.pairs(2, "eventCode", a.event_codes, "eventCode");
    w.optional(2, "onset", a.onset, "onset");
    w.optional(2, "expires", a.expires, "expires");
    w.optional(2, "senderName", a.sender_name, "senderName");
    w.optional(2, "headline", a.headline, "headline");
    w.optional(2, "description", a.description, "description");
    w.optional(2, "instruction", a.instruction, "instruction");
    w.optional(2, "web", a.web, "web");
    w.optional(2, "contact", a.contact, "contact");
    w.pairs(2, "parameter", a.parameters, "parameter");
    for (std::size_t i = 0; i < a.areas.size(); ++i) {
        const CapArea& area = a.areas[i];
        const std::string f = "area[" + std::to_string(i) + "]";
        require(area.description, f + ".areaDesc");
        w.open(2, "area");
        w.element(3, "areaDesc", area.description, f + ".areaDesc");
        for (std::size_t k = 0; k < area.polygons.size(); ++k) {
            const std::string pf = f + ".polygon[" + std::to_string(k) + "]";
            w.element(3, "polygon", polygon(area.polygons[k], pf), pf);
        }
        if (area.circle) w.element(3, "circle", circle(*area.circle, f + ".circle"), f + ".circle");
        w.close(2, "area");
    }
    w.close(1, "info");
    w.line(0, "</alert>");
    return std::move(w).text();
}

std::string cap_severity(WarningLevel level) {
    switch (level) {
    case WarningLevel::red: return "Extreme";
    case WarningLevel::orange: return "Severe";
    case WarningLevel::yellow: return "Moderate";
    case WarningLevel::blue: return "Minor";
    case WarningLevel::none: break;
    }
    return "Unknown";
}

std::string cap_urgency(double lead_s) {
    if (std::isnan(lead_s)) throw std::invalid_argument("CAP urgency: lead time is NaN");
    if (lead_s <= 0.0) return "Immediate";
    return lead_s < 86'400.0 ? "Expected" : "Future";
}

std::string cap_time(double epoch_s, int utc_offset_min) {
    if (!std::isfinite(epoch_s)) throw std::invalid_argument("CAP time: the instant is not finite");
    if (std::abs(utc_offset_min) >= 24 * 60)
        throw std::invalid_argument("CAP time: UTC offset " + std::to_string(utc_offset_min) + " min is a day or more");
    // Whole seconds first, so format_instant writes no milliseconds.
    std::string text = format_instant(std::round(epoch_s), utc_offset_min);
    if (!text.empty() && text.back() == 'Z') text.replace(text.size() - 1, 1, "-00:00");
    return text;
}

}  // namespace floodtwin::twin
