#pragma once
// Binary model files: a magic header, a kind name, a format version, a payload and a checksum.
// Private to the NLP code; numbers are written little-endian byte by byte so the files do not
// depend on the platform.
#include "factgraph/core/error.hpp"
#include "factgraph/nlp/perceptron.hpp"
#include "file_bytes.hpp"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace factgraph::nlp::model_io {

// 64-bit FNV-1a; `h` carries the checksum of the bytes before these (so pieces can be summed in turn).
inline std::uint64_t checksum(std::string_view bytes, std::uint64_t h = 0xcbf29ce484222325ULL) {
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

// Appends numbers and strings to a byte buffer.
class ByteWriter {
public:
    void u8(std::uint8_t v) { m_out.push_back(static_cast<char>(v)); }
    void u32(std::uint32_t v) {
        for (int i = 0; i < 4; ++i) u8(static_cast<std::uint8_t>(v >> (8 * i)));
    }
    void u64(std::uint64_t v) {
        for (int i = 0; i < 8; ++i) u8(static_cast<std::uint8_t>(v >> (8 * i)));
    }
    void f32(float v) {
        std::uint32_t bits;
        std::memcpy(&bits, &v, sizeof bits);
        u32(bits);
    }
    void varint(std::uint64_t v) {
        while (v >= 0x80) {
            u8(static_cast<std::uint8_t>(v | 0x80));
            v >>= 7;
        }
        u8(static_cast<std::uint8_t>(v));
    }
    void svarint(std::int64_t v) {
        varint((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));
    }
    void str(std::string_view s) {
        varint(s.size());
        m_out.append(s);
    }
    void raw(std::string_view s) { m_out.append(s); }
    const std::string& bytes() const { return m_out; }
    std::string& bytes() { return m_out; }

private:
    std::string m_out;
};

// Reads what ByteWriter wrote; any overrun throws ModelError naming the model.
class ByteReader {
public:
    ByteReader(std::string_view bytes, std::string what) : m_in(bytes), m_what(std::move(what)) {}
    std::uint8_t u8() {
        need(1);
        return static_cast<std::uint8_t>(m_in[m_pos++]);
    }
    std::uint32_t u32() {
        need(4);
        std::uint32_t v = 0;
        for (int i = 0; i < 4; ++i) v |= std::uint32_t(static_cast<std::uint8_t>(m_in[m_pos++])) << (8 * i);
        return v;
    }
    std::uint64_t u64() {
        need(8);
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i) v |= std::uint64_t(static_cast<std::uint8_t>(m_in[m_pos++])) << (8 * i);
        return v;
    }
    float f32() {
        std::uint32_t bits = u32();
        float v;
        std::memcpy(&v, &bits, sizeof v);
        return v;
    }
    [[gnu::always_inline]] std::uint64_t varint() {
        // The numbers of the model files (class and key deltas, weights) take one to three bytes:
        // those are decoded inline (as a call per number, varint() took an eighth of the loading).
        if (m_in.size() - m_pos >= 3) {
            const auto* p = reinterpret_cast<const unsigned char*>(m_in.data()) + m_pos;
            if (p[0] < 0x80) {
                m_pos += 1;
                return p[0];
            }
            if (p[1] < 0x80) {
                m_pos += 2;
                return std::uint64_t(p[0] & 0x7f) | std::uint64_t(p[1]) << 7;
            }
            if (p[2] < 0x80) {
                m_pos += 3;
                return std::uint64_t(p[0] & 0x7f) | std::uint64_t(p[1] & 0x7f) << 7 | std::uint64_t(p[2]) << 14;
            }
        }
        return long_varint();
    }
    [[gnu::always_inline]] std::int64_t svarint() {
        std::uint64_t v = varint();
        return static_cast<std::int64_t>(v >> 1) ^ -static_cast<std::int64_t>(v & 1);
    }
    std::string str() {
        std::uint64_t n = varint();
        need(n);
        std::string s(m_in.substr(m_pos, n));
        m_pos += n;
        return s;
    }
    std::string_view raw(std::size_t n) {
        need(n);
        std::string_view s = m_in.substr(m_pos, n);
        m_pos += n;
        return s;
    }
    // Bounds a count read from the file so a corrupt one cannot trigger a huge allocation.
    std::uint64_t count(std::uint64_t max) {
        std::uint64_t n = varint();
        if (n > max) fail("implausible count " + std::to_string(n));
        return n;
    }
    bool done() const { return m_pos == m_in.size(); }
    std::size_t remaining() const { return m_in.size() - m_pos; }
    [[noreturn]] void fail(const std::string& why) const {
        throw ModelError("corrupt model " + m_what + ": " + why);
    }
    const std::string& what() const { return m_what; }

private:
    [[gnu::noinline]] std::uint64_t long_varint() {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            std::uint8_t b = u8();
            v |= std::uint64_t(b & 0x7f) << shift;
            if (!(b & 0x80)) return v;
        }
        fail("bad variable-length number");
    }
    void need(std::uint64_t n) const {
        if (n > m_in.size() - m_pos) fail("unexpected end of data");
    }
    std::string_view m_in;
    std::size_t m_pos = 0;
    std::string m_what;
};

inline constexpr std::string_view kFileMagic = "FGMODEL1";

// Writes magic, kind, version, payload size, payload and its checksum to `path`.
inline void write_file(const std::string& path, std::string_view kind, std::uint32_t version,
                       std::string_view payload) {
    ByteWriter head;
    head.raw(kFileMagic);
    head.str(kind);
    head.u32(version);
    head.u64(payload.size());
    ByteWriter tail;
    tail.u64(checksum(payload));
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw ModelError("cannot write model file " + path);
    out.write(head.bytes().data(), static_cast<std::streamsize>(head.bytes().size()));
    out.write(payload.data(), static_cast<std::streamsize>(payload.size()));
    out.write(tail.bytes().data(), static_cast<std::streamsize>(tail.bytes().size()));
    if (!out) throw ModelError("cannot write model file " + path);
}

// Reads a file written by write_file(), checks kind, version (one of min_version..max_version,
// stored in *got if given) and checksum, returns the payload.
inline std::string read_file(const std::string& path, std::string_view kind, std::uint32_t min_version,
                             std::uint32_t max_version, std::uint32_t* got = nullptr) {
    std::string bytes = file_bytes(path, "cannot open model file " + path + " (missing? data/models/NOTICE.md says how to train it)",
                                   "model file " + path);
    ByteReader r(bytes, "file " + path);
    if (bytes.size() < kFileMagic.size() || std::string_view(bytes).substr(0, kFileMagic.size()) != kFileMagic)
        r.fail("not a factgraph model file (bad magic)");
    r.raw(kFileMagic.size());
    std::string got_kind = r.str();
    if (got_kind != kind) r.fail("holds a '" + got_kind + "' model, expected '" + std::string(kind) + "'");
    std::uint32_t got_version = r.u32();
    if (got_version < min_version || got_version > max_version)
        r.fail("format version " + std::to_string(got_version) + ", expected " +
               (min_version == max_version ? std::to_string(max_version)
                                           : std::to_string(min_version) + " to " + std::to_string(max_version)));
    if (got) *got = got_version;
    std::uint64_t size = r.u64();
    if (size + 8 != r.remaining()) r.fail("truncated or padded (size mismatch)");
    const std::size_t start = bytes.size() - r.remaining();
    r.raw(size);
    if (r.u64() != checksum(std::string_view(bytes).substr(start, size))) r.fail("checksum mismatch");
    bytes.erase(0, start);
    bytes.resize(size);
    return bytes;
}

// The kind name in the header of a file written by write_file() (for a loader that reads more
// than one kind), read from the file's first bytes only; throws ModelError naming the file if it
// is missing or no model file.
inline std::string file_kind(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ModelError("cannot open model file " + path + " (missing? data/models/NOTICE.md says how to train it)");
    std::string bytes(kFileMagic.size() + 2 + 16 * 1024, '\0');  // the magic, the name's length, a name
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    ByteReader r(bytes, "file " + path);
    if (bytes.size() < kFileMagic.size() || std::string_view(bytes).substr(0, kFileMagic.size()) != kFileMagic)
        r.fail("not a factgraph model file (bad magic)");
    r.raw(kFileMagic.size());
    return r.str();
}

inline std::string read_file(const std::string& path, std::string_view kind, std::uint32_t version) {
    return read_file(path, kind, version, version);
}

// The tagger's, parser's and arc labeller's files end with their classifier's block.
inline void append_classifier(ByteWriter& w, const Perceptron& model) {
    std::ostringstream block;
    model.save(block);
    w.raw(block.str());
}

// Reads the classifier block that ends the payload of a file read by read_file(); anything after it
// makes the file corrupt.
inline Perceptron read_last_classifier(ByteReader& r) {
    const std::string_view block = r.raw(r.remaining());
    std::size_t used = 0;
    // read_file() checked the file's checksum, which covers the block.
    Perceptron model = Perceptron::load(block, r.what(), &used, true);
    if (used != block.size()) r.fail("trailing bytes after the classifier");
    return model;
}

}  // namespace factgraph::nlp::model_io
