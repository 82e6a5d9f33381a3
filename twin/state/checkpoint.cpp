#include "twin/state/checkpoint.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <type_traits>

#include "grids/atomic_file.hpp"
#include "grids/write_error.hpp"

namespace floodtwin::twin {

namespace fs = std::filesystem;

namespace {

static_assert(std::numeric_limits<double>::is_iec559, "checkpoints store IEEE 754 doubles as raw bytes");

constexpr std::string_view kMagic = "FLOODTWIN-CKPT";
constexpr std::uint32_t kByteOrderMarker = 0x0A0B0C0DU;
constexpr std::uint64_t kHeaderBytes = kMagic.size() + sizeof(std::uint32_t) * 2 + sizeof(std::uint64_t);
constexpr std::uint64_t kTrailerBytes = sizeof(std::uint32_t);

using Tag = std::array<char, 4>;
constexpr Tag kTagMeta{'M', 'E', 'T', 'A'};
constexpr Tag kTagState{'S', 'T', 'A', 'T'};
constexpr Tag kTagLedger{'L', 'D', 'G', 'R'};
constexpr Tag kTagDiagnostics{'D', 'I', 'A', 'G'};
constexpr Tag kTagClock{'C', 'L', 'C', 'K'};
constexpr Tag kTagFaces{'F', 'A', 'C', 'E'};  // optional: the inertial scheme's face discharges
constexpr Tag kTagLinks{'L', 'I', 'N', 'K'};  // optional: weir links (breaches, detention inlets)

std::string tag_name(const Tag& tag) { return std::string(tag.data(), tag.size()); }

std::string grid_name(int nx, int ny) { return std::to_string(nx) + " x " + std::to_string(ny); }

[[noreturn]] void fail(const fs::path& path, const std::string& why) {
    throw std::runtime_error("checkpoint " + path.string() + ": " + why);
}

std::uint32_t byte_swapped(std::uint32_t v) {
    return (v >> 24) | ((v >> 8) & 0x0000FF00U) | ((v << 8) & 0x00FF0000U) | (v << 24);
}

// ---------------------------------------------------------------- CRC-32

// Table of the reflected IEEE 802.3 polynomial, one entry per byte value.
constexpr std::array<std::uint32_t, 256> make_crc_table() {
    std::array<std::uint32_t, 256> table{};
    for (std::uint32_t n = 0; n < 256; ++n) {
        std::uint32_t c = n;
        for (int k = 0; k < 8; ++k) c = (c & 1U) != 0 ? 0xEDB88320U ^ (c >> 1) : c >> 1;
        table[n] = c;
    }
    return table;
}
constexpr std::array<std::uint32_t, 256> kCrcTable = make_crc_table();

// Running CRC-32 with zlib's conventions (register starts at all ones, result
// inverted), so `python3 -c "import zlib; ..."` can check a file by hand.
class Crc32 {
public:
    void update(const void* data, std::size_t n) {
        const auto* p = static_cast<const unsigned char*>(data);
        for (std::size_t k = 0; k < n; ++k) m_reg = kCrcTable[(m_reg ^ p[k]) & 0xFFU] ^ (m_reg >> 8);
    }
    [[nodiscard]] std::uint32_t value() const { return ~m_reg; }

private:
    std::uint32_t m_reg = 0xFFFFFFFFU;
};

// ---------------------------------------------------------------- encoding

// The encoder runs through this first: section and file lengths go before their
// content, and counting is cheaper than holding a large grid's bytes in memory.
struct ByteCounter {
    std::uint64_t bytes = 0;
    void put(const void*, std::size_t n) { bytes += n; }
};

class FileSink {
public:
    explicit FileSink(std::ostream& out) : m_out(out) {}
    void put(const void* data, std::size_t n) {
        m_crc.update(data, n);
        m_out.write(static_cast<const char*>(data), static_cast<std::streamsize>(n));
    }
    [[nodiscard]] std::uint32_t crc() const { return m_crc.value(); }

private:
    std::ostream& m_out;
    Crc32 m_crc;
};

template <class Sink, class T>
void put_raw(Sink& s, const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    s.put(&v, sizeof v);
}

template <class Sink>
void put_u64(Sink& s, std::uint64_t v) {
    put_raw(s, v);
}

template <class Sink>
void put_string(Sink& s, std::string_view v) {
    put_u64(s, v.size());
    s.put(v.data(), v.size());
}

template <class Sink>
void put_doubles(Sink& s, const std::vector<double>& v) {
    put_u64(s, v.size());
    s.put(v.data(), v.size() * sizeof(double));
}

template <class Sink>
void put_accounts(Sink& s, const std::vector<hydro::FlowAccount>& accounts) {
    put_u64(s, accounts.size());
    for (const auto& a : accounts) {
        put_string(s, a.name);
        put_raw(s, a.in_m3);
        put_raw(s, a.out_m3);
    }
}

template <class Sink, class Payload>
void put_section(Sink& s, const Tag& tag, const Payload& payload) {
    ByteCounter length;
    payload(length);
    s.put(tag.data(), tag.size());
    put_u64(s, length.bytes);
    payload(s);
}

// The per-cell arrays of a snapshot, in file order (const for writing, mutable for reading).
template <class Snapshot>
auto state_fields(Snapshot& s) {
    return std::array{&s.state.h, &s.state.hu, &s.state.hv};
}
template <class Snapshot>
auto diagnostic_fields(Snapshot& s) {
    return std::array{&s.diagnostics.max_depth_m, &s.diagnostics.max_speed_m_s, &s.diagnostics.time_of_max_depth_s,
                      &s.diagnostics.arrival_time_s};
}
constexpr const char* kStateNames[] = {"h", "hu", "hv"};
constexpr const char* kDiagnosticNames[] = {"max_depth_m", "max_speed_m_s", "time_of_max_depth_s", "arrival_time_s"};

template <class Sink>
void put_body(Sink& s, const CheckpointMeta& meta, const hydro::Snapshot& snap) {
    put_section(s, kTagMeta, [&](auto& o) {
        put_string(o, meta.case_name);
        put_raw(o, static_cast<std::int32_t>(meta.nx));
        put_raw(o, static_cast<std::int32_t>(meta.ny));
        put_string(o, meta.start_iso);
        put_u64(o, meta.fingerprints.size());
        for (const auto& [part, value] : meta.fingerprints) {
            put_string(o, part);
            put_string(o, value);
        }
        const StateArchive& a = meta.state;
        put_u64(o, a.numbers.size());
        for (const auto& [key, value] : a.numbers) {
            put_string(o, key);
            put_raw(o, value);
        }
        put_u64(o, a.arrays.size());
        for (const auto& [key, values] : a.arrays) {
            put_string(o, key);
            put_doubles(o, values);
        }
        put_u64(o, a.texts.size());
        for (const auto& [key, text] : a.texts) {
            put_string(o, key);
            put_string(o, text);
        }
    });
    put_section(s, kTagState, [&](auto& o) {
        for (const auto* field : state_fields(snap)) put_doubles(o, *field);
    });
    put_section(s, kTagLedger, [&](auto& o) {
        put_raw(o, snap.ledger.initial_storage_m3);
        put_raw(o, snap.ledger.storage_m3);
        put_accounts(o, snap.ledger.boundaries);
        put_accounts(o, snap.ledger.point_inflows);
        put_raw(o, snap.ledger.rain_m3);
        put_raw(o, snap.ledger.loss_m3);
        put_raw(o, snap.ledger.positivity_added_m3);
    });
    put_section(s, kTagDiagnostics, [&](auto& o) {
        for (const auto* field : diagnostic_fields(snap)) put_doubles(o, *field);
    });
    put_section(s, kTagClock, [&](auto& o) {
        put_raw(o, snap.time_s);
        put_u64(o, snap.steps);
        put_raw(o, snap.next_speed);
        put_u64(o, snap.wet_rows.size());
        o.put(snap.wet_rows.data(), snap.wet_rows.size());
    });
    // Only the inertial scheme has face discharges: fv1 and fv2 checkpoints stay as they were.
    if (!snap.face_qx.empty() || !snap.face_qy.empty())
        put_section(s, kTagFaces, [&](auto& o) {
            put_doubles(o, snap.face_qx);
            put_doubles(o, snap.face_qy);
        });
    // Only a case with breaches or detention inlets has weir links.
    if (!snap.ledger.links.empty())
        put_section(s, kTagLinks, [&](auto& o) {
            put_u64(o, snap.ledger.links.size());
            for (std::size_t k = 0; k < snap.ledger.links.size(); ++k) {
                const hydro::TransferAccount& a = snap.ledger.links[k];
                put_string(o, a.name);
                for (double v : {a.a_to_b_m3, a.b_to_a_m3, a.discharge_m3_s, a.peak_m3_s,
                                 k < snap.link_opened_s.size() ? snap.link_opened_s[k]
                                                               : std::numeric_limits<double>::quiet_NaN()})
                    put_raw(o, v);
            }
        });
}

// Refuses, before anything is written, a snapshot the reader would refuse.
void check_fits(const fs::path& path, const CheckpointMeta& meta, const hydro::Snapshot& snap) {
    auto refuse = [&](const std::string& why) {
        throw std::invalid_argument("checkpoint " + path.string() + ": " + why);
    };
    if (meta.nx <= 0 || meta.ny <= 0) refuse("grid of " + grid_name(meta.nx, meta.ny) + " cells");
    const std::size_t cells = static_cast<std::size_t>(meta.nx) * static_cast<std::size_t>(meta.ny);
    auto check = [&](const std::vector<double>& v, const char* what) {
        if (v.size() != cells)
            refuse(std::string(what) + " holds " + std::to_string(v.size()) + " values, the " +
                   grid_name(meta.nx, meta.ny) + " grid has " + std::to_string(cells) + " cells");
    };
    for (std::size_t k = 0; k < std::size(kStateNames); ++k) check(*state_fields(snap)[k], kStateNames[k]);
    for (std::size_t k = 0; k < std::size(kDiagnosticNames); ++k)
        check(*diagnostic_fields(snap)[k], kDiagnosticNames[k]);
    if (snap.wet_rows.size() != static_cast<std::size_t>(meta.ny))
        refuse("wet_rows holds " + std::to_string(snap.wet_rows.size()) + " rows, the grid has " +
               std::to_string(meta.ny));
    const auto nx = static_cast<std::size_t>(meta.nx), ny = static_cast<std::size_t>(meta.ny);
    if ((!snap.face_qx.empty() || !snap.face_qy.empty()) &&
        (snap.face_qx.size() != (nx + 1) * ny || snap.face_qy.size() != nx * (ny + 1)))
        refuse("face discharges hold " + std::to_string(snap.face_qx.size()) + " and " +
               std::to_string(snap.face_qy.size()) + " values, the " + grid_name(meta.nx, meta.ny) + " grid has " +
               std::to_string((nx + 1) * ny) + " and " + std::to_string(nx * (ny + 1)) + " faces");
}

// A checkpoint is what a crash leaves behind: the rename of AtomicFile covers a killed
// process, but after a power loss the rename may reach the disk before the data does.
void flush_to_disk(const fs::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY);
    if (fd < 0) fail(file, "cannot reopen to flush it to disk: " + std::generic_category().message(errno));
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0) fail(file, "cannot flush to disk: " + std::generic_category().message(err));
}

// ---------------------------------------------------------------- decoding

// Reads the sections after the header. Every length is checked against the bytes
// left in its section before anything is allocated, so a malformed length fails
// with a message instead of a multi-exabyte allocation.
class Decoder {
public:
    Decoder(std::istream& in, const fs::path& path, std::uint64_t body_bytes)
        : m_in(in), m_path(path), m_body_left(body_bytes) {}

    void open_section(const Tag& tag) {
        const Tag found = open_next_section(tag_name(tag));
        if (found != tag) malformed("section " + tag_name(found) + " where section " + tag_name(tag) + " should be");
    }

    // The next section, whatever its tag (`expected` names it when none is left).
    Tag open_next_section(const std::string& expected) {
        m_section = expected;
        Tag found{};
        if (m_body_left < found.size() + sizeof(std::uint64_t))
            malformed("section " + m_section + " is missing");
        std::uint64_t length = 0;
        read_stream(found.data(), found.size());
        read_stream(&length, sizeof length);
        m_body_left -= found.size() + sizeof length;
        m_section = tag_name(found);
        if (length > m_body_left)
            malformed("section " + m_section + " announces " + std::to_string(length) + " bytes, only " +
                      std::to_string(m_body_left) + " are left");
        m_section_left = length;
        m_body_left -= length;
        return found;
    }

    void close_section() {
        if (m_section_left != 0)
            malformed("section " + m_section + " has " + std::to_string(m_section_left) + " bytes nobody reads");
    }

    [[nodiscard]] bool at_end() const { return m_body_left == 0; }

    void finish() const {
        if (m_body_left != 0) malformed(std::to_string(m_body_left) + " bytes after the last section");
    }

    template <class T>
    T get_raw(std::string_view what) {
        static_assert(std::is_trivially_copyable_v<T>);
        T v{};
        read(&v, sizeof v, what);
        return v;
    }

    std::uint64_t get_u64(std::string_view what) { return get_raw<std::uint64_t>(what); }
    double get_f64(std::string_view what) { return get_raw<double>(what); }

    // A count of entries, each at least `min_bytes_each` long.
    std::uint64_t get_count(std::string_view what, std::uint64_t min_bytes_each) {
        const std::uint64_t n = get_u64(what);
        if (n > m_section_left / min_bytes_each)
            malformed(std::string(what) + ": " + std::to_string(n) + " entries cannot fit in the " +
                      std::to_string(m_section_left) + " bytes left of section " + m_section);
        return n;
    }

    std::string get_string(std::string_view what) {
        const std::uint64_t n = get_count(what, 1);
        std::string s(n, '\0');
        read(s.data(), n, what);
        return s;
    }

    // `cells` set: the vector must hold exactly that many values (one per grid cell).
    std::vector<double> get_doubles(std::string_view what, std::optional<std::uint64_t> cells = std::nullopt) {
        const std::uint64_t n = get_u64(what);
        if (cells && n != *cells)
            malformed(std::string(what) + " holds " + std::to_string(n) + " values, the grid has " +
                      std::to_string(*cells) + " cells");
        if (n > m_section_left / sizeof(double))
            malformed(std::string(what) + ": " + std::to_string(n) + " values cannot fit in the " +
                      std::to_string(m_section_left) + " bytes left of section " + m_section);
        std::vector<double> v(n);
        read(v.data(), n * sizeof(double), what);
        return v;
    }

    std::vector<hydro::FlowAccount> get_accounts(std::string_view what) {
        // name length + in + out: 24 bytes at least.
        const std::uint64_t n = get_count(what, 3 * sizeof(std::uint64_t));
        std::vector<hydro::FlowAccount> accounts(n);
        for (auto& a : accounts) {
            a.name = get_string(what);
            a.in_m3 = get_f64(what);
            a.out_m3 = get_f64(what);
        }
        return accounts;
    }

    std::vector<unsigned char> get_bytes(std::string_view what, std::uint64_t expected) {
        const std::uint64_t n = get_u64(what);
        if (n != expected)
            malformed(std::string(what) + " holds " + std::to_string(n) + " entries, expected " +
                      std::to_string(expected));
        if (n > m_section_left) malformed(std::string(what) + " runs past the end of section " + m_section);
        std::vector<unsigned char> v(n);
        read(v.data(), n, what);
        return v;
    }

    [[noreturn]] void malformed(const std::string& why) const { fail(m_path, "malformed: " + why); }

private:
    void read(void* data, std::uint64_t n, std::string_view what) {
        if (n > m_section_left)
            malformed(std::string(what) + " runs past the end of section " + m_section);
        read_stream(data, n);
        m_section_left -= n;
    }

    void read_stream(void* data, std::uint64_t n) {
        if (n == 0) return;
        m_in.read(static_cast<char*>(data), static_cast<std::streamsize>(n));
        // The checksum matched a moment ago: a short read means the file changed under us.
        if (!m_in) fail(m_path, "read error (was the file changed while it was being read?)");
    }

    std::istream& m_in;
    const fs::path& m_path;
    std::uint64_t m_body_left;
    std::uint64_t m_section_left = 0;
    std::string m_section;
};

template <class T>
bool read_exact(std::istream& in, T& v) {
    in.read(reinterpret_cast<char*>(&v), sizeof v);
    return static_cast<bool>(in);
}

// Magic, byte order, version and length: the checks that say what the file is
// before the checksum says whether it is intact.
void check_header(std::istream& in, const fs::path& path, std::uint64_t file_bytes) {
    std::array<char, kMagic.size()> magic{};
    if (file_bytes < magic.size() || !read_exact(in, magic) ||
        std::string_view(magic.data(), magic.size()) != kMagic)
        fail(path, "not a floodtwin checkpoint (it does not start with \"" + std::string(kMagic) + "\")");
    if (file_bytes < kHeaderBytes + kTrailerBytes)
        fail(path, "truncated: " + std::to_string(file_bytes) + " bytes, shorter than the header and checksum");
    std::uint32_t marker = 0, version = 0;
    std::uint64_t length = 0;
    if (!read_exact(in, marker) || !read_exact(in, version) || !read_exact(in, length))
        fail(path, "cannot read the header");
    if (marker == byte_swapped(kByteOrderMarker))
        fail(path, "written on a machine of the other byte order; checkpoints are not portable across endianness");
    if (marker != kByteOrderMarker) fail(path, "corrupt: unknown byte-order marker in the header");
    if (version != checkpoint_format_version)
        fail(path, "unsupported format version " + std::to_string(version) + " (this build reads version " +
                       std::to_string(checkpoint_format_version) + ")");
    if (file_bytes < length)
        fail(path, "truncated: " + std::to_string(file_bytes) + " bytes of the " + std::to_string(length) +
                       " its header announces");
    if (file_bytes > length)
        fail(path, "corrupt: " + std::to_string(file_bytes) + " bytes, its header announces " +
                       std::to_string(length));
}

void check_checksum(std::istream& in, const fs::path& path, std::uint64_t file_bytes) {
    in.seekg(0);
    Crc32 crc;
    std::vector<char> chunk(std::size_t{1} << 20);
    for (std::uint64_t left = file_bytes - kTrailerBytes; left > 0;) {
        const std::uint64_t n = std::min<std::uint64_t>(left, chunk.size());
        in.read(chunk.data(), static_cast<std::streamsize>(n));
        if (!in) fail(path, "read error while checking its checksum");
        crc.update(chunk.data(), n);
        left -= n;
    }
    std::uint32_t stored = 0;
    if (!read_exact(in, stored)) fail(path, "read error while checking its checksum");
    if (stored != crc.value())
        fail(path, "corrupt: CRC-32 checksum mismatch (the file was damaged after it was written)");
}

Checkpoint decode(Decoder& d) {
    Checkpoint ck;
    CheckpointMeta& m = ck.meta;
    hydro::Snapshot& s = ck.snapshot;

    d.open_section(kTagMeta);
    m.case_name = d.get_string("case name");
    m.nx = d.get_raw<std::int32_t>("nx");
    m.ny = d.get_raw<std::int32_t>("ny");
    if (m.nx <= 0 || m.ny <= 0) d.malformed("grid of " + grid_name(m.nx, m.ny) + " cells");
    m.start_iso = d.get_string("start time");
    // Key length + value: 16 bytes at least per entry of each map.
    for (auto n = d.get_count("fingerprints", 16); n > 0; --n) {
        std::string part = d.get_string("fingerprint part");
        std::string value = d.get_string("fingerprint " + part);
        if (!m.fingerprints.emplace(std::move(part), std::move(value)).second) d.malformed("fingerprint repeated");
    }
    StateArchive& a = m.state;
    for (auto n = d.get_count("numbers", 16); n > 0; --n) {
        std::string key = d.get_string("number name");
        const double value = d.get_f64("number " + key);
        if (!a.numbers.emplace(std::move(key), value).second) d.malformed("number repeated");
    }
    for (auto n = d.get_count("arrays", 16); n > 0; --n) {
        std::string key = d.get_string("array name");
        std::vector<double> values = d.get_doubles("array " + key);
        if (!a.arrays.emplace(std::move(key), std::move(values)).second) d.malformed("array repeated");
    }
    for (auto n = d.get_count("texts", 16); n > 0; --n) {
        std::string key = d.get_string("text name");
        std::string text = d.get_string("text " + key);
        if (!a.texts.emplace(std::move(key), std::move(text)).second) d.malformed("text repeated");
    }
    d.close_section();

    const std::uint64_t cells = static_cast<std::uint64_t>(m.nx) * static_cast<std::uint64_t>(m.ny);
    d.open_section(kTagState);
    for (std::size_t k = 0; k < std::size(kStateNames); ++k)
        *state_fields(s)[k] = d.get_doubles(kStateNames[k], cells);
    d.close_section();

    d.open_section(kTagLedger);
    s.ledger.initial_storage_m3 = d.get_f64("initial storage");
    s.ledger.storage_m3 = d.get_f64("storage");
    s.ledger.boundaries = d.get_accounts("boundary accounts");
    s.ledger.point_inflows = d.get_accounts("point inflow accounts");
    s.ledger.rain_m3 = d.get_f64("rain volume");
    s.ledger.loss_m3 = d.get_f64("loss volume");
    s.ledger.positivity_added_m3 = d.get_f64("volume added at zero depth");
    d.close_section();

    d.open_section(kTagDiagnostics);
    for (std::size_t k = 0; k < std::size(kDiagnosticNames); ++k)
        *diagnostic_fields(s)[k] = d.get_doubles(kDiagnosticNames[k], cells);
    d.close_section();

    d.open_section(kTagClock);
    s.time_s = d.get_f64("time");
    s.steps = static_cast<std::size_t>(d.get_u64("steps"));
    s.next_speed = d.get_f64("next speed");
    s.wet_rows = d.get_bytes("wet_rows", static_cast<std::uint64_t>(m.ny));
    d.close_section();

    // The optional sections, each at most once, in this order: the face discharges of
    // the inertial scheme, the weir links.
    bool faces = false, links = false;
    while (!d.at_end()) {
        const Tag tag = d.open_next_section("FACE or LINK");
        if (tag == kTagFaces && !faces && !links) {
            const auto nx = static_cast<std::uint64_t>(m.nx), ny = static_cast<std::uint64_t>(m.ny);
            s.face_qx = d.get_doubles("face_qx", (nx + 1) * ny);
            s.face_qy = d.get_doubles("face_qy", nx * (ny + 1));
            faces = true;
        } else if (tag == kTagLinks && !links) {
            // name length + five numbers: 48 bytes at least.
            const std::uint64_t n = d.get_count("weir links", 6 * sizeof(std::uint64_t));
            for (std::uint64_t k = 0; k < n; ++k) {
                hydro::TransferAccount a;
                a.name = d.get_string("weir link name");
                a.a_to_b_m3 = d.get_f64("weir link volume");
                a.b_to_a_m3 = d.get_f64("weir link volume");
                a.discharge_m3_s = d.get_f64("weir link discharge");
                a.peak_m3_s = d.get_f64("weir link peak");
                s.link_opened_s.push_back(d.get_f64("weir link opening time"));
                s.ledger.links.push_back(std::move(a));
            }
            links = true;
        } else {
            d.malformed("section " + tag_name(tag) + " after the clock (expected FACE, then LINK, each at most once)");
        }
        d.close_section();
    }

    d.finish();
    return ck;
}

}  // namespace

// ---------------------------------------------------------------- API

void write_checkpoint(const fs::path& path, const CheckpointMeta& meta, const hydro::Snapshot& snapshot) {
    check_fits(path, meta, snapshot);
    ByteCounter body;
    put_body(body, meta, snapshot);
    const std::uint64_t file_bytes = kHeaderBytes + body.bytes + kTrailerBytes;

    grids::AtomicFile file(path);
    {
        std::ofstream out(file.temporary(), std::ios::binary | std::ios::trunc);
        if (!out) fail(file.temporary(), "cannot open for writing");
        FileSink sink(out);
        sink.put(kMagic.data(), kMagic.size());
        put_raw(sink, kByteOrderMarker);
        put_raw(sink, checkpoint_format_version);
        put_raw(sink, file_bytes);
        put_body(sink, meta, snapshot);
        const std::uint32_t crc = sink.crc();
        out.write(reinterpret_cast<const char*>(&crc), sizeof crc);
        out.close();
        if (!out) grids::throw_write_error(path, "checkpoint: write failed", errno);
    }
    flush_to_disk(file.temporary());
    file.commit();
}

Checkpoint read_checkpoint(const fs::path& path) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (!fs::exists(status)) fail(path, "no such file");
    if (!fs::is_regular_file(status)) fail(path, "not a regular file");
    const std::uint64_t file_bytes = fs::file_size(path, ec);
    if (ec) fail(path, "cannot read its size: " + ec.message());
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(path, "cannot open for reading");

    check_header(in, path, file_bytes);
    check_checksum(in, path, file_bytes);
    in.seekg(static_cast<std::streamoff>(kHeaderBytes));
    Decoder decoder(in, path, file_bytes - kHeaderBytes - kTrailerBytes);
    Checkpoint ck = decode(decoder);
    ck.meta.state.source = "checkpoint " + path.string();
    return ck;
}

void check_checkpoint_matches(const Checkpoint& ck, const fs::path& path, const CheckpointMeta& run,
                              const std::map<std::string, std::string>& parts) {
    const CheckpointMeta& m = ck.meta;
    if (m.nx != run.nx || m.ny != run.ny)
        fail(path, "its grid has " + grid_name(m.nx, m.ny) + " cells, this run's " + grid_name(run.nx, run.ny) +
                       " (checkpoint of case '" + m.case_name + "', this run is case '" + run.case_name + "')");
    std::string differs;
    for (const auto& [part, words] : parts) {
        const auto mine = run.fingerprints.find(part);
        const auto theirs = m.fingerprints.find(part);
        if (mine != run.fingerprints.end() && theirs != m.fingerprints.end() && mine->second == theirs->second) continue;
        differs += (differs.empty() ? "" : "; ") + part + " (" + words + ")";
    }
    if (differs.empty()) return;
    fail(path, "does not fit this run: it differs in " + differs + " (checkpoint of case '" + m.case_name +
                   "', this run is case '" + run.case_name + "')");
}

std::uint32_t file_crc32(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path.string() + ": cannot open to check its checksum");
    Crc32 crc;
    std::vector<char> chunk(std::size_t{1} << 20);
    while (in) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        crc.update(chunk.data(), static_cast<std::size_t>(in.gcount()));
    }
    if (!in.eof()) throw std::runtime_error(path.string() + ": read error while checking its checksum");
    return crc.value();
}

std::string fingerprint(std::string_view bytes) {
    // FNV-1a 64: offset basis and prime from the reference definition (Fowler, Noll, Vo).
    std::uint64_t hash = 0xCBF29CE484222325ULL;
    for (const char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001B3ULL;
    }
    constexpr std::string_view digits = "0123456789abcdef";
    std::string hex(16, '0');
    for (int k = 15; k >= 0; --k, hash >>= 4) hex[static_cast<std::size_t>(k)] = digits[hash & 0xFU];
    return hex;
}

}  // namespace floodtwin::twin
