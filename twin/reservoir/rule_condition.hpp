#pragma once
// The `if` of a release rule: a small boolean language over the reservoir's state, the
// date and the network's nodes, parsed once when the rule is built.
//
//   condition  := or_expr                        (empty text: always true)
//   or_expr    := and_expr { "or" and_expr }     ("and" binds tighter than "or")
//   and_expr   := not_expr { "and" not_expr }
//   not_expr   := "not" not_expr | "(" or_expr ")" | comparison
//   comparison := quantity op value
//   quantity   := level | inflow | release | storage | date | flow(NODE) | stage(NODE)
//   op         := < | <= | > | >= | == | !=
//   value      := a number in SI units (level, stage: m; inflow, release, flow: m3/s;
//                 storage: m3) or, for date, MM-DD
//
// `release` is the release at the start of the step; `date` is the LOCAL calendar date
// (epoch + UTC offset) compared as month then day, so "date >= 06-10 and date <= 09-30"
// is the flood season; a span over New Year needs "or". NODE is the network node's
// name as written, any text without parentheses (spaces round it are dropped).
// Keywords and quantities are lower case.
#include <string>
#include <string_view>
#include <vector>

#include "twin/case/case.hpp"

namespace floodtwin::twin {

struct RuleInputs;  // twin/reservoir/release_rules.hpp

// The local calendar date of an instant (epoch + UTC offset).
struct MonthDay {
    int month = 1, day = 1;
};
MonthDay local_month_day(const Instant& t);

class RuleCondition {
public:
    RuleCondition() = default;  // always true
    // `what` starts error messages: "rule 'tg-chenglingji': if" gives
    // "rule 'tg-chenglingji': if: column 14: expected a number after '>='" (columns
    // count bytes from 1). Throws std::invalid_argument.
    RuleCondition(std::string_view text, std::string what);

    // Throws std::runtime_error when a node's flow or stage is asked for and the
    // inputs have none (check names up front with nodes_referenced()).
    [[nodiscard]] bool holds(const RuleInputs& in) const;

    [[nodiscard]] bool always() const { return m_root < 0; }
    [[nodiscard]] const std::string& text() const { return m_text; }
    // Node names in flow(...) and stage(...), each once, in order of appearance.
    [[nodiscard]] std::vector<std::string> nodes_referenced() const;

private:
    enum class Quantity { level, inflow, release, storage, date, flow, stage };
    enum class Op { less, less_equal, greater, greater_equal, equal, not_equal };
    struct Term {
        enum class Kind { compare, all_of, any_of, negate } kind = Kind::compare;
        Quantity quantity = Quantity::level;
        std::string node;    // flow, stage
        Op op = Op::less;
        double value = 0.0;  // date: month * 100 + day
        int left = -1, right = -1;  // operand terms (negate: left only)
    };

    class Parser;  // twin/reservoir/rule_condition.cpp

    [[nodiscard]] bool holds(int term, const RuleInputs& in) const;

    std::string m_text;
    std::string m_what;
    std::vector<Term> m_terms;
    int m_root = -1;
};

}  // namespace floodtwin::twin
