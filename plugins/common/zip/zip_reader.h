// Reading a zip archive held in memory, bounded, for every plugin that reads user files packed as
// zip (XLSX and DOCX packages): the number of entries, each entry's and all entries' decompressed
// size and the compression ratio are limited; the declared sizes are checked before anything is
// inflated and the actual output is counted while inflating, so a lying header gets nothing more
// through. Entries that only make sense as an attack or that cannot be read (names with "..",
// absolute names, symbolic links, encrypted entries) make the whole archive unreadable.
//
// The reader knows no rule codes: a problem goes to the caller's callback as a Problem of some
// Kind, and each plugin turns it into its own InputError (XLSX-03, DOCX-02…).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct zip;

namespace nianbao {
class Registry;
}

namespace nianbao::zip {

/// What a reader is willing to read. The defaults suit office documents of a few dozen kilobytes
/// to a few megabytes, with a wide margin.
struct Limits {
  std::uint64_t max_entries = 10000;           ///< entries in the archive
  std::uint64_t max_entry_bytes = 64u << 20;   ///< decompressed bytes of one entry
  std::uint64_t max_total_bytes = 256u << 20;  ///< decompressed bytes of all entries read
  std::uint64_t max_ratio = 500;               ///< decompressed ÷ compressed size of one entry…
  std::uint64_t ratio_floor_bytes = 1u << 20;  ///< …once it is larger than this (small entries
                                               ///< compress absurdly well without being bombs)
};

/// `defaults` with the limits a user raised or lowered for this import (`--limit zip-entries=…`,
/// zip-entry-bytes, zip-total-bytes, zip-ratio: the importer options "limit.…", see
/// docs/limits.md).
Limits limits_from_options(Limits defaults, const std::map<std::string, std::string>& options);

/// Declares the four limits limits_from_options() reads, with the plugin's `defaults`: for the
/// register function of every plugin that reads zip packages with them.
void declare_limits(Registry& registry, const Limits& defaults);

/// A size as the importers' limit messages print it: "64 MiB", "1024+ MiB", "900 B".
std::string size_text(std::uint64_t bytes);

/// Why an archive or an entry cannot be read.
struct Problem {
  enum class Kind {
    not_a_zip,         ///< not a zip archive, or truncated or damaged beyond opening
    damaged,           ///< an entry cannot be decompressed (CRC error, bad data)
    too_many_entries,  ///< more entries than max_entries (actual: the count)
    entry_too_large,   ///< an entry declares more than max_entry_bytes (actual: the declared size)
    total_too_large,   ///< reading the entry would exceed max_total_bytes (actual: the total)
    ratio_too_high,    ///< the entry is compressed more than max_ratio (actual: the ratio, 0 for
                       ///< an entry of no compressed bytes)
    lying_size,        ///< the entry inflates to more than it declares (actual: the declared size)
    unsafe_name,       ///< an absolute entry name, or one with a ".." component
    symlink,           ///< an entry that is a symbolic link
    encrypted,         ///< an encrypted entry
  };
  Kind kind = Kind::not_a_zip;
  std::string entry;         ///< the entry concerned; empty for the archive as a whole
  std::string detail;        ///< libzip's description, when libzip found the problem
  std::uint64_t actual = 0;  ///< see Kind
  std::uint64_t limit = 0;   ///< the limit exceeded, for the limit kinds
};

/// The kind as a word for messages and logs ("not_a_zip", "unsafe_name"…).
const char* kind_name(Problem::Kind kind);

/// A read-only view of a zip archive in memory. Every problem is passed to the callback given to
/// the constructor, which must throw: the reader never returns partial data. Not thread-safe (it
/// counts what it has read); one reader per import.
class Reader {
 public:
  using Fail = std::function<void(const Problem&)>;

  /// `bytes` must outlive the reader. Checks the archive's consistency and every entry's name and
  /// kind; fails with not_a_zip, too_many_entries, unsafe_name, symlink or encrypted.
  Reader(std::string_view bytes, const Limits& limits, Fail fail);
  ~Reader();
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  /// Whether the archive has the entry (names compare without regard to case, as OOXML's do).
  bool contains(std::string_view name) const;
  /// The entry names, in the order of the archive's central directory.
  std::vector<std::string> names() const;
  /// The decompressed entry, or nullopt when there is no such entry. Fails with damaged or one of
  /// the limit kinds.
  std::optional<std::string> read(std::string_view name);

 private:
  [[noreturn]] void raise(Problem p) const;
  void check_entries();

  struct ::zip* archive_ = nullptr;
  Limits limits_;
  Fail fail_;
  std::uint64_t total_read_ = 0;
};

/// Whether an entry name could write outside the folder it is unpacked into: absolute ("/x",
/// "\x", "C:x") or with a ".." component (either slash counts as a separator).
bool is_unsafe_name(std::string_view name);

}  // namespace nianbao::zip
