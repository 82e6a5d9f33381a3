#pragma once
// The one message of the 1D numerics for a parameter out of its range:
// "<what>: <field> must be <rule>, got <value>", thrown as std::invalid_argument.
#include <sstream>
#include <stdexcept>
#include <string_view>

namespace floodtwin::hydro {

[[noreturn]] inline void refuse(std::string_view what, const char* field, const char* rule, double value) {
    std::ostringstream msg;
    msg << what << ": " << field << " must be " << rule << ", got " << value;
    throw std::invalid_argument(msg.str());
}

}  // namespace floodtwin::hydro
