#pragma once
// The case-file reference, docs/case-file.md, generated from the key registry
// (twin/case/case_keys.hpp) with a complete example.
#include <string>
#include <string_view>

namespace floodtwin::twin {

// A complete example case, shown in the reference and loaded by its test.
[[nodiscard]] std::string_view case_file_example();

// docs/case-file.md, generated from the registry (`floodtwin docs case-file`).
[[nodiscard]] std::string case_file_markdown();

}  // namespace floodtwin::twin
