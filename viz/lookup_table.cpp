#include "viz/lookup_table.hpp"

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

}  // namespace floodtwin::viz
