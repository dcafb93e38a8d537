// The reading of a published report — a Word document, a web page, a PDF or its extracted text —
// once its importer has turned the file into blocks in reading order: paragraphs, and tables as
// grids with merged cells. One assembly for all of them, so that every kind of document finds the
// same sections (headings matched by keyword, tolerant of variants and typos), the same metadata
// (agency and year from the title, statistical period, contact block, publication date) and the
// same tables (through the spreadsheet layout recogniser, ../grid).
#pragma once

#include <nianbao/diagnostic.h>
#include <nianbao/location.h>
#include <nianbao/plugin.h>

#include <map>
#include <string>
#include <vector>

#include "grid/layout.h"

namespace nianbao::document {

/// One block of a document in reading order.
struct Block {
  enum class Kind { paragraph, table };
  Kind kind = Kind::paragraph;
  std::string text;  ///< a paragraph's text (UTF-8, runs and line breaks inside it joined)
  /// A table's cells, merged ranges indexed (Sheet::index_merges): laid out as printed (a Word
  /// or HTML table, merged cells as ranges), or, when only the order of the cells is known (text),
  /// a flow sheet (Sheet::flow). Each cell may carry its own place (GridCell::source: a line, a
  /// paragraph number, a pointer); diagnostics then point there instead of at a cell name.
  grid::Sheet table;
  SourceLocation source;  ///< where the block starts: line, paragraph number or a pointer
};

/// A name and value the file carries beside its printed text: a web page's
/// <meta name="PubDate" content="2024-01-17"> (or property="article:published_time").
struct MarkupValue {
  std::string name;     ///< the attribute's name as written ("PubDate")
  std::string content;  ///< its content, trimmed
  std::string element;  ///< how to cite it: `<meta name="PubDate" content="2024-01-17">`
};

/// A document as its importer read it.
struct Document {
  std::vector<Block> blocks;
  /// Where the document ends (its last line or paragraph): what a cut-off report is missing is
  /// reported there.
  SourceLocation end;
  /// The administrative division code (行政区划代码) the file carries beside its text — a DOCX
  /// custom property, an HTML <meta> — as nianbao's exporters write it (report_properties.h): a
  /// published report does not print it. Empty when the file has none.
  std::string region_code;
  /// Where region_code was read, for evidence: `<meta name="region-code" content="340600">`.
  std::string region_code_source;
  /// What the file's markup says beside its text (a web page's <meta> elements, in order), for
  /// the metadata readers: a page's publish-date markup is its own date.
  std::vector<MarkupValue> markup;
};

/// The rule codes under which an importer reports what the assembly finds.
struct Codes {
  std::string plugin;  ///< the plugin id, for Diagnostic::plugin
  /// What the table recogniser reports (tables.found also carries the format chosen;
  /// tables.split_ambiguous and split_done the figures run together, when a reader marks runs).
  grid::Codes tables;
  /// error: the document stops before the end of its report; the message names the rows of the
  /// table it stops in and every table and part after it (ids "document.truncated").
  std::string truncated;
};

/// What the text of a report says about itself (every field empty or 0 when not printed).
struct Metadata {
  std::string agency;  ///< from the title ("…2020年政府信息公开工作年度报告"), else the text
  std::string agency_kind;  ///< government | department | township, told by the agency's name
  int year = 0;             ///< the title's year, else the statistical period's
  int title_year = 0;       ///< the year the title states
  std::string period_from;  ///< ISO date: "统计期限自2020年1月1日起至2020年12月31日止"
  std::string period_to;
  Contact contact;  ///< 电话, 地址, 邮编 (the preamble's contact block)
  /// ISO date the document was published: its publish-date markup, a 发布日期 / 发布时间 /
  /// 公开日期 line, a date under the title, else a 成文日期 line or the date under the signature —
  /// never a collector's, print, update or footer date. Empty when the candidates disagree or
  /// there are none (sources then holds "published.conflict" or "published.rejected").
  std::string published;
  /// The last block is a date line under the signature (the closing lines, not prose).
  bool dated_last_line = false;
  /// Where each value was found (Report::metadata_sources: "published", "year", "agency.name",
  /// "contact.phone", …), and why a date could not be told ("published.conflict",
  /// "published.rejected").
  std::map<std::string, std::string> sources;
  std::size_t title_blocks = 0;     ///< how many leading blocks are the title (not the preamble)
  std::size_t preamble_offset = 0;  ///< bytes of the first preamble block before its text begins
};                                  ///< (web page chrome before "根据《…》")

/// Reads the metadata from the paragraphs (the title, the preamble and, failing those, the rest).
Metadata read_metadata(const Document& document);

/// Assembles the report. Sections, metadata and tables are taken from the blocks; what the
/// document does not hold is reported (codes.truncated names exactly what is missing) and the
/// rest is still returned. Importer options "format" and "year" (context.options) settle a
/// layout that fits several formats. Throws InputError when no table of any format can be found
/// (codes.tables.no_tables) or the tables fit several formats equally (codes.tables.ambiguous).
/// The diagnostics begin with the importer's `notes` (what it detected in the file), then a
/// warning (codes.tables.metadata) for each option other than "format", "year" and the limits.
ImportResult assemble_report(const Document& document, const InputFile& input,
                             const ImportContext& context, const Codes& codes,
                             std::vector<Diagnostic> notes = {});

/// Catalogue entries for the codes an importer gives the assembly (codes.tables.no_tables,
/// ambiguous, not_a_number, metadata, split_ambiguous, split_done and codes.truncated; the
/// importer catalogues codes.tables.found itself), worded for its kind of document: "文本" and
/// "the text", "PDF" and "the PDF".
std::vector<RuleInfo> rules(const Codes& codes, const std::string& kind_zh,
                            const std::string& kind_en);

/// The catalogue entry of codes.tables.found for an importer whose only note is the format found
/// (the text and PDF importers catalogue theirs with what else they detect).
RuleInfo format_found_rule(const std::string& code);

/// The message templates of the assembly's diagnostics (ids "document.…", and the table
/// recogniser's "grid.…"): register them all.
std::vector<MessageText> messages();

}  // namespace nianbao::document
