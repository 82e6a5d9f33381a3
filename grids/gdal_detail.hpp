#pragma once
// Plumbing shared by the two files that talk to GDAL (gdal_raster.cpp and
// geotiff_writer.cpp). Not for use outside grids/; it names no GDAL type either.
#include <string>

namespace floodtwin::grids::detail {

// Registers GDAL's drivers once per process, whichever entry point runs first.
void ensure_gdal_registered();

// While alive, GDAL errors are recorded instead of printed to stderr, so we can put
// them into our own exception messages. GDAL's handler stack is per thread.
class QuietGdalErrors {
public:
    QuietGdalErrors();
    ~QuietGdalErrors();
    QuietGdalErrors(const QuietGdalErrors&) = delete;
    QuietGdalErrors& operator=(const QuietGdalErrors&) = delete;

    // The last error GDAL reported on this thread, or "" if none.
    [[nodiscard]] static std::string last_message();
};

// `message`, followed by GDAL's own explanation when it gave one.
[[nodiscard]] std::string with_gdal_reason(std::string message);

}  // namespace floodtwin::grids::detail
