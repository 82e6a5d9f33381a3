#include "viz/pvd_collection.hpp"

#include "grids/atomic_file.hpp"
#include "grids/write_error.hpp"
#include "grids/xml_text.hpp"

#include <cerrno>
#include <cmath>
#include <fstream>
#include <limits>
#include <locale>
#include <stdexcept>

namespace floodtwin::viz {

PvdCollection::PvdCollection(std::filesystem::path pvd_path) : m_pvd_path(std::move(pvd_path)) {}

void PvdCollection::add(double time_s, const std::filesystem::path& vti_path) {
    if (!std::isfinite(time_s))
        throw std::invalid_argument("PvdCollection::add: time of " + vti_path.string() + " is not finite");
    // Lexical, not canonical: the frame may not be written yet, and symlinks in the run
    // folder should survive as the user laid them out.
    const std::filesystem::path folder = std::filesystem::absolute(m_pvd_path).parent_path().lexically_normal();
    const std::filesystem::path frame = std::filesystem::absolute(vti_path).lexically_normal();
    std::filesystem::path relative = frame.lexically_relative(folder);
    if (relative.empty()) relative = frame;  // no relative form (another root): keep it absolute
    // Forward slashes: ParaView reads them on every platform.
    m_frames.insert_or_assign(time_s, relative.generic_string());
}

void PvdCollection::write() const {
    grids::AtomicFile file(m_pvd_path);
    {
        std::ofstream out(file.temporary());
        if (!out) grids::throw_write_error(m_pvd_path, "PvdCollection: cannot open " + file.temporary().string(), errno);
        // Times must read back exactly and with a '.' whatever the user's locale.
        out.imbue(std::locale::classic());
        out.precision(std::numeric_limits<double>::max_digits10);
        out << "<?xml version=\"1.0\"?>\n"
            << "<VTKFile type=\"Collection\" version=\"0.1\" byte_order=\"LittleEndian\">\n"
            << "  <Collection>\n";
        for (const auto& [time_s, relative] : m_frames)
            out << "    <DataSet timestep=\"" << time_s << "\" group=\"\" part=\"0\" file=\"" << grids::xml_escaped(relative)
                << "\"/>\n";
        out << "  </Collection>\n"
            << "</VTKFile>\n";
        out.close();
        if (!out) grids::throw_write_error(m_pvd_path, "PvdCollection: failed writing " + file.temporary().string(), errno);
    }
    file.commit();
}

}  // namespace floodtwin::viz
