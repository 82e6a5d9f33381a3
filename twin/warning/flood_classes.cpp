#include "twin/warning/flood_classes.hpp"

#include <cmath>
#include <iterator>
#include <stdexcept>

namespace floodtwin::twin {
namespace {

struct HazardLimits {
    double dv_m2_s, depth_m, speed_m_s;
};
// H1..H5 in order (see the header's table); beyond H5 is H6.
constexpr HazardLimits hazard_limits[] = {
    {0.3, 0.3, 2.0}, {0.6, 0.5, 2.0}, {0.6, 1.2, 2.0}, {1.0, 2.0, 2.0}, {4.0, 4.0, 4.0}};

}  // namespace

int depth_class(double depth_m) {
    int c = 0;
    for (const double edge : depth_class_edges_m)
        if (depth_m >= edge) ++c;  // false for NaN: not flooded
    return c;
}

int hazard_class(double depth_m, double speed_m_s) {
    if (!(depth_m >= hazard_dry_depth_m)) return 0;
    const double v = std::isnan(speed_m_s) ? 0.0 : std::fabs(speed_m_s);
    const double dv = depth_m * v;
    int h = 1;
    for (const auto& lim : hazard_limits) {
        if (dv <= lim.dv_m2_s && depth_m <= lim.depth_m && v <= lim.speed_m_s) return h;
        ++h;
    }
    return h;  // 6
}

int arrival_class(double hours) {
    if (std::isnan(hours)) return 0;
    int c = 1;
    for (const double edge : arrival_class_edges_h)
        if (hours >= edge) ++c;
    return c;
}

std::string arrival_class_text(int a) {
    static const char* texts[] = {"within 1 h", "1\u20136 h", "6\u201312 h", "12\u201324 h", "24\u201348 h", "after 48 h"};
    if (a < 1 || a > 6) throw std::invalid_argument("arrival class " + std::to_string(a) + ": expected 1..6");
    return texts[a - 1];
}

std::string hazard_class_text(int h) {
    static const char* const text[] = {
        "dry",
        "H1: generally safe for people, vehicles and buildings",
        "H2: unsafe for small vehicles",
        "H3: unsafe for vehicles, children and the elderly",
        "H4: unsafe for people and all vehicles",
        "H5: unsafe for people and vehicles; all buildings vulnerable to structural damage, the less robust "
        "to failure",
        "H6: unsafe for people and vehicles; all types of building vulnerable to failure",
    };
    if (h < 0 || h >= static_cast<int>(std::size(text)))
        throw std::invalid_argument("hazard class " + std::to_string(h) + " is not 0 (dry) to 6");
    return text[h];
}

int probability_class(double probability) {
    if (std::isnan(probability)) return 0;
    int k = 0;
    for (const double edge : probability_class_edges)
        if (probability >= edge) ++k;
    return k;
}

std::string probability_class_text(int p) {
    static const char* const words[] = {"10-30 %", "30-50 %", "50-70 %", "70-90 %", "90 % or more"};
    if (p < 1 || p > 5) throw std::invalid_argument("probability class " + std::to_string(p) + ": not 1..5");
    return words[p - 1];
}

}  // namespace floodtwin::twin
