// What poppler reads from a PDF page: its words with their boxes, the straight lines it draws
// (ruling lines of tables) and its text in physical layout (as `pdftotext -layout` prints it),
// whole or for a band of the page. Poppler's own C++ classes (Debian libpoppler-private-dev): its
// public C++ interface (poppler-cpp) gives text boxes but not the paths a page draws, and a
// table's borders are paths. One pass over the page's content gives all three.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "lattice.h"

namespace nianbao::pdf_import {

/// A page once read.
struct Page {
  double width = 0, height = 0;
  std::vector<Word> words;
  std::vector<Segment> segments;
  /// The page's text in physical layout within [y0, y1) of its height (UTF-8, no form feed).
  std::string text(double y0, double y1) const;
  std::string text() const { return text(0, height); }

  struct Impl;
  std::shared_ptr<Impl> impl;
};

/// An opened PDF. All use must hold poppler_lock() (poppler's global state is not thread-safe).
class PdfFile {
 public:
  enum class Status { ok, unreadable, encrypted };
  /// Opens the bytes (which must outlive the object).
  explicit PdfFile(std::string_view bytes);
  ~PdfFile();
  Status status() const { return status_; }
  int pages() const;
  /// Reads page `index` (0-based).
  Page page(int index) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  Status status_ = Status::unreadable;
};

std::mutex& poppler_lock();

}  // namespace nianbao::pdf_import
