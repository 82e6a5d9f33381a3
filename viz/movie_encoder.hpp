#pragma once
// Numbered PNG frames to a movie with the ffmpeg program (Debian's ffmpeg package:
// Debian 12's VTK has no FFMPEG module). MP4 (H.264, yuv420p: plays in browsers and
// office software) or GIF (a palette made from the frames themselves).
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace floodtwin::viz {

enum class MovieFormat { mp4, gif };

// From the file name's extension, .mp4 or .gif (any case); throws std::invalid_argument.
MovieFormat movie_format_for(const std::filesystem::path& path);

// Whether `ffmpeg` is on the PATH and runs.
bool ffmpeg_available();

// The frame file name encode_movie expects: frame_00000.png, frame_00001.png, ...
std::string frame_file_name(std::size_t k);

// Encodes frames 0 .. frames-1 of `frames_dir` at `fps` frames a second into `out`,
// atomically. Throws std::runtime_error with ffmpeg's last words when it fails.
void encode_movie(const std::filesystem::path& frames_dir, std::size_t frames, const std::filesystem::path& out,
                  double fps);

// Runs a program (searched on the PATH) with `args` (args[0] is its name), stdout and
// stderr to `log` (or /dev/null when empty); returns its exit status, -1 if it could
// not be started or was killed.
int run_program(const std::vector<std::string>& args, const std::filesystem::path& log = {});

}  // namespace floodtwin::viz
