#include "twin/setup/blow_up_hint.hpp"

#include "grids/text_fields.hpp"

namespace floodtwin::twin {

namespace {

// The largest value of one kind of input, and where the case gives it.
struct Largest {
    std::string key;
    double value = 0.0;

    void offer(const std::string& k, double v) {
        if (key.empty() || v > value) key = k, value = v;
    }
};

Largest largest_inflow(const Case& c) {
    Largest in;
    for (const BoundarySection& b : c.boundaries)
        if (b.kind == "inflow" && !b.series.empty()) in.offer(b.key + ".discharge", b.series.max_value());
    for (const SourceSection& s : c.sources)
        if (!s.discharge_m3_s.empty()) in.offer(s.key + ".discharge", s.discharge_m3_s.max_value());
    for (const NodeSection& n : c.network.nodes)
        if (n.inflow_m3_s) in.offer(n.key + ".inflow", n.inflow_m3_s->max_value());
    for (const ReservoirSection& r : c.network.reservoirs)
        if (r.inflow_m3_s) in.offer(r.key + ".inflow", r.inflow_m3_s->max_value());
    return in;
}

Largest largest_rain_mm_h(const Case& c, const RainFrames& frames) {
    Largest rain;
    constexpr double mm_h_per_m_s = 3.6e6;
    if (c.rain.intensity_m_s) rain.offer("rain.intensity", c.rain.intensity_m_s->max_value() * mm_h_per_m_s);
    if (!frames.empty()) rain.offer("rain.intensity", frames.max_intensity_m_s() * mm_h_per_m_s);
    return rain;
}

}  // namespace

std::vector<std::string> beyond_record_inputs(const Case& c, const RainFrames& rain_frames) {
    std::vector<std::string> out;
    const Largest rain = largest_rain_mm_h(c, rain_frames);
    if (!rain.key.empty() && rain.value > record_rain_mm_h)
        out.push_back(rain.key + " up to " + grids::number_text(rain.value) + " mm/h is beyond any rain on record (about " +
                      grids::number_text(record_rain_mm_h) + " mm/h over a minute): the time step will shrink as the "
                      "water deepens");
    const Largest inflow = largest_inflow(c);
    if (!inflow.key.empty() && inflow.value > record_discharge_m3_s)
        out.push_back(inflow.key + " up to " + grids::number_text(inflow.value) +
                      " m3/s is beyond any river's flow (the Amazon's floods are a few 100000 m3/s)");
    return out;
}

std::string non_finite_hint(const Case& c, const RainFrames& rain_frames) {
    const Largest rain = largest_rain_mm_h(c, rain_frames);
    const Largest inflow = largest_inflow(c);
    std::string out;
    bool beyond = false;
    if (!rain.key.empty() && rain.value > 0.0) {
        out += rain.key + " up to " + grids::number_text(rain.value) + " mm/h";
        if (rain.value > record_rain_mm_h) {
            out += ", beyond any rain on record (about " + grids::number_text(record_rain_mm_h) +
                   " mm/h over a minute)";
            beyond = true;
        }
    }
    if (!inflow.key.empty() && inflow.value > 0.0) {
        out += (out.empty() ? "" : "; ") + inflow.key + " up to " + grids::number_text(inflow.value) + " m3/s";
        if (inflow.value > record_discharge_m3_s) {
            out += ", beyond any river's flow (the Amazon's floods are a few 100000 m3/s)";
            beyond = true;
        }
    }
    if (out.empty()) return "the case has no rain and no inflow: try a smaller hydro.cfl";
    const std::string then = beyond ? ": check them first; if they are meant, " : ": if they are meant, ";
    return "the case's largest inputs: " + out + then + "try a smaller hydro.cfl";
}

}  // namespace floodtwin::twin
