#include "viz/lookup_table.hpp"

#include <algorithm>

#include <vtkLookupTable.h>

namespace floodtwin::viz {

vtkSmartPointer<vtkLookupTable> lookup_table(const ColourScale& scale) {
    auto lut = vtkSmartPointer<vtkLookupTable>::New();
    lut->SetNumberOfTableValues(ColourScale::table_size);
    lut->SetTableRange(scale.lo(), scale.hi());
    for (int k = 0; k < ColourScale::table_size; ++k) {
        const Rgb& c = scale.entries()[static_cast<std::size_t>(k)];
        lut->SetTableValue(k, c.r, c.g, c.b, 1.0);
    }
    lut->SetNanColor(0.0, 0.0, 0.0, 0.0);
    lut->Build();
    return lut;
}

vtkSmartPointer<vtkLookupTable> class_lookup_table(const std::vector<ValueClass>& classes) {
    auto lut = vtkSmartPointer<vtkLookupTable>::New();
    int lo = 0, hi = 0;
    if (!classes.empty()) {
        const auto [a, b] = std::minmax_element(classes.begin(), classes.end(),
                                                [](const ValueClass& x, const ValueClass& y) { return x.code < y.code; });
        lo = a->code;
        hi = b->code;
    }
    // Code k falls in the middle of entry k - lo: no rounding can pick a neighbour.
    lut->SetNumberOfTableValues(hi - lo + 1);
    lut->SetTableRange(lo - 0.5, hi + 0.5);
    for (int k = 0; k <= hi - lo; ++k) lut->SetTableValue(k, 0.0, 0.0, 0.0, 0.0);
    for (const ValueClass& c : classes) lut->SetTableValue(c.code - lo, c.colour.r, c.colour.g, c.colour.b, 1.0);
    lut->SetNanColor(0.0, 0.0, 0.0, 0.0);
    lut->Build();
    return lut;
}

}  // namespace floodtwin::viz
