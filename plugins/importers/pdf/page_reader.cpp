#include "page_reader.h"

#include <ErrorCodes.h>
#include <GfxState.h>
#include <GlobalParams.h>
#include <PDFDoc.h>
#include <Stream.h>
#include <TextOutputDev.h>
#include <goo/GooString.h>

#include <cmath>
#include <mutex>

namespace nianbao::pdf_import {

namespace {

// Poppler reports what it repairs on stderr; the importer says what matters itself.
void quiet(ErrorCategory, Goffset, const char*) {}

// A filled rectangle thinner than this is a line (Word and LibreOffice draw cell borders so).
constexpr double kThin = 3.0;
// Points closer than this along one axis make a straight line along the other.
constexpr double kStraight = 0.5;

// The text device, which also keeps the straight lines the page strokes or fills.
class PageDevice final : public TextOutputDev {
 public:
  PageDevice() : TextOutputDev(nullptr, true, 0, false, false) {}
  std::vector<Segment> segments;

  void stroke(GfxState* state) override {
    add(state, false);
    TextOutputDev::stroke(state);
  }
  void fill(GfxState* state) override {
    add(state, true);
    TextOutputDev::fill(state);
  }
  void eoFill(GfxState* state) override {
    add(state, true);
    TextOutputDev::eoFill(state);
  }

 private:
  void add(GfxState* state, bool filled) {
    const GfxPath* path = state->getPath();
    if (!path) return;
    for (int i = 0; i < path->getNumSubpaths() && segments.size() < kMaxSegments; ++i) {
      const GfxSubpath* sub = path->getSubpath(i);
      const int n = sub->getNumPoints();
      if (n < 2 || n > 64) continue;
      std::vector<std::pair<double, double>> points(static_cast<std::size_t>(n));
      bool curved = false;
      for (int k = 0; k < n; ++k) {
        state->transform(sub->getX(k), sub->getY(k), &points[static_cast<std::size_t>(k)].first,
                         &points[static_cast<std::size_t>(k)].second);
        curved = curved || sub->getCurve(k);
      }
      if (curved) continue;
      if (filled) {
        add_rectangle(points);
      } else {
        for (std::size_t k = 1; k < points.size(); ++k)
          add_line(points[k - 1], points[k]);
        if (sub->isClosed()) add_line(points.back(), points.front());
      }
    }
  }

  void add_line(std::pair<double, double> a, std::pair<double, double> b) {
    if (std::abs(a.second - b.second) < kStraight) {
      const double y = (a.second + b.second) / 2;
      segments.push_back({a.first, y, b.first, y});
    } else if (std::abs(a.first - b.first) < kStraight) {
      const double x = (a.first + b.first) / 2;
      segments.push_back({x, a.second, x, b.second});
    }
  }

  // A thin filled rectangle is its middle line; a wider one (a shaded cell, the page's
  // background) is no line at all.
  void add_rectangle(const std::vector<std::pair<double, double>>& points) {
    double x0 = points[0].first, x1 = x0, y0 = points[0].second, y1 = y0;
    for (const auto& [x, y] : points) {
      x0 = std::min(x0, x);
      x1 = std::max(x1, x);
      y0 = std::min(y0, y);
      y1 = std::max(y1, y);
    }
    for (const auto& [x, y] : points) {  // axis-parallel: every corner on the bounding box
      const bool on_x = std::abs(x - x0) < kStraight || std::abs(x - x1) < kStraight;
      const bool on_y = std::abs(y - y0) < kStraight || std::abs(y - y1) < kStraight;
      if (!on_x || !on_y) return;
    }
    const double w = x1 - x0, h = y1 - y0;
    if (h <= kThin && w > h) {
      segments.push_back({x0, (y0 + y1) / 2, x1, (y0 + y1) / 2});
    } else if (w <= kThin && h > w) {
      segments.push_back({(x0 + x1) / 2, y0, (x0 + x1) / 2, y1});
    }
  }
};

std::string text_of(GooString* s) {
  std::unique_ptr<GooString> owned(s);
  return owned ? owned->toStr() : std::string();
}

}  // namespace

struct Page::Impl {
  std::unique_ptr<PageDevice> device;
  double left = 0, right = 0;
};

std::string Page::text(double y0, double y1) const {
  if (!impl) return {};
  return text_of(impl->device->getText(impl->left, y0, impl->right, y1));
}

struct PdfFile::Impl {
  std::unique_ptr<PDFDoc> doc;
};

std::mutex& poppler_lock() {
  static std::mutex m;
  return m;
}

PdfFile::PdfFile(std::string_view bytes) : impl_(std::make_unique<Impl>()) {
  if (!globalParams) globalParams = std::make_unique<GlobalParams>();
  setErrorCallback(quiet);
  auto* stream =
      new MemStream(bytes.data(), 0, static_cast<Goffset>(bytes.size()), Object(objNull));
  impl_->doc = std::make_unique<PDFDoc>(stream);
  if (impl_->doc->isOk()) {
    status_ = Status::ok;
  } else {
    status_ = impl_->doc->getErrorCode() == errEncrypted ? Status::encrypted : Status::unreadable;
  }
}

PdfFile::~PdfFile() = default;

int PdfFile::pages() const {
  return status_ == Status::ok ? impl_->doc->getNumPages() : 0;
}

Page PdfFile::page(int index) const {
  Page page;
  page.impl = std::make_shared<Page::Impl>();
  page.impl->device = std::make_unique<PageDevice>();
  PageDevice& device = *page.impl->device;
  PDFDoc& doc = *impl_->doc;
  const int number = index + 1;
  doc.displayPage(&device, number, 72, 72, 0, false, true, false);
  const bool turned = doc.getPageRotate(number) == 90 || doc.getPageRotate(number) == 270;
  page.width = turned ? doc.getPageCropHeight(number) : doc.getPageCropWidth(number);
  page.height = turned ? doc.getPageCropWidth(number) : doc.getPageCropHeight(number);
  // What `pdftotext -layout` and poppler-cpp take as the page: its crop box.
  page.impl->left = 0;
  page.impl->right = page.width;
  page.segments = std::move(device.segments);
  const std::unique_ptr<TextWordList> list = device.makeWordList();
  for (int i = 0; list && i < list->getLength(); ++i) {
    const TextWord* w = list->get(i);
    Word word;
    word.text = text_of(w->getText());
    w->getBBox(&word.box.x0, &word.box.y0, &word.box.x1, &word.box.y1);
    if (!word.text.empty()) page.words.push_back(std::move(word));
  }
  return page;
}

}  // namespace nianbao::pdf_import
