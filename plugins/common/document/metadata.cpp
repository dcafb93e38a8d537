// The metadata a report prints about itself: the title (agency and year), the statistical period,
// the contact block of the preamble and a publication date. Scanned by hand rather than with
// std::regex: the text may be a hostile single line of 100 MB, and the regex engine recurses.
#include <nianbao/text.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <optional>

#include "document.h"
#include "grid/text.h"
#include "scan.h"

namespace nianbao::document {
namespace {

// Metadata sits near the start of a paragraph; longer paragraphs are only looked at this far.
constexpr std::size_t kScanChars = 20000;
// A title printed on its own is short; longer blocks are sentences that mention the report.
constexpr std::size_t kMaxTitleChars = 80;
// An agency name printed on a line of its own above the title.
constexpr std::size_t kMaxAgencyLineChars = 40;

const std::u32string kTitleTail = U"政府信息公开工作年度报告";

struct Title {
  std::size_t start = 0;  // where the year begins
  std::size_t end = 0;    // just after "年度报告"
  int year = 0;
};

// "…2020年政府信息公开工作年度报告", "2024 年政府…", "2021年度政府…": the year and where it is.
std::optional<Title> find_title(const std::u32string& s) {
  for (std::size_t at = s.find(kTitleTail); at != std::u32string::npos;
       at = s.find(kTitleTail, at + 1)) {
    std::size_t i = at;
    auto skip_spaces = [&] {
      while (i > 0 && is_space_char(s[i - 1]))
        --i;
    };
    skip_spaces();
    if (i > 0 && s[i - 1] == U'度') --i;
    if (i == 0 || s[i - 1] != U'年') continue;
    --i;
    skip_spaces();
    if (i < 4) continue;
    int year = 0;
    bool digits = true;
    for (std::size_t k = i - 4; k < i; ++k) {
      char32_t c = fold_digit(s[k]);
      digits = digits && c >= U'0' && c <= U'9';
      year = year * 10 + static_cast<int>(c - U'0');
    }
    if (!digits || (i > 4 && fold_digit(s[i - 5]) >= U'0' && fold_digit(s[i - 5]) <= U'9'))
      continue;
    if (year < 1990 || year > 2100) continue;
    return Title{i - 4, at + kTitleTail.size(), year};
  }
  return std::nullopt;
}

// The agency named just before a title inside a sentence: "…规定,现公布区统计局2023年…" →
// "区统计局"; "…年报 平潭综合实验区2021年度…" → "平潭综合实验区".
std::string agency_before(const std::u32string& s, std::size_t year_start) {
  static const std::u32string kStops = U" \t，,。；;：:、》）)！!？?>";
  std::size_t begin = year_start;
  while (begin > 0 && kStops.find(s[begin - 1]) == std::u32string::npos &&
         year_start - begin < kMaxAgencyLineChars)
    --begin;
  std::u32string name = s.substr(begin, year_start - begin);
  for (const std::u32string lead :
       {U"现予公布", U"现予发布", U"现公布", U"现发布", U"现将", U"特发布", U"公布", U"发布"})
    if (name.starts_with(lead)) {
      name.erase(0, lead.size());
      break;
    }
  return grid::trim(encode_utf8(name));
}

bool has_sentence_end(const std::u32string& s) {
  return s.find(U'。') != std::u32string::npos;
}

std::u32string head_of(const std::string& text) {
  std::u32string s = decode_utf8(std::string_view(text).substr(0, kScanChars * 4));
  if (s.size() > kScanChars) s.resize(kScanChars);
  return s;
}

std::string iso(const DateAt& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

// "统计期限自2020年1月1日起至2020年12月31日止": the first pair of dates, a year's start and end.
std::optional<std::pair<DateAt, DateAt>> find_period(const std::u32string& s) {
  std::vector<DateAt> dates = find_dates(s);
  for (std::size_t i = 0; i + 1 < dates.size(); ++i) {
    const DateAt& a = dates[i];
    const DateAt& b = dates[i + 1];
    if (b.start < a.end || b.start - a.end > 12) continue;
    if (a.month == 1 && a.day == 1 && b.month == 12 && b.day == 31) return std::pair{a, b};
  }
  return std::nullopt;
}

// The text after a label ("电话：", "地址:"), or npos.
std::size_t after_label(const std::u32string& s, std::u32string_view label, std::size_t from = 0) {
  std::size_t at = s.find(label, from);
  if (at == std::u32string::npos) return at;
  std::size_t i = at + label.size();
  // "电话/传真：", "电话（传真）：": the label shared with another.
  static const std::u32string_view kShared = U"/／、及和传真（）()";
  std::size_t k = i;
  while (k < s.size() && k - i < 6 && kShared.find(s[k]) != std::u32string_view::npos)
    ++k;
  if (k > i && k < s.size() && (s[k] == U'：' || s[k] == U':')) i = k;
  while (i < s.size() && (is_space_char(s[i]) || s[i] == U'：' || s[i] == U':'))
    ++i;
  return i;
}

std::string read_phone(const std::u32string& s) {
  for (std::u32string_view label : {U"联系电话", U"咨询电话", U"电话"}) {
    for (std::size_t i = after_label(s, label); i != std::u32string::npos;
         i = after_label(s, label, i)) {
      std::u32string phone;
      int digits = 0;
      std::size_t k = i;
      for (; k < s.size() && phone.size() < 24; ++k) {
        char32_t c = fold_digit(s[k]);
        if (c >= U'0' && c <= U'9') {
          ++digits;
          phone += c;
        } else if (c == U'-' || c == U'－' || c == U'—' || c == U'–') {
          phone += U'-';
        } else if (c == U' ' && k + 1 < s.size() && fold_digit(s[k + 1]) >= U'0' &&
                   fold_digit(s[k + 1]) <= U'9' && !phone.empty()) {
          phone += c;
        } else {
          break;
        }
      }
      if (digits >= 7) return grid::trim(encode_utf8(phone));
      if (i >= s.size()) break;
    }
  }
  return {};
}

std::string read_address(const std::u32string& s) {
  static const std::u32string kEnd = U"，,；;。）)（(\n";
  for (std::u32string_view label : {U"联系地址", U"通讯地址", U"办公地址", U"地址"}) {
    std::size_t i = after_label(s, label);
    if (i == std::u32string::npos) continue;
    std::size_t k = i;
    while (k < s.size() && kEnd.find(s[k]) == std::u32string::npos && k - i < 80)
      ++k;
    std::u32string address = s.substr(i, k - i);
    for (std::u32string_view next : {U"邮编", U"邮政编码", U"电话"})
      if (auto cut = address.find(next); cut != std::u32string::npos) address.resize(cut);
    std::string out = grid::trim(encode_utf8(address));
    if (!out.empty()) return out;
  }
  return {};
}

std::string read_postcode(const std::u32string& s) {
  for (std::u32string_view label : {U"邮政编码", U"邮编"}) {
    std::size_t i = after_label(s, label);
    if (i == std::u32string::npos) continue;
    std::string code;
    for (std::size_t k = i; k < s.size() && code.size() < 7; ++k) {
      char32_t c = fold_digit(s[k]);
      if (c < U'0' || c > U'9') break;
      code += static_cast<char>(c);
    }
    if (code.size() == 6) return code;
  }
  return {};
}

// A printed publication date: "发布时间：2022-02-08 16:34", "发布日期：2021年1月29日".
std::string read_published(const std::u32string& s) {
  for (std::u32string_view label :
       {U"发布时间", U"发布日期", U"公开日期", U"成文日期", U"时间", U"日期"}) {
    for (std::size_t at = s.find(label); at != std::u32string::npos; at = s.find(label, at + 1)) {
      std::size_t i = at + label.size();
      if (i >= s.size() || (s[i] != U'：' && s[i] != U':')) continue;
      ++i;
      while (i < s.size() && is_space_char(s[i]))
        ++i;
      std::vector<DateAt> dates = find_dates(s.substr(i, 24));
      if (!dates.empty() && dates.front().start == 0) return iso(dates.front());
    }
  }
  return {};
}

// The kind of reporter, told by its name: a people's government (or a zone's administration)
// reports as `government`, a township or street office as `township`, anything else (a bureau,
// an office, a commission) as `department`.
std::string kind_of(std::string name) {
  // "淮北市人民政府办公室（外事办公室）": the name without its note in brackets.
  std::u32string s = decode_utf8(name);
  while (!s.empty() && (s.back() == U'）' || s.back() == U')')) {
    auto open = s.find_last_of(U"（(");
    if (open == std::u32string::npos || open == 0) break;
    s.resize(open);
  }
  auto ends = [&](std::u32string_view tail) { return s.ends_with(tail); };
  if (s.empty()) return {};
  for (std::u32string_view t :
       {U"乡人民政府", U"镇人民政府", U"街道办事处", U"乡政府", U"镇政府", U"街道"})
    if (ends(t)) return "township";
  for (std::u32string_view t : {U"人民政府", U"管理委员会", U"管委会", U"实验区", U"新区",
                                U"开发区", U"自治州", U"自治县", U"省", U"市", U"县", U"区"})
    if (ends(t)) return "government";
  return "department";
}

// The first paragraph of 总体情况 often names the reporter: "2022年，平潭综合实验区坚持…".
std::string agency_from_overview(const std::u32string& s) {
  std::size_t i = 0;
  int digits = 0;
  while (i < s.size() && digits < 4 && fold_digit(s[i]) >= U'0' && fold_digit(s[i]) <= U'9') {
    ++i;
    ++digits;
  }
  if (digits != 4) return {};
  while (i < s.size() && is_space_char(s[i]))
    ++i;
  if (i >= s.size() || s[i] != U'年') return {};
  ++i;
  if (i >= s.size() || (s[i] != U'，' && s[i] != U',')) return {};
  ++i;
  const std::size_t begin = i;
  static const std::u32string kStops = U"，,。；;";
  while (i < s.size() && kStops.find(s[i]) == std::u32string::npos && i - begin < 30)
    ++i;
  std::u32string clause = s.substr(begin, i - begin);
  std::size_t best = std::u32string::npos;
  for (std::u32string_view verb : {U"坚持", U"认真", U"深入", U"全面", U"紧紧", U"按照", U"持续",
                                   U"严格", U"高度", U"在", U"以"}) {
    auto at = clause.find(verb);
    if (at != std::u32string::npos && at >= 2 && at < best) best = at;
  }
  if (best == std::u32string::npos) return {};
  std::u32string name = clause.substr(0, best);
  // "我区", "本局", "市政府办公室": words for "we", not a name.
  if (name.starts_with(U"我") || name.starts_with(U"本") || name.size() < 3) return {};
  return encode_utf8(name);
}

// Where the preamble's own text begins after a title and web page chrome in one block.
std::size_t preamble_start(const std::u32string& s, std::size_t from) {
  std::size_t best = std::u32string::npos;
  for (std::u32string_view marker : {U"根据《", U"依据《", U"按照《", U"本报告", U"本年报"}) {
    auto at = s.find(marker, from);
    if (at < best) best = at;
  }
  return best == std::u32string::npos ? from : best;
}

}  // namespace

bool looks_like_heading(std::string_view text) {
  std::u32string s = decode_utf8(grid::trim(text));
  if (s.empty() || s.size() > 40 || has_sentence_end(s)) return false;
  return numbering_of(s).style != NumberingStyle::none;
}

Metadata read_metadata(const Document& document) {
  Metadata m;
  // The opening part: the blocks before the first heading.
  std::size_t opening = 0;
  while (opening < document.blocks.size()) {
    const Block& b = document.blocks[opening];
    if (b.kind == Block::Kind::paragraph && looks_like_heading(b.text) &&
        numbering_of(decode_utf8(grid::trim(b.text))).value == 1)
      break;
    ++opening;
  }
  std::vector<std::u32string> heads;  // the paragraphs' beginnings, decoded once
  heads.reserve(document.blocks.size());
  for (const auto& b : document.blocks)
    heads.push_back(b.kind == Block::Kind::paragraph ? head_of(b.text) : std::u32string());

  // The title: a block of its own, or inside a longer one.
  for (std::size_t i = 0; i < opening; ++i) {
    const std::u32string& s = heads[i];
    auto title = find_title(s);
    if (!title) continue;
    m.title_year = title->year;
    const std::string before = grid::trim(encode_utf8(s.substr(0, title->start)));
    const bool own_block = s.size() <= kMaxTitleChars && !has_sentence_end(s);
    if (own_block) {
      m.title_blocks = i + 1;
      m.agency = before;
      // The agency on the line above: "淮北市人民政府办公室（外事办公室）" / "2020年…年度报告".
      if (m.agency.empty() && i > 0 && heads[i - 1].size() <= kMaxAgencyLineChars &&
          !has_sentence_end(heads[i - 1]))
        m.agency = grid::trim(encode_utf8(heads[i - 1]));
    } else {
      m.agency = agency_before(s, title->start);
      // Web page chrome before the title ("当前位置：首页…"): the preamble starts at its first
      // sentence after the title. A sentence that names the report ("现公布…年度报告") is kept.
      std::size_t sentence = preamble_start(s, 0);
      if (sentence > title->start) {
        m.title_blocks = i;
        std::size_t start = preamble_start(s, title->end);
        m.preamble_offset = encode_utf8(s.substr(0, start)).size();
      }
    }
    break;
  }
  // The period, the contact block and the publication date: the opening part first.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < document.blocks.size(); ++i)
    if (i < opening) order.push_back(i);
  for (std::size_t i = opening; i < document.blocks.size(); ++i)
    order.push_back(i);
  for (std::size_t i : order) {
    const std::u32string& s = heads[i];
    if (s.empty()) continue;
    if (m.period_from.empty())
      if (auto p = find_period(s)) {
        m.period_from = iso(p->first);
        m.period_to = iso(p->second);
      }
    if (m.contact.phone.empty()) m.contact.phone = read_phone(s);
    if (m.contact.address.empty()) m.contact.address = read_address(s);
    if (m.contact.postcode.empty()) m.contact.postcode = read_postcode(s);
    if (m.published.empty()) m.published = read_published(s);
  }
  // A date on the last line, under the signature.
  if (m.published.empty())
    for (std::size_t i = document.blocks.size(); i-- > 0;) {
      const Block& b = document.blocks[i];
      if (b.kind != Block::Kind::paragraph || grid::trim(b.text).empty()) continue;
      std::u32string s = decode_utf8(grid::trim(b.text));
      std::vector<DateAt> dates = find_dates(s);
      if (s.size() <= 16 && dates.size() == 1 && dates.front().start == 0 &&
          dates.front().end == s.size())
        m.published = iso(dates.front());
      break;
    }
  if (m.agency.empty() && opening < document.blocks.size())
    for (std::size_t i = opening + 1; i < document.blocks.size() && m.agency.empty(); ++i)
      if (document.blocks[i].kind == Block::Kind::paragraph) {
        m.agency = agency_from_overview(heads[i]);
        break;
      }
  m.agency_kind = kind_of(m.agency);
  m.year = m.title_year;
  if (m.year == 0 && !m.period_to.empty()) m.year = std::stoi(m.period_to.substr(0, 4));
  return m;
}

}  // namespace nianbao::document
