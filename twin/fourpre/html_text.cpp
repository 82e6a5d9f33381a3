// HTML escaping, base64 and PNG data URIs for the report page (see html_text.hpp).
#include "twin/fourpre/html_text.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace floodtwin::twin {

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string base64(std::string_view bytes) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    // Three bytes at a time into four 6-bit digits; the last group padded with '='.
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t n = std::min<std::size_t>(3, bytes.size() - i);
        std::uint32_t group = 0;
        for (std::size_t k = 0; k < 3; ++k)
            group = (group << 8) | (k < n ? static_cast<unsigned char>(bytes[i + k]) : 0u);
        for (std::size_t k = 0; k < 4; ++k) out += k <= n ? alphabet[(group >> (18 - 6 * k)) & 0x3f] : '=';
    }
    return out;
}

std::string png_data_uri(const std::filesystem::path& png) {
    std::ifstream in(png, std::ios::binary);
    if (!in) throw std::runtime_error("report image not found or unreadable: " + png.string());
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    static constexpr std::string_view signature = "\x89PNG\r\n\x1a\n";
    if (bytes.compare(0, signature.size(), signature) != 0)
        throw std::runtime_error("report image is not a PNG file: " + png.string());
    return "data:image/png;base64," + base64(bytes);
}

}  // namespace floodtwin::twin
