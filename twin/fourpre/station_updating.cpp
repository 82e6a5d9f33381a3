#include "twin/fourpre/station_updating.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>

namespace floodtwin::twin {
namespace {

constexpr double phi_max = 0.99;  // below 1: a fitted correction never grows or persists forever

struct Sample {
    double t;
    double v;
};

// Linear interpolation in a rising series; nothing outside it (no extrapolation).
std::optional<double> interpolate(const std::vector<Sample>& s, double t) {
    if (s.empty() || t < s.front().t || t > s.back().t) return std::nullopt;
    const auto hi = std::lower_bound(s.begin(), s.end(), t, [](const Sample& a, double x) { return a.t < x; });
    if (hi->t == t || hi == s.begin()) return hi->v;
    const auto lo = hi - 1;
    return lo->v + (hi->v - lo->v) * (t - lo->t) / (hi->t - lo->t);
}

// The error at `t`: an error sample there, or interpolated between the samples either
// side of it when both are within step_s (a longer gap is not bridged).
std::optional<double> error_between(const std::vector<Sample>& e, double t, double step_s) {
    const auto hi = std::lower_bound(e.begin(), e.end(), t, [](const Sample& a, double x) { return a.t < x; });
    if (hi == e.end()) return std::nullopt;
    if (hi->t == t) return hi->v;
    if (hi == e.begin() || hi->t - t > step_s || t - (hi - 1)->t > step_s) return std::nullopt;
    return interpolate(e, t);
}

// At the issue time the last observation may fall short of it: then the nearest error
// within step_s stands for it (held, not extrapolated).
std::optional<double> error_at_issue(const std::vector<Sample>& e, double t, double step_s) {
    if (const auto v = error_between(e, t, step_s)) return v;
    std::optional<double> best;
    double best_dt = step_s;
    for (const auto& s : e)
        if (std::fabs(s.t - t) <= best_dt) {
            best_dt = std::fabs(s.t - t);
            best = s.v;
        }
    return best;
}

std::vector<Sample> valid_samples(const std::vector<double>& t, const std::vector<double>& v, const std::string& what,
                                  const char* name) {
    if (t.size() != v.size()) throw std::invalid_argument(what + ": " + name + " times and values differ in length");
    std::vector<Sample> s;
    for (std::size_t i = 0; i < t.size(); ++i)
        if (std::isfinite(t[i]) && std::isfinite(v[i])) s.push_back({t[i], v[i]});
    return s;
}

}  // namespace

ErrorModel fit_error_model(const std::vector<double>& obs_t, const std::vector<double>& obs_v,
                           const std::vector<double>& model_t, const std::vector<double>& model_v, double issue_s,
                           double window_s, double step_s, const std::string& what) {
    if (!(step_s > 0.0) || !(window_s > 0.0))
        throw std::invalid_argument(what + ": the updating step and window must be > 0");
    const auto obs = valid_samples(obs_t, obs_v, what, "observed");
    const auto model = valid_samples(model_t, model_v, what, "model");

    // The raw error at each observation time the model covers.
    std::vector<Sample> error;
    for (const auto& o : obs)
        if (const auto m = interpolate(model, o.t)) error.push_back({o.t, o.v - *m});

    ErrorModel fit;
    fit.step_s = step_s;
    const auto at_issue = error_at_issue(error, issue_s, step_s);
    if (!at_issue) throw std::invalid_argument(what + ": no observation within one updating step of the issue time");
    fit.error_at_issue = *at_issue;

    double sum_sq = 0.0;
    std::size_t n_window = 0;
    for (const auto& e : error)
        if (e.t >= issue_s - window_s && e.t <= issue_s) {
            sum_sq += e.v * e.v;
            ++n_window;
        }
    fit.rmse_before = n_window ? std::sqrt(sum_sq / static_cast<double>(n_window)) : 0.0;

    // Regular samples back from the issue time, so the last one is the issue itself.
    const auto steps = static_cast<long>(std::floor(window_s / step_s + 1e-9));
    double sxy = 0.0, sxx = 0.0;
    std::optional<double> later;  // the sample one step after the current one
    for (long k = 0; k <= steps; ++k) {
        const auto e = error_between(error, issue_s - static_cast<double>(k) * step_s, step_s);
        if (e && later) {
            sxy += *e * *later;
            sxx += *e * *e;
            ++fit.samples;
        }
        later = e;
    }
    if (fit.samples < 3)
        throw std::invalid_argument(what + ": fewer than 3 pairs of errors one step apart in the updating window");
    fit.phi = sxx > 0.0 ? std::clamp(sxy / sxx, 0.0, phi_max) : 0.0;
    return fit;
}

double error_correction(const ErrorModel& m, double lead_s) {
    if (lead_s < 0.0) return 0.0;
    if (lead_s == 0.0) return m.error_at_issue;  // also for phi = 0
    if (!(m.step_s > 0.0)) return 0.0;
    return m.error_at_issue * std::pow(m.phi, lead_s / m.step_s);
}

std::vector<double> updated_series(const ErrorModel& m, const std::vector<double>& t, const std::vector<double>& raw,
                                   double issue_s) {
    if (t.size() != raw.size()) throw std::invalid_argument("updated_series: times and values differ in length");
    std::vector<double> out(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) out[i] = raw[i] + error_correction(m, t[i] - issue_s);
    return out;
}

}  // namespace floodtwin::twin
