#pragma once
// Text as XML writes it in content and attribute values: the five characters that are
// markup replaced by their predefined entities (XML 1.0, 2.4). For the files floodtwin
// writes as XML: ParaView's .pvd (viz/pvd_collection.cpp), CAP 1.2 alerts
// (twin/fourpre/cap_alert.cpp).
#include <string>
#include <string_view>

namespace floodtwin::grids {

[[nodiscard]] inline std::string xml_escaped(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace floodtwin::grids
