#include "definition_checks.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "nianbao/check_support.h"

namespace nianbao::core {
namespace {

Severity severity_of(const FormatDefinition& format, const std::string& code, Severity fallback) {
  for (const auto& r : format.rules)
    if (r.code == code) return r.severity;
  return fallback;
}

// The keys are views of the format definition's strings, which outlive the check.
struct CellRef {
  std::string_view row, column;
  bool operator<(const CellRef& o) const {
    return std::tie(row, column) < std::tie(o.row, o.column);
  }
  bool operator==(const CellRef& o) const { return row == o.row && column == o.column; }
};

const Cell* find(const Table& t, const CellRef& c) {
  const TableRow* r = t.find(c.row);
  return r ? r->find(c.column) : nullptr;
}

// The cells of one identity instance with their sides: +1 left, -1 right.
std::vector<std::pair<CellRef, int>> signed_cells(const IdentityInstance& in) {
  std::vector<std::pair<CellRef, int>> out;
  out.reserve(in.lhs.size() + in.rhs.size());
  for (const auto& c : in.lhs)
    out.emplace_back(CellRef{c.row, c.column}, +1);
  for (const auto& c : in.rhs)
    out.emplace_back(CellRef{c.row, c.column}, -1);
  return out;
}

// ---- blank cells the identities determine -------------------------------------------------------

// Blank (or not-applicable) cells whose value the identities fix, given every number written:
// an identity with exactly one such cell determines it, and a determined cell may complete
// another identity. A cell that two identities determine differently, or at a negative value in
// a column that cannot be negative, is not determined (the identity checks report the conflict).
using Determined = std::map<CellRef, Decimal>;

Determined determine_blanks(const TableDef& tdef, const Table& table,
                            const FormatDefinition& format) {
  std::vector<std::vector<std::pair<CellRef, int>>> equations;
  for (const auto& id : format.identities) {
    if (id.table != tdef.key) continue;
    for (const auto& instance : identity_instances(id, tdef)) {
      auto cells = signed_cells(instance);
      if (std::all_of(cells.begin(), cells.end(),
                      [&](const auto& c) { return find(table, c.first) != nullptr; }))
        equations.push_back(std::move(cells));
    }
  }
  Determined known;
  std::set<CellRef> undetermined;
  for (bool progress = true; progress;) {
    progress = false;
    std::map<CellRef, std::optional<Decimal>> found;  // nullopt: equations disagree
    for (const auto& eq : equations) {
      std::optional<CellRef> unknown;
      int unknowns = 0, unknown_sign = 0;
      std::optional<Decimal> rest = Decimal(0);  // sum of the known terms, signed by side
      for (const auto& [ref, sign] : eq) {
        const Cell* c = find(table, ref);
        std::optional<Decimal> v;
        if (c->is_number())
          v = c->value;
        else if (auto k = known.find(ref); k != known.end())
          v = k->second;
        if (v) {
          if (rest) rest = sign > 0 ? Decimal::add(*rest, *v) : Decimal::subtract(*rest, *v);
          continue;
        }
        if (!unknown || !(*unknown == ref)) ++unknowns;
        unknown = ref;
        unknown_sign += sign;
      }
      if (unknowns != 1 || !rest || (unknown_sign != 1 && unknown_sign != -1) ||
          undetermined.count(*unknown))
        continue;
      // unknown_sign * x + rest == 0
      std::optional<Decimal> x =
          unknown_sign > 0 ? Decimal::subtract(Decimal(0), *rest) : std::optional<Decimal>(*rest);
      if (!x) continue;
      auto [it, inserted] = found.try_emplace(*unknown, *x);
      if (!inserted && it->second && !(*it->second == *x)) it->second.reset();
    }
    for (const auto& [ref, value] : found) {
      const ColumnDef* cdef = tdef.find_column(ref.row, ref.column);
      if (!value || (value->is_negative() && (!cdef || cdef->type != ValueType::signed_count))) {
        undetermined.insert(ref);
        continue;
      }
      known.emplace(ref, *value);
      progress = true;
    }
  }
  return known;
}

// The table with the determined blanks filled in: the identities are evaluated on it, so that a
// blank reported as determined is not reported again as a broken sum.
Table with_determined(const Table& table, const Determined& determined) {
  Table out = table;
  for (const auto& [ref, value] : determined)
    if (TableRow* r = out.find(ref.row))
      if (Cell* c = r->find(ref.column)) {
        Cell filled = Cell::number(value);
        filled.source = c->source;
        *c = filled;
      }
  return out;
}

// One finding per column of a table for its blanks that the identities fix at a non-zero value,
// listing each cell with the value it should have.
void report_determined_blanks(const Report& report, const FormatDefinition& format,
                              const TableDef& tdef, const Table& table,
                              const Determined& determined, std::vector<Diagnostic>& out) {
  if (tdef.determined_blank_rule.empty()) return;
  std::vector<std::string_view> columns;  // in the order of the table's rows and cells
  std::map<std::string_view, std::vector<CellRef>> by_column;
  for (const auto& row : table.rows)
    for (const auto& [column, cell] : row.cells) {
      auto it = determined.find(CellRef{row.key, column});
      if (it == determined.end() || it->second.is_zero()) continue;
      if (!by_column.count(it->first.column)) columns.push_back(it->first.column);
      by_column[it->first.column].push_back(it->first);
    }
  for (const auto& column : columns) {
    const auto& cells = by_column[column];
    const CellRef& first = cells.front();
    Diagnostic d =
        cell_finding(tdef.determined_blank_rule,
                     severity_of(format, tdef.determined_blank_rule, Severity::error),
                     "cell.determined_blank", report, format, tdef.key, first.row, first.column);
    std::string list;
    for (const auto& ref : cells) {
      const RowDef* r = tdef.find_row(ref.row);
      list += (list.empty() ? "" : "; ") +
              (r ? format.row_path_label(tdef, *r) : std::string(ref.row)) + " = " +
              determined.at(ref).to_string();
      if (&ref != &first)
        d.related.push_back(cell_location(report, format, tdef.key, ref.row, ref.column));
    }
    const ColumnDef* cdef = tdef.find_column(first.row, first.column);
    d.arg("table", tdef.label)
        .arg("column", cdef ? cdef->label : std::string(column))
        .arg("count", std::to_string(cells.size()))
        .arg("cells", list);
    out.push_back(std::move(d));
  }
}

// ---- cell value types, units and blanks ---------------------------------------------------------

void check_cells(const Report& report, const FormatDefinition& format,
                 const std::map<std::string_view, Determined>& determined_by_table,
                 std::vector<Diagnostic>& out) {
  for (const auto& tdef : format.tables) {
    const Table* table = report.find_table(tdef.key);
    if (!table) continue;
    // Blanks the identities fix at a non-zero value are reported by report_determined_blanks, not
    // as "counted as 0".
    const Determined& determined = determined_by_table.at(tdef.key);
    auto blank = [&](const std::string& row, const std::string& column, const Cell& cell) {
      if (cell.is_number()) return false;
      auto it = determined.find(CellRef{row, column});
      return it == determined.end() || it->second.is_zero();
    };
    // A table with no number at all is reported once as an empty table (STR-04), not per row.
    bool any_number = false;
    for (const auto& row : table->rows)
      for (const auto& [k, c] : row.cells)
        any_number = any_number || c.is_number();
    // Columns left blank in every row of a block (e.g. the applicant breakdown of table 三, when
    // only 总计 was filled in) are one finding for the table, not one per row.
    std::map<const BlockDef*, std::vector<const ColumnDef*>> blank_everywhere;
    for (const auto& b : tdef.blocks) {
      std::size_t rows_present = 0;
      for (const auto& rdef : b.rows)
        if (table->find(rdef.key)) ++rows_present;
      if (rows_present < 2) continue;
      for (const auto& c : b.columns) {
        bool all_blank = true;
        for (const auto& rdef : b.rows)
          if (const TableRow* tr = table->find(rdef.key))
            if (const Cell* cell = tr->find(c.key); !cell || !blank(tr->key, c.key, *cell))
              all_blank = false;
        if (all_blank) blank_everywhere[&b].push_back(&c);
      }
    }
    auto label_list = [](const std::vector<const ColumnDef*>& columns) {
      std::string out;
      for (const auto* c : columns)
        out += (out.empty() ? "" : "、") + c->label;
      return out;
    };
    if (any_number && !tdef.blank_rule.empty())
      for (const auto& [block, columns] : blank_everywhere) {
        const RowDef* first_row = nullptr;
        for (const auto& rdef : block->rows)
          if (!first_row && table->find(rdef.key)) first_row = &rdef;
        Diagnostic d = cell_finding(
            tdef.blank_rule, severity_of(format, tdef.blank_rule, Severity::warning),
            "cell.blank_columns", report, format, tdef.key, first_row->key, columns.front()->key);
        d.location.logical.row.clear();
        d.location.logical.row_label.clear();
        d.location.logical.column_label = label_list(columns);
        d.arg("table", tdef.label)
            .arg("columns", label_list(columns))
            .arg("count", std::to_string(columns.size()));
        out.push_back(std::move(d));
      }

    for (const auto& row : table->rows) {
      const BlockDef* block = tdef.block_of(row.key);
      if (!block) continue;
      const auto everywhere =
          blank_everywhere.count(block) ? blank_everywhere[block] : std::vector<const ColumnDef*>{};
      std::vector<const ColumnDef*> blanks;
      for (const auto& cdef : block->columns) {
        const Cell* cell = row.find(cdef.key);
        if (!cell) continue;
        auto finding = [&](const std::string& code, Severity severity, const char* message_id) {
          Diagnostic d =
              cell_finding(code, severity, message_id, report, format, tdef.key, row.key, cdef.key);
          d.arg("cell", cell_label(format, tdef.key, row.key, cdef.key))
              .arg("value", cell_text(*cell));
          if (cdef.unit) d.arg("unit", *cdef.unit);
          d.arg("decimals", std::to_string(cdef.decimals));
          out.push_back(std::move(d));
        };
        if (!cell->is_number()) {
          if (blank(row.key, cdef.key, *cell) &&
              std::find(everywhere.begin(), everywhere.end(), &cdef) == everywhere.end())
            blanks.push_back(&cdef);
          continue;
        }
        const std::string& type_rule = tdef.type_rule;
        if (cdef.type != ValueType::money && !cell->value.is_integer() && !type_rule.empty()) {
          finding(type_rule, Severity::error, "cell.not_integer");
        } else if (cdef.type != ValueType::signed_count && cell->value.is_negative() &&
                   !type_rule.empty()) {
          finding(type_rule, Severity::error, "cell.negative");
        } else if (cdef.type == ValueType::money) {
          if (cdef.decimals > 0 && cell->value.significant_scale() > cdef.decimals &&
              !type_rule.empty())
            finding(type_rule, Severity::warning, "cell.too_many_decimals");
          if (cdef.unit && cell->unit && *cell->unit != *cdef.unit && !type_rule.empty())
            finding(type_rule, Severity::warning, "cell.wrong_unit");
          if (!cdef.unit && !cell->unit && !cdef.unit_rule.empty())
            finding(cdef.unit_rule, severity_of(format, cdef.unit_rule, Severity::warning),
                    "cell.missing_unit");
        }
      }
      // The other blank cells are reported once per row, not once per cell.
      if (!blanks.empty() && !tdef.blank_rule.empty() && any_number) {
        Diagnostic d =
            cell_finding(tdef.blank_rule, severity_of(format, tdef.blank_rule, Severity::warning),
                         "cell.blank", report, format, tdef.key, row.key, blanks.front()->key);
        d.location.logical.column_label = label_list(blanks);
        d.arg("row", format.row_path_label(tdef, *tdef.find_row(row.key)))
            .arg("columns", label_list(blanks))
            .arg("count", std::to_string(blanks.size()))
            .arg("text", cell_text(*row.find(blanks.front()->key)));
        out.push_back(std::move(d));
      }
    }
  }
}

// ---- arithmetic identities ----------------------------------------------------------------------

struct Term {
  CellRef cell;
  int sign;     // +1 on the left-hand side, -1 on the right
  int id = -1;  // the cell's number among the table's cells in identities (check_identities)
};

// One identity applied to one row (or column): sum(lhs) == sum(rhs).
struct Instance {
  const IdentityDef* identity;
  std::string_view scope;  // the row or column key it holds for
  std::vector<Term> terms;
  Decimal lhs, rhs;
  Decimal difference;  // lhs - rhs
  bool failed = false;
  bool reported = false;
};

std::vector<Instance> instances_of(const IdentityDef& id, const TableDef& tdef,
                                   const Table& table) {
  std::vector<Instance> out;
  for (const auto& instance : identity_instances(id, tdef)) {
    Instance in{&id, instance.member, {}, {}, {}, {}, false, false};
    for (const auto& [ref, sign] : signed_cells(instance))
      in.terms.push_back({ref, sign});
    // Not evaluable when a cell is missing (STR-02 reports it) or when one side was left wholly
    // blank (the blank-cell rule reports it): neither is a claim about the sum.
    bool missing = false, lhs_written = false, rhs_written = false, overflow = false;
    for (const auto& t : in.terms) {
      const Cell* c = find(table, t.cell);
      if (!c) {
        missing = true;
        break;
      }
      if (c->is_number()) (t.sign > 0 ? lhs_written : rhs_written) = true;
      auto sum = Decimal::add(t.sign > 0 ? in.lhs : in.rhs, c->arithmetic_value());
      if (!sum)
        overflow = true;
      else
        (t.sign > 0 ? in.lhs : in.rhs) = *sum;
    }
    if (missing || overflow || !lhs_written || !rhs_written) continue;
    in.difference = Decimal::subtract(in.lhs, in.rhs).value_or(Decimal(0));
    in.failed = !(in.lhs == in.rhs);
    out.push_back(std::move(in));
  }
  return out;
}

// "a + b = s" for one side of an identity, or just "s" when only one term is non-zero (a sum of
// one number is not an equation worth printing).
std::string sum_text(const Instance& in, const Table& table, int sign, const Decimal& sum) {
  std::string terms;
  int shown = 0;
  for (const auto& t : in.terms) {
    if (t.sign != sign) continue;
    const Cell* c = find(table, t.cell);
    Decimal v = c ? c->arithmetic_value() : Decimal(0);
    if (v.is_zero()) continue;  // zeros add nothing to read
    terms += (terms.empty() ? "" : " + ") + v.to_string();
    ++shown;
  }
  return shown > 1 ? terms + " = " + sum.to_string() : sum.to_string();
}

// The names of the cells on one side of an identity within its row or column: row labels for an
// identity over columns, column labels for one over rows.
std::string side_labels(const Instance& in, const TableDef& tdef, const FormatDefinition& format,
                        int sign) {
  std::string out;
  for (const auto& t : in.terms) {
    if (t.sign != sign) continue;
    std::string label;
    if (in.identity->over == IdentityDef::Over::columns) {
      const RowDef* r = tdef.find_row(t.cell.row);
      label = r ? format.row_path_label(tdef, *r) : std::string(t.cell.row);
    } else {
      const ColumnDef* c = tdef.find_column(t.cell.row, t.cell.column);
      label = c ? c->label : std::string(t.cell.column);
    }
    out += (out.empty() ? "" : " + ") + label;
  }
  return out;
}

std::string scope_label(const Instance& in, const TableDef& tdef, const FormatDefinition& format) {
  if (in.identity->over == IdentityDef::Over::rows) {
    const RowDef* r = tdef.find_row(in.scope);
    return r ? format.row_path_label(tdef, *r) : std::string(in.scope);
  }
  for (const auto& b : tdef.blocks)
    for (const auto& c : b.columns)
      if (c.key == in.scope) return c.label;
  return std::string(in.scope);
}

void add_identity_args(Diagnostic& d, const Instance& in, const Table& table, const TableDef& tdef,
                       const FormatDefinition& format) {
  d.arg("identity_zh", in.identity->name_zh.empty() ? in.identity->code : in.identity->name_zh)
      .arg("identity_en", in.identity->name_en.empty() ? in.identity->code : in.identity->name_en)
      .arg("scope", scope_label(in, tdef, format))
      .arg("lhs", in.lhs.to_string())
      .arg("rhs", in.rhs.to_string())
      .arg("lhs_sum", sum_text(in, table, +1, in.lhs))
      .arg("rhs_sum", sum_text(in, table, -1, in.rhs))
      .arg("rhs_cells", side_labels(in, tdef, format, -1))
      .arg("difference", in.difference.to_string());
}

const char* axis(const Instance& in) {
  return in.identity->over == IdentityDef::Over::rows ? "row" : "column";
}

void check_identities(const Report& report, const FormatDefinition& format,
                      const std::map<std::string_view, Determined>& determined_by_table,
                      std::vector<Diagnostic>& out) {
  for (const auto& tdef : format.tables) {
    const Table* written = report.find_table(tdef.key);
    if (!written) continue;
    const Determined& determined = determined_by_table.at(tdef.key);
    report_determined_blanks(report, format, tdef, *written, determined, out);
    const Table filled = with_determined(*written, determined);
    const Table* table = &filled;
    std::vector<Instance> all;
    for (const auto& id : format.identities)
      if (id.table == tdef.key) {
        auto more = instances_of(id, tdef, *table);
        all.insert(all.end(), std::make_move_iterator(more.begin()),
                   std::make_move_iterator(more.end()));
      }

    // Root causes: a cell whose every evaluated identity failed, by amounts that one change of
    // that cell would repair, explains those failures at once. Report them at that cell, not as
    // broken sums at the totals. Cells are numbered, so that the many comparisons below compare
    // numbers, not keys.
    struct CellUse {
      int id;
      std::vector<std::size_t> instances;
    };
    std::map<CellRef, CellUse> by_cell;
    for (std::size_t i = 0; i < all.size(); ++i)
      for (auto& t : all[i].terms) {
        auto [it, inserted] =
            by_cell.try_emplace(t.cell, CellUse{static_cast<int>(by_cell.size()), {}});
        it->second.instances.push_back(i);
        t.id = it->second.id;
      }
    auto sign_in = [](const Instance& in, int cell) {
      int sign = 0;
      for (const auto& t : in.terms)
        if (t.id == cell) sign += t.sign;
      return sign;
    };
    auto report_root_cause = [&](const CellRef& cell, int id,
                                 const std::vector<std::size_t>& instances) {
      const Cell* c = find(*table, cell);
      const Instance& first = all[instances.front()];
      int sign = sign_in(first, id);
      // lhs - rhs + sign * delta == 0
      Decimal expected = (sign > 0 ? Decimal::subtract(c->arithmetic_value(), first.difference)
                                   : Decimal::add(c->arithmetic_value(), first.difference))
                             .value_or(Decimal(0));
      for (std::size_t i : instances) {
        Instance& in = all[i];
        in.reported = true;
        Diagnostic d =
            cell_finding(in.identity->code, severity_of(format, in.identity->code, Severity::error),
                         std::string("identity.") + axis(in) + "_cell", report, format, tdef.key,
                         cell.row, cell.column);
        d.arg("cell", cell_label(format, tdef.key, cell.row, cell.column))
            .arg("actual", c->arithmetic_value().to_string())
            .arg("expected", expected.to_string());
        add_identity_args(d, in, *table, tdef, format);
        for (const auto& t : in.terms)
          if (t.id != id && t.sign != sign_in(in, id))
            d.related.push_back(cell_location(report, format, tdef.key, t.cell.row, t.cell.column));
        out.push_back(std::move(d));
      }
    };
    struct Candidate {
      CellRef cell;
      int id;
      const std::vector<std::size_t>* instances;
    };
    for (bool progress = true; progress;) {
      progress = false;
      std::vector<Candidate> candidates;
      for (const auto& [cell, use] : by_cell) {
        const auto& idx = use.instances;
        std::optional<Decimal> delta;
        bool ok = idx.size() >= 2;
        for (std::size_t i : idx) {
          if (!ok) break;
          const Instance& in = all[i];
          int sign = sign_in(in, use.id);
          auto needed = sign > 0 ? Decimal::subtract(Decimal(0), in.difference)
                                 : std::optional<Decimal>(in.difference);
          ok = in.failed && !in.reported && sign != 0 && needed && (!delta || *delta == *needed);
          delta = needed;
        }
        if (ok) candidates.push_back({cell, use.id, &idx});
      }
      // Two candidates that explain overlapping failures equally well are ambiguous: neither wins.
      auto overlaps = [](const std::vector<std::size_t>& a, const std::vector<std::size_t>& b) {
        return std::any_of(a.begin(), a.end(), [&](std::size_t i) {
          return std::find(b.begin(), b.end(), i) != b.end();
        });
      };
      std::stable_sort(candidates.begin(), candidates.end(),
                       [](const Candidate& a, const Candidate& b) {
                         return a.instances->size() > b.instances->size();
                       });
      for (const auto& cand : candidates) {
        bool taken = std::any_of(cand.instances->begin(), cand.instances->end(),
                                 [&](std::size_t i) { return all[i].reported; });
        bool rival = std::any_of(candidates.begin(), candidates.end(), [&](const Candidate& other) {
          return other.id != cand.id && other.instances->size() == cand.instances->size() &&
                 overlaps(*other.instances, *cand.instances);
        });
        if (taken || rival) continue;
        report_root_cause(cand.cell, cand.id, *cand.instances);
        progress = true;
      }
    }

    // What no single cell explains is reported as the broken sum, at its total.
    for (auto& in : all) {
      if (!in.failed || in.reported) continue;
      const CellRef& total = std::find_if(in.terms.begin(), in.terms.end(), [](const Term& t) {
                               return t.sign < 0;
                             })->cell;
      Diagnostic d =
          cell_finding(in.identity->code, severity_of(format, in.identity->code, Severity::error),
                       std::string("identity.") + axis(in) + "_sum", report, format, tdef.key,
                       total.row, total.column);
      add_identity_args(d, in, *table, tdef, format);
      for (const auto& t : in.terms)
        if (t.sign > 0) {
          const Cell* c = find(*table, t.cell);
          if (c && !c->arithmetic_value().is_zero())
            d.related.push_back(cell_location(report, format, tdef.key, t.cell.row, t.cell.column));
        }
      out.push_back(std::move(d));
    }
  }
}

}  // namespace

void run_definition_checks(const Report& report, const FormatDefinition& format,
                           std::vector<Diagnostic>& out) {
  std::map<std::string_view, Determined> determined;
  for (const auto& tdef : format.tables)
    if (const Table* table = report.find_table(tdef.key))
      determined[tdef.key] = determine_blanks(tdef, *table, format);
    else
      determined[tdef.key];
  check_cells(report, format, determined, out);
  check_identities(report, format, determined, out);
}

}  // namespace nianbao::core
