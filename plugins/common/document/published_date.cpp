// The publication date from the document's own date (published_date.h). Every date the document
// prints near its title, in its page header, under its signature or in its markup is a candidate
// of a rank: 1 publish-date markup and 发布/公开 labels, 2 a bare 时间/日期 label or a date line
// under the title, 3 the document's own date (成文日期, 发文日期, the date under the signature).
// The best rank wins; when its candidates disagree the date cannot be told. Dates that say when
// someone else collected, printed or updated the page are kept apart, only to say why no date was
// taken.
#include "published_date.h"

#include <nianbao/text.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>

#include "grid/text.h"
#include "scan.h"

namespace nianbao::document {
namespace {

// Labels and blocks near the end: the page footer and the signature.
constexpr std::size_t kClosingBlocks = 12;
// Only this much of a block is cited as evidence.
constexpr std::size_t kCiteChars = 60;

enum class Kind { none, publication, bare, document, rejected };

struct Label {
  std::u32string_view text;
  Kind kind;
};

// Longer labels first: "公文生成日期" before "生成日期".
constexpr std::array kLabels = {
    Label{U"公文生成日期", Kind::document}, Label{U"发布时间", Kind::publication},
    Label{U"发布日期", Kind::publication},  Label{U"公开日期", Kind::publication},
    Label{U"公开时间", Kind::publication},  Label{U"上网时间", Kind::publication},
    Label{U"上网日期", Kind::publication},  Label{U"发稿时间", Kind::publication},
    Label{U"刊发时间", Kind::publication},  Label{U"成文日期", Kind::document},
    Label{U"成文时间", Kind::document},     Label{U"发文日期", Kind::document},
    Label{U"发文时间", Kind::document},     Label{U"印发日期", Kind::document},
    Label{U"签发日期", Kind::document},     Label{U"采集时间", Kind::rejected},
    Label{U"采集日期", Kind::rejected},     Label{U"抓取时间", Kind::rejected},
    Label{U"抓取日期", Kind::rejected},     Label{U"收集时间", Kind::rejected},
    Label{U"收录时间", Kind::rejected},     Label{U"入库时间", Kind::rejected},
    Label{U"归档时间", Kind::rejected},     Label{U"归档日期", Kind::rejected},
    Label{U"保存时间", Kind::rejected},     Label{U"保存日期", Kind::rejected},
    Label{U"打印时间", Kind::rejected},     Label{U"打印日期", Kind::rejected},
    Label{U"更新时间", Kind::rejected},     Label{U"更新日期", Kind::rejected},
    Label{U"修改时间", Kind::rejected},     Label{U"修改日期", Kind::rejected},
    Label{U"访问时间", Kind::rejected},     Label{U"访问日期", Kind::rejected},
    Label{U"下载时间", Kind::rejected},     Label{U"下载日期", Kind::rejected},
    Label{U"浏览时间", Kind::rejected},     Label{U"生效日期", Kind::rejected},
    Label{U"失效日期", Kind::rejected},     Label{U"截止日期", Kind::rejected},
    Label{U"截止时间", Kind::rejected},
};

// Names of publish-date markup (compared in lower case), and of markup that is an update time.
constexpr std::array<std::string_view, 13> kPublishMarkup = {
    "pubdate",        "publishdate",        "publish_date",
    "publish-date",   "publishtime",        "publish_time",
    "publishedtime",  "firstpublishedtime", "article:published_time",
    "dc.date.issued", "dcterms.issued",     "og:release_date",
    "datepublished"};
constexpr std::array<std::string_view, 5> kUpdateMarkup = {
    "lastmodifiedtime", "article:modified_time", "og:updated_time", "dcterms.modified",
    "updatetime"};

// Words after a bare date that make it no publication date: a page header's clock
// ("2025年12月30日 星期二"), a collector's or printer's note.
constexpr std::array<std::u32string_view, 12> kNotPublished = {U"星期", U"周一", U"周二", U"周三",
                                                               U"周四", U"周五", U"周六", U"周日",
                                                               U"采集", U"打印", U"更新", U"访问"};

struct Candidate {
  std::string date;
  int rank = 0;
  std::string evidence;
};

std::string iso(const DateAt& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool is_bullet(char32_t c) {
  return is_white_space(c) || std::u32string_view(U"•·●▪◆■-*").find(c) != std::u32string_view::npos;
}

bool is_open_bracket(char32_t c) {
  return std::u32string_view(U"(（【[").find(c) != std::u32string_view::npos;
}

bool is_close_bracket(char32_t c) {
  return std::u32string_view(U")）】]").find(c) != std::u32string_view::npos;
}

// The date that begins `s` at `i` (full-width digits and stray spaces allowed), if any.
std::optional<DateAt> date_at(const std::u32string& s, std::size_t i) {
  if (i >= s.size()) return std::nullopt;
  std::vector<DateAt> dates = find_dates(std::u32string_view(s).substr(i, 40));
  if (dates.empty() || dates.front().start != 0) return std::nullopt;
  DateAt d = dates.front();
  d.start += i;
  d.end += i;
  return d;
}

// After a date: a time of day ("16:35", "15:51:52", "16: 45").
std::size_t skip_time(const std::u32string& s, std::size_t i) {
  std::size_t k = i;
  while (k < s.size() && is_white_space(s[k]))
    ++k;
  std::size_t j = k;
  while (j < s.size() && (is_ascii_digit(fold_digit(s[j])) || s[j] == U':' || s[j] == U'：' ||
                          (s[j] == U' ' && j > k)))
    ++j;
  // Only a time with a colon; a lone number is something else.
  return std::u32string_view(s).substr(k, j - k).find_first_of(U":：") != std::u32string::npos ? j
                                                                                               : i;
}

// The label ending just before `at` (which holds "时间" or "日期"): its kind.
Kind label_kind(const std::u32string& s, std::size_t at) {
  std::size_t begin = at;
  while (begin > 0 && is_cjk(s[begin - 1]) && at - begin < 6)
    --begin;
  const std::u32string_view run = std::u32string_view(s).substr(begin, at + 2 - begin);
  for (const Label& l : kLabels)
    if (run.ends_with(l.text)) return l.kind;
  // "时间：", "日期:" on their own: no word before them.
  return begin == at ? Kind::bare : Kind::none;
}

// "来源：长江经济网": a page whose source is a news or copy site, not an agency; its 发布时间 is
// when that site posted its copy.
bool copy_site_source(const std::u32string& s) {
  for (std::size_t at = s.find(U"来源"); at != std::u32string::npos; at = s.find(U"来源", at + 1)) {
    std::size_t i = at + 2;
    while (i < s.size() && (is_white_space(s[i]) || s[i] == U'：' || s[i] == U':'))
      ++i;
    std::size_t k = i;
    while (k < s.size() && is_cjk(s[k]) && k - i < 30)
      ++k;
    const std::u32string_view name = std::u32string_view(s).substr(i, k - i);
    if (name.size() < 3 || !name.ends_with(U"网") || name.ends_with(U"政府网")) continue;
    static const std::u32string_view kAgencyChars = U"政府局委办厅院部署中心所站处科室馆";
    if (std::none_of(name.begin(), name.end(),
                     [](char32_t c) { return kAgencyChars.find(c) != std::u32string_view::npos; }))
      return true;
  }
  return false;
}

class Reader {
 public:
  Reader(const Document& document, const std::vector<std::u32string>& heads)
      : document_(document), heads_(heads) {}

  void markup() {
    for (const MarkupValue& m : document_.markup) {
      const std::string name = lower(m.name);
      const bool publish =
          std::find(kPublishMarkup.begin(), kPublishMarkup.end(), name) != kPublishMarkup.end();
      const bool update =
          std::find(kUpdateMarkup.begin(), kUpdateMarkup.end(), name) != kUpdateMarkup.end();
      if (!publish && !update) continue;
      const std::u32string content = decode_utf8(m.content);
      std::optional<DateAt> d = date_at(content, 0);
      if (!d) continue;
      if (publish)
        found_.push_back({iso(*d), 1, m.element});
      else
        rejected_.push_back(m.element);
    }
  }

  // The labelled dates of block `b`: "发布时间：2024-01-17", "日期: 2023-01-31", "公开日期: |
  // 2024-…", a label whose value is on the next line.
  void labels(std::size_t b) {
    const std::u32string& s = heads_[b];
    const bool copy_site = copy_site_source(s);
    for (std::u32string_view word : {U"时间", U"日期"})
      for (std::size_t at = s.find(word); at != std::u32string::npos; at = s.find(word, at + 1)) {
        const Kind kind = label_kind(s, at);
        if (kind == Kind::none) continue;
        std::size_t i = at + 2;
        while (i < s.size() && is_white_space(s[i]))
          ++i;
        if (i < s.size() && (s[i] == U'：' || s[i] == U':')) ++i;
        while (i < s.size() && (is_white_space(s[i]) || s[i] == U'|' || s[i] == U'｜'))
          ++i;
        std::string evidence;
        std::optional<DateAt> d;
        if (i >= s.size()) {
          // "发布日期：" / "2025-02-19": the value on the next line.
          if (std::optional<std::size_t> next = next_text(b)) {
            const std::u32string& n = heads_[*next];
            std::size_t k = 0;
            while (k < n.size() && is_bullet(n[k]))
              ++k;
            d = date_at(n, k);
            if (d)
              evidence = cite(document_.blocks[b], b, s, label_start(s, at)) + " / " +
                         cite(document_.blocks[*next], *next, n, 0, skip_time(n, d->end));
          }
        } else {
          d = date_at(s, i);
          if (d)
            evidence = cite(document_.blocks[b], b, s, label_start(s, at), skip_time(s, d->end));
        }
        if (!d) continue;
        if (kind == Kind::rejected) {
          rejected_.push_back(evidence);
        } else if (copy_site && kind != Kind::document) {
          // The whole line: the source that makes it a copy's date.
          rejected_.push_back(cite(document_.blocks[b], b, s));
        } else {
          found_.push_back({iso(*d),
                            kind == Kind::publication ? 1
                            : kind == Kind::bare      ? 2
                                                      : 3,
                            evidence});
        }
      }
  }

  // A date line near the title: "2023-01-28 16:35 武汉市自然资源和规划局", "(2010年3月10日)",
  // "• 2022-02-15", "2026年01月21日 来源: 上海普陀", "…年度报告 ( 2026-01-30 )".
  void date_line(std::size_t b) {
    const std::u32string& s = heads_[b];
    std::size_t i = 0;
    while (i < s.size() && (is_bullet(s[i]) || is_open_bracket(s[i])))
      ++i;
    std::optional<DateAt> d = date_at(s, i);
    if (!d) {
      // After the title: "…政府信息公开工作年度报告 2023-01-20", "…年度报告 ( 2025.01.13 )".
      const std::size_t title = s.rfind(U"年度报告");
      if (title == std::u32string::npos) return;
      i = title + 4;
      while (i < s.size() && (is_white_space(s[i]) || is_open_bracket(s[i])))
        ++i;
      d = date_at(s, i);
      if (!d) return;
      std::size_t k = skip_time(s, d->end);
      while (k < s.size() && (is_white_space(s[k]) || is_close_bracket(s[k])))
        ++k;
      if (k == s.size()) found_.push_back({iso(*d), 2, cite(document_.blocks[b], b, s)});
      return;
    }
    std::size_t k = skip_time(s, d->end);
    while (k < s.size() && (is_white_space(s[k]) || is_close_bracket(s[k])))
      ++k;
    const std::u32string_view rest = std::u32string_view(s).substr(k);
    const std::string evidence = cite(document_.blocks[b], b, s);
    for (std::u32string_view word : kNotPublished)
      if (rest.starts_with(word) || (rest.size() <= 12 && rest.find(word) != rest.npos)) {
        rejected_.push_back(evidence);
        return;
      }
    const bool source = rest.starts_with(U"来源") || rest.starts_with(U"信息来源");
    // An agency's name after the date, not a period ("…至2020年12月31日") or a sentence.
    const bool name = rest.size() <= 30 && rest.find_first_of(U"。，,；;：:、") == rest.npos &&
                      std::none_of(rest.begin(), rest.end(),
                                   [](char32_t c) { return is_ascii_digit(fold_digit(c)); }) &&
                      !rest.starts_with(U"至") && !rest.starts_with(U"到") &&
                      !rest.starts_with(U"起") && !rest.starts_with(U"前") &&
                      !rest.starts_with(U"以");
    if (rest.empty() || source || name) found_.push_back({iso(*d), 2, evidence});
  }

  // The date under the signature: the last line, a date and nothing else.
  bool signature(std::size_t b) {
    const std::u32string s = decode_utf8(grid::trim(document_.blocks[b].text));
    const std::vector<DateAt> dates = find_dates(s);
    if (s.size() > 16 || dates.size() != 1 || dates.front().start != 0 ||
        dates.front().end != s.size())
      return false;
    found_.push_back({iso(dates.front()), 3, cite(document_.blocks[b], b, s)});
    return true;
  }

  // "Copyright © 2024", "版权所有 2019-2024": a footer's year, only to say why no date was taken.
  void footer(std::size_t b) {
    const std::u32string& s = heads_[b];
    if (s.find(U"版权所有") == std::u32string::npos &&
        s.find(U"Copyright") == std::u32string::npos &&
        s.find(U"copyright") == std::u32string::npos && s.find(U'©') == std::u32string::npos)
      return;
    for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
      const bool year = (s[i] == U'1' || s[i] == U'2') &&
                        std::all_of(s.begin() + static_cast<std::ptrdiff_t>(i),
                                    s.begin() + static_cast<std::ptrdiff_t>(i + 4),
                                    [](char32_t c) { return is_ascii_digit(fold_digit(c)); });
      if (year) {
        // Once a line: the whole footer line, also where its 网站更新时间 was cited.
        const std::string place = place_of(document_.blocks[b], b) + ":";
        std::erase_if(rejected_, [&](const std::string& r) { return r.starts_with(place); });
        rejected_.push_back(cite(document_.blocks[b], b, s));
        return;
      }
    }
  }

  PublishedDate result(bool dated_last_line) const {
    PublishedDate out;
    out.dated_last_line = dated_last_line;
    int best = 0;
    for (const auto& c : found_)
      if (best == 0 || c.rank < best) best = c.rank;
    std::vector<const Candidate*> top;
    for (const auto& c : found_)
      if (c.rank == best && std::none_of(top.begin(), top.end(),
                                         [&](const Candidate* t) { return t->date == c.date; }))
        top.push_back(&c);
    auto join = [](const std::vector<std::string>& parts) {
      std::string s;
      for (const auto& p : parts)
        s += (s.empty() ? "" : "; ") + p;
      return s;
    };
    if (top.size() == 1) {
      out.date = top.front()->date;
      out.evidence = top.front()->evidence;
    } else if (top.size() > 1) {
      std::vector<std::string> parts;
      for (const auto* c : top)
        parts.push_back(c->evidence);
      out.conflict = join(parts);
    }
    if (out.date.empty() && out.conflict.empty()) out.rejected = join(rejected_);
    return out;
  }

 private:
  // Where the label that ends at `at` + 2 begins, for the citation.
  static std::size_t label_start(const std::u32string& s, std::size_t at) {
    std::size_t begin = at;
    while (begin > 0 && is_cjk(s[begin - 1]) && at - begin < 4)
      --begin;
    return begin;
  }

  std::optional<std::size_t> next_text(std::size_t b) const {
    for (std::size_t i = b + 1; i < heads_.size() && i <= b + 3; ++i) {
      if (document_.blocks[i].kind != Block::Kind::paragraph) return std::nullopt;
      if (!grid::trim(document_.blocks[i].text).empty()) return i;
    }
    return std::nullopt;
  }

  const Document& document_;
  const std::vector<std::u32string>& heads_;
  std::vector<Candidate> found_;
  std::vector<std::string> rejected_;
};

}  // namespace

std::string place_of(const Block& block, std::size_t index) {
  if (block.source.line > 0) return "line " + std::to_string(block.source.line);
  if (block.source.paragraph > 0) return "paragraph " + std::to_string(block.source.paragraph);
  if (!block.source.pointer.empty()) return block.source.pointer;
  return "block " + std::to_string(index + 1);
}

std::string cite(const Block& block, std::size_t index, const std::u32string& text,
                 std::size_t from, std::size_t to) {
  from = std::min(from, text.size());
  to = std::min({to, text.size(), from + kCiteChars});
  std::u32string quoted = text.substr(from, to - from);
  for (char32_t& c : quoted)
    if (c == U'\n' || c == U'\t') c = U' ';
  return place_of(block, index) + ": " + grid::trim(encode_utf8(quoted));
}

PublishedDate read_published_date(const Document& document,
                                  const std::vector<std::u32string>& heads, std::size_t opening) {
  Reader reader(document, heads);
  reader.markup();
  const std::size_t n = document.blocks.size();
  const std::size_t closing = n > kClosingBlocks ? n - kClosingBlocks : 0;
  for (std::size_t b = 0; b < n; ++b) {
    if (document.blocks[b].kind != Block::Kind::paragraph || heads[b].empty()) continue;
    if (b >= opening && b < closing) continue;
    reader.labels(b);
    if (b < opening) reader.date_line(b);
    reader.footer(b);
  }
  bool dated_last_line = false;
  for (std::size_t b = n; b-- > 0;) {
    const Block& block = document.blocks[b];
    if (block.kind != Block::Kind::paragraph || grid::trim(block.text).empty()) continue;
    if (b >= opening) dated_last_line = reader.signature(b);
    break;
  }
  return reader.result(dated_last_line);
}

}  // namespace nianbao::document
