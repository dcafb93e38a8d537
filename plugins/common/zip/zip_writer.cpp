#include "zip_writer.h"

#include <zip.h>

#include <memory>
#include <stdexcept>

namespace nianbao::zip {

namespace {

// 1980-01-01 00:00, the earliest MS-DOS date: a fixed timestamp keeps the output reproducible.
constexpr zip_uint16_t kDosTime = 0;
constexpr zip_uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;

std::string error_text(zip_error_t* error) {
  std::string text = zip_error_strerror(error);
  zip_error_fini(error);
  return text;
}

// Writes the entries; those with a content of `known` are copied from its archive deflated.
std::string write(const std::vector<std::pair<std::string, std::string>>& entries,
                  const DeflatedContents* known) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* target = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!target) throw std::runtime_error("libzip: " + error_text(&error));
  zip_t* archive = zip_open_from_source(target, ZIP_TRUNCATE, &error);
  if (!archive) {
    zip_source_free(target);
    throw std::runtime_error("libzip: " + error_text(&error));
  }
  // Keep the target alive after zip_close() so the finished archive can be read back from it.
  zip_source_keep(target);
  std::unique_ptr<zip_source_t, void (*)(zip_source_t*)> target_guard(target, &zip_source_free);
  // The archive of the deflated contents, opened read-only for this call alone (a zip_t is not
  // to be shared between threads); it must stay open until the target is closed.
  std::unique_ptr<zip_t, void (*)(zip_t*)> deflated(nullptr, &zip_discard);
  if (known) {
    zip_source_t* source =
        zip_source_buffer_create(known->archive().data(), known->archive().size(), 0, &error);
    zip_t* opened = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
    if (!opened) {
      if (source) zip_source_free(source);
      zip_discard(archive);
      throw std::runtime_error("libzip: " + error_text(&error));
    }
    deflated.reset(opened);
  }
  zip_error_fini(&error);
  auto fail = [&](const std::string& what) {
    std::string text = what + ": " + zip_strerror(archive);
    zip_discard(archive);
    throw std::runtime_error("libzip: " + text);
  };
  for (const auto& [name, data] : entries) {
    const int prepared = known ? known->find(data) : -1;
    // ZIP_FL_COMPRESSED: the deflated bytes as they are, which libzip copies without inflating
    // and deflating them again, since the entry asks for the same method.
    zip_source_t* source =
        prepared >= 0 ? zip_source_zip(archive, deflated.get(), static_cast<zip_uint64_t>(prepared),
                                       ZIP_FL_COMPRESSED, 0, -1)
                      : zip_source_buffer(archive, data.data(), data.size(), 0);
    if (!source) fail(name);
    const zip_int64_t index = zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (index < 0) {
      zip_source_free(source);
      fail(name);
    }
    const auto at = static_cast<zip_uint64_t>(index);
    // zlib's default level, as word processors write: level 9 spent 40% more of the export's
    // time in deflate for a document 3% smaller (docs/performance.md).
    if (zip_set_file_compression(archive, at, ZIP_CM_DEFLATE, 6) != 0 ||
        zip_file_set_dostime(archive, at, kDosTime, kDosDate, 0) != 0)
      fail(name);
  }
  if (zip_close(archive) != 0) fail("close");

  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_source_stat(target, &stat) != 0 || !(stat.valid & ZIP_STAT_SIZE) ||
      zip_source_open(target) != 0)
    throw std::runtime_error("libzip: cannot read back the written archive");
  std::string out(static_cast<std::size_t>(stat.size), '\0');
  const zip_int64_t n = zip_source_read(target, out.data(), stat.size);
  zip_source_close(target);
  if (n < 0 || static_cast<zip_uint64_t>(n) != stat.size)
    throw std::runtime_error("libzip: cannot read back the written archive");
  return out;
}

}  // namespace

std::string write_archive(const std::vector<std::pair<std::string, std::string>>& entries) {
  return write(entries, nullptr);
}

DeflatedContents::DeflatedContents(std::vector<std::string> contents)
    : contents_(std::move(contents)) {
  std::vector<std::pair<std::string, std::string>> entries;
  for (std::size_t i = 0; i < contents_.size(); ++i)
    entries.emplace_back(std::to_string(i), contents_[i]);
  archive_ = write(entries, nullptr);
}

int DeflatedContents::find(std::string_view data) const {
  for (std::size_t i = 0; i < contents_.size(); ++i)
    if (contents_[i] == data) return static_cast<int>(i);
  return -1;
}

std::string write_archive(const std::vector<std::pair<std::string, std::string>>& entries,
                          const DeflatedContents& known) {
  return write(entries, &known);
}

}  // namespace nianbao::zip
