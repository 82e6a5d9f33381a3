#pragma once
// What a checkpoint holds: everything a run needs to continue bit for bit.
#include <cstddef>
#include <vector>

#include "hydro/diagnostics.hpp"
#include "hydro/mass_ledger.hpp"
#include "hydro/state.hpp"

namespace floodtwin::hydro {

struct Snapshot {
    State state;
    MassLedger ledger;
    Diagnostics diagnostics;
    double time_s = 0.0;
    std::size_t steps = 0;
    double next_speed = -1.0;              // CFL speed of `state` (< 0: recompute)
    std::vector<unsigned char> wet_rows;   // rows of `state` holding water
    // The inertial scheme's face discharges (inertial_step.hpp, FaceDischarges): its
    // state lives on the faces, the cell discharges of `state` are only their means.
    // Empty for fv1 and fv2.
    std::vector<double> face_qx, face_qy;
    // When each weir link opened (NaN: not yet), in the order added.
    std::vector<double> link_opened_s;
};

}  // namespace floodtwin::hydro
