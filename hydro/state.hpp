#pragma once
// The conserved state, structure of arrays, double precision.
#include <cstddef>
#include <vector>

namespace floodtwin::hydro {

struct State {
    std::vector<double> h;   // depth (m)
    std::vector<double> hu;  // unit discharge along x (m2/s)
    std::vector<double> hv;  // unit discharge along y (m2/s)

    void resize(std::size_t cells) {
        h.assign(cells, 0.0);
        hu.assign(cells, 0.0);
        hv.assign(cells, 0.0);
    }
};

}  // namespace floodtwin::hydro
