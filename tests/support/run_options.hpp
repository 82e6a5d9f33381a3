#pragma once
// The options of a quiet `floodtwin run` of one case file into `out`, as the whole-run
// tests start them.
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "twin/run/run.hpp"

namespace floodtwin::testing {

inline twin::RunOptions quiet_run(const std::filesystem::path& case_file, const std::filesystem::path& out,
                                  std::vector<std::string> overrides = {}) {
    twin::RunOptions o;
    o.case_file = case_file;
    o.out_dir = out;
    o.quiet = true;
    o.overrides = std::move(overrides);
    return o;
}

}  // namespace floodtwin::testing
