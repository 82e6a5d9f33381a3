#pragma once
// Checkpoints: a solver Snapshot plus the rest of the run's state (StateArchive: the
// driver's clock, gauges, mass-balance rows, the river network and dispatch), written so
// that a run resumed from one ends bitwise identical to the run that was never
// interrupted, and so that a later case can start from one (a hot start).
//
// Doubles are stored as their raw bytes (never as text), so every value, NaN payloads
// and -0.0 included, comes back exactly. The bytes are in the writing machine's order:
// checkpoints are NOT portable across endianness; a reader on a machine of the other
// byte order refuses the file (the header carries a marker for that).
//
// Any build of the same format version reads a checkpoint (the format holds no
// pointer, padding or build-dependent layout); another version is refused by name.
// Version 2 added the fingerprints by part and the whole network state (version 1
// replayed the network from the outlet flows); version 3 keeps the run's maps in
// segments beside the checkpoints, each listed with its CRC-32, instead of a copy of
// the results so far in each (run.map_segments); older versions are refused.
//
// File layout, version 3 (integers unsigned unless marked i32; all in native order):
//
//   header   "FLOODTWIN-CKPT"            14 bytes, no terminator
//            u32 byte-order marker       0x0A0B0C0D as the writer stores it
//            u32 format version          3
//            u64 file length             every byte of the file, trailer included
//   sections each: 4-byte tag, u64 payload length, payload; in this order:
//     "META" case_name (str); nx, ny (i32); start_iso (str);
//            fingerprints: u64 count, then (str part, str fingerprint);
//            numbers: u64 count, then (str key, f64);
//            arrays:  u64 count, then (str key, f64 vector);
//            texts:   u64 count, then (str key, str value)
//     "STAT" h, hu, hv (f64 vectors of nx*ny)
//     "LDGR" initial_storage_m3, storage_m3 (f64);
//            boundaries, point_inflows: u64 count, then (str name, f64 in_m3, f64 out_m3);
//            rain_m3, loss_m3, positivity_added_m3 (f64)
//     "DIAG" max_depth_m, max_speed_m_s, time_of_max_depth_s, arrival_time_s (f64 vectors of nx*ny)
//     "CLCK" time_s (f64), steps (u64), next_speed (f64), wet_rows (u64 count = ny, then bytes)
//     "FACE" optional, the inertial scheme's only: face_qx ((nx+1)*ny), face_qy (nx*(ny+1))
//            (f64 vectors); absent in fv1 and fv2 checkpoints, which are unchanged
//     "LINK" optional, only with weir links (breaches, detention inlets): u64 count, then
//            (str name, f64 a_to_b_m3, b_to_a_m3, discharge_m3_s, peak_m3_s, opened_s
//            (NaN: not yet)); absent otherwise, so checkpoints of cases without stay as they were
//   trailer  u32 CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320, as zlib's crc32)
//            over every byte before it
//
//   str = u64 length + bytes (no terminator); f64 vector = u64 count + raw doubles.
//
// The reader checks, in this order, so that the message says what is really wrong:
// the file exists, magic, byte order, version, length (truncated), checksum (corrupt),
// then the structure (every length against the bytes left, arrays against nx*ny).
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "hydro/simulation.hpp"
#include "twin/state/state_archive.hpp"

namespace floodtwin::twin {

inline constexpr std::uint32_t checkpoint_format_version = 3;

// What the driver needs beside the solver state to continue a run, and what tells a
// checkpoint of this case from one of another.
struct CheckpointMeta {
    std::string case_name;
    int nx = 0;
    int ny = 0;
    std::string start_iso;  // the run's start time
    // What must match to continue from the checkpoint, by part ("grid", "boundaries",
    // "network", ...): fingerprint() of each; the caller computes them.
    std::map<std::string, std::string> fingerprints;
    StateArchive state;  // the driver's clock, gauges, network...: every part's own keys
};

struct Checkpoint {
    CheckpointMeta meta;
    hydro::Snapshot snapshot;
};

// Writes atomically (grids::AtomicFile): a failed write leaves any previous checkpoint
// at `path` untouched and no temporary file behind. Throws std::invalid_argument when
// the snapshot's arrays do not fit meta.nx x meta.ny (such a file could not be read
// back), std::runtime_error naming the file when writing fails.
void write_checkpoint(const std::filesystem::path& path, const CheckpointMeta& meta, const hydro::Snapshot& snapshot);

// Throws std::runtime_error naming the file and what is wrong: missing file, not a
// floodtwin checkpoint, other byte order, unsupported version, truncated, corrupt
// (checksum mismatch), malformed (lengths that do not add up, arrays that do not fit
// nx x ny). Reads the file twice (checksum first, then the content) so that a large
// checkpoint is never held twice in memory.
Checkpoint read_checkpoint(const std::filesystem::path& path);

// Throws std::runtime_error when the checkpoint does not fit this run: another grid
// size, or a fingerprint in `must_match` that differs (or is missing); the message
// names the file, each part that differs and what the part covers (`parts`: part ->
// words, e.g. "grid" -> "the DEM's size, position and heights").
void check_checkpoint_matches(const Checkpoint& ck, const std::filesystem::path& path, const CheckpointMeta& run,
                              const std::map<std::string, std::string>& parts);

// CRC-32 (as the trailer's) of the whole file at `path`; throws std::runtime_error
// naming it when it cannot be read. For the files a checkpoint depends on.
[[nodiscard]] std::uint32_t file_crc32(const std::filesystem::path& path);

// FNV-1a 64 of `bytes` as 16 lowercase hex digits: stable across runs, builds and
// machines, for case fingerprints. Not cryptographic: it tells cases apart, it does
// not defend against someone forging one.
std::string fingerprint(std::string_view bytes);

}  // namespace floodtwin::twin
