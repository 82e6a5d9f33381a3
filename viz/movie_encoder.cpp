#include "viz/movie_encoder.hpp"

#include "grids/atomic_file.hpp"
#include "grids/write_error.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace floodtwin::viz {

MovieFormat movie_format_for(const std::filesystem::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    if (ext == ".mp4") return MovieFormat::mp4;
    if (ext == ".gif") return MovieFormat::gif;
    throw std::invalid_argument("animation " + path.string() + ": the name must end in .mp4 or .gif");
}

int run_program(const std::vector<std::string>& args, const std::filesystem::path& log) {
    if (args.empty()) return -1;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    const std::string out = log.empty() ? std::string("/dev/null") : log.string();
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    std::vector<std::string> copy = args;
    std::vector<char*> argv;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = -1;
    const int spawned = ::posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) return -1;
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

bool ffmpeg_available() { return run_program({"ffmpeg", "-hide_banner", "-version"}) == 0; }

std::string frame_file_name(std::size_t k) {
    char name[32];
    std::snprintf(name, sizeof name, "frame_%05zu.png", k);
    return name;
}

void encode_movie(const std::filesystem::path& frames_dir, std::size_t frames, const std::filesystem::path& out,
                  double fps) {
    const MovieFormat format = movie_format_for(out);
    if (frames == 0) throw std::runtime_error("animation " + out.string() + ": no frames to encode");
    if (!(fps > 0.0)) throw std::invalid_argument("animation " + out.string() + ": frames per second must be > 0");
    for (std::size_t k = 0; k < frames; ++k)
        if (!std::filesystem::exists(frames_dir / frame_file_name(k)))
            throw std::runtime_error("animation " + out.string() + ": frame " + (frames_dir / frame_file_name(k)).string() +
                                     " is missing");

    grids::AtomicFile file(out);
    const std::filesystem::path log = frames_dir / "ffmpeg.log";
    char rate[32];
    std::snprintf(rate, sizeof rate, "%g", fps);
    std::vector<std::string> args{"ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                                  "-framerate", rate, "-start_number", "0",
                                  "-i", (frames_dir / "frame_%05d.png").string(), "-frames:v", std::to_string(frames)};
    if (format == MovieFormat::mp4) {
        // H.264 in yuv420p needs even sizes; one frame per picture, no duplicates.
        for (const char* a : {"-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                              "-crf", "20", "-movflags", "+faststart", "-f", "mp4"})
            args.emplace_back(a);
    } else {
        // One palette from all frames, so the colour scale keeps its colours.
        for (const char* a : {"-vf", "split[a][b];[a]palettegen=stats_mode=full[p];[b][p]paletteuse=dither=none",
                              "-loop", "0", "-f", "gif"})
            args.emplace_back(a);
    }
    args.push_back(file.temporary().string());
    const int status = run_program(args, log);
    if (status != 0) {
        // ffmpeg's own log may not even fit: a full disk is named as such.
        if (grids::out_of_space(out, 0)) grids::throw_write_error(out, "animation: ffmpeg failed");
        std::string words;
        std::ifstream in(log);
        if (in) words.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        if (words.size() > 600) words = "..." + words.substr(words.size() - 600);
        throw std::runtime_error("animation " + out.string() + ": ffmpeg " +
                                 (status < 0 ? std::string("could not be run (is the ffmpeg package installed?)")
                                             : "failed with status " + std::to_string(status)) +
                                 (words.empty() ? "" : ": " + words));
    }
    std::error_code ec;
    std::filesystem::remove(log, ec);
    file.commit();
}

}  // namespace floodtwin::viz
