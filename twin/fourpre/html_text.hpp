#pragma once
// Text made safe for an HTML or SVG page, and bytes made into a data URI. Shared by the
// report page and its charts, so that every piece of text on the page goes through one
// escape and the page needs no file beside it.
#include <filesystem>
#include <string>
#include <string_view>

namespace floodtwin::twin {

// &, <, >, " and ' as entities: safe in element text and in quoted attributes.
std::string html_escape(std::string_view text);

// RFC 4648 base64 with padding, no line breaks.
std::string base64(std::string_view bytes);

// The PNG file as "data:image/png;base64,...". Throws std::runtime_error naming the file
// when it is missing, unreadable or not a PNG.
std::string png_data_uri(const std::filesystem::path& png);

}  // namespace floodtwin::twin
