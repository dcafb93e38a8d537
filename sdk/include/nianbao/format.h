// Format definitions: which tables, rows and columns a national report format has, their
// printed labels, value types and layout hints. Definitions are data shipped by format plugins.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "nianbao/diagnostic.h"
#include "nianbao/export.h"

namespace nianbao {

enum class ValueType {
  count,         ///< non-negative integer (件)
  signed_count,  ///< integer that may be negative (本年增/减)
  money,         ///< exact decimal with a unit
};

struct ColumnDef {
  std::string key;
  std::string label;
  ValueType type = ValueType::count;
  std::optional<std::string>
      unit;          ///< money: the fixed unit ("万元"), or none = as the source writes
  int decimals = 0;  ///< money: the most decimals the format allows (0 = no limit)
  std::vector<std::string> groups;   ///< header labels above this column, outermost first
  std::vector<std::string> aliases;  ///< other printed forms of the label seen in real reports
  /// Rule code for a money cell whose unit is missing or is not `unit` (e.g. "CEL-05").
  std::string unit_rule;
};

struct RowDef {
  std::string key;
  std::string label;
  std::vector<std::string> groups;   ///< row-spanned group labels, outermost first
  std::vector<std::string> aliases;  ///< other printed forms of the label seen in real reports
};

/// A block of a table: one grid of rows × columns under an optional caption row. Table 二 has one
/// block per 第二十条 item; tables 三 and 四 have one block.
struct BlockDef {
  std::string caption;         ///< caption row, e.g. "第二十条第（一）项"
  std::string corner;          ///< top-left header cell
  std::string column_caption;  ///< header over all number columns, e.g. "申请人情况"
  std::vector<ColumnDef> columns;
  std::vector<RowDef> rows;
};

enum class TableLayout {
  grid,                   ///< rows printed as rows
  rows_as_column_groups,  ///< every row printed as a group of columns in one line (table 四)
};

struct NIANBAO_API TableDef {
  std::string key;
  std::string section;  ///< key of the section the table belongs to
  std::string label;
  TableLayout layout = TableLayout::grid;
  std::vector<BlockDef> blocks;
  /// Rule code for a cell whose value does not fit its column's type (e.g. "CEL-01").
  std::string type_rule;
  /// Rule code for a blank or not-applicable cell where a number is expected (e.g. "CEL-02").
  std::string blank_rule;
  /// Rule code for blank cells that the table's identities fix at a non-zero value (e.g.
  /// "CEL-06"); those are reported under this rule instead of `blank_rule`.
  std::string determined_blank_rule;

  const BlockDef* block_of(std::string_view row) const;
  const RowDef* find_row(std::string_view row) const;
  /// The column definition for a cell, looked up in the block that holds the row.
  const ColumnDef* find_column(std::string_view row, std::string_view column) const;
};

struct SectionDef {
  std::string key;
  std::string heading;                ///< as printed, e.g. "一、总体情况"
  std::vector<std::string> keywords;  ///< headings are matched by keyword, not exact text
};

/// A declared arithmetic identity over table cells, evaluated by the core's identity engine:
/// for every member of `each` (rows or columns, per `over`), sum(lhs) == sum(rhs).
struct IdentityDef {
  std::string code;  ///< rule code, e.g. "T3-01"
  std::string table;
  enum class Over { rows, columns } over = Over::rows;
  std::vector<std::string> each;  ///< the rows (over rows) or columns (over columns) it holds for
  std::vector<std::string> lhs;   ///< keys along the other axis, added up
  std::vector<std::string> rhs;
  std::string name_zh;  ///< what the identity says, e.g. "申请人各列之和等于总计"
  std::string name_en;
};

/// One cell an identity adds up, by keys: views of the definition's strings.
struct IdentityCell {
  std::string_view row, column;
  bool operator==(const IdentityCell&) const = default;
};

/// An identity applied to one member of its `each`: the cells of its two sides in that row (over
/// rows) or column (over columns).
struct IdentityInstance {
  std::string_view member;  ///< the row key (over rows) or column key (over columns)
  std::vector<IdentityCell> lhs, rhs;
};

/// The cells an identity adds up in `table` (the table the identity names), one instance per
/// member of its `each` in that order. `each: ["*"]` means every row (over rows) or column (over
/// columns) of the blocks that hold one of the `lhs` keys along the other axis, in block order.
/// The views point into `identity` and `table`, which must outlive the result. The one reading of
/// an identity's terms, shared by the core's identity checks and the importers that test a
/// reading against the sums.
NIANBAO_API std::vector<IdentityInstance> identity_instances(const IdentityDef& identity,
                                                             const TableDef& table);

/// What a check needs to find in a format, named by the check and bound to the format's own keys
/// (the "roles" of a definition): a section, or cells of one table — the given rows (none: every
/// row) by the given columns (none: every column). The names and the meaning of each position in
/// `rows` and `columns` belong to the checks that read them (docs/rules.md); the core only checks
/// that every key exists. A check whose role a definition does not declare does not run on it.
struct RoleDef {
  std::string name;     ///< e.g. "carried_forward", "in_force_chain"
  std::string section;  ///< a section key (a section role), or empty
  std::string table;    ///< a table key (a cell role), or empty
  std::vector<std::string> rows;
  std::vector<std::string> columns;
  std::string note;  ///< what the role is, for readers of the definition
};

/// One cell of a table, by keys: what a prose quantity adds up.
struct CellRef {
  std::string table, row, column;
};

/// A quantity of the tables that a report's prose may state ("予以公开21件", "1件结转下年度"), as
/// the definition's "prose" object declares it (docs/prose.md). A number is attributed to it only
/// when one of its phrases stands right before the number (`before`) or right after its unit
/// (`after`) in a clause whose topic is `topic`. A statement agrees with the tables when the
/// number equals the sum of the cells of any of `readings` ("收到 N 件" may count the new
/// applications alone or with those carried over).
struct ProseQuantityDef {
  std::string name;   ///< e.g. "applications.granted"; joined statements sum several
  std::string label;  ///< printed in findings, e.g. "（一）予以公开"
  std::string topic;  ///< a ProseTopicDef name, e.g. "applications"
  std::string rule;   ///< the NT rule a mismatch is reported under, e.g. "NT-03"
  std::vector<std::string> before;
  std::vector<std::string> after;
  std::vector<std::string> units;  ///< counting units after the number; empty: the topic's
  std::vector<std::vector<CellRef>> readings;
  /// For a part of another quantity (a channel of "applications.received"): the parts stated in
  /// one sentence add up to that quantity (NT-07). Empty for whole quantities.
  std::string part_of;
  /// Words that, earlier in the sentence, make a statement of this quantity a part of another
  /// ("收到申请9件，其中网络平台收到3件": the second 收到 counts one channel).
  std::vector<std::string> not_after;
  /// Set when the phrases name the topic by themselves once two such quantities are stated in
  /// one sentence: "其中，予以公开184件，部分公开18件" is about applications without saying so.
  bool names_topic = false;
};

/// Words that say what a clause counts: the topic of the numbers that follow them.
struct ProseTopicDef {
  std::string name;  ///< e.g. "applications", "review"
  std::vector<std::string> words;
  std::vector<std::string> units;  ///< counting units of the topic's numbers, e.g. 件, 起
  /// Set when a topic word must stand in the number's own clause ("制发规范性文件88件"); unset,
  /// the sentence's last topic word before the number decides ("收到申请100件，其中予以公开…").
  bool clause_only = false;
  /// Words of which one must occur in the sentence ("公开": table 四 counts the reviews about
  /// disclosure, not every review the agency had); empty: none needed.
  std::vector<std::string> sentence_needs;
};

/// A statement that some cells are all zero ("未发生行政复议、行政诉讼", "申请人全部为自然人").
struct ProseZeroClaimDef {
  std::string name;
  std::string label;
  std::string rule;
  std::vector<std::string> topic_words;  ///< one must occur in the sentence; empty: none needed
  std::vector<std::string> phrases;      ///< one must occur in the sentence
  std::vector<CellRef> cells;
  /// Set when a sentence that also states a count of the topic is not such a claim ("行政复议
  /// 1件，未发生行政诉讼").
  bool only_without_counts = false;
};

/// What the prose checks may read in a report's text, as data: topics, the counts of other
/// things that are never attributed, the quantities and the zero claims.
struct NIANBAO_API ProseDef {
  std::vector<ProseTopicDef> topics;
  /// Words that name counts of other things (群众诉求, 12345 热线, 信访, 留言…): a number after
  /// one of them, before any topic word, is never attributed.
  std::vector<std::string> other_counts;
  /// Words that make every count of their sentence uncertain: a second scope ("区政府本级" beside
  /// the whole district's figures) or categories of another scheme ("不予受理").
  std::vector<std::string> uncertain_sentences;
  /// Words that make a number a difference or a comparison (同比, 较上年, 增加…).
  std::vector<std::string> comparisons;
  std::vector<ProseQuantityDef> quantities;
  std::vector<ProseZeroClaimDef> zero_claims;

  bool empty() const { return quantities.empty() && zero_claims.empty(); }
  const ProseQuantityDef* find_quantity(std::string_view name) const;
};

struct NIANBAO_API FormatDefinition {
  std::string id;  ///< e.g. "gov-2021"
  std::string name;
  std::string name_en;
  std::string basis;  ///< the document that defines the format, e.g. 国办公开办函〔2021〕30号
  int year_from = 0;
  std::optional<int> year_to;  ///< none: still current
  std::vector<SectionDef> sections;
  std::vector<TableDef> tables;
  std::vector<IdentityDef> identities;
  /// Catalogue entries of the format's rule set: the identities and the format's own checks.
  std::vector<RuleInfo> rules;
  /// Keys the checks look for, by role name.
  std::vector<RoleDef> roles;
  /// What the prose may state about the tables; empty when the definition declares nothing.
  ProseDef prose;

  bool covers_year(int year) const { return year >= year_from && (!year_to || year <= *year_to); }
  const SectionDef* find_section(std::string_view key) const;
  const TableDef* find_table(std::string_view key) const;
  /// The role of that name, or nullptr when the definition does not declare it.
  const RoleDef* find_role(std::string_view name) const;
  /// The section key of a section role, or "" when the definition does not declare it.
  std::string_view section_of(std::string_view role) const;
  /// Printed label of a row including its group labels, e.g. "三、本年度办理结果 （七）总计".
  std::string row_path_label(const TableDef& table, const RowDef& row) const;
};

/// Parses a format definition from its JSON form (schema "nianbao.format/1"). Throws
/// std::runtime_error naming the offending key when the definition is malformed.
NIANBAO_API FormatDefinition parse_format_definition(std::string_view json_text);

}  // namespace nianbao
