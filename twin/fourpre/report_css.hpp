#pragma once
// The report page's style sheet, screen and A4 print, kept apart from the markup.
#include <string>

namespace floodtwin::twin {

std::string report_css();

}  // namespace floodtwin::twin
