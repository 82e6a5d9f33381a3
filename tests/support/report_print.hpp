#pragma once
// A report page as the office prints it: headless Chromium (Debian's `chromium`) shoots
// it to PNG and prints it to an A4 PDF, pdftotext (poppler-utils) gives each page's
// text. For the report tests (tests/twin/regression_report_print.cpp, the four pre-
// workflow's tests/app/regression_fourpre.cpp). Both tools are required: missing, the
// test fails and says so.
#include <array>
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

namespace floodtwin::testing {

// A command's standard output; the test stops if it exits non-zero.
inline std::string run_command(const std::string& command) {
    std::string out;
    FILE* pipe = ::popen(command.c_str(), "r");
    BOOST_REQUIRE_MESSAGE(pipe, "could not start: " << command);
    std::array<char, 4096> buf{};
    while (const std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
    const int status = ::pclose(pipe);
    BOOST_REQUIRE_MESSAGE(status == 0, "failed (status " << status << "): " << command);
    return out;
}

inline bool on_path(const std::string& tool) {
    return std::system(("command -v " + tool + " > /dev/null 2>&1").c_str()) == 0;
}

// pdftotext -layout spaces words into columns and may break lines: compare without white space.
inline std::string squeeze(const std::string& text) {
    std::string out;
    for (const char c : text)
        if (!std::isspace(static_cast<unsigned char>(c))) out += c;
    return out;
}
inline bool has_text(const std::string& page, const std::string& needle) {
    return squeeze(page).find(squeeze(needle)) != std::string::npos;
}

struct PrintedReport {
    std::filesystem::path png, pdf;
    std::vector<std::string> pages;  // pages[0] is page 1
    std::string all;
    std::string info;                // pdfinfo's

    [[nodiscard]] std::vector<int> pages_with(const std::string& needle) const {
        std::vector<int> found;
        for (std::size_t p = 0; p < pages.size(); ++p)
            if (has_text(pages[p], needle)) found.push_back(static_cast<int>(p + 1));
        return found;
    }
};

// Shoots `html` to <dir>/page.png (A4 proportions) and prints it to <dir>/report.pdf.
inline PrintedReport print_report(const std::filesystem::path& html, const std::filesystem::path& dir) {
    for (const std::string tool : {"chromium", "pdftotext", "pdfinfo"})
        BOOST_REQUIRE_MESSAGE(on_path(tool), tool << " is not installed: it is required for this test "
                                                     "(scripts/install-deps.sh installs chromium and poppler-utils)");
    PrintedReport r{dir / "page.png", dir / "report.pdf", {}, {}, {}};
    const std::string chrome =
        "timeout 180 chromium --headless=new --no-sandbox --disable-gpu --no-first-run --no-pdf-header-footer ";
    const std::string url = "file://" + std::filesystem::absolute(html).string();
    const std::string log = (dir / "chromium.log").string();
    run_command(chrome + "--screenshot=" + r.png.string() + " --window-size=1240,1754 " + url + " > " + log + " 2>&1");
    run_command(chrome + "--print-to-pdf=" + r.pdf.string() + " " + url + " >> " + log + " 2>&1");
    BOOST_REQUIRE_MESSAGE(std::filesystem::exists(r.png), "chromium wrote no screenshot; see " << log);
    BOOST_REQUIRE_MESSAGE(std::filesystem::exists(r.pdf), "chromium wrote no PDF; see " << log);
    r.info = run_command("pdfinfo " + r.pdf.string());
    const auto at = r.info.find("Pages:");
    BOOST_REQUIRE(at != std::string::npos);
    const int n = std::stoi(r.info.substr(at + 6));
    for (int p = 1; p <= n; ++p) {
        r.pages.push_back(run_command("pdftotext -layout -f " + std::to_string(p) + " -l " + std::to_string(p) + " " +
                                      r.pdf.string() + " -"));
        r.all += r.pages.back();
    }
    return r;
}

}  // namespace floodtwin::testing
