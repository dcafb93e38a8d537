// The report model: metadata, prose sections and tables of three-state cells.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "nianbao/decimal.h"
#include "nianbao/export.h"
#include "nianbao/location.h"

namespace nianbao {

/// A table cell in one of three states. Every cell keeps the text it was read from (when that
/// differs from its value) and where it was read, so a diagnostic can quote and point at it.
struct Cell {
  enum class State { number, blank, not_applicable };

  State state = State::blank;
  Decimal value;  ///< meaningful when state == number
  std::optional<std::string>
      unit;                    ///< money only: the unit the source wrote ("元", "万元"), or none
  std::string raw;             ///< source text when it differs from the value ("３６件", "/")
  bool reconstructed = false;  ///< value recovered from sums, not read directly
  SourceLocation source;

  static Cell number(Decimal v) {
    Cell c;
    c.state = State::number;
    c.value = v;
    return c;
  }
  static Cell count(std::int64_t v) { return number(Decimal(v)); }
  static Cell blank() { return Cell{}; }
  static Cell not_applicable(std::string raw_text) {
    Cell c;
    c.state = State::not_applicable;
    c.raw = std::move(raw_text);
    return c;
  }

  bool is_number() const { return state == State::number; }
  /// The value used in arithmetic: blank and not-applicable count as 0.
  Decimal arithmetic_value() const { return is_number() ? value : Decimal(0); }
};

struct Paragraph {
  std::string text;
  SourceLocation source;
};

struct Section {
  std::string key;  ///< a section key of the report's format, e.g. "overview"
  std::vector<Paragraph> paragraphs;
};

struct NIANBAO_API TableRow {
  std::string key;
  std::vector<std::pair<std::string, Cell>> cells;  ///< column key → cell, in insertion order

  const Cell* find(std::string_view column) const;
  Cell* find(std::string_view column);
  Cell& set(std::string_view column, Cell cell);  ///< replaces an existing cell
};

struct NIANBAO_API Table {
  std::string key;
  std::vector<TableRow> rows;

  const TableRow* find(std::string_view row) const;
  TableRow* find(std::string_view row);
  TableRow& row(std::string_view row);  ///< finds or appends
};

struct Agency {
  std::string name;
  std::string kind;         ///< government | department | township | other (empty when unknown)
  std::string region_code;  ///< administrative division code, e.g. "340600"
};

struct Contact {
  std::string phone;
  std::string address;
  std::string postcode;
};

/// One annual report. Values of optional metadata are empty strings (or 0 for the year) when
/// unknown; `has_*` style queries are spelled as empty() checks by design.
struct NIANBAO_API Report {
  std::string format;     ///< format id, e.g. "gov-2021"
  int year = 0;           ///< the statistics year, not the year of publication
  std::string published;  ///< ISO date the report was published, when known
  Agency agency;
  Contact contact;
  std::vector<Section> sections;  ///< in document order
  std::vector<Table> tables;
  /// Where each metadata value was found, by field ("published", "year", "agency.name",
  /// "agency.region_code", "contact.phone", "contact.address", "contact.postcode"): a short
  /// evidence string naming the element or line and the text read there, e.g.
  /// `<meta name="PubDate" content="2024-01-17">` or `line 3: 发布日期：2024-01-17`. A field that
  /// could not be told may say why instead: "published.conflict" (the candidate dates that
  /// disagree) and "published.rejected" (dates seen that are not a publication date: a collector's,
  /// print, update or footer date). Empty for a report whose importer records no evidence.
  std::map<std::string, std::string> metadata_sources;
  /// Local extensions (top-level "x-…" keys of the JSON form) as compact JSON text, kept so that a
  /// round trip is lossless.
  std::vector<std::pair<std::string, std::string>> extensions;
  SourceLocation source;  ///< the file the report was read from

  const Section* find_section(std::string_view key) const;
  Section& section(std::string_view key);  ///< finds or appends
  const Table* find_table(std::string_view key) const;
  Table& table(std::string_view key);  ///< finds or appends
  const Cell* find_cell(std::string_view table, std::string_view row,
                        std::string_view column) const;
};

}  // namespace nianbao
