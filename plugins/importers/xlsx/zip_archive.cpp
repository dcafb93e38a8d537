#include "zip_archive.h"

#include <zip.h>

#include <memory>
#include <vector>

#include "xlsx_limits.h"

namespace nianbao::xlsx {

ZipArchive::ZipArchive(std::string_view bytes, const std::string& path) : path_(path) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source) {
    archive_ = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (!archive_) zip_source_free(source);  // on success the archive owns the source
  }
  if (!archive_) {
    std::string detail = zip_error_strerror(&error);
    zip_error_fini(&error);
    fail(kNotXlsx, "xlsx.not_zip", path, {{"detail", detail}});
  }
  zip_error_fini(&error);
  zip_int64_t entries = zip_get_num_entries(archive_, 0);
  if (entries < 0 || static_cast<std::uint64_t>(entries) > kMaxEntries) {
    zip_discard(archive_);
    archive_ = nullptr;
    fail(kLimit, "xlsx.limit_entries", path,
         {{"count", std::to_string(entries)}, {"limit", std::to_string(kMaxEntries)}});
  }
}

ZipArchive::~ZipArchive() {
  if (archive_) zip_discard(archive_);  // read-only: nothing to write back
}

bool ZipArchive::has(const std::string& name) const {
  return zip_name_locate(archive_, name.c_str(), ZIP_FL_NOCASE) >= 0;
}

std::string ZipArchive::read(const std::string& name) {
  zip_int64_t index = zip_name_locate(archive_, name.c_str(), ZIP_FL_NOCASE);
  if (index < 0) fail(kBrokenWorkbook, "xlsx.missing_part", path_, {{"entry", name}});
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(archive_, static_cast<zip_uint64_t>(index), 0, &st) != 0 ||
      !(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE))
    fail(kNotXlsx, "xlsx.damaged_part", path_,
         {{"entry", name}, {"detail", zip_strerror(archive_)}});
  // The declared sizes first: a bomb is refused before a byte of it is inflated.
  if (st.size > kMaxEntryBytes)
    fail(kLimit, "xlsx.limit_entry_size", path_,
         {{"entry", name},
          {"limit", bytes_text(kMaxEntryBytes)},
          {"declared", bytes_text(st.size)}});
  if (st.size > kMaxTotalBytes - total_read_)
    fail(kLimit, "xlsx.limit_total_size", path_,
         {{"entry", name}, {"limit", bytes_text(kMaxTotalBytes)}});
  if (st.size > kRatioFloorBytes &&
      (st.comp_size == 0 || st.size / st.comp_size > kMaxCompressionRatio))
    fail(kLimit, "xlsx.limit_ratio", path_,
         {{"entry", name},
          {"ratio", st.comp_size ? std::to_string(st.size / st.comp_size) : std::string("∞")},
          {"limit", std::to_string(kMaxCompressionRatio)}});
  struct Closer {
    void operator()(zip_file_t* f) const { zip_fclose(f); }
  };
  std::unique_ptr<zip_file_t, Closer> file(
      zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0));
  if (!file)
    fail(kNotXlsx, "xlsx.damaged_part", path_,
         {{"entry", name}, {"detail", zip_strerror(archive_)}});
  // Read straight into the result (no buffer to clear and copy from), with room for one byte
  // more than declared, so that a part longer than its header says is caught.
  std::string out(static_cast<std::size_t>(st.size) + 1, '\0');
  std::size_t used = 0;
  for (;;) {
    zip_int64_t n = zip_fread(file.get(), out.data() + used, out.size() - used);
    if (n < 0)
      fail(kNotXlsx, "xlsx.damaged_part", path_,
           {{"entry", name}, {"detail", zip_file_strerror(file.get())}});
    if (n == 0) break;
    used += static_cast<std::size_t>(n);
    // Never more than the header declared: the limits above were checked against that.
    if (used > st.size)
      fail(kLimit, "xlsx.limit_lying_size", path_,
           {{"entry", name}, {"declared", std::to_string(st.size)}});
  }
  out.resize(used);
  total_read_ += out.size();
  return out;
}

}  // namespace nianbao::xlsx
