#pragma once
// One exception type for bad geodata, so callers (the twin's case loader) can tell a
// bad DEM from a bug; the message always names the file or source concerned.
#include <stdexcept>
#include <string>

namespace floodtwin::grids {

class RasterError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace floodtwin::grids
