#pragma once
// One warning as a CAP 1.2 alert: the Common Alerting Protocol, OASIS Standard CAP-V1.2
// (1 July 2010), the XML that public alerting systems (broadcasters, phone alert gateways,
// aggregators) read, so a warning of the twin's reaches them without a converter. The
// schema is kept in docs/standards/cap-1.2/CAP-v1.2.xsd. This file only writes the XML;
// filling a CapAlert from a warning is the caller's job.
#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "twin/warning/warning_level.hpp"

namespace floodtwin::twin {

// One <area>: a description and its shapes. Coordinates are WGS84 degrees.
struct CapArea {
    std::string description;                                   // areaDesc (required)
    std::vector<std::vector<std::array<double, 2>>> polygons;  // rings of [lon, lat]; closed if open
    std::optional<std::array<double, 3>> circle;               // lat, lon, radius km (a station)
};

// One alert with one <info> block. Empty optional strings are left out of the XML.
struct CapAlert {
    std::string identifier, sender, sent;  // sent: CAP dateTime, e.g. 2020-08-18T08:00:00+08:00
    std::string status = "Actual", msg_type = "Alert", scope = "Public";
    std::string references;  // for Update and Cancel: "sender,identifier,sent" of earlier alerts
    std::string language = "en-US", category = "Met", event, urgency, severity, certainty;
    std::string onset, expires, sender_name, headline, description, instruction, web, contact;
    std::vector<std::pair<std::string, std::string>> event_codes, parameters;  // valueName, value
    std::vector<CapArea> areas;
};

// The alert as a CAP 1.2 document (XML declaration, root in the CAP namespace, elements
// in the schema's order). Throws std::invalid_argument naming the bad field: a required
// field empty, a value outside CAP's lists, a time not in CAP's dateTime form, an
// identifier or sender with a space, comma, '<' or '&', a ring of fewer than 3 points.
[[nodiscard]] std::string cap_alert_xml(const CapAlert& alert);

// red Extreme, orange Severe, yellow Moderate, blue Minor, none Unknown.
[[nodiscard]] std::string cap_severity(WarningLevel level);

// Lead time to the expected onset: <= 0 Immediate, under 24 h Expected, else Future.
// Throws std::invalid_argument for NaN.
[[nodiscard]] std::string cap_urgency(double lead_s);

// CAP's dateTime: "2020-08-18T08:00:00+08:00", rounded to the whole second (CAP allows no
// fractional seconds) and "-00:00" for UTC (CAP forbids "Z"). Throws std::invalid_argument
// for an offset of a day or more.
[[nodiscard]] std::string cap_time(double epoch_s, int utc_offset_min);

}  // namespace floodtwin::twin
