#include "viz/line_actor.hpp"

#include <vtkActor.h>
#include <vtkCellArray.h>
#include <vtkNew.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>

namespace floodtwin::viz {

void add_lines(vtkRenderer* renderer, const LineParts& parts, const Rgb& colour, double width_px) {
    if (parts.empty()) return;
    vtkNew<vtkPoints> points;
    vtkNew<vtkCellArray> lines;
    for (const auto& part : parts) {
        lines->InsertNextCell(static_cast<vtkIdType>(part.size()));
        for (const auto& p : part) lines->InsertCellPoint(points->InsertNextPoint(p.data()));
    }
    vtkNew<vtkPolyData> poly;
    poly->SetPoints(points);
    poly->SetLines(lines);
    vtkNew<vtkPolyDataMapper> mapper;
    mapper->SetInputData(poly);
    vtkNew<vtkActor> actor;
    actor->SetMapper(mapper);
    actor->GetProperty()->SetColor(colour.r, colour.g, colour.b);
    actor->GetProperty()->SetLineWidth(static_cast<float>(width_px));
    actor->GetProperty()->LightingOff();
    renderer->AddActor(actor);
}

}  // namespace floodtwin::viz
