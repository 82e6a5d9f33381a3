#include "twin/run/mass_balance.hpp"

#include <sstream>

#include "grids/text_fields.hpp"
#include "twin/case/time_text.hpp"

namespace floodtwin::twin {

MassBalanceRecorder::MassBalanceRecorder(const hydro::MassLedger& ledger, Instant start) : m_start(start) {
    for (const auto& b : ledger.boundaries) m_boundaries.push_back(b.name);
    for (const auto& p : ledger.point_inflows) m_points.push_back(p.name);
    for (const auto& l : ledger.links) m_links.push_back(l.name);
    m_width = 5 + 2 * m_boundaries.size() + m_points.size() + m_links.size() + 1;
}

void MassBalanceRecorder::sample(double time_s, const hydro::MassLedger& l) {
    m_times_s.push_back(time_s);
    m_values.insert(m_values.end(), {l.storage_m3, l.inflow_m3(), l.outflow_m3(), l.rain_m3, l.loss_m3});
    for (const auto& b : l.boundaries) m_values.insert(m_values.end(), {b.in_m3, b.out_m3});
    for (const auto& p : l.point_inflows) m_values.push_back(p.in_m3);
    for (const auto& k : l.links) m_values.push_back(k.net_m3());
    m_values.push_back(l.relative_error());
}

std::string MassBalanceRecorder::csv() const {
    std::string h = "time_iso,time_s,storage_m3,inflow_m3,outflow_m3,rain_m3,loss_m3";
    // Each column name quoted whole, as RFC 4180 needs, when a name holds a comma, a quote or a new line.
    for (const auto& b : m_boundaries)
        h.append(",").append(grids::csv_field(b + "_in_m3")).append(",").append(grids::csv_field(b + "_out_m3"));
    for (const auto& p : m_points) h.append(",").append(grids::csv_field(p + "_in_m3"));
    for (const auto& k : m_links) h.append(",").append(grids::csv_field(k + "_through_m3"));
    std::ostringstream o;
    o << h << ",relative_error\n";
    for (std::size_t i = 0; i < rows(); ++i) {
        const double* r = row(i);
        o.precision(10);
        o << format_instant(m_start.epoch_s + m_times_s[i], m_start.utc_offset_min) << ',' << m_times_s[i];
        for (std::size_t k = 0; k + 1 < m_width; ++k) o << ',' << r[k];
        o.precision(3);
        o << ',' << r[m_width - 1] << '\n';
    }
    return o.str();
}

void MassBalanceRecorder::save_state(StateArchive& a) const {
    a.put("mass_balance.time_s", m_times_s);
    a.put("mass_balance.rows", m_values);
}

void MassBalanceRecorder::restore_state(const StateArchive& a) {
    m_times_s = a.get_array("mass_balance.time_s");
    m_values = a.get_array("mass_balance.rows", m_times_s.size() * m_width);
}

}  // namespace floodtwin::twin
