#pragma once
// The 2D model's water account at each map time, kept as numbers and written as
// mass_balance.csv at the end: storage, what came in and went out by boundary and
// source, rain, losses and the relative error.
#include <string>
#include <vector>

#include "hydro/mass_ledger.hpp"
#include "twin/case/case.hpp"
#include "twin/state/state_archive.hpp"

namespace floodtwin::twin {

class MassBalanceRecorder {
public:
    // The columns follow the ledger's boundaries and point inflows (names from `ledger`).
    MassBalanceRecorder(const hydro::MassLedger& ledger, Instant start);

    void sample(double time_s, const hydro::MassLedger& ledger);
    [[nodiscard]] std::size_t rows() const { return m_times_s.size(); }
    [[nodiscard]] std::size_t width() const { return m_width; }
    // Row i: storage, inflow, outflow, rain, loss, each boundary's in and out, each point
    // inflow's in, each weir link's net volume through (river to land, into a detention
    // area: inside the domain, so in neither inflow nor outflow), the relative error.
    [[nodiscard]] const double* row(std::size_t i) const { return m_values.data() + i * m_width; }

    // time_iso,time_s,storage_m3,inflow_m3,outflow_m3,rain_m3,loss_m3,<b>_in_m3,<b>_out_m3,...,
    // <point>_in_m3,...,<link>_through_m3,...,relative_error
    [[nodiscard]] std::string csv() const;

    void save_state(StateArchive& archive) const;  // under "mass_balance.*"
    void restore_state(const StateArchive& archive);

private:
    Instant m_start;
    std::vector<std::string> m_boundaries, m_points, m_links;
    std::size_t m_width = 0;
    std::vector<double> m_times_s;
    std::vector<double> m_values;  // [row * width + column]
};

}  // namespace floodtwin::twin
