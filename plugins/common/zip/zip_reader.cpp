#include "zip_reader.h"

#include <nianbao/limits.h>
#include <nianbao/plugin.h>

#include <zip.h>

#include <memory>
#include <stdexcept>
#include <utility>

namespace nianbao::zip {

std::string size_text(std::uint64_t bytes) {
  if (bytes >= (1u << 20) && bytes % (1u << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= (1u << 20)) return std::to_string(bytes / (1u << 20)) + "+ MiB";
  return std::to_string(bytes) + " B";
}

Limits limits_from_options(Limits defaults, const std::map<std::string, std::string>& options) {
  defaults.max_entries = limit_value(options, "zip-entries", defaults.max_entries);
  defaults.max_entry_bytes = limit_value(options, "zip-entry-bytes", defaults.max_entry_bytes);
  defaults.max_total_bytes = limit_value(options, "zip-total-bytes", defaults.max_total_bytes);
  defaults.max_ratio = limit_value(options, "zip-ratio", defaults.max_ratio);
  return defaults;
}

void declare_limits(Registry& registry, const Limits& defaults) {
  registry.add_limit(
      {"zip-entries", defaults.max_entries, "zip 包中的条目数", "entries in the zip package"});
  registry.add_limit({"zip-entry-bytes", defaults.max_entry_bytes,
                      "zip 包中一个部件解压后的字节数（先查声明的大小，解压时再数实际输出）",
                      "decompressed size of one part (the declared size is checked before "
                      "inflating, the actual output counted)"});
  registry.add_limit({"zip-total-bytes", defaults.max_total_bytes,
                      "zip 包中读取的全部部件解压后的字节数",
                      "decompressed bytes of all the parts read"});
  registry.add_limit({"zip-ratio", defaults.max_ratio, "超过 1 MiB 的部件的压缩比（防 zip 炸弹）",
                      "compression ratio of one part above 1 MiB (zip bombs)"});
}

namespace {

std::string error_text(zip_error_t* error) {
  std::string text = zip_error_strerror(error);
  zip_error_fini(error);
  return text;
}

Problem problem(Problem::Kind kind, std::string entry = {}, std::string detail = {}) {
  Problem p;
  p.kind = kind;
  p.entry = std::move(entry);
  p.detail = std::move(detail);
  return p;
}

bool is_separator(char c) {
  return c == '/' || c == '\\';
}

// Unix file type bits in the high half of the external attributes (as Info-ZIP stores st_mode).
constexpr std::uint32_t kUnixTypeMask = 0170000;
constexpr std::uint32_t kUnixSymlink = 0120000;

}  // namespace

const char* kind_name(Problem::Kind kind) {
  switch (kind) {
    case Problem::Kind::not_a_zip:
      return "not_a_zip";
    case Problem::Kind::damaged:
      return "damaged";
    case Problem::Kind::too_many_entries:
      return "too_many_entries";
    case Problem::Kind::entry_too_large:
      return "entry_too_large";
    case Problem::Kind::total_too_large:
      return "total_too_large";
    case Problem::Kind::ratio_too_high:
      return "ratio_too_high";
    case Problem::Kind::lying_size:
      return "lying_size";
    case Problem::Kind::unsafe_name:
      return "unsafe_name";
    case Problem::Kind::symlink:
      return "symlink";
    case Problem::Kind::encrypted:
      return "encrypted";
  }
  return "unknown";
}

bool is_unsafe_name(std::string_view name) {
  if (name.empty()) return false;
  if (is_separator(name.front())) return true;
  // "C:…", a Windows drive.
  if (name.size() >= 2 && name[1] == ':' &&
      ((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z')))
    return true;
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t end = start;
    while (end < name.size() && !is_separator(name[end]))
      ++end;
    if (name.substr(start, end - start) == "..") return true;
    start = end + 1;
  }
  return false;
}

Reader::Reader(std::string_view bytes, const Limits& limits, Fail fail)
    : limits_(limits), fail_(std::move(fail)) {
  // libzip opens no bytes at all as an archive of no entries; a file of no bytes is no archive.
  if (bytes.empty()) raise(problem(Problem::Kind::not_a_zip, {}, "empty file"));
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (!source) raise(problem(Problem::Kind::not_a_zip, {}, error_text(&error)));
  // ZIP_CHECKCONS: a truncated or spliced archive is refused at once, not halfway through.
  archive_ = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  if (!archive_) {
    zip_source_free(source);  // on success the archive owns the source
    raise(problem(Problem::Kind::not_a_zip, {}, error_text(&error)));
  }
  zip_error_fini(&error);
  try {
    check_entries();
  } catch (...) {
    zip_discard(archive_);
    archive_ = nullptr;
    throw;
  }
}

Reader::~Reader() {
  if (archive_) zip_discard(archive_);  // read-only: nothing to write back
}

void Reader::raise(Problem p) const {
  fail_(p);
  throw std::logic_error("zip::Reader: the failure callback must throw");
}

// Everything about an entry that makes the archive unfit to read, checked up front so that no
// entry of a hostile archive is ever used.
void Reader::check_entries() {
  const zip_int64_t entries = zip_get_num_entries(archive_, 0);
  if (entries < 0) raise(problem(Problem::Kind::not_a_zip, {}, zip_strerror(archive_)));
  if (static_cast<std::uint64_t>(entries) > limits_.max_entries) {
    Problem p = problem(Problem::Kind::too_many_entries);
    p.actual = static_cast<std::uint64_t>(entries);
    p.limit = limits_.max_entries;
    raise(std::move(p));
  }
  for (zip_uint64_t i = 0; i < static_cast<zip_uint64_t>(entries); ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(archive_, i, ZIP_FL_ENC_GUESS, &st) != 0 || !(st.valid & ZIP_STAT_NAME))
      raise(problem(Problem::Kind::not_a_zip, {}, zip_strerror(archive_)));
    const std::string name = st.name;
    if (is_unsafe_name(name)) raise(problem(Problem::Kind::unsafe_name, name));
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
      raise(problem(Problem::Kind::encrypted, name));
    zip_uint8_t opsys = 0;
    zip_uint32_t attributes = 0;
    if (zip_file_get_external_attributes(archive_, i, 0, &opsys, &attributes) == 0 &&
        opsys == ZIP_OPSYS_UNIX && ((attributes >> 16) & kUnixTypeMask) == kUnixSymlink)
      raise(problem(Problem::Kind::symlink, name));
  }
}

bool Reader::contains(std::string_view name) const {
  const std::string key(name);
  return zip_name_locate(archive_, key.c_str(), ZIP_FL_NOCASE) >= 0;
}

std::vector<std::string> Reader::names() const {
  std::vector<std::string> out;
  const zip_int64_t entries = zip_get_num_entries(archive_, 0);
  for (zip_int64_t i = 0; i < entries; ++i)
    if (const char* name = zip_get_name(archive_, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_GUESS))
      out.emplace_back(name);
  return out;
}

std::optional<std::string> Reader::read(std::string_view name) {
  const std::string key(name);
  const zip_int64_t index = zip_name_locate(archive_, key.c_str(), ZIP_FL_NOCASE);
  if (index < 0) return std::nullopt;
  const auto at = static_cast<zip_uint64_t>(index);
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(archive_, at, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE) ||
      !(st.valid & ZIP_STAT_COMP_SIZE))
    raise(problem(Problem::Kind::damaged, key, zip_strerror(archive_)));
  // The declared sizes first: a bomb is refused before a byte of it is inflated.
  auto limit = [&](Problem::Kind kind, std::uint64_t actual, std::uint64_t limit) {
    Problem p = problem(kind, key);
    p.actual = actual;
    p.limit = limit;
    raise(std::move(p));
  };
  if (st.size > limits_.max_entry_bytes)
    limit(Problem::Kind::entry_too_large, st.size, limits_.max_entry_bytes);
  if (st.size > limits_.max_total_bytes - total_read_)
    limit(Problem::Kind::total_too_large, total_read_ + st.size, limits_.max_total_bytes);
  if (st.size > limits_.ratio_floor_bytes &&
      (st.comp_size == 0 || st.size / st.comp_size > limits_.max_ratio))
    limit(Problem::Kind::ratio_too_high, st.comp_size ? st.size / st.comp_size : 0,
          limits_.max_ratio);
  std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> file(zip_fopen_index(archive_, at, 0),
                                                         &zip_fclose);
  if (!file) raise(problem(Problem::Kind::damaged, key, zip_strerror(archive_)));
  std::string out;
  out.reserve(static_cast<std::size_t>(st.size));
  std::vector<char> buffer(64 * 1024);
  for (;;) {
    const zip_int64_t n = zip_fread(file.get(), buffer.data(), buffer.size());
    if (n < 0) raise(problem(Problem::Kind::damaged, key, zip_file_strerror(file.get())));
    if (n == 0) break;
    // Never more than the header declared: the limits above were checked against that.
    if (out.size() + static_cast<std::size_t>(n) > st.size)
      limit(Problem::Kind::lying_size, st.size, st.size);
    out.append(buffer.data(), static_cast<std::size_t>(n));
  }
  total_read_ += out.size();
  return out;
}

}  // namespace nianbao::zip
