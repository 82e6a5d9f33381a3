#pragma once
// Updating a station's forecast with its recent errors, as operational centres do: the
// error of the model (observed - model) over a window before the issue time is fitted
// with an AR(1) model, and the forecast is corrected by the error at issue decaying as
// phi^(lead/step). See WMO Manual on flood forecasting and warning (WMO-No. 1072, 2011),
// chapter on forecast updating, and Refsgaard (1997), "Validation and intercomparison of
// different updating procedures for real-time forecasting", Nordic Hydrology 28, 65-84.
// Pure numerics: no files, no logging.
#include <cstddef>
#include <string>
#include <vector>

namespace floodtwin::twin {

struct ErrorModel {
    double error_at_issue = 0.0;  // observed - model at the issue time (interpolated linearly to it)
    double phi = 0.0;             // AR(1) coefficient per step, least squares on (e_k, e_k+1) pairs, in [0, 0.99]
    double step_s = 0.0;          // the step of the pairs (the error resampled to a regular step)
    double rmse_before = 0.0;     // RMS error of the raw model over the window (at the observation times)
    std::size_t samples = 0;      // the (e_k, e_k+1) pairs the fit used
};

// obs and model are (epoch_s, value) series, times rising. The model is interpolated
// linearly to the observation times (never extrapolated); NaNs are skipped. The error is
// resampled every step_s back from the issue time over [issue - window, issue], each
// sample interpolated between errors at most step_s either side (gaps are not bridged);
// the error at issue may also be the nearest within step_s, held. phi is fitted through the origin
// (e_k+1 = phi e_k, no constant term: the correction must vanish at long lead), then a
// negative fit is taken as 0 (no persistence) and one at or above 1 as 0.99 (always decays).
// Throws std::invalid_argument naming `what` for fewer than 3 pairs, no observation within
// step_s of the issue time, a step or window not > 0, or series of unequal lengths.
ErrorModel fit_error_model(const std::vector<double>& obs_t, const std::vector<double>& obs_v,
                           const std::vector<double>& model_t, const std::vector<double>& model_v, double issue_s,
                           double window_s, double step_s, const std::string& what);

// error_at_issue * phi^(lead_s / step_s); 0 before the issue time (lead < 0).
double error_correction(const ErrorModel& m, double lead_s);

// raw + error_correction(t - issue), sample by sample; NaN stays NaN. Throws
// std::invalid_argument if t and raw differ in length.
std::vector<double> updated_series(const ErrorModel& m, const std::vector<double>& t, const std::vector<double>& raw,
                                   double issue_s);

}  // namespace floodtwin::twin
