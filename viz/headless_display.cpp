#include "viz/headless_display.hpp"

#include <cerrno>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <cstdlib>
#include <cstring>
#include <poll.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace floodtwin::viz {

namespace {

void stop(pid_t pid) {
    if (pid <= 0) return;
    ::kill(pid, SIGTERM);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
}

// Starts `Xvfb -displayfd write_fd` (the server picks a free display number itself
// and writes it there), in its own process group: a Ctrl-C at the terminal stops us,
// and we stop it. Returns posix_spawn's error number, 0 when started.
int spawn_xvfb(int read_fd, int write_fd, pid_t& pid) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addclose(&actions, read_fd);
    // Its chatter (font warnings, "could not open default font") is not ours to show.
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    const std::string fd_text = std::to_string(write_fd);
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
    posix_spawnattr_setpgroup(&attributes, 0);
    std::vector<std::string> args{"Xvfb", "-displayfd", fd_text, "-screen", "0", "1920x1200x24",
                                  "-nolisten", "tcp", "-noreset"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const int spawned = ::posix_spawnp(&pid, "Xvfb", &actions, &attributes, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    return spawned;
}

// Xvfb writes the display number and a newline once it accepts connections. Returns
// the number, or nothing if Xvfb exits or `timeout_s` passes first.
std::string read_display_number(int read_fd, double timeout_s) {
    std::string number;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
    while (true) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return {};
        pollfd p{read_fd, POLLIN, 0};
        const int ready = ::poll(&p, 1, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR) continue;
        if (ready <= 0) return {};
        char buffer[32];
        const ssize_t n = ::read(read_fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return {};  // Xvfb exited without a display
        for (ssize_t k = 0; k < n; ++k) {
            if (buffer[k] == '\n') return number;
            number += buffer[k];
        }
    }
}

}  // namespace

HeadlessDisplay::HeadlessDisplay(double timeout_s) {
    if (const char* display = std::getenv("DISPLAY"); display && *display) {
        m_display = display;
        return;
    }
    int fds[2] = {-1, -1};
    if (::pipe(fds) != 0) throw std::runtime_error(std::string("cannot start Xvfb: pipe: ") + std::strerror(errno));
    const int read_fd = fds[0], write_fd = fds[1];
    pid_t pid = -1;
    const int spawned = spawn_xvfb(read_fd, write_fd, pid);
    ::close(write_fd);  // Xvfb holds its own copy
    if (spawned != 0) {
        ::close(read_fd);
        throw std::runtime_error(std::string("no DISPLAY is set and Xvfb could not be started (") +
                                 std::strerror(spawned) + "); install the xvfb package or set DISPLAY");
    }
    const std::string number = read_display_number(read_fd, timeout_s);
    ::close(read_fd);
    if (number.empty()) {
        stop(pid);
        throw std::runtime_error("no DISPLAY is set and Xvfb did not start within " +
                                 std::to_string(static_cast<int>(timeout_s)) + " s");
    }
    m_pid = pid;
    m_display = ":" + number;
    ::setenv("DISPLAY", m_display.c_str(), 1);
}

HeadlessDisplay::~HeadlessDisplay() {
    if (m_pid > 0) {
        stop(m_pid);
        ::unsetenv("DISPLAY");
    }
}

}  // namespace floodtwin::viz
