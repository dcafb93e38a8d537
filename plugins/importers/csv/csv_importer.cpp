// Importer for CSV files, in two forms:
//  - a table as printed (one table per file, or several stacked, as exported from a sheet):
//    the tables are found by their labels exactly as in an XLSX sheet (common/grid/layout.cpp);
//  - the long form, one cell per line under the header "table,row,column,value", with the keys of
//    the format ("applications,new,natural_person,36"); lines "meta,year,,2024" and
//    "section,overview,1,…" carry the metadata and the prose.
// The encoding is detected, and said (CSV-06): UTF-8 with or without a byte order mark, UTF-16
// with one (Excel's "Unicode text"), else GB18030 (which includes GBK and GB2312, the encodings of
// Chinese Excel and WPS); anything else is refused with the offset of the first byte that is
// neither (CSV-01).
#include <nianbao/importer_base.h>
#include <nianbao/limits.h>
#include <nianbao/text.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <set>

#include "grid/encoding.h"
#include "grid/layout.h"
#include "grid/template_labels.h"
#include "grid/text.h"

namespace {

using namespace nianbao;

constexpr const char* kPluginId = NIANBAO_PLUGIN_ID;
constexpr const char* kBadEncoding = "CSV-01";
constexpr const char* kMalformed = "CSV-02";
constexpr const char* kBadKey = "CSV-03";
constexpr const char* kNoTables = "CSV-04";
constexpr const char* kAmbiguous = "CSV-05";
constexpr const char* kDetected = "CSV-06";
constexpr const char* kNotANumber = "CSV-07";
constexpr const char* kBadEntry = "CSV-08";

// Bounds on what one file may hold (the input itself is at most 256 MiB, read by the host).
constexpr std::size_t kMaxRecords = 200000;
constexpr std::size_t kMaxFields = 16384;
// Fields of the whole file, empty ones included (",,,," is cheap to write, not to hold).
constexpr std::size_t kMaxTotalFields = 2000000;

// ---- encoding ----------------------------------------------------------------------------------

struct Decoded {
  std::string text;
  std::string encoding;  // as told to the user
};

Decoded decode(std::string_view bytes, const std::string& path) {
  grid::DecodedText decoded = grid::decode_text(bytes);
  if (!decoded.ok) {
    const std::size_t offset = decoded.bad_offset;
    Diagnostic e = input_diagnostic(kPluginId, kBadEncoding, Severity::error, "csv.bad_encoding",
                                    path, grid::line_at(bytes, offset));
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X",
                  offset < bytes.size() ? static_cast<unsigned char>(bytes[offset]) : 0);
    e.arg("offset", std::to_string(offset)).arg("byte", hex).arg("tried", decoded.tried);
    throw InputError(std::move(e));
  }
  // Control characters other than tab and line breaks: a binary file, not text.
  if (auto i = grid::first_control_character(decoded.text, false)) {
    Diagnostic e = input_diagnostic(kPluginId, kBadEncoding, Severity::error, "csv.binary", path,
                                    grid::line_at(decoded.text, *i));
    e.arg("offset", std::to_string(*i));
    throw InputError(std::move(e));
  }
  return {std::move(decoded.text), std::move(decoded.encoding)};
}

// ---- records -----------------------------------------------------------------------------------

struct Record {
  std::vector<std::string> fields;
  int line = 0;  // the line the record starts on
};

// The delimiter used most outside quotes in the first lines (a title line may have none).
char detect_delimiter(std::string_view text) {
  constexpr int kLinesLookedAt = 20;
  std::size_t counts[3] = {0, 0, 0};
  const char candidates[3] = {',', '\t', ';'};
  bool quoted = false;
  int lines = 0;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (!quoted && c == '\n' && ++lines == kLinesLookedAt) break;
    for (int k = 0; k < 3; ++k)
      if (!quoted && c == candidates[k]) ++counts[k];
  }
  int best = 0;
  for (int k = 1; k < 3; ++k)
    if (counts[k] > counts[best]) best = k;
  return candidates[best];
}

// RFC 4180, as spreadsheet programs write it: quoted fields may hold delimiters, doubled quotes and
// line breaks; lines end with CRLF, LF or CR.
std::vector<Record> parse_records(std::string_view text, char delimiter, const std::string& path) {
  std::vector<Record> records;
  Record current;
  std::string field;
  int line = 1;
  current.line = 1;
  std::size_t i = 0;
  std::size_t total_fields = 0;
  auto end_field = [&] {
    if (++total_fields > kMaxTotalFields) {
      Diagnostic d = input_diagnostic(kPluginId, kMalformed, Severity::error,
                                      "csv.limit_total_fields", path, line);
      d.arg("limit", std::to_string(kMaxTotalFields));
      throw InputError(std::move(d));
    }
    if (current.fields.size() >= kMaxFields) {
      Diagnostic d = input_diagnostic(kPluginId, kMalformed, Severity::error, "csv.limit_fields",
                                      path, current.line);
      d.arg("limit", std::to_string(kMaxFields));
      throw InputError(std::move(d));
    }
    current.fields.push_back(std::move(field));
    field.clear();
  };
  auto end_record = [&] {
    end_field();
    records.push_back(std::move(current));
    current = Record{};
    if (records.size() > kMaxRecords) {
      Diagnostic d =
          input_diagnostic(kPluginId, kMalformed, Severity::error, "csv.limit_records", path, line);
      d.arg("limit", std::to_string(kMaxRecords));
      throw InputError(std::move(d));
    }
  };
  auto newline_at = [&](std::size_t k) { return text[k] == '\n' || text[k] == '\r'; };
  auto skip_newline = [&] {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
    ++i;
    ++line;
  };
  while (i < text.size()) {
    if (field.empty() && text[i] == '"') {
      const int opened = line;
      ++i;
      for (;;) {
        if (i >= text.size()) {
          Diagnostic d = input_diagnostic(kPluginId, kMalformed, Severity::error,
                                          "csv.unterminated_quote", path, opened);
          throw InputError(std::move(d));
        }
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (newline_at(i)) {
          if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
          field += '\n';
          ++i;
          ++line;
          continue;
        }
        field += text[i++];
      }
      // Text after the closing quote is kept, as spreadsheet programs do.
      while (i < text.size() && text[i] != delimiter && !newline_at(i))
        field += text[i++];
    }
    if (i >= text.size()) break;
    if (text[i] == delimiter) {
      end_field();
      ++i;
    } else if (newline_at(i)) {
      end_record();
      skip_newline();
      current.line = line;
    } else {
      field += text[i++];
    }
  }
  if (!field.empty() || !current.fields.empty()) end_record();
  return records;
}

// ---- the long form -----------------------------------------------------------------------------

bool is_long_form_header(const Record& r) {
  static const char* kNames[] = {"table", "row", "column", "value"};
  if (r.fields.size() != 4) return false;
  for (std::size_t k = 0; k < 4; ++k) {
    std::string f = grid::trim(r.fields[k]);
    for (char& c : f)
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (f != kNames[k]) return false;
  }
  return true;
}

const char* kMetaKeys[] = {"format",          "year",
                           "published",       "agency.name",
                           "agency.kind",     "agency.region_code",
                           "contact.phone",   "contact.address",
                           "contact.postcode"};

class LongFormReader {
 public:
  LongFormReader(const std::vector<Record>& records, std::size_t header,
                 const ImportContext& context, const std::string& path, int year_hint,
                 std::string format_hint, std::vector<Diagnostic>& notes)
      : records_(records),
        header_(header),
        context_(context),
        path_(path),
        year_(year_hint),
        format_hint_(std::move(format_hint)),
        notes_(notes) {}

  Report read() {
    Report report;
    report.source.file = path_;
    // Metadata first: its format and year decide between formats that fit equally.
    for (std::size_t i = header_ + 1; i < records_.size(); ++i) {
      const Record& r = records_[i];
      if (blank(r)) continue;
      if (field(r, 0) == "meta") read_meta(r, report);
    }
    const FormatDefinition& format = choose_format();
    report.format = format.id;
    report.year = year_;
    std::set<std::tuple<std::string, std::string, std::string>> seen;
    for (std::size_t i = header_ + 1; i < records_.size(); ++i) {
      const Record& r = records_[i];
      if (blank(r)) continue;
      const std::string table = field(r, 0);
      if (table == "meta") continue;
      if (table == "section") {
        read_paragraph(r, i, format, report);
        continue;
      }
      const std::string row = field(r, 1), column = field(r, 2);
      const TableDef* t = format.find_table(table);
      const ColumnDef* c = t ? t->find_column(row, column) : nullptr;
      if (!c) bad_key(r, format);
      if (!seen.insert({table, row, column}).second) {
        Diagnostic d = input_diagnostic(kPluginId, kBadEntry, Severity::warning, "csv.duplicate",
                                        path_, r.line);
        d.arg("cell", table + "/" + row + "/" + column);
        notes_.push_back(std::move(d));
        continue;
      }
      const std::string value = r.fields.size() > 3 ? r.fields[3] : std::string();
      grid::ParsedCell parsed = grid::parse_cell_text(value, *c, std::nullopt);
      parsed.cell.source.file = path_;
      parsed.cell.source.line = r.line;
      parsed.cell.source.cell = grid::cell_name(static_cast<int>(i), 3);
      if (parsed.not_a_number) {
        Diagnostic d = input_diagnostic(kPluginId, kNotANumber, Severity::warning,
                                        "grid.not_a_number", path_, r.line);
        d.location.source.cell = parsed.cell.source.cell;
        d.location.logical.table = table;
        d.location.logical.row = row;
        d.location.logical.column = column;
        d.arg("cell", parsed.cell.source.cell).arg("text", parsed.cell.raw);
        notes_.push_back(std::move(d));
      }
      report.table(table).row(row).set(column, std::move(parsed.cell));
    }
    // Rows in the order of the format, as every importer gives them.
    for (auto& table : report.tables) {
      const TableDef* t = format.find_table(table.key);
      std::vector<TableRow> ordered;
      for (const auto& b : t->blocks)
        for (const auto& rd : b.rows)
          if (TableRow* row = table.find(rd.key)) ordered.push_back(std::move(*row));
      table.rows = std::move(ordered);
    }
    return report;
  }

 private:
  static bool blank(const Record& r) {
    return std::all_of(r.fields.begin(), r.fields.end(),
                       [](const std::string& f) { return grid::trim(f).empty(); });
  }
  static std::string field(const Record& r, std::size_t k) {
    return k < r.fields.size() ? grid::trim(r.fields[k]) : std::string();
  }

  void read_meta(const Record& r, Report& report) {
    const std::string key = field(r, 1);
    const std::string value = r.fields.size() > 3 ? grid::trim(r.fields[3]) : std::string();
    auto bad = [&](std::string expected) {
      Diagnostic d =
          input_diagnostic(kPluginId, kBadEntry, Severity::warning, "csv.bad_meta", path_, r.line);
      d.arg("key", key).arg("value", value).arg("expected", std::move(expected));
      notes_.push_back(std::move(d));
    };
    if (key == "format") {
      if (context_.formats.find(value)) {
        meta_format_ = value;
      } else {
        std::string known;
        for (const auto* f : context_.formats.all())
          known += (known.empty() ? "" : ", ") + f->id;
        bad(known);
      }
    } else if (key == "year") {
      auto y = grid::parse_stored_number(value);
      if (y && y->is_integer() && y->to_integer() >= 1990 && y->to_integer() <= 2100) {
        if (year_ == 0) year_ = static_cast<int>(y->to_integer());
      } else {
        bad("YYYY (2025)");
      }
    } else if (key == "published") {
      if (auto date = grid::parse_date_text(value))
        report.published = *date;
      else
        bad("YYYY-MM-DD (2025-01-20)");
    } else if (key == "agency.name") {
      report.agency.name = value;
    } else if (key == "agency.kind") {
      std::string kind;
      for (const auto& k : grid::kAgencyKinds)
        if (value == k.kind || grid::normalize_label(value) == grid::normalize_label(k.label))
          kind = std::string(k.kind);
      if (kind.empty()) bad("government, department, township, other");
      report.agency.kind = kind;
    } else if (key == "agency.region_code") {
      report.agency.region_code = value;
    } else if (key == "contact.phone") {
      report.contact.phone = value;
    } else if (key == "contact.address") {
      report.contact.address = value;
    } else if (key == "contact.postcode") {
      report.contact.postcode = value;
    } else {
      std::string keys;
      for (const char* k : kMetaKeys)
        keys += (keys.empty() ? "" : ", ") + std::string(k);
      Diagnostic d =
          input_diagnostic(kPluginId, kBadKey, Severity::error, "csv.unknown_meta", path_, r.line);
      d.arg("key", key).arg("keys", keys);
      throw InputError(std::move(d));
    }
  }

  void read_paragraph(const Record& r, std::size_t index, const FormatDefinition& format,
                      Report& report) {
    const std::string key = field(r, 1);
    if (!format.find_section(key)) {
      std::string keys;
      for (const auto& s : format.sections)
        keys += (keys.empty() ? "" : ", ") + s.key;
      Diagnostic d = input_diagnostic(kPluginId, kBadKey, Severity::error, "csv.unknown_section",
                                      path_, r.line);
      d.arg("key", key).arg("format", format.id).arg("keys", keys);
      throw InputError(std::move(d));
    }
    Paragraph p;
    p.text = r.fields.size() > 3 ? grid::trim(r.fields[3]) : std::string();
    p.source.file = path_;
    p.source.line = r.line;
    p.source.cell = grid::cell_name(static_cast<int>(index), 3);
    if (!p.text.empty()) report.section(key).paragraphs.push_back(std::move(p));
  }

  // The formats that have every table, row and column the file names.
  const FormatDefinition& choose_format() {
    std::vector<const FormatDefinition*> fitting;
    const FormatDefinition* closest = nullptr;
    std::size_t closest_misses = SIZE_MAX;
    for (const auto* f : context_.formats.all()) {
      std::size_t misses = 0;
      for (std::size_t i = header_ + 1; i < records_.size(); ++i) {
        const Record& r = records_[i];
        const std::string table = field(r, 0);
        if (blank(r) || table == "meta" || table == "section") continue;
        const TableDef* t = f->find_table(table);
        if (!t || !t->find_column(field(r, 1), field(r, 2))) ++misses;
      }
      if (misses == 0) fitting.push_back(f);
      if (misses < closest_misses) {
        closest_misses = misses;
        closest = f;
      }
    }
    const std::string wanted = !format_hint_.empty() ? format_hint_ : meta_format_;
    if (!wanted.empty()) {
      const FormatDefinition* f = context_.formats.find(wanted);
      if (f) {
        check_all(*f);
        return *f;
      }
    }
    if (fitting.empty()) {
      if (!closest) {
        Diagnostic d =
            input_diagnostic(kPluginId, kNoTables, Severity::error, "csv.no_formats", path_);
        throw InputError(std::move(d));
      }
      check_all(*closest);  // throws at the first line the closest format lacks
    }
    if (fitting.size() == 1) return *fitting.front();
    const FormatDefinition* by_year = year_ ? context_.formats.for_year(year_) : nullptr;
    for (const auto* f : fitting)
      if (f == by_year) return *f;
    std::string formats;
    for (const auto* f : fitting)
      formats += (formats.empty() ? "" : ", ") + f->id;
    Diagnostic d =
        input_diagnostic(kPluginId, kAmbiguous, Severity::error, "grid.ambiguous", path_);
    d.arg("formats", formats).arg("tables", "table,row,column,value");
    throw InputError(std::move(d));
  }

  void check_all(const FormatDefinition& f) {
    for (std::size_t i = header_ + 1; i < records_.size(); ++i) {
      const Record& r = records_[i];
      const std::string table = field(r, 0);
      if (blank(r) || table == "meta" || table == "section") continue;
      const TableDef* t = f.find_table(table);
      if (!t || !t->find_column(field(r, 1), field(r, 2))) bad_key(r, f);
    }
  }

  [[noreturn]] void bad_key(const Record& r, const FormatDefinition& f) {
    Diagnostic d =
        input_diagnostic(kPluginId, kBadKey, Severity::error, "csv.unknown_cell", path_, r.line);
    d.arg("table", field(r, 0))
        .arg("row", field(r, 1))
        .arg("column", field(r, 2))
        .arg("format", f.id);
    throw InputError(std::move(d));
  }

  const std::vector<Record>& records_;
  std::size_t header_;
  const ImportContext& context_;
  const std::string& path_;
  int year_;
  std::string format_hint_;
  std::string meta_format_;
  std::vector<Diagnostic>& notes_;
};

// ---- the importer ------------------------------------------------------------------------------

class CsvImporter final : public ImporterBase {
 public:
  CsvImporter() : ImporterBase(kPluginId, grid::kHintOptions) {}
  std::string id() const override { return "csv"; }
  std::string description() const override {
    return "CSV: tables as printed, or the long form table,row,column,value (UTF-8, GB18030)";
  }
  std::vector<std::string> extensions() const override { return {".csv", ".tsv"}; }

  int identify(std::string_view path, std::string_view head) const override {
    std::string_view h = head.starts_with("\xEF\xBB\xBF") ? head.substr(3) : head;
    if (h.starts_with("table,row,column,value")) return 100;
    if (has_extension(path, ".csv")) return 90;
    if (has_extension(path, ".tsv")) return 80;
    return 0;
  }

 private:
  ImportResult read_file(const InputFile& input, const ImportContext& context) const override {
    ImportResult result;
    std::vector<Diagnostic> notes;
    const grid::Codes codes{kPluginId, kDetected, kNoTables, kAmbiguous, kNotANumber,
                            kBadEntry, "",        "",        ""};
    grid::Hints hints = grid::hints_from_options(context.options, codes, input.path, notes);
    Decoded decoded = decode(input.bytes, input.path);
    const char delimiter = detect_delimiter(decoded.text);
    std::vector<Record> records = parse_records(decoded.text, delimiter, input.path);

    std::size_t header = 0;
    while (header < records.size() &&
           std::all_of(records[header].fields.begin(), records[header].fields.end(),
                       [](const std::string& f) { return grid::trim(f).empty(); }))
      ++header;
    const bool long_form = header < records.size() && is_long_form_header(records[header]);
    Report report;
    if (long_form) {
      int year = hints.year ? hints.year : grid::year_in_file_name(input.path);
      report =
          LongFormReader(records, header, context, input.path, year, hints.format, notes).read();
    } else {
      grid::Sheet sheet;
      for (std::size_t r = 0; r < records.size(); ++r)
        for (std::size_t c = 0; c < records[r].fields.size(); ++c) {
          if (grid::trim(records[r].fields[c]).empty()) continue;
          grid::GridCell& cell = sheet.put(static_cast<int>(r), static_cast<int>(c));
          cell.kind = grid::GridCell::Kind::text;
          cell.text = records[r].fields[c];
        }
      sheet.index_merges();
      grid::LayoutResult layout =
          grid::read_report({sheet}, context.formats, hints, input.path, codes, &labels_);
      report = std::move(layout.report);
      // A CSV file's places are lines: every cell reference gets the line its record starts on.
      auto line_of = [&](const std::string& cell) {
        std::size_t digits = cell.find_first_of("0123456789");
        if (digits == std::string::npos) return 0;
        std::size_t r = static_cast<std::size_t>(std::stoul(cell.substr(digits))) - 1;
        return r < records.size() ? records[r].line : 0;
      };
      for (auto& t : report.tables)
        for (auto& row : t.rows)
          for (auto& [key, cell] : row.cells)
            cell.source.line = line_of(cell.source.cell);
      for (auto& d : layout.diagnostics) {
        if (!d.location.source.cell.empty())
          d.location.source.line = line_of(d.location.source.cell);
        notes.push_back(std::move(d));
      }
    }
    Diagnostic detected =
        input_diagnostic(kPluginId, kDetected, Severity::info,
                         long_form ? "csv.detected_long" : "csv.detected_grid", input.path);
    detected.arg("encoding", decoded.encoding)
        .arg("delimiter", delimiter == '\t' ? "TAB" : std::string(1, delimiter));
    result.diagnostics.push_back(std::move(detected));
    for (auto& d : notes)
      result.diagnostics.push_back(std::move(d));
    result.report = std::move(report);
    return result;
  }

  // The formats' labels, prepared once for all the files this importer reads.
  mutable grid::LabelCache labels_;
};

void register_components(Registry& registry) {
  registry.add_importer(std::make_unique<CsvImporter>());
  const char* clause = "nianbao CSV 导入";
  const std::vector<RuleInfo> rules = {
      {kBadEncoding,
       Severity::error,
       "CSV 文件的编码无法识别（既不是 UTF-8 也不是 GB18030），或不是文本",
       "the CSV file is neither UTF-8 nor GB18030, or not text",
       clause,
       {},
       true},
      {kMalformed,
       Severity::error,
       "CSV 格式错误（引号未闭合）或超过行数、列数上限",
       "malformed CSV (an unclosed quote) or beyond the limit of lines or fields",
       clause,
       {},
       true},
      {kBadKey,
       Severity::error,
       "长表中有格式没有的表、行、列、部分或元数据键",
       "a table, row, column, section or metadata key of the long form that the format lacks",
       "formats.md §4–§6",
       {},
       true},
      {kNoTables,
       Severity::error,
       "CSV 中没有找到年度报告的表格",
       "no table of an annual report in the CSV file",
       "formats.md §4–§6",
       {},
       true},
      {kAmbiguous,
       Severity::error,
       "CSV 的表格同时符合多个格式，无法确定",
       "the CSV tables fit several formats equally",
       "formats.md §2",
       {},
       true},
      {kDetected,
       Severity::info,
       "识别出的编码、读法和格式",
       "the encoding, form and format detected",
       clause,
       {},
       true},
      {kNotANumber,
       Severity::warning,
       "CSV 单元格的内容不是数字",
       "a CSV cell is not a number",
       "formats.md §7",
       {},
       true},
      {kBadEntry,
       Severity::warning,
       "元数据、年度选项或重复的单元格无法使用",
       "a metadata entry, the year option or a repeated cell cannot be used",
       clause,
       {},
       true},
  };
  registry.add_rules(rules);
  std::vector<MessageText> messages = {
      {"csv.bad_encoding",
       "无法识别文件编码：第 {offset} 字节（{byte}）起既不是 {tried}；请另存为“CSV "
       "UTF-8（逗号分隔）”",
       "the encoding cannot be recognised: from byte {offset} ({byte}) the file is not {tried}; "
       "save "
       "it as \"CSV UTF-8 (comma delimited)\""},
      {"csv.binary", "第 {offset} 字节处有控制字符：这不是 CSV 文本文件",
       "a control character at byte {offset}: this is not a CSV text file"},
      {"csv.unterminated_quote", "从这一行开始的引号没有闭合",
       "the quote opened on this line is never closed"},
      {"csv.limit_fields", "一行超过 {limit} 个字段", "a line has more than {limit|field|fields}"},
      {"csv.limit_total_fields", "字段总数超过 {limit} 个",
       "more than {limit|field|fields} in all"},
      {"csv.limit_records", "超过 {limit} 行", "more than {limit|line|lines}"},
      {"csv.unknown_cell", "{format} 没有 表“{table}” 行“{row}” 列“{column}”",
       "{format} has no cell table \"{table}\", row \"{row}\", column \"{column}\""},
      {"csv.unknown_meta", "未知的元数据键“{key}”；可用：{keys}",
       "unknown metadata key \"{key}\"; known keys: {keys}"},
      {"csv.unknown_section", "{format} 没有部分“{key}”；可用：{keys}",
       "{format} has no section \"{key}\"; sections: {keys}"},
      {"csv.no_formats", "没有可用的报告格式", "no report format is available"},
      {"csv.duplicate", "单元格 {cell} 出现了不止一次；只用第一次的值",
       "the cell {cell} appears more than once; the first value is used"},
      {"csv.bad_meta", "元数据 {key} 的值“{value}”无法使用（应为{expected}）",
       "the value \"{value}\" of the metadata {key} cannot be used (expected {expected})"},
      {"csv.detected_long",
       "按 {encoding} 编码读取（分隔符 {delimiter}），长表 table,row,column,value",
       "read as {encoding} (delimiter {delimiter}), in the long form table,row,column,value"},
      {"csv.detected_grid", "按 {encoding} 编码读取（分隔符 {delimiter}），表格按印刷版式排列",
       "read as {encoding} (delimiter {delimiter}), tables laid out as printed"},
  };
  registry.add_messages(messages);
  registry.add_messages(grid::messages());  // the shared reading's messages
}

}  // namespace

NIANBAO_DECLARE_PLUGIN(register_components)
