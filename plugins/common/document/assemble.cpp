// The assembly of a report from a document's blocks: headings matched to the format's sections,
// paragraphs into sections, tables through the layout recogniser, metadata from the text, and an
// account of what a cut-off document lacks.
#include <nianbao/limits.h>
#include <nianbao/text.h>

#include <algorithm>
#include <set>

#include "document.h"
#include "grid/layout.h"
#include "grid/text.h"
#include "scan.h"

namespace nianbao::document {
namespace {

// Headings are short; longer paragraphs are prose even when they start with "一、".
constexpr std::size_t kMaxHeadingChars = 40;

Diagnostic make(const Codes& codes, const std::string& code, Severity severity,
                std::string message_id, SourceLocation where) {
  Diagnostic d;
  d.code = code;
  d.severity = severity;
  d.message_id = std::move(message_id);
  d.location.source = std::move(where);
  d.plugin = codes.plugin;
  return d;
}

// Edit distance between two short strings (headings), for typos such as "行政法复议".
std::size_t distance(const std::u32string& a, const std::u32string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

struct Heading {
  const SectionDef* section = nullptr;
  std::size_t index = 0;  // position of the section in the format
  Numbering numbering;
};

// A heading of one of the format's sections: numbered, short, matched by its words (the printed
// heading, a keyword, or the heading with a typo or two).
std::optional<Heading> match_heading(const FormatDefinition& f, const std::string& paragraph) {
  const std::string text = grid::trim(paragraph);
  std::u32string s = decode_utf8(text);
  if (s.empty() || s.size() > kMaxHeadingChars || s.find(U'。') != std::u32string::npos)
    return std::nullopt;
  Numbering n = numbering_of(s);
  if (n.style == NumberingStyle::none || n.value <= 0) return std::nullopt;
  const grid::PreparedLabel written = grid::prepare_label(text);
  const std::string words = grid::normalize_label(encode_utf8(s.substr(n.length)));
  std::vector<std::size_t> by_keyword;
  for (std::size_t i = 0; i < f.sections.size(); ++i) {
    const SectionDef& sd = f.sections[i];
    if (sd.heading.empty()) continue;
    if (grid::match_prepared(written, grid::prepare_label(sd.heading)) >= 2)
      return Heading{&sd, i, n};
    for (const auto& k : sd.keywords)
      if (!k.empty() && words.find(grid::normalize_label(k)) != std::string::npos) {
        by_keyword.push_back(i);
        break;
      }
  }
  // Several sections' words: the one the number points at, else the first.
  if (!by_keyword.empty()) {
    std::size_t chosen = by_keyword.front();
    for (std::size_t i : by_keyword)
      if (static_cast<int>(i) == n.value) chosen = i;
    return Heading{&f.sections[chosen], chosen, n};
  }
  const std::u32string w = decode_utf8(words);
  for (std::size_t i = 0; i < f.sections.size(); ++i) {
    const SectionDef& sd = f.sections[i];
    if (sd.heading.empty()) continue;
    const std::u32string h = grid::prepare_label(sd.heading).stripped;
    if (w.size() >= 4 && distance(w, h) <= std::max<std::size_t>(1, h.size() / 6))
      return Heading{&sd, i, n};
  }
  return std::nullopt;
}

const SectionDef* preamble_of(const FormatDefinition& f) {
  for (const auto& s : f.sections)
    if (s.heading.empty()) return &s;
  return nullptr;
}

// Where the closing lines begin (GB/T 9704's 落款 under the last section: the agency's name and
// the date, each a paragraph of its own), or the number of blocks when there are none. They are
// metadata (read_metadata takes the date as the publication date), not prose of the last section.
std::size_t closing_start(const Document& document, const Metadata& meta) {
  auto previous_text = [&](std::size_t before) {
    while (before-- > 0) {
      const Block& b = document.blocks[before];
      if (b.kind != Block::Kind::paragraph) return document.blocks.size();
      if (!grid::trim(b.text).empty()) return before;
    }
    return document.blocks.size();
  };
  const std::size_t date = previous_text(document.blocks.size());
  if (date == document.blocks.size() || !meta.dated_last_line) return document.blocks.size();
  const std::u32string s = decode_utf8(grid::trim(document.blocks[date].text));
  const std::vector<DateAt> dates = find_dates(s);
  if (s.size() > 16 || dates.size() != 1 || dates.front().start != 0 ||
      dates.front().end != s.size())
    return document.blocks.size();
  // The line above the date: the agency's name, or a short line that is no sentence.
  const std::size_t agency = previous_text(date);
  if (agency == document.blocks.size()) return date;
  const std::string name = grid::trim(document.blocks[agency].text);
  const std::u32string n = decode_utf8(name);
  const bool sentence = n.find_first_of(U"。；：;:，,") != std::u32string::npos;
  if (name == meta.agency || (n.size() <= 30 && !sentence && !looks_like_heading(name)))
    return agency;
  return date;
}

struct SectionsRead {
  std::vector<bool> heading_found;  // per section of the format
  std::size_t last_block = 0;       // the last block that holds anything of the report
};

SectionsRead read_sections(const Document& document, const Metadata& meta,
                           const FormatDefinition& f, const std::string& path, Report& report) {
  SectionsRead out;
  out.heading_found.assign(f.sections.size(), false);
  const SectionDef* current = preamble_of(f);
  std::optional<std::size_t> current_index;
  NumberingStyle style = NumberingStyle::none;
  int last_number = 0;
  const std::size_t closing = closing_start(document, meta);
  for (std::size_t b = 0; b < closing; ++b) {
    const Block& block = document.blocks[b];
    if (block.kind != Block::Kind::paragraph) continue;
    if (b < meta.title_blocks) continue;
    std::string text = block.text;
    if (b == meta.title_blocks && meta.preamble_offset > 0 && !current_index)
      text = text.substr(std::min(meta.preamble_offset, text.size()));
    text = grid::trim(text);
    if (text.empty()) continue;
    if (auto h = match_heading(f, text)) {
      // Headings come in order and are numbered alike: "（一）主动公开情况" inside 总体情况 is
      // a sub-heading, not part 二.
      const bool in_order = !current_index || h->index > *current_index;
      const bool same_style = style == NumberingStyle::none || h->numbering.style == style;
      if (in_order && same_style && h->numbering.value > last_number) {
        style = h->numbering.style;
        last_number = h->numbering.value;
        current = h->section;
        current_index = h->index;
        out.heading_found[h->index] = true;
        out.last_block = b;
        continue;
      }
    }
    if (!current) continue;
    Paragraph p;
    p.text = text;
    p.source = block.source;
    p.source.file = path;
    report.section(current->key).paragraphs.push_back(std::move(p));
    out.last_block = b;
  }
  return out;
}

// What a web page prints after the report ("附件下载", "打印本页"): not part of its last paragraph.
void strip_page_chrome(Report& report) {
  static const std::vector<std::string> kChrome = {"附件下载",
                                                   "相关附件",
                                                   "相关链接",
                                                   "打印本页",
                                                   "关闭窗口",
                                                   "【打印】",
                                                   "【关闭】",
                                                   "[打印]",
                                                   "[关闭]",
                                                   "分享到",
                                                   "扫一扫在手机打开当前页"};
  if (report.sections.empty() || report.sections.back().paragraphs.empty()) return;
  auto& paragraphs = report.sections.back().paragraphs;
  if (paragraphs.size() > 1 &&
      std::find(kChrome.begin(), kChrome.end(), paragraphs.back().text) != kChrome.end())
    paragraphs.pop_back();
  std::string& text = paragraphs.back().text;
  for (bool again = true; again;) {
    again = false;
    for (const auto& c : kChrome)
      if (text.size() > c.size() && text.ends_with(c)) {
        text = grid::trim(text.substr(0, text.size() - c.size()));
        again = true;
      }
  }
}

std::string row_list(const std::vector<const RowDef*>& rows) {
  std::string out;
  for (const auto* r : rows)
    out += (out.empty() ? "" : ", ") + ("“" + r->label + "”");
  return out;
}

// A document that stops before the end of its report: what it read last and everything of the
// format after that point that it lacks.
std::optional<Diagnostic> truncation(const Document& document, const FormatDefinition& f,
                                     const SectionsRead& sections, const Report& report,
                                     const Codes& codes, const std::string& path) {
  if (codes.truncated.empty()) return std::nullopt;
  // The parts of the format in order: each section's heading, then its tables.
  struct Part {
    std::string text;                    // what it is, for the message
    bool table = false;                  // a table (else a part's heading)
    bool present = false;                // anything of it was read
    std::vector<const RowDef*> missing;  // a table's rows after its last row read
    bool complete = true;
    std::string last;  // a table's last row read
  };
  std::vector<Part> parts;
  for (std::size_t i = 0; i < f.sections.size(); ++i) {
    const SectionDef& s = f.sections[i];
    if (!s.heading.empty()) {
      Part p;
      p.text = s.heading;
      p.present = sections.heading_found[i];
      p.complete = p.present;
      parts.push_back(std::move(p));
    }
    for (const auto& t : f.tables) {
      if (t.section != s.key) continue;
      Part p;
      p.text = t.label;
      p.table = true;
      const Table* table = report.find_table(t.key);
      std::vector<const RowDef*> after;
      for (const auto& b : t.blocks)
        for (const auto& r : b.rows) {
          const TableRow* row = table ? table->find(r.key) : nullptr;
          if (row && !row->cells.empty()) {
            p.present = true;
            p.last = r.label;
            after.clear();
          } else {
            after.push_back(&r);
          }
        }
      p.missing = p.present ? after : std::vector<const RowDef*>{};
      p.complete = p.present && after.empty();
      parts.push_back(std::move(p));
    }
  }
  std::size_t last_present = 0;
  bool any = false;
  for (std::size_t i = 0; i < parts.size(); ++i)
    if (parts[i].present) {
      last_present = i;
      any = true;
    }
  if (!any) return std::nullopt;
  const Part& cut = parts[last_present];
  std::string rows = "—", tables, headings;
  if (!cut.missing.empty())
    rows =
        "“" + cut.text + "” (" + std::to_string(cut.missing.size()) + "): " + row_list(cut.missing);
  for (std::size_t i = last_present + 1; i < parts.size(); ++i) {
    std::string& list = parts[i].table ? tables : headings;
    list += (list.empty() ? "" : ", ") + ("“" + parts[i].text + "”");
  }
  if (cut.missing.empty() && tables.empty() && headings.empty()) return std::nullopt;
  std::string last = "“" + cut.text + "”";
  if (!cut.last.empty()) last += " “" + cut.last + "”";
  SourceLocation where = document.end;
  where.file = path;
  Diagnostic d = make(codes, codes.truncated, Severity::error, "document.truncated", where);
  d.arg("last", last)
      .arg("rows", rows)
      .arg("tables", tables.empty() ? "—" : tables)
      .arg("parts", headings.empty() ? "—" : headings);
  return d;
}

}  // namespace

ImportResult assemble_report(const Document& document, const InputFile& input,
                             const ImportContext& context, const Codes& codes,
                             std::vector<Diagnostic> notes) {
  ImportResult result;
  const Metadata meta = read_metadata(document);

  grid::Hints hints = grid::hints_from_options(context.options, codes.tables, input.path, notes);
  if (hints.year == 0) hints.year = meta.year;

  std::vector<grid::Sheet> sheets;
  for (const auto& b : document.blocks)
    if (b.kind == Block::Kind::table) sheets.push_back(b.table);
  grid::LayoutResult layout =
      grid::read_report(sheets, context.formats, hints, input.path, codes.tables);
  Report& report = layout.report;
  report.source.file = input.path;
  const FormatDefinition* format = context.formats.find(report.format);

  // Each value taken from the text, with where it was found.
  auto take = [&](std::string& field, const std::string& value, const char* key) {
    if (value.empty() || (!field.empty() && field != value)) return;
    field = value;
    if (auto at = meta.sources.find(key); at != meta.sources.end())
      report.metadata_sources[key] = at->second;
  };
  if (!meta.agency.empty()) report.agency.name.clear();
  take(report.agency.name, meta.agency, "agency.name");
  if (report.agency.kind.empty()) report.agency.kind = meta.agency_kind;
  take(report.contact.phone, meta.contact.phone, "contact.phone");
  take(report.contact.address, meta.contact.address, "contact.address");
  take(report.contact.postcode, meta.contact.postcode, "contact.postcode");
  take(report.published, meta.published, "published");
  // Why the date could not be told, for the checks to say (PUB-02).
  if (report.published.empty())
    for (const char* why : {"published.conflict", "published.rejected"})
      if (auto at = meta.sources.find(why); at != meta.sources.end())
        report.metadata_sources[why] = at->second;
  if (report.year == meta.year && meta.year != 0)
    if (auto at = meta.sources.find("year"); at != meta.sources.end())
      report.metadata_sources["year"] = at->second;
  // Only a code of a valid shape (6, 9 or 12 digits): the property is free text to an editor.
  const std::string& code = document.region_code;
  if (report.agency.region_code.empty() &&
      (code.size() == 6 || code.size() == 9 || code.size() == 12) &&
      std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    report.agency.region_code = code;
    report.metadata_sources["agency.region_code"] = document.region_code_source.empty()
                                                        ? "the file's region code property"
                                                        : document.region_code_source;
  }

  if (format) {
    SectionsRead sections = read_sections(document, meta, *format, input.path, report);
    // Sections in the format's order, as every importer gives them.
    std::vector<Section> ordered;
    for (const auto& sd : format->sections)
      for (auto& s : report.sections)
        if (s.key == sd.key) ordered.push_back(std::move(s));
    report.sections = std::move(ordered);
    strip_page_chrome(report);
    if (auto d = truncation(document, *format, sections, report, codes, input.path))
      layout.diagnostics.push_back(std::move(*d));
  }
  result.diagnostics = std::move(notes);
  for (auto& d : layout.diagnostics)
    result.diagnostics.push_back(std::move(d));
  result.report = std::move(report);
  return result;
}

RuleInfo format_found_rule(const std::string& code) {
  return {code,
          Severity::info,
          "按表格版式识别的格式",
          "the format read from the layout of the tables",
          "formats.md §2",
          {},
          true};
}

std::vector<RuleInfo> rules(const Codes& codes, const std::string& kind_zh,
                            const std::string& kind_en) {
  const std::string clause = "nianbao " + kind_zh + "导入";
  std::vector<RuleInfo> out = {
      {codes.tables.no_tables,
       Severity::error,
       kind_zh + "中没有找到年度报告的表格，或没有表头的表格无法唯一确定各数值所属的列",
       "no table of an annual report in " + kind_en +
           ", or a table without its header rows whose cells cannot be placed in one way only",
       "formats.md §4–§6",
       {},
       true},
      {codes.tables.ambiguous,
       Severity::error,
       kind_zh + "中的表格同时符合多个格式，无法确定",
       "the tables of " + kind_en + " fit several formats equally",
       "formats.md §2",
       {},
       true},
      {codes.tables.not_a_number,
       Severity::warning,
       kind_zh + "表格单元格的内容不是数字",
       "a table cell of " + kind_en + " is not a number",
       "formats.md §7",
       {},
       true},
      {codes.tables.metadata,
       Severity::warning,
       "元数据或年度选项无法使用（如找不到报告年度）",
       "a metadata entry or the year option cannot be used (e.g. no report year)",
       clause,
       {},
       true},
      {codes.truncated,
       Severity::error,
       kind_zh + "不完整：报告在中途中断，缺少其后的表格、行或部分",
       kind_en + " is cut off: the tables, rows or parts after the cut are missing",
       "formats.md §3–§6",
       {},
       true},
      {codes.tables.split_ambiguous,
       Severity::warning,
       "连在一起印出的数字无法按表内合计关系唯一拆分，按空白读取",
       "figures printed run together cannot be split in one way by the table's sums; read as "
       "blank",
       "formats.md §5–§6",
       {},
       true},
      {codes.tables.split_done,
       Severity::info,
       "连在一起印出的数字按表内合计关系唯一拆分（单元格标为 reconstructed）",
       "figures printed run together, split in the one way the table's sums allow (cells marked "
       "reconstructed)",
       "formats.md §5–§6",
       {},
       true},
  };
  // A code the importer does not use is not catalogued.
  out.erase(
      std::remove_if(out.begin(), out.end(), [](const RuleInfo& r) { return r.code.empty(); }),
      out.end());
  return out;
}

std::vector<MessageText> messages() {
  std::vector<MessageText> out = {
      {"document.truncated",
       "文档不完整，在 {last} "
       "之后中断。缺少的行：{rows}；缺少的表格：{tables}；缺少的部分：{parts}",
       "the document is cut off after {last}. Missing rows: {rows}; missing tables: {tables}; "
       "missing parts: {parts}"},
  };
  for (auto& m : grid::messages())
    out.push_back(std::move(m));
  return out;
}

}  // namespace nianbao::document
