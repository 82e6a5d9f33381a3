#include "twin/case/case_file.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>
#include <toml++/toml.h>
#include <variant>

#include "twin/case/series_file.hpp"
#include "twin/case/time_text.hpp"

namespace floodtwin::twin {

namespace {

namespace fs = std::filesystem;
using T = CaseValueType;

// A key's value once checked and converted: what each CaseValueType becomes.
using Table = std::vector<std::vector<double>>;
using TextList = std::vector<std::string>;
using Numbers = std::vector<double>;
using DateLevels = std::vector<DateLevel>;
using Value = std::variant<std::monostate, std::string, double, bool, Instant, fs::path, hydro::TimeSeries,
                           std::array<double, 4>, Table, TextList, Numbers, DateLevels>;

std::string number_text(double v) {
    std::ostringstream o;
    o.precision(12);
    o << v;
    return o.str();
}

std::string trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return std::string(s);
}

std::string type_name(const toml::node& n) {
    switch (n.type()) {
        case toml::node_type::string: return "a string";
        case toml::node_type::integer:
        case toml::node_type::floating_point: return "a number";
        case toml::node_type::boolean: return "a boolean";
        case toml::node_type::array: return n.is_array_of_tables() && !n.as_array()->empty() ? "tables" : "an array";
        case toml::node_type::table: return "a table";
        case toml::node_type::date: return "a date";
        case toml::node_type::time: return "a time of day";
        case toml::node_type::date_time: return "a date-time";
        default: return "nothing";
    }
}

std::string expected_text(const CaseKey& k) {
    switch (k.type) {
        case T::text: return "a string";
        case T::choice: {
            std::string s = "one of ";
            const auto choices = case_key_choices(k);
            for (std::size_t i = 0; i < choices.size(); ++i) s += (i ? ", \"" : "\"") + std::string(choices[i]) + "\"";
            return s;
        }
        case T::number: return "a number";
        case T::boolean: return "true or false";
        case T::instant: return "a date-time with a zone, such as \"2020-08-18T00:00:00+08:00\"";
        case T::duration: return "a duration such as \"72h\", \"5min\", or a number of seconds";
        case T::path: return "a file path (a string)";
        case T::number_or_raster: return "a number or a raster path";
        case T::series: return "a number, [[t, value], ...] or a CSV path";
        case T::series_or_grid: return "a number, [[t, value], ...], a CSV path or a grid path (.tif, .nc)";
        case T::bbox: return "[xmin, ymin, xmax, ymax]";
        case T::line: return "[[x0, y0], [x1, y1]]";
        case T::table: return "rows of " + std::to_string(k.columns) + " numbers, [[a, b], ...]";
        case T::text_list: return "a list of strings";
        case T::numbers: return "a list of numbers";
        case T::date_levels: return "a number or [[\"MM-DD\", level], ...]";
    }
    return "?";
}

bool takes_only_text(const CaseKey& k) { return k.type == T::text || k.type == T::choice || k.type == T::path; }

bool is_grid_path(const fs::path& p) {
    std::string ext = p.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext == ".tif" || ext == ".tiff" || ext == ".nc";
}

// A TOML basic string holding `text` exactly.
std::string toml_quoted(std::string_view text) {
    std::string out = "\"";
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (ch == '"' || ch == '\\') {
            out += '\\';
            out += ch;
        } else if (c < 0x20 || c == 0x7f) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out += ch;
        }
    }
    return out + "\"";
}

// A key as written by people: "hydro.scheme" or "boundary[2].kind".
std::string key_name(std::string_view table, std::optional<std::size_t> index, std::string_view name) {
    std::string s(table);
    if (index) s += "[" + std::to_string(*index) + "]";
    if (!name.empty()) s += "." + std::string(name);
    return s;
}

// One table of the case ([hydro], or the third [[boundary]]) once read.
struct Entry {
    const CaseTable* table = nullptr;
    std::string prefix;                // "hydro", "boundary[2]"
    const toml::table* tbl = nullptr;  // null when the table is absent
    std::map<std::string, Value, std::less<>> values;

    [[nodiscard]] const toml::node* node(std::string_view name) const { return tbl ? tbl->get(name) : nullptr; }
    [[nodiscard]] bool has(std::string_view name) const { return values.count(name) != 0; }
    template <class V>
    [[nodiscard]] std::optional<V> opt(std::string_view name) const {
        const auto it = values.find(name);
        if (it == values.end()) return std::nullopt;
        if (const V* v = std::get_if<V>(&it->second)) return *v;
        return std::nullopt;
    }
    template <class V>
    [[nodiscard]] V get(std::string_view name) const {
        return opt<V>(name).value_or(V{});
    }
};

class Loader {
public:
    explicit Loader(const fs::path& file)
        : m_file(file), m_file_text(file.string()), m_dir(fs::absolute(file).parent_path().lexically_normal()) {}

    const fs::path& dir() const { return m_dir; }

    void parse() {
        std::error_code ec;
        if (!fs::is_regular_file(m_file, ec)) throw CaseError("case file not found: " + m_file_text);
        try {
            m_root = toml::parse_file(m_file_text);
        } catch (const toml::parse_error& e) {
            const auto line = static_cast<std::size_t>(e.source().begin.line);
            throw CaseError(
                m_file_text + " line " + std::to_string(line) + ": not valid TOML: " + std::string(e.description()), "",
                line);
        }
    }

    void apply_override(const std::string& text) {
        const std::string label = "override '" + text + "'";
        const auto eq = text.find('=');
        if (eq == std::string::npos)
            throw CaseError(label + ": expected key=value, such as hydro.cfl=0.8 or boundary[0].kind=free");
        const std::string key = trim(std::string_view(text).substr(0, eq));
        const std::string raw = trim(std::string_view(text).substr(eq + 1));

        // table[index].name
        std::string table, name;
        std::optional<std::size_t> index;
        const auto dot = key.find('.');
        const std::string head = key.substr(0, dot);
        if (dot != std::string::npos) name = key.substr(dot + 1);
        if (const auto br = head.find('['); br != std::string::npos) {
            table = head.substr(0, br);
            const std::string digits = head.substr(br + 1, head.size() - br - 2);
            if (head.back() != ']' || digits.empty() || digits.size() > 9 ||
                !std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); }))
                throw CaseError(label + ": '" + key + "' is not a key such as hydro.cfl or boundary[0].kind", key);
            index = std::stoul(digits);
        } else {
            table = head;
        }
        if (table.empty() || name.empty() || name.find('.') != std::string::npos)
            throw CaseError(label + ": '" + key + "' is not a key such as hydro.cfl or boundary[0].kind", key);

        const CaseTable* t = find_case_table(table);
        const CaseKey* k = t ? find_case_key(table, name) : nullptr;
        if (!k) {
            std::string msg = "unknown key '" + key + "' in " + label;
            if (const auto near = nearest_case_key(table, name))
                msg += "; did you mean '" + with_index(*near, index) + "'?";
            throw CaseError(msg, key);
        }
        if (t->many && !index)
            throw CaseError(label + ": there may be several [[" + table +
                                "]] tables: name one by its index from 0, as in " + table + "[0]." + name,
                            key);
        if (!t->many && index)
            throw CaseError(
                label + ": there is one [" + table + "] table, without an index: write " + table + "." + name, key);

        // The value, as TOML; text keys and bare words take the raw text.
        const std::string source = m_file_text + ", " + label;
        toml::table parsed;
        bool as_toml = false;
        try {
            parsed = toml::parse("v = " + raw, source);
            as_toml = parsed.size() == 1 && parsed.contains("v") && !(takes_only_text(*k) && !parsed["v"].is_string());
        } catch (const toml::parse_error&) {
            as_toml = false;
        }
        if (!as_toml) parsed = toml::parse("v = " + toml_quoted(raw), source);
        toml::node& value = *parsed.get("v");

        toml::table* target = nullptr;
        toml::node* top = m_root.get(table);
        if (!t->many) {
            if (!top) top = m_root.insert_or_assign(table, toml::table{}).first->second.as_table();
            target = top->as_table();
            if (!target)
                throw CaseError(where(*top) + ": " + table + ": expected a [" + table + "] table, got " +
                                    type_name(*top) + " (applying " + label + ")",
                                table, line_of(*top));
        } else {
            toml::array* entries = top ? top->as_array() : nullptr;
            const std::size_t n = entries ? entries->size() : 0;
            if (*index >= n)
                throw CaseError(label + ": the case has " + std::to_string(n) + " [[" + table + "]] table" +
                                    (n == 1 ? "" : "s") + (n ? ", numbered from 0" : ""),
                                key);
            target = (*entries)[*index].as_table();
            if (!target) throw CaseError(label + ": " + table + "[" + std::to_string(*index) + "] is not a table", key);
        }
        target->insert_or_assign(name, std::move(value));
    }

    // Every top-level key a known table of the right shape; every key in it a known key.
    void check_structure() const {
        for (auto&& [k, node] : m_root) {
            const std::string top(k.str());
            const CaseTable* t = find_case_table(top);
            if (!t) unknown_key(top, std::nullopt, nearest_case_key(top, ""), node);
            if (t->many) {
                const toml::array* entries = node.as_array();
                if (!entries || (!entries->empty() && !entries->is_array_of_tables()))
                    fail_at(top, &node, "expected [[" + top + "]] tables, got " + type_name(node));
                for (std::size_t i = 0; i < entries->size(); ++i) check_keys(*t, i, *(*entries)[i].as_table());
            } else {
                const toml::table* tbl = node.as_table();
                if (!tbl) fail_at(top, &node, "expected a [" + top + "] table, got " + type_name(node));
                check_keys(*t, std::nullopt, *tbl);
            }
        }
    }

    // The entries of a table, read in registry order: [case] before the series that need case.start.
    std::vector<Entry> read(const CaseTable& t) {
        std::vector<Entry> out;
        const toml::node* top = m_root.get(t.name);
        if (!t.many) {
            out.push_back(read_entry(t, std::nullopt, top ? top->as_table() : nullptr));
        } else if (top) {
            const toml::array& entries = *top->as_array();
            for (std::size_t i = 0; i < entries.size(); ++i) out.push_back(read_entry(t, i, entries[i].as_table()));
        }
        if (t.name == "case") m_start = out.front().get<Instant>("start");
        return out;
    }

    [[noreturn]] void fail_at(const std::string& key, const toml::node* node, const std::string& what) const {
        if (!node) throw CaseError(m_file_text + ": " + key + ": " + what, key);
        throw CaseError(where(*node) + ": " + key + ": " + what, key, line_of(*node));
    }
    // For messages that already start with the key (from time_text, series_file).
    [[noreturn]] void fail_with(const std::string& key, const toml::node* node, const std::string& message) const {
        if (!node) throw CaseError(m_file_text + ": " + message, key);
        throw CaseError(where(*node) + ": " + message, key, line_of(*node));
    }

    // "case.toml line 12", or "case.toml, override 'hydro.cfl=2'" for a value set by an override.
    std::string where(const toml::node& n) const {
        const auto& src = n.source();
        if (src.path && *src.path != m_file_text) return *src.path;
        if (src.begin.line == 0) return m_file_text;  // made by an override: no line
        return m_file_text + " line " + std::to_string(src.begin.line);
    }
    bool from_file(const toml::node& n) const { return !n.source().path || *n.source().path == m_file_text; }
    std::optional<std::size_t> line_of(const toml::node& n) const {
        const auto& src = n.source();
        if ((src.path && *src.path != m_file_text) || src.begin.line == 0) return std::nullopt;
        return static_cast<std::size_t>(src.begin.line);
    }

private:
    std::string with_index(const std::string& dotted, std::optional<std::size_t> index) const {
        const auto dot = dotted.find('.');
        const CaseTable* t = find_case_table(dotted.substr(0, dot));
        if (!index || !t || !t->many || dot == std::string::npos) return dotted;
        return key_name(t->name, index, dotted.substr(dot + 1));
    }

    [[noreturn]] void unknown_key(const std::string& key, std::optional<std::size_t> index,
                                  const std::optional<std::string>& near, const toml::node& node) const {
        std::string msg = "unknown key '" + key + "' in " + where(node);
        if (near) msg += "; did you mean '" + with_index(*near, index) + "'?";
        throw CaseError(msg, key, line_of(node));
    }

    void check_keys(const CaseTable& t, std::optional<std::size_t> index, const toml::table& tbl) const {
        for (auto&& [k, node] : tbl) {
            const std::string name(k.str());
            if (!find_case_key(t.name, name))
                unknown_key(key_name(t.name, index, name), index, nearest_case_key(t.name, name), node);
        }
    }

    Entry read_entry(const CaseTable& t, std::optional<std::size_t> index, const toml::table* tbl) {
        Entry e{&t, key_name(t.name, index, ""), tbl, {}};
        // 1. Each value given, checked and converted.
        for (const CaseKey& k : case_keys()) {
            if (k.table != t.name) continue;
            if (const toml::node* n = e.node(k.name))
                e.values[std::string(k.name)] = convert(k, e.prefix + "." + std::string(k.name), *n);
        }
        // 2. Which keys must, may and may not be there.
        for (const CaseKey& k : case_keys()) {
            if (k.table != t.name) continue;
            const std::string key = e.prefix + "." + std::string(k.name);
            bool applies = true;
            std::string condition;
            if (!k.when.empty()) {
                const auto eq = k.when.find('=');
                const std::string_view on = k.when.substr(0, eq), wanted = k.when.substr(eq + 1);
                auto actual = e.opt<std::string>(on);
                if (!actual)  // not written: its default ("method" = "muskingum_cunge")
                    if (const CaseKey* on_key = find_case_key(t.name, on); on_key && !on_key->default_toml.empty())
                        actual = trim(std::string(on_key->default_toml.substr(1, on_key->default_toml.size() - 2)));
                applies = actual && case_key_applies(k, *actual);
                condition = std::string(on) + " = \"" + std::string(wanted) + "\"";
                for (std::size_t bar; (bar = condition.find('|')) != std::string::npos;)
                    condition.replace(bar, 1, "\" or \"");
                // A key for another kind is a slip in the file; but an override that switches
                // the kind (boundary[0].kind=free) leaves the file's keys behind, unused.
                const toml::node* on_node = e.node(on);
                const bool switched = on_node && !from_file(*on_node);
                if (e.has(k.name) && !applies && !switched)
                    fail_at(key, e.node(k.name),
                            "only used with " + condition +
                                (actual ? "; this " + std::string(t.name) + " has " + std::string(on) + " = \"" +
                                              *actual + "\""
                                        : ""));
            }
            // An optional table left out ([backwater]) asks for nothing; [case] is never optional.
            const bool absent = !tbl && t.name != "case";
            if (k.required && applies && !absent && !e.has(k.name)) {
                std::string msg = "missing required key '" + key + "'";
                if (!condition.empty()) msg += " (" + condition + " needs it)";
                if (!k.unless.empty()) {
                    // Settled once the network tables are read (check_network_feeds).
                    m_deferred.push_back({key, tbl ? line_of(*tbl) : std::nullopt,
                                          msg + ", unless " + std::string(k.unless)});
                    continue;
                }
                if (tbl && line_of(*tbl))
                    throw CaseError(m_file_text + " line " + std::to_string(*line_of(*tbl)) + ": " + msg, key,
                                    line_of(*tbl));
                throw CaseError(m_file_text + ": " + msg, key);
            }
            if (!k.excludes.empty() && e.has(k.name) && e.has(k.excludes))
                fail_at(key, e.node(k.name),
                        "give " + std::string(k.name) + " or " + std::string(k.excludes) + ", not both (" + e.prefix +
                            "." + std::string(k.excludes) + " is given too)");
        }
        // 3. Defaults, converted like written values.
        for (const CaseKey& k : case_keys()) {
            if (k.table != t.name || k.default_toml.empty() || e.has(k.name)) continue;
            toml::table d = toml::parse("v = " + std::string(k.default_toml), "the default of " + k.dotted());
            e.values[std::string(k.name)] = convert(k, e.prefix + "." + std::string(k.name), *d.get("v"));
        }
        return e;
    }

    double number(const CaseKey& k, const std::string& key, const toml::node& n) const {
        const double v = n.value<double>().value_or(0.0);
        if (!std::isfinite(v)) fail_at(key, &n, "expected a finite number, got " + number_text(v));
        if (!k.range.contains(v)) fail_at(key, &n, "must be " + k.range.text() + ", got " + number_text(v));
        return v;
    }

    fs::path existing_path(const std::string& key, const toml::node& n) const {
        const std::string text = n.value<std::string>().value_or("");
        if (text.empty()) fail_at(key, &n, "expected a file path, got an empty string");
        fs::path p(text);
        if (p.is_relative()) p = (m_dir / p).lexically_normal();
        std::error_code ec;
        if (!fs::exists(p, ec)) fail_at(key, &n, "file not found: " + p.string());
        return p;
    }

    Instant instant(const std::string& key, const toml::node& n) const {
        try {
            if (const auto s = n.value<std::string>()) return parse_instant(*s, key);
            if (const auto* dt = n.as_date_time()) {
                const toml::date_time& v = dt->get();
                if (!v.offset) {
                    std::ostringstream o;
                    o << v;
                    fail_at(key, &n, o.str() + " has no zone: add Z (UTC) or the offset, e.g. +08:00 for China");
                }
                return make_instant(v.date.year, v.date.month, v.date.day, v.time.hour, v.time.minute,
                                    v.time.second + 1e-9 * v.time.nanosecond, v.offset->minutes, key);
            }
        } catch (const std::invalid_argument& err) {
            fail_with(key, &n, err.what());
        }
        fail_at(key, &n,
                "expected a date-time with a zone, such as \"2020-08-18T00:00:00+08:00\", got " + type_name(n));
    }

    // Seconds from case.start: a number of seconds, or a date-time.
    double series_time(const std::string& key, const toml::node& n) const {
        if (n.is_number()) {
            const double t = n.value<double>().value_or(0.0);
            if (!std::isfinite(t)) fail_at(key, &n, "time is not finite");
            return t;
        }
        if (n.is_string() || n.is_date_time()) return instant(key, n).epoch_s - m_start.epoch_s;
        fail_at(key, &n, "expected a time (seconds from case.start, or a date-time), got " + type_name(n));
    }

    hydro::TimeSeries series(const CaseKey& k, const std::string& key, const toml::node& n) const {
        if (n.is_number()) return hydro::TimeSeries(number(k, key, n) * k.to_si);
        if (n.is_string()) {
            const fs::path p = existing_path(key, n);
            try {
                const double lo = k.range.lo_open ? std::nextafter(k.range.lo, HUGE_VAL) : k.range.lo;
                const double hi = k.range.hi_open ? std::nextafter(k.range.hi, -HUGE_VAL) : k.range.hi;
                return read_series_csv(p, m_start, k.to_si, key, lo, hi);
            } catch (const std::invalid_argument& err) {
                fail_with(key, &n, err.what());
            }
        }
        const toml::array* points = n.as_array();
        if (!points) fail_at(key, &n, "expected " + expected_text(k) + ", got " + type_name(n));
        if (points->empty()) fail_at(key, &n, "a series needs at least one point [t, value]");
        std::vector<double> times, values;
        for (std::size_t i = 0; i < points->size(); ++i) {
            const toml::node& p = (*points)[i];
            const std::string pk = key + "[" + std::to_string(i) + "]";
            const toml::array* tv = p.as_array();
            if (!tv || tv->size() != 2) fail_at(pk, &p, "expected a point [t, value], got " + type_name(p));
            const double t = series_time(pk, *tv->get(0));
            const toml::node& vn = *tv->get(1);
            if (!vn.is_number()) fail_at(pk, &vn, "expected a number as the value, got " + type_name(vn));
            const double v = number(k, pk, vn);
            if (!times.empty() && !(t > times.back()))
                fail_at(pk, &p,
                        "time " + number_text(t) + " s is not after the previous point's " + number_text(times.back()) +
                            " s: times must increase");
            times.push_back(t);
            values.push_back(v * k.to_si);
        }
        return hydro::TimeSeries(std::move(times), std::move(values), key);
    }

    std::array<double, 4> numbers4(const CaseKey& k, const std::string& key, const toml::node& n) const {
        std::array<double, 4> out{};
        auto element = [&](const toml::node& e, std::size_t i) {
            if (!e.is_number())
                fail_at(key, &e, "expected " + expected_text(k) + ", with a number where there is " + type_name(e));
            out[i] = number(k, key, e);
        };
        const toml::array* a = n.as_array();
        if (k.type == T::bbox) {
            if (!a || a->size() != 4) fail_at(key, &n, "expected " + expected_text(k) + ", got " + type_name(n));
            for (std::size_t i = 0; i < 4; ++i) element(*a->get(i), i);
            if (!(out[0] < out[2] && out[1] < out[3]))
                fail_at(key, &n,
                        "expected xmin < xmax and ymin < ymax, got [" + number_text(out[0]) + ", " +
                            number_text(out[1]) + ", " + number_text(out[2]) + ", " + number_text(out[3]) + "]");
            return out;
        }
        if (!a || a->size() != 2) fail_at(key, &n, "expected " + expected_text(k) + ", got " + type_name(n));
        for (std::size_t p = 0; p < 2; ++p) {
            const toml::array* xy = a->get(p)->as_array();
            if (!xy || xy->size() != 2)
                fail_at(key, a->get(p), "expected a point [x, y], got " + type_name(*a->get(p)));
            element(*xy->get(0), 2 * p);
            element(*xy->get(1), 2 * p + 1);
        }
        if (out[0] == out[2] && out[1] == out[3]) fail_at(key, &n, "the line's two end points are the same");
        return out;
    }

    [[noreturn]] void wrong_type(const CaseKey& k, const std::string& key, const toml::node& n) const {
        fail_at(key, &n, "expected " + expected_text(k) + ", got " + type_name(n));
    }

    Value convert(const CaseKey& k, const std::string& key, const toml::node& n) const {
        switch (k.type) {
            case T::text: {
                if (!n.is_string()) wrong_type(k, key, n);
                std::string s = n.value<std::string>().value_or("");
                if (trim(s).empty()) fail_at(key, &n, "must not be empty");
                return s;
            }
            case T::choice: {
                if (!n.is_string()) wrong_type(k, key, n);
                const std::string s = n.value<std::string>().value_or("");
                const auto choices = case_key_choices(k);
                if (std::find(choices.begin(), choices.end(), s) == choices.end())
                    fail_at(key, &n, "unknown " + std::string(k.name) + " '" + s + "'; expected " + expected_text(k));
                return s;
            }
            case T::number:
                if (!n.is_number()) wrong_type(k, key, n);
                return number(k, key, n) * k.to_si;
            case T::boolean:
                if (!n.is_boolean()) wrong_type(k, key, n);
                return n.value<bool>().value_or(false);
            case T::instant: return instant(key, n);
            case T::duration:
                try {
                    if (n.is_number()) return parse_duration(n.value<double>().value_or(0.0), key);
                    if (n.is_string()) return parse_duration(n.value<std::string>().value_or(""), key);
                } catch (const std::invalid_argument& err) {
                    fail_with(key, &n, err.what());
                }
                wrong_type(k, key, n);
            case T::path:
                if (!n.is_string()) wrong_type(k, key, n);
                return existing_path(key, n);
            case T::number_or_raster:
                if (n.is_number()) return number(k, key, n) * k.to_si;
                if (n.is_string()) return existing_path(key, n);
                wrong_type(k, key, n);
            case T::series: return series(k, key, n);
            case T::series_or_grid:
                if (n.is_string() && is_grid_path(fs::path(n.value<std::string>().value_or(""))))
                    return existing_path(key, n);
                return series(k, key, n);
            case T::bbox:
            case T::line: return numbers4(k, key, n);
            case T::table: return table(k, key, n);
            case T::text_list: return text_list(k, key, n);
            case T::numbers: return numbers(k, key, n);
            case T::date_levels: return date_levels(k, key, n);
        }
        wrong_type(k, key, n);
    }

    Table table(const CaseKey& k, const std::string& key, const toml::node& n) const {
        const toml::array* rows = n.as_array();
        if (!rows || rows->empty()) fail_at(key, &n, "expected " + expected_text(k) + ", got " + type_name(n));
        Table out;
        for (std::size_t i = 0; i < rows->size(); ++i) {
            const std::string rk = key + "[" + std::to_string(i) + "]";
            const toml::array* row = rows->get(i)->as_array();
            if (!row || row->size() != k.columns)
                fail_at(rk, rows->get(i),
                        "expected a row of " + std::to_string(k.columns) + " numbers " + std::string(k.units));
            std::vector<double> values;
            for (const toml::node& v : *row) {
                if (!v.is_number()) fail_at(rk, &v, "expected a number, got " + type_name(v));
                values.push_back(number(k, rk, v) * k.to_si);
            }
            out.push_back(std::move(values));
        }
        return out;
    }

    TextList text_list(const CaseKey& k, const std::string& key, const toml::node& n) const {
        const toml::array* a = n.as_array();
        if (!a) wrong_type(k, key, n);
        TextList out;
        for (const toml::node& v : *a) {
            const auto s = v.value<std::string>();
            if (!s || trim(*s).empty()) fail_at(key, &v, "expected a non-empty string, got " + type_name(v));
            out.push_back(*s);
        }
        return out;
    }

    Numbers numbers(const CaseKey& k, const std::string& key, const toml::node& n) const {
        const toml::array* a = n.as_array();
        if (!a || a->empty()) wrong_type(k, key, n);
        Numbers out;
        for (const toml::node& v : *a) {
            if (!v.is_number()) fail_at(key, &v, "expected a number, got " + type_name(v));
            out.push_back(number(k, key, v) * k.to_si);
        }
        return out;
    }

    // A number: that level from 1 January on. Or [["MM-DD", level], ...] with dates increasing.
    DateLevels date_levels(const CaseKey& k, const std::string& key, const toml::node& n) const {
        if (n.is_number()) return {DateLevel{1, 1, number(k, key, n) * k.to_si}};
        const toml::array* a = n.as_array();
        if (!a || a->empty()) wrong_type(k, key, n);
        DateLevels out;
        for (std::size_t i = 0; i < a->size(); ++i) {
            const std::string rk = key + "[" + std::to_string(i) + "]";
            const toml::array* row = a->get(i)->as_array();
            const auto date = row && row->size() == 2 ? row->get(0)->value<std::string>() : std::nullopt;
            if (!date || !row->get(1)->is_number())
                fail_at(rk, a->get(i), "expected [\"MM-DD\", level], got " + type_name(*a->get(i)));
            int month = 0, day = 0;
            static constexpr int days_in[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
            if (date->size() != 5 || (*date)[2] != '-' || std::sscanf(date->c_str(), "%2d-%2d", &month, &day) != 2 ||
                month < 1 || month > 12 || day < 1 || day > days_in[month - 1])
                fail_at(rk, row->get(0), "'" + *date + "' is not a date MM-DD such as \"06-10\"");
            if (!out.empty() && month * 100 + day <= out.back().month * 100 + out.back().day)
                fail_at(rk, row->get(0), "'" + *date + "' is not after the previous date: dates must increase");
            out.push_back(DateLevel{month, day, number(k, rk, *row->get(1)) * k.to_si});
        }
        return out;
    }

public:
    // A required key left out that the river network may supply (boundary discharge).
    struct Deferred {
        std::string key;
        std::optional<std::size_t> line;
        std::string message;
    };
    const std::vector<Deferred>& deferred() const { return m_deferred; }
    [[noreturn]] void fail_deferred(const Deferred& d) const {
        if (d.line) throw CaseError(m_file_text + " line " + std::to_string(*d.line) + ": " + d.message, d.key, d.line);
        throw CaseError(m_file_text + ": " + d.message, d.key);
    }

private:
    std::vector<Deferred> m_deferred;
    fs::path m_file;
    std::string m_file_text;
    fs::path m_dir;
    toml::table m_root;
    Instant m_start;
};

// The river network's tables, as read; the graph and the names are checked when the
// network is built (twin/network/network.cpp).
void read_network_table(std::string_view name, const std::vector<Entry>& entries, NetworkCase& net) {
    if (name == "network") {
        const Entry& e = entries.front();
        net.settings.step_s = e.get<double>("step");
        net.settings.coupling_interval_s = e.get<double>("coupling_interval");
        net.settings.forecast_horizon_s = e.get<double>("forecast_horizon");
    } else if (name == "node") {
        for (const Entry& e : entries) {
            NodeSection n;
            n.key = e.prefix;
            n.name = e.get<std::string>("name");
            n.kind = e.get<std::string>("kind");
            n.inflow_m3_s = e.opt<hydro::TimeSeries>("inflow");
            n.rating = e.get<Table>("rating");
            n.datum = e.get<std::string>("datum");
            n.boundary = e.get<std::string>("boundary");
            net.nodes.push_back(std::move(n));
        }
    } else if (name == "reach") {
        for (const Entry& e : entries) {
            ReachSection r;
            r.key = e.prefix;
            r.from = e.get<std::string>("from");
            r.to = e.get<std::string>("to");
            r.name = e.opt<std::string>("name").value_or(r.from + " -> " + r.to);
            r.method = e.get<std::string>("method");
            r.length_m = e.get<double>("length");
            r.slope = e.get<double>("slope");
            r.width_m = e.get<double>("width");
            r.side_slope = e.get<double>("side_slope");
            r.manning = e.get<double>("manning");
            r.low_flow_m3_s = e.get<double>("low_flow");
            r.k_s = e.get<double>("k");
            r.x = e.get<double>("x");
            r.lag_s = e.opt<double>("lag");
            net.reaches.push_back(std::move(r));
        }
    } else if (name == "reservoir") {
        for (const Entry& e : entries) {
            ReservoirSection r;
            r.key = e.prefix;
            r.name = e.get<std::string>("name");
            r.storage = e.get<Table>("storage");
            r.spillway = e.get<Table>("spillway");
            r.outlets = e.get<Table>("outlets");
            r.turbines = e.get<Table>("turbines");
            r.dead_level_m = e.get<double>("dead_level");
            r.normal_pool_m = e.get<double>("normal_pool");
            r.flood_limit = e.get<DateLevels>("flood_limit");
            r.design_flood_level_m = e.get<double>("design_flood_level");
            r.check_flood_level_m = e.get<double>("check_flood_level");
            r.initial_level_m = e.get<double>("initial_level");
            r.inflow_m3_s = e.opt<hydro::TimeSeries>("inflow");
            r.installed_mw = e.opt<double>("installed_capacity");
            r.tailwater_m = e.opt<double>("tailwater");
            r.efficiency = e.get<double>("efficiency");
            r.note = e.get<std::string>("note");
            net.reservoirs.push_back(std::move(r));
        }
    } else if (name == "rule") {
        for (const Entry& e : entries) {
            RuleSection r;
            r.key = e.prefix;
            r.reservoir = e.get<std::string>("reservoir");
            r.name = e.get<std::string>("name");
            r.type = e.get<std::string>("type");
            r.priority = static_cast<int>(e.get<double>("priority"));
            r.zones = e.get<TextList>("zones");
            r.condition = e.get<std::string>("if");
            r.value_m3_s = e.get<double>("value");
            r.purpose = e.opt<std::string>("purpose").value_or("other");
            r.rate_up_m3_s_per_h = e.get<double>("rate_up");
            r.rate_down_m3_s_per_h = e.get<double>("rate_down");
            r.return_time_s = e.get<double>("return_time");
            r.level_m = e.get<double>("level");
            r.horizon_s = e.opt<double>("horizon").value_or(r.horizon_s);
            r.threshold_m3_s = e.get<double>("threshold");
            r.power_mw = e.get<double>("power");
            r.node = e.get<std::string>("node");
            r.max_flow_m3_s = e.opt<double>("max_flow");
            r.max_stage_m = e.opt<double>("max_stage");
            net.rules.push_back(std::move(r));
        }
    } else if (name == "joint") {
        for (const Entry& e : entries) {
            JointSection j;
            j.key = e.prefix;
            j.name = e.get<std::string>("name");
            j.station = e.get<std::string>("station");
            j.target_flow_m3_s = e.opt<double>("target_flow");
            j.target_stage_m = e.opt<double>("target_stage");
            j.members = e.get<TextList>("members");
            j.tiers = e.get<Numbers>("tiers");
            j.priority = static_cast<int>(e.get<double>("priority"));
            j.release_target_m3_s = e.opt<double>("release_target");
            net.joints.push_back(std::move(j));
        }
    } else if (name == "backwater") {
        const Entry& e = entries.front();
        if (!e.tbl) return;
        BackwaterRelation b;
        b.reservoir = e.get<std::string>("reservoir");
        b.boundary = e.get<std::string>("boundary");
        b.node = e.get<std::string>("node");
        b.sections = e.get<Table>("sections");
        b.at_m = e.get<double>("at");
        b.pool_levels_m = e.get<Numbers>("pool_levels");
        b.discharges_m3_s = e.get<Numbers>("discharges");
        net.backwater = std::move(b);
    }
}

// A boundary or source left without its series must be fed by the network.
void check_network_feeds(const Loader& L, const Case& c) {
    for (const Loader::Deferred& d : L.deferred()) {
        const std::string entry = d.key.substr(0, d.key.find('.'));
        bool fed = false;
        auto inlet_named = [&](const std::string& name) {
            return std::any_of(c.network.nodes.begin(), c.network.nodes.end(), [&](const NodeSection& n) {
                return n.kind == "domain_inlet" && n.boundary == name;
            });
        };
        for (const BoundarySection& b : c.boundaries)
            if (b.key == entry)
                fed = b.kind == "stage" ? c.network.backwater && c.network.backwater->boundary == b.name
                                        : inlet_named(b.name);
        for (const SourceSection& s : c.sources)
            if (s.key == entry) fed = inlet_named(s.name);
        if (!fed) L.fail_deferred(d);
    }
}

}  // namespace

Case load_case(const fs::path& file, const std::vector<std::string>& overrides) {
    Loader L(file);
    L.parse();
    for (const std::string& o : overrides) L.apply_override(o);
    L.check_structure();

    Case c;
    c.file = file;
    c.dir = L.dir();
    for (const CaseTable& t : case_tables()) {
        const std::vector<Entry> entries = L.read(t);
        const std::string_view name = t.name;
        if (name == "case") {
            const Entry& e = entries.front();
            c.name = e.get<std::string>("name");
            c.start = e.get<Instant>("start");
            c.duration_s = e.get<double>("duration");
        } else if (name == "grid") {
            const Entry& e = entries.front();
            c.grid.dem = e.get<fs::path>("dem");
            c.grid.crs = e.opt<std::string>("crs");
            c.grid.resolution_m = e.opt<double>("resolution");
            c.grid.bbox = e.opt<std::array<double, 4>>("bbox");
        } else if (name == "initial") {
            const Entry& e = entries.front();
            c.initial.water_level_m = e.opt<double>("water_level");
            c.initial.depth = e.opt<fs::path>("depth");
            if (const auto dry = e.opt<bool>("dry")) {
                const bool wet = c.initial.water_level_m || c.initial.depth;
                if (*dry && wet)
                    L.fail_at("initial.dry", e.node("dry"),
                              std::string("dry = true, but initial.") +
                                  (c.initial.water_level_m ? "water_level" : "depth") + " is given too");
                if (!*dry && !wet)
                    L.fail_at("initial.dry", e.node("dry"), "dry = false needs initial.water_level or initial.depth");
            }
        } else if (name == "hydro") {
            const Entry& e = entries.front();
            c.hydro.scheme = e.get<std::string>("scheme");
            c.hydro.cfl = e.opt<double>("cfl");
            if (const auto p = e.opt<fs::path>("manning"))
                c.hydro.manning = *p;
            else
                c.hydro.manning = e.get<double>("manning");
            c.hydro.dry_depth_m = e.get<double>("dry_depth");
            c.hydro.arrival_depth_m = e.get<double>("arrival_depth");
        } else if (name == "boundary") {
            for (std::size_t i = 0; i < entries.size(); ++i) {
                const Entry& e = entries[i];
                BoundarySection b;
                b.key = e.prefix;
                b.edge = e.get<std::string>("edge");
                b.kind = e.get<std::string>("kind");
                b.name = e.opt<std::string>("name").value_or(b.edge + " " + b.kind + " " + std::to_string(i));
                b.from = e.opt<double>("from");
                b.to = e.opt<double>("to");
                if (b.from && b.to && !(*b.from < *b.to))
                    L.fail_at(e.prefix + ".to", e.node("to"),
                              "must be above " + e.prefix + ".from (" + number_text(*b.from) + "), got " +
                                  number_text(*b.to));
                b.line = e.opt<std::array<double, 4>>("line");
                if (b.kind == "inflow") b.series = e.get<hydro::TimeSeries>("discharge");
                if (b.kind == "stage") b.series = e.get<hydro::TimeSeries>("level");
                c.boundaries.push_back(std::move(b));
            }
        } else if (name == "source") {
            for (std::size_t i = 0; i < entries.size(); ++i) {
                const Entry& e = entries[i];
                SourceSection s;
                s.key = e.prefix;
                s.name = e.opt<std::string>("name").value_or("source " + std::to_string(i));
                s.kind = e.get<std::string>("kind");
                s.x = e.get<double>("x");
                s.y = e.get<double>("y");
                s.radius_m = e.get<double>("radius");
                s.discharge_m3_s = e.get<hydro::TimeSeries>("discharge");
                c.sources.push_back(std::move(s));
            }
        } else if (name == "rain") {
            const Entry& e = entries.front();
            c.rain.intensity_m_s = e.opt<hydro::TimeSeries>("intensity");
            c.rain.grid = e.opt<fs::path>("intensity");
            if (const auto p = e.opt<fs::path>("loss"))
                c.rain.loss_m_s = *p;
            else
                c.rain.loss_m_s = e.get<double>("loss");
        } else if (name == "gauge") {
            for (const Entry& e : entries) {
                GaugeSection g;
                g.key = e.prefix;
                g.name = e.get<std::string>("name");
                for (const GaugeSection& other : c.gauges)
                    if (other.name == g.name)
                        L.fail_at(
                            e.prefix + ".name", e.node("name"),
                            "'" + g.name + "' is already the name of " + other.key + "; gauge names must be unique");
                g.x = e.get<double>("x");
                g.y = e.get<double>("y");
                g.datum_offset_m = e.get<double>("datum_offset");
                StationThresholds& t = g.thresholds;
                t.datum = e.get<std::string>("datum");
                t.warning_stage_m = e.opt<double>("warning_stage");
                t.guaranteed_stage_m = e.opt<double>("guaranteed_stage");
                t.historical_max_m = e.opt<double>("historical_max");
                t.blue_margin_m = e.get<double>("blue_margin");
                if (const auto bad = threshold_order_error(t))
                    L.fail_at(e.prefix + "." + bad->key, e.node(bad->key), bad->message);
                c.gauges.push_back(std::move(g));
            }
        } else if (name == "output") {
            const Entry& e = entries.front();
            c.output.map_interval_s = e.get<double>("map_interval");
            c.output.gauge_interval_s = e.get<double>("gauge_interval");
            c.output.checkpoint_interval_s = e.opt<double>("checkpoint_interval");
            c.output.maps = e.get<bool>("maps");
            if (auto note = e.opt<std::string>("map_note")) c.output.map_note = *note;
            c.output.rivers = e.opt<fs::path>("rivers");
        } else {
            read_network_table(name, entries, c.network);
        }
    }
    check_network_feeds(L, c);
    return c;
}

}  // namespace floodtwin::twin
