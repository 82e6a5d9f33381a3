#include "twin/reservoir/rule_condition.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <utility>

#include "twin/reservoir/release_rules.hpp"

namespace floodtwin::twin {

MonthDay local_month_day(const Instant& t) {
    using namespace std::chrono;
    const double local_s = t.epoch_s + 60.0 * t.utc_offset_min;
    const auto day_number = static_cast<long long>(std::floor(local_s / 86400.0));
    const year_month_day date{sys_days{days{day_number}}};
    return {static_cast<int>(static_cast<unsigned>(date.month())), static_cast<int>(static_cast<unsigned>(date.day()))};
}

namespace {

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

constexpr const char* quantity_list = "level, inflow, release, storage, date, flow(NODE) or stage(NODE)";

}  // namespace

// Recursive descent over the grammar in the header; terms are appended to `terms`,
// comparisons in the order they appear.
class RuleCondition::Parser {
public:
    Parser(std::string_view text, const std::string& what, std::vector<Term>& terms)
        : m_text(text), m_what(what), m_terms(terms) {}

    int parse() {
        skip_space();
        if (at_end()) return -1;
        const int root = or_expr();
        skip_space();
        if (!at_end()) {
            if (peek() == ')') fail(m_pos, "')' without a matching '('");
            fail(m_pos, "expected 'and', 'or' or the end of the condition");
        }
        return root;
    }

private:
    [[noreturn]] void fail(std::size_t pos, const std::string& message) const {
        throw std::invalid_argument(m_what + ": column " + std::to_string(pos + 1) + ": " + message);
    }
    bool at_end() const { return m_pos >= m_text.size(); }
    char peek() const { return at_end() ? '\0' : m_text[m_pos]; }
    void skip_space() {
        while (!at_end() && std::isspace(static_cast<unsigned char>(peek()))) ++m_pos;
    }
    // A whole word here (not the start of a longer one)?
    bool accept_word(std::string_view word) {
        skip_space();
        if (m_text.substr(m_pos, word.size()) != word) return false;
        const std::size_t end = m_pos + word.size();
        if (end < m_text.size() && is_word_char(m_text[end])) return false;
        m_pos = end;
        return true;
    }
    int add(Term term) {
        m_terms.push_back(std::move(term));
        return static_cast<int>(m_terms.size()) - 1;
    }
    int join(Term::Kind kind, int left, int right) {
        Term t;
        t.kind = kind;
        t.left = left;
        t.right = right;
        return add(std::move(t));
    }

    int or_expr() {
        int left = and_expr();
        while (accept_word("or")) left = join(Term::Kind::any_of, left, and_expr());
        return left;
    }
    int and_expr() {
        int left = not_expr();
        while (accept_word("and")) left = join(Term::Kind::all_of, left, not_expr());
        return left;
    }
    int not_expr() {
        if (accept_word("not")) return join(Term::Kind::negate, not_expr(), -1);
        skip_space();
        if (peek() == '(') {
            const std::size_t open = m_pos++;
            const int inner = or_expr();
            skip_space();
            if (peek() != ')') {
                if (at_end()) fail(m_pos, "expected ')' to close the '(' at column " + std::to_string(open + 1));
                fail(m_pos, "expected 'and', 'or' or ')'");
            }
            ++m_pos;
            return inner;
        }
        return comparison();
    }

    int comparison() {
        skip_space();
        const std::size_t start = m_pos;
        while (!at_end() && is_word_char(peek())) ++m_pos;
        const std::string_view word = m_text.substr(start, m_pos - start);
        if (word.empty()) fail(start, std::string("expected a quantity: ") + quantity_list);
        Term t;
        if (word == "level") t.quantity = Quantity::level;
        else if (word == "inflow") t.quantity = Quantity::inflow;
        else if (word == "release") t.quantity = Quantity::release;
        else if (word == "storage") t.quantity = Quantity::storage;
        else if (word == "date") t.quantity = Quantity::date;
        else if (word == "flow") t.quantity = Quantity::flow;
        else if (word == "stage") t.quantity = Quantity::stage;
        else fail(start, "unknown quantity '" + std::string(word) + "' (expected " + quantity_list + ")");
        std::string shown(word);
        if (t.quantity == Quantity::flow || t.quantity == Quantity::stage) {
            t.node = node_name(shown);
            shown += "(" + t.node + ")";
        }
        t.op = comparison_op(shown);
        const std::string op_text(m_text.substr(m_last_op, m_pos - m_last_op));
        t.value = t.quantity == Quantity::date ? month_day(op_text) : number(op_text);
        return add(std::move(t));
    }

    std::string node_name(const std::string& quantity) {
        skip_space();
        if (peek() != '(') fail(m_pos, "expected '(' and a node name after '" + quantity + "'");
        const std::size_t open = m_pos++;
        const std::size_t close = m_text.find_first_of("()", m_pos);
        if (close == std::string_view::npos || m_text[close] == '(')
            fail(open, "no ')' closes '" + quantity + "('");
        const std::string_view name = trimmed(m_text.substr(m_pos, close - m_pos));
        if (name.empty()) fail(m_pos, "expected a node name in " + quantity + "()");
        m_pos = close + 1;
        return std::string(name);
    }

    Op comparison_op(const std::string& quantity) {
        skip_space();
        m_last_op = m_pos;
        const std::string_view rest = m_text.substr(m_pos);
        auto starts = [&](std::string_view op) { return rest.substr(0, op.size()) == op; };
        Op op;
        if (starts("<=")) op = Op::less_equal;
        else if (starts(">=")) op = Op::greater_equal;
        else if (starts("==")) op = Op::equal;
        else if (starts("!=")) op = Op::not_equal;
        else if (starts("<")) op = Op::less;
        else if (starts(">")) op = Op::greater;
        else fail(m_pos, "expected a comparison (<, <=, >, >=, == or !=) after '" + quantity + "'");
        m_pos += (op == Op::less || op == Op::greater) ? 1 : 2;
        return op;
    }

    // After a value: a space, ')' or the end.
    void expect_value_end(const std::string& kind) {
        if (!at_end() && !std::isspace(static_cast<unsigned char>(peek())) && peek() != ')')
            fail(m_pos, "unexpected '" + std::string(1, peek()) + "' after the " + kind +
                            " (values are in SI units, written without a unit)");
    }

    double number(const std::string& op) {
        skip_space();
        const std::size_t start = m_pos;
        std::size_t digits = m_pos;
        if (peek() == '+' || peek() == '-') ++digits;
        double value = 0.0;
        const char* first = m_text.data() + digits;
        const char* last = m_text.data() + m_text.size();
        // from_chars takes no '+' and reads no "inf"/"nan" that we want: digits or '.' first.
        if (first == last || !(std::isdigit(static_cast<unsigned char>(*first)) || *first == '.'))
            fail(start, "expected a number after '" + op + "'");
        const auto [end, error] = std::from_chars(first, last, value);
        if (error != std::errc() || !std::isfinite(value)) fail(start, "expected a number after '" + op + "'");
        if (m_text[start] == '-') value = -value;
        m_pos = static_cast<std::size_t>(end - m_text.data());
        expect_value_end("number");
        return value;
    }

    double month_day(const std::string& op) {
        skip_space();
        const std::size_t start = m_pos;
        auto digit = [&](std::size_t k) {
            return m_pos + k < m_text.size() && std::isdigit(static_cast<unsigned char>(m_text[m_pos + k]));
        };
        if (!(digit(0) && digit(1) && m_pos + 2 < m_text.size() && m_text[m_pos + 2] == '-' && digit(3) && digit(4)))
            fail(start, "expected a date MM-DD after '" + op + "'");
        const int month = (m_text[m_pos] - '0') * 10 + (m_text[m_pos + 1] - '0');
        const int day = (m_text[m_pos + 3] - '0') * 10 + (m_text[m_pos + 4] - '0');
        static constexpr int days_in[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        if (month < 1 || month > 12 || day < 1 || day > days_in[month - 1])
            fail(start, "no such date " + std::string(m_text.substr(m_pos, 5)) + " (MM-DD)");
        m_pos += 5;
        expect_value_end("date");
        return month * 100.0 + day;
    }

    std::string_view m_text;
    const std::string& m_what;
    std::vector<Term>& m_terms;
    std::size_t m_pos = 0;
    std::size_t m_last_op = 0;
};

RuleCondition::RuleCondition(std::string_view text, std::string what)
    : m_text(trimmed(text)), m_what(std::move(what)) {
    m_root = Parser(m_text, m_what, m_terms).parse();
}

bool RuleCondition::holds(const RuleInputs& in) const { return m_root < 0 || holds(m_root, in); }

bool RuleCondition::holds(int index, const RuleInputs& in) const {
    const Term& t = m_terms[static_cast<std::size_t>(index)];
    switch (t.kind) {
        case Term::Kind::all_of: return holds(t.left, in) && holds(t.right, in);
        case Term::Kind::any_of: return holds(t.left, in) || holds(t.right, in);
        case Term::Kind::negate: return !holds(t.left, in);
        case Term::Kind::compare: break;
    }
    auto node_value = [&](const auto& lookup, const char* quantity) {
        std::optional<double> v;
        if (lookup) v = lookup(t.node);
        if (!v) throw std::runtime_error(m_what + ": no " + quantity + " known at node '" + t.node + "'");
        return *v;
    };
    double x = 0.0;
    switch (t.quantity) {
        case Quantity::level: x = in.level_m; break;
        case Quantity::inflow: x = in.inflow_m3_s; break;
        case Quantity::release: x = in.release_prev_m3_s; break;
        case Quantity::storage: x = in.storage_m3; break;
        case Quantity::date: {
            const MonthDay d = local_month_day(in.time);
            x = d.month * 100.0 + d.day;
            break;
        }
        case Quantity::flow: x = node_value(in.node_flow, "flow"); break;
        case Quantity::stage: x = node_value(in.node_stage, "stage"); break;
    }
    switch (t.op) {
        case Op::less: return x < t.value;
        case Op::less_equal: return x <= t.value;
        case Op::greater: return x > t.value;
        case Op::greater_equal: return x >= t.value;
        case Op::equal: return x == t.value;
        case Op::not_equal: return x != t.value;
    }
    return false;
}

std::vector<std::string> RuleCondition::nodes_referenced() const {
    std::vector<std::string> nodes;
    for (const Term& t : m_terms)
        if (t.kind == Term::Kind::compare && !t.node.empty() &&
            std::find(nodes.begin(), nodes.end(), t.node) == nodes.end())
            nodes.push_back(t.node);
    return nodes;
}

}  // namespace floodtwin::twin
