// Zip archives written byte by byte, for the tests of everything that reads zip files (the shared
// zip reader, the XLSX and DOCX importers): their headers say whatever a test needs — sizes that
// lie, a gigabyte that takes a megabyte, names with "..", symbolic links, the encryption flag —
// which no zip library would write. Header-only; link zlib.
#pragma once

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace raw_zip {

inline void put32(std::string& s, std::uint32_t v) {
  for (int i = 0; i < 4; ++i)
    s += static_cast<char>((v >> (8 * i)) & 0xFF);
}
inline void put16(std::string& s, std::uint16_t v) {
  s += static_cast<char>(v & 0xFF);
  s += static_cast<char>(v >> 8);
}

struct Entry {
  std::string name;
  std::string data;  // as stored (deflated when method is 8)
  std::uint16_t method = 0;
  std::uint32_t size = 0;  // the uncompressed size the headers declare
  std::uint32_t crc = 0;
  std::uint16_t flags = 0;     // general purpose bits: 0x1 = encrypted
  std::uint16_t made_by = 20;  // high byte 3 = Unix, whose attributes carry the file type
  std::uint32_t external_attributes = 0;
};

inline std::uint32_t crc_of(const std::string& data) {
  return static_cast<std::uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
}

inline Entry stored(const std::string& name, const std::string& data) {
  Entry e;
  e.name = name;
  e.data = data;
  e.size = static_cast<std::uint32_t>(data.size());
  e.crc = crc_of(data);
  return e;
}

/// An entry that Unix zip would write for a symbolic link to `target`.
inline Entry symlink(const std::string& name, const std::string& target) {
  Entry e = stored(name, target);
  e.made_by = (3 << 8) | 20;
  e.external_attributes = 0120777u << 16;
  return e;
}

/// The archive of the entries, in order, with a central directory.
inline std::string archive(const std::vector<Entry>& entries) {
  std::string out, central;
  for (const auto& e : entries) {
    std::uint32_t offset = static_cast<std::uint32_t>(out.size());
    put32(out, 0x04034b50);
    put16(out, 20);
    put16(out, e.flags);
    put16(out, e.method);
    put16(out, 0);
    put16(out, 0x21);
    put32(out, e.crc);
    put32(out, static_cast<std::uint32_t>(e.data.size()));
    put32(out, e.size);
    put16(out, static_cast<std::uint16_t>(e.name.size()));
    put16(out, 0);
    out += e.name + e.data;
    put32(central, 0x02014b50);
    put16(central, e.made_by);
    put16(central, 20);
    put16(central, e.flags);
    put16(central, e.method);
    put16(central, 0);
    put16(central, 0x21);
    put32(central, e.crc);
    put32(central, static_cast<std::uint32_t>(e.data.size()));
    put32(central, e.size);
    put16(central, static_cast<std::uint16_t>(e.name.size()));
    put16(central, 0);
    put16(central, 0);
    put16(central, 0);
    put16(central, 0);
    put32(central, e.external_attributes);
    put32(central, offset);
    central += e.name;
  }
  std::uint32_t cd_offset = static_cast<std::uint32_t>(out.size());
  out += central;
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<std::uint16_t>(std::min<std::size_t>(entries.size(), 0xFFFF)));
  put16(out, static_cast<std::uint16_t>(std::min<std::size_t>(entries.size(), 0xFFFF)));
  put32(out, static_cast<std::uint32_t>(central.size()));
  put32(out, cd_offset);
  put16(out, 0);
  return out;
}

/// `copies` repetitions of `chunk`, deflated without ever holding them: the chunk is compressed
/// once with a full flush (which makes its compressed form independent of what came before), the
/// result repeated, and an empty final block appended. The CRC is combined the same way.
inline Entry deflated_repeat(const std::string& name, const std::string& chunk,
                             std::uint32_t copies) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY), Z_OK);
  std::string block(compressBound(static_cast<uLong>(chunk.size())) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(chunk.data()));
  z.avail_in = static_cast<uInt>(chunk.size());
  z.next_out = reinterpret_cast<Bytef*>(block.data());
  z.avail_out = static_cast<uInt>(block.size());
  EXPECT_EQ(deflate(&z, Z_FULL_FLUSH), Z_OK);
  block.resize(block.size() - z.avail_out);
  deflateEnd(&z);
  Entry e;
  e.name = name;
  e.method = 8;
  for (std::uint32_t i = 0; i < copies; ++i)
    e.data += block;
  e.data += std::string("\x03\x00", 2);  // final block, empty
  uLong chunk_crc = crc_of(chunk);
  uLong crc = 0;
  for (std::uint32_t i = 0; i < copies; ++i)
    crc = crc32_combine(crc, chunk_crc, static_cast<z_off_t>(chunk.size()));
  e.crc = static_cast<std::uint32_t>(crc);
  e.size = static_cast<std::uint32_t>(static_cast<std::uint64_t>(chunk.size()) * copies);
  return e;
}

}  // namespace raw_zip
