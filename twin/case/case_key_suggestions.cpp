#include "twin/case/case_key_suggestions.hpp"

#include <algorithm>
#include <vector>

#include "twin/case/case_keys.hpp"

namespace floodtwin::twin {

namespace {

// How many edits still make a near miss: one for short names, a third of longer ones.
std::size_t threshold(std::string_view name) {
    return name.size() <= 3 ? 1 : std::max<std::size_t>(2, name.size() / 3);
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // Optimal string alignment: "shceme" is one swap from "scheme".
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::vector<std::size_t>> d(n + 1, std::vector<std::size_t>(m + 1, 0));
    for (std::size_t i = 0; i <= n; ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= m; ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= n; ++i)
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[n][m];
}

std::optional<std::string> nearest_case_key(std::string_view table, std::string_view name) {
    std::optional<std::string> best;
    std::size_t best_score = 0;
    auto consider = [&](std::size_t score, std::size_t limit, std::string candidate) {
        if (score <= limit && (!best || score < best_score)) {
            best = std::move(candidate);
            best_score = score;
        }
    };
    if (name.empty()) {
        // A top-level key: a misspelt table, or a key written outside its table.
        for (const CaseTable& t : case_tables())
            consider(edit_distance(table, t.name), threshold(table), std::string(t.name));
        for (const CaseKey& k : case_keys()) consider(1 + edit_distance(table, k.name), threshold(table), k.dotted());
        return best;
    }
    // Same table: the spelling counts; another table costs one more (a key put in the
    // wrong table, or a misspelt table name).
    for (const CaseKey& k : case_keys()) {
        const std::size_t table_cost = k.table == table ? 0 : 1;
        consider(table_cost + edit_distance(name, k.name), threshold(name), k.dotted());
    }
    return best;
}

}  // namespace floodtwin::twin
