#pragma once
// SIGINT and SIGTERM while a run goes on: noted by the handler, acted on by the run at
// the next step boundary (a coupled run: at the end of the coupling interval under way),
// where it writes a checkpoint and stops with RunStopped.
#include <stdexcept>
#include <string>

namespace floodtwin::twin {

// While alive, SIGINT and SIGTERM set a flag instead of killing the process; the
// handlers in place before are restored at the end. One at a time per process.
class StopSignals {
public:
    StopSignals();
    ~StopSignals();
    StopSignals(const StopSignals&) = delete;
    StopSignals& operator=(const StopSignals&) = delete;

    // The signal received so far (SIGINT, SIGTERM), or 0.
    [[nodiscard]] static int received();
};

// A run that stopped on a signal after writing its checkpoint. what() says when it
// stopped and how to resume; the program exits with 128 + the signal (130, 143).
class RunStopped : public std::runtime_error {
public:
    RunStopped(const std::string& message, int signal) : std::runtime_error(message), m_signal(signal) {}
    [[nodiscard]] int exit_status() const { return 128 + m_signal; }

private:
    int m_signal;
};

}  // namespace floodtwin::twin
