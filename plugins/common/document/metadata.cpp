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
#include "published_date.h"
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
      while (i > 0 && is_white_space(s[i - 1]))
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
  while (i < s.size() && (is_white_space(s[i]) || s[i] == U'：' || s[i] == U':'))
    ++i;
  return i;
}

// A value found in a block, and the span of the text it was read from (label included).
struct Found {
  std::string value;
  std::size_t from = 0, to = 0;
};

std::optional<Found> read_phone(const std::u32string& s) {
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
      // A phone number: 7 to 12 digits (with an area code), or several numbers run together.
      if (digits >= 7) return Found{grid::trim(encode_utf8(phone)), s.rfind(label, i), k};
      if (i >= s.size()) break;
    }
  }
  return std::nullopt;
}

// What an address holds: a place (路, 街, 号, 楼…) and no words of a sentence about addresses
// ("公开机构地址、联系方式等信息" names the field, it is not one).
bool looks_like_address(const std::u32string& a) {
  if (a.size() < 4 || a.size() > 80) return false;
  const char32_t first = fold_digit(a.front());
  if (!is_cjk(first) && !is_ascii_digit(first)) return false;
  for (std::u32string_view not_an_address :
       {U"等信息", U"联系方式", U"等内容", U"信息公开", U"公开", U"。"})
    if (a.find(not_an_address) != std::u32string::npos) return false;
  static const std::u32string_view kPlaces = U"路街道号巷弄楼室层座厦场村镇乡区市县省院园";
  return std::any_of(a.begin(), a.end(),
                     [](char32_t c) { return kPlaces.find(c) != std::u32string_view::npos; });
}

std::optional<Found> read_address(const std::u32string& s) {
  static const std::u32string kEnd = U"，,；;。）)（(\n";
  for (std::u32string_view label : {U"联系地址", U"通讯地址", U"办公地址", U"地址"}) {
    for (std::size_t at = s.find(label); at != std::u32string::npos; at = s.find(label, at + 1)) {
      // A value follows the label's colon: "地址、联系方式" is a list of fields, not a value.
      std::size_t i = at + label.size();
      while (i < s.size() && is_white_space(s[i]))
        ++i;
      if (i >= s.size() || (s[i] != U'：' && s[i] != U':')) continue;
      ++i;
      while (i < s.size() && is_white_space(s[i]))
        ++i;
      std::size_t k = i;
      while (k < s.size() && kEnd.find(s[k]) == std::u32string::npos && k - i < 80)
        ++k;
      std::u32string address = s.substr(i, k - i);
      for (std::u32string_view next : {U"邮编", U"邮政编码", U"电话", U"联系电话"})
        if (auto cut = address.find(next); cut != std::u32string::npos) address.resize(cut);
      std::string out = grid::trim(encode_utf8(address));
      if (looks_like_address(decode_utf8(out))) return Found{out, at, i + address.size()};
    }
  }
  return std::nullopt;
}

std::optional<Found> read_postcode(const std::u32string& s) {
  for (std::u32string_view label : {U"邮政编码", U"邮编"}) {
    for (std::size_t i = after_label(s, label); i != std::u32string::npos;
         i = after_label(s, label, i)) {
      std::string code;
      std::size_t k = i;
      for (; k < s.size() && code.size() < 7; ++k) {
        char32_t c = fold_digit(s[k]);
        if (c < U'0' || c > U'9') break;
        code += static_cast<char>(c);
      }
      if (code.size() == 6) return Found{code, s.rfind(label, i), k};
      if (i >= s.size()) break;
    }
  }
  return std::nullopt;
}

// A name an agency could have: short, no sentence or field punctuation, no page chrome.
bool looks_like_agency(const std::string& name) {
  const std::u32string n = decode_utf8(name);
  if (n.size() < 2 || n.size() > kMaxAgencyLineChars) return false;
  if (n.find_first_of(U"：:，,。；;！!？?|｜>》《") != std::u32string::npos) return false;
  if (!is_cjk(n.front())) return false;
  for (std::u32string_view chrome : {U"当前位置", U"首页", U"年度报告", U"发布", U"来源", U"浏览"})
    if (n.find(chrome) != std::u32string::npos) return false;
  return std::count_if(n.begin(), n.end(), [](char32_t c) { return is_cjk(c); }) >= 2;
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
  while (i < s.size() && is_white_space(s[i]))
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
    m.sources["year"] = "title, " + cite(document.blocks[i], i, s, title->start, title->end);
    const std::string before = grid::trim(encode_utf8(s.substr(0, title->start)));
    const bool own_block = s.size() <= kMaxTitleChars && !has_sentence_end(s);
    std::string agency;
    std::string agency_source;
    if (own_block) {
      m.title_blocks = i + 1;
      agency = before;
      agency_source = "title, " + cite(document.blocks[i], i, s, 0, title->end);
      // The agency on the line above: "淮北市人民政府办公室（外事办公室）" / "2020年…年度报告".
      if (agency.empty() && i > 0 && heads[i - 1].size() <= kMaxAgencyLineChars &&
          !has_sentence_end(heads[i - 1])) {
        agency = grid::trim(encode_utf8(heads[i - 1]));
        agency_source =
            "the line above the title, " + cite(document.blocks[i - 1], i - 1, heads[i - 1]);
      }
    } else {
      agency = agency_before(s, title->start);
      // Cited from where the name begins: the chrome before it is no evidence.
      const std::size_t name = decode_utf8(agency).size();
      const std::size_t from = title->start - std::min(title->start, name);
      agency_source = "title, " + cite(document.blocks[i], i, s, from, title->end);
      // Web page chrome before the title ("当前位置：首页…"): the preamble starts at its first
      // sentence after the title. A sentence that names the report ("现公布…年度报告") is kept.
      std::size_t sentence = preamble_start(s, 0);
      if (sentence > title->start) {
        m.title_blocks = i;
        std::size_t start = preamble_start(s, title->end);
        m.preamble_offset = encode_utf8(s.substr(0, start)).size();
      }
    }
    if (looks_like_agency(agency)) {
      m.agency = agency;
      m.sources["agency.name"] = agency_source;
    }
    break;
  }
  // The period and the contact block: the opening part first.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < document.blocks.size(); ++i)
    if (i < opening) order.push_back(i);
  for (std::size_t i = opening; i < document.blocks.size(); ++i)
    order.push_back(i);
  auto take = [&](std::string& field, const char* key, std::size_t i, const std::u32string& s,
                  const std::optional<Found>& found) {
    if (!field.empty() || !found) return;
    field = found->value;
    m.sources[key] = cite(document.blocks[i], i, s, found->from, found->to);
  };
  std::string period_source;
  for (std::size_t i : order) {
    const std::u32string& s = heads[i];
    if (s.empty()) continue;
    if (m.period_from.empty())
      if (auto p = find_period(s)) {
        m.period_from = iso(p->first);
        m.period_to = iso(p->second);
        period_source =
            "statistical period, " + cite(document.blocks[i], i, s, p->first.start, p->second.end);
      }
    take(m.contact.phone, "contact.phone", i, s, read_phone(s));
    take(m.contact.address, "contact.address", i, s, read_address(s));
    take(m.contact.postcode, "contact.postcode", i, s, read_postcode(s));
  }
  // The publication date: the document's own, never a collector's, print or footer date.
  const PublishedDate published = read_published_date(document, heads, opening);
  m.published = published.date;
  m.dated_last_line = published.dated_last_line;
  if (!published.evidence.empty()) m.sources["published"] = published.evidence;
  if (!published.conflict.empty()) m.sources["published.conflict"] = published.conflict;
  if (!published.rejected.empty()) m.sources["published.rejected"] = published.rejected;
  if (m.agency.empty() && opening < document.blocks.size())
    for (std::size_t i = opening + 1; i < document.blocks.size() && m.agency.empty(); ++i)
      if (document.blocks[i].kind == Block::Kind::paragraph) {
        std::string name = agency_from_overview(heads[i]);
        if (looks_like_agency(name)) {
          m.agency = name;
          m.sources["agency.name"] = "overview, " + cite(document.blocks[i], i, heads[i], 0, 30);
        }
        break;
      }
  m.agency_kind = kind_of(m.agency);
  m.year = m.title_year;
  if (m.year == 0 && !m.period_to.empty()) {
    m.year = std::stoi(m.period_to.substr(0, 4));
    m.sources["year"] = period_source;
  }
  return m;
}

}  // namespace nianbao::document
