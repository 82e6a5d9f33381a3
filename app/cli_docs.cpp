// `floodtwin docs`: reference documentation generated from the code.
#include <cstdio>

#include "app/commands.hpp"
#include "twin/case/case_keys.hpp"

namespace floodtwin::app {

void add_docs_commands(CLI::App& app, Commands& out) {
    auto* docs = app.add_subcommand("docs", "print reference documentation");
    docs->require_subcommand(1);
    auto* case_file = docs->add_subcommand("case-file", "every case-file key, as in docs/case-file.md");
    out.push_back({case_file, [] { std::fputs(twin::case_file_markdown().c_str(), stdout); }});
}

}  // namespace floodtwin::app
