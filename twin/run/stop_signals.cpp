#include "twin/run/stop_signals.hpp"

#include <csignal>
#include <stdexcept>

namespace floodtwin::twin {

namespace {

volatile std::sig_atomic_t g_received = 0;
bool g_installed = false;
struct sigaction g_old_int {}, g_old_term {};

// Only a flag: nothing else is safe in a signal handler.
extern "C" void note_signal(int signal) { g_received = signal; }

}  // namespace

StopSignals::StopSignals() {
    if (g_installed) throw std::logic_error("StopSignals: already installed");
    g_received = 0;
    struct sigaction action {};
    action.sa_handler = note_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;
    sigaction(SIGINT, &action, &g_old_int);
    sigaction(SIGTERM, &action, &g_old_term);
    g_installed = true;
}

StopSignals::~StopSignals() {
    sigaction(SIGINT, &g_old_int, nullptr);
    sigaction(SIGTERM, &g_old_term, nullptr);
    g_installed = false;
}

int StopSignals::received() { return static_cast<int>(g_received); }

}  // namespace floodtwin::twin
