#pragma once
// Debian's VTK renders through an X server even off screen. When DISPLAY is unset
// (a server, a batch job, CI), HeadlessDisplay starts a private Xvfb for as long as it
// lives, so `floodtwin render` and the maps at the end of a run just work.
#include <string>
#include <sys/types.h>

namespace floodtwin::viz {

class HeadlessDisplay {
public:
    // Uses DISPLAY when it is set; otherwise starts `Xvfb -displayfd` (the server picks
    // a free display number itself, so parallel runs do not race for one) and sets
    // DISPLAY for this process. Throws std::runtime_error if Xvfb is missing or does
    // not come up within `timeout_s`.
    explicit HeadlessDisplay(double timeout_s = 20.0);
    // Stops the Xvfb it started (if any) and unsets DISPLAY again.
    ~HeadlessDisplay();
    HeadlessDisplay(const HeadlessDisplay&) = delete;
    HeadlessDisplay& operator=(const HeadlessDisplay&) = delete;

    [[nodiscard]] bool started_server() const { return m_pid > 0; }
    [[nodiscard]] const std::string& display() const { return m_display; }

private:
    pid_t m_pid = -1;
    std::string m_display;
};

}  // namespace floodtwin::viz
