#include "formula.h"

#include <nianbao/decimal.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "grid/text.h"

namespace nianbao::xlsx {
namespace {

// Bounds on the work one workbook may cause: cells visited, formulas nested in formulas, and the
// depth of the recursive descent over all the formulas being evaluated at once (brackets and signs
// of a formula, and of every formula it refers to), which bounds the stack.
constexpr long kMaxSteps = 2'000'000;
constexpr int kMaxNesting = 200;
constexpr int kMaxDepth = 1000;

// Letters of names and references; bytes of UTF-8 sequences too, since sheet names such as 表三
// may stand unquoted before "!".
bool is_ident_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '$' || static_cast<unsigned char>(c) >= 0x80;
}

// "$C$12" → column 2, row 11, both absolute.
struct Ref {
  int row = 0, col = 0;
  bool row_absolute = false, col_absolute = false;
};

std::optional<Ref> parse_ref(std::string_view s) {
  Ref r;
  std::size_t i = 0;
  if (i < s.size() && s[i] == '$') {
    r.col_absolute = true;
    ++i;
  }
  std::size_t letters_start = i;
  while (i < s.size() && ((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')))
    ++i;
  if (i == letters_start || i - letters_start > 3) return std::nullopt;
  std::size_t dollar = i;
  if (i < s.size() && s[i] == '$') {
    r.row_absolute = true;
    ++i;
  }
  std::string plain =
      std::string(s.substr(letters_start, dollar - letters_start)) + std::string(s.substr(i));
  auto pos = grid::parse_cell_name(plain);
  if (!pos) return std::nullopt;
  r.row = pos->first;
  r.col = pos->second;
  return r;
}

}  // namespace

std::string shift_references(std::string_view f, int rows, int cols) {
  std::string out;
  std::size_t i = 0;
  while (i < f.size()) {
    char c = f[i];
    if (c == '"' || c == '\'') {  // a string or a quoted sheet name: copied as it is
      std::size_t j = i + 1;
      while (j < f.size()) {
        if (f[j] == c) {
          if (j + 1 < f.size() && f[j + 1] == c) {
            j += 2;
            continue;
          }
          break;
        }
        ++j;
      }
      j = std::min(j + 1, f.size());
      out.append(f.substr(i, j - i));
      i = j;
    } else if (is_ident_char(c)) {
      std::size_t j = i;
      while (j < f.size() && is_ident_char(f[j]))
        ++j;
      std::string_view word = f.substr(i, j - i);
      bool function = j < f.size() && f[j] == '(';
      bool sheet = j < f.size() && f[j] == '!';
      auto ref = function || sheet ? std::nullopt : parse_ref(word);
      if (!ref) {
        out.append(word);
      } else {
        Ref r = *ref;
        if (!r.row_absolute) r.row += rows;
        if (!r.col_absolute) r.col += cols;
        if (r.row < 0 || r.col < 0 || r.row >= grid::kMaxRows || r.col >= grid::kMaxColumns) {
          out += "#REF!";
        } else {
          out += (r.col_absolute ? "$" : "") + grid::column_name(r.col) +
                 (r.row_absolute ? "$" : "") + std::to_string(r.row + 1);
        }
      }
      i = j;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

namespace {

struct Value {
  enum class Kind { number, text, empty, boolean, error };
  Kind kind = Kind::empty;
  Decimal number;
  std::string text;  // text, or the error
  static Value error(std::string why) {
    Value v;
    v.kind = Kind::error;
    v.text = std::move(why);
    return v;
  }
  static Value of(Decimal d) {
    Value v;
    v.kind = Kind::number;
    v.number = d;
    return v;
  }
};

class Evaluator;

// One formula, parsed and evaluated in one recursive-descent pass.
class Expression {
 public:
  Expression(Evaluator& ev, std::string_view text, int sheet) : ev_(ev), f_(text), sheet_(sheet) {
    if (!f_.empty() && f_[0] == '=') f_.remove_prefix(1);
  }
  Value evaluate();

 private:
  struct Area {
    int sheet = 0;
    grid::Range range;
  };
  void skip_spaces() {
    while (i_ < f_.size() && f_[i_] == ' ')
      ++i_;
  }
  bool take(char c) {
    skip_spaces();
    if (i_ < f_.size() && f_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  Value sum();
  Value unary();
  Value primary();
  std::optional<Area> area();  // a reference or range at the cursor, if there is one
  Value area_value(const Area& a);
  Value sum_function();

  Evaluator& ev_;
  std::string_view f_;
  std::size_t i_ = 0;
  int sheet_;
};

class Evaluator {
 public:
  Evaluator(std::vector<grid::Sheet>& sheets, bool recalculate)
      : sheets_(sheets), recalc_(recalculate) {
    for (std::size_t s = 0; s < sheets.size(); ++s)
      names_.emplace_back(upper(sheets[s].name));
  }

  bool trusted(const grid::GridCell& cell) const { return !recalc_ && cell.has_cached_value; }

  /// The value of a cell as a formula reading it sees it.
  Value cell_value(int sheet, int row, int col) {
    if (!step()) return Value::error("公式过于复杂");
    const grid::GridCell* cell = sheets_[static_cast<std::size_t>(sheet)].at(row, col);
    if (!cell) return {};
    if (!cell->formula.empty() && !trusted(*cell)) {
      Value v = formula_value(sheet, row, col);
      // A formula that cannot be calculated still has its cached value, if the file kept one.
      if (v.kind != Value::Kind::error || !cell->has_cached_value) return v;
    }
    return stored_value(*cell);
  }

  static Value stored_value(const grid::GridCell& cell) {
    switch (cell.kind) {
      case grid::GridCell::Kind::number: {
        auto d = grid::parse_stored_number(cell.text);
        return d ? Value::of(*d) : Value::error("无法读取数值 " + cell.text);
      }
      case grid::GridCell::Kind::text: {
        Value v;
        v.kind = Value::Kind::text;
        v.text = cell.text;
        return v;
      }
      case grid::GridCell::Kind::boolean: {
        Value v;
        v.kind = Value::Kind::boolean;
        v.number = Decimal(cell.text == "1" || cell.text == "TRUE" ? 1 : 0);
        return v;
      }
      case grid::GridCell::Kind::error:
        return Value::error("引用的单元格是错误值 " + cell.text);
      case grid::GridCell::Kind::empty:
        return {};
    }
    return {};
  }

  /// The value of the formula in (sheet, row, col), calculated once.
  Value formula_value(int sheet, int row, int col) {
    auto key = std::make_tuple(sheet, row, col);
    if (auto it = memo_.find(key); it != memo_.end()) return it->second;
    if (in_progress_.count(key)) return Value::error("循环引用");
    if (static_cast<int>(in_progress_.size()) >= kMaxNesting) return Value::error("公式嵌套过深");
    const grid::GridCell* cell = sheets_[static_cast<std::size_t>(sheet)].at(row, col);
    in_progress_.insert(key);
    Value v = Expression(*this, cell->formula, sheet).evaluate();
    in_progress_.erase(key);
    if (v.kind == Value::Kind::empty) v = Value::of(Decimal(0));  // "=A1" of an empty cell is 0
    memo_[key] = v;
    return v;
  }

  /// Calls `f` for every stored cell of a range, in order; false when the work budget is spent.
  template <typename F>
  bool for_each_cell(int sheet, const grid::Range& r, F f) {
    const auto& cells = sheets_[static_cast<std::size_t>(sheet)].cells();
    for (auto it = cells.lower_bound({r.first_row, r.first_col});
         it != cells.end() && it->first <= std::make_pair(r.last_row, r.last_col); ++it) {
      if (!step()) return false;
      if (it->first.second < r.first_col || it->first.second > r.last_col) continue;
      if (!f(it->first.first, it->first.second)) return true;
    }
    return true;
  }

  int sheet_named(std::string_view name) const {
    std::string u = upper(name);
    for (std::size_t s = 0; s < names_.size(); ++s)
      if (names_[s] == u) return static_cast<int>(s);
    return -1;
  }

  bool step() { return --budget_ > 0; }
  bool enter() { return ++depth_ <= kMaxDepth; }
  void leave() { --depth_; }

 private:
  static std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
  }
  std::vector<grid::Sheet>& sheets_;
  bool recalc_;
  std::vector<std::string> names_;
  std::map<std::tuple<int, int, int>, Value> memo_;
  std::set<std::tuple<int, int, int>> in_progress_;
  long budget_ = kMaxSteps;
  int depth_ = 0;
};

Value to_number(const Value& v) {
  switch (v.kind) {
    case Value::Kind::number:
      return v;
    case Value::Kind::empty:
      return Value::of(Decimal(0));
    case Value::Kind::boolean:
      return Value::of(v.number);
    case Value::Kind::text: {
      auto d = grid::parse_stored_number(grid::trim(v.text));
      return d ? Value::of(*d) : Value::error("文字“" + v.text + "”不是数字");
    }
    case Value::Kind::error:
      return v;
  }
  return v;
}

Value Expression::evaluate() {
  Value v = sum();
  skip_spaces();
  if (v.kind != Value::Kind::error && i_ < f_.size())
    return Value::error("不支持公式中的“" + std::string(f_.substr(i_, 12)) + "”");
  return v;
}

Value Expression::sum() {
  Value left = unary();
  for (;;) {
    if (left.kind == Value::Kind::error) return left;
    skip_spaces();
    if (i_ >= f_.size() || (f_[i_] != '+' && f_[i_] != '-')) return left;
    char op = f_[i_++];
    Value right = unary();
    if (right.kind == Value::Kind::error) return right;
    Value a = to_number(left), b = to_number(right);
    if (a.kind == Value::Kind::error) return a;
    if (b.kind == Value::Kind::error) return b;
    auto r = op == '+' ? Decimal::add(a.number, b.number) : Decimal::subtract(a.number, b.number);
    if (!r) return Value::error("数值溢出");
    left = Value::of(*r);
  }
}

Value Expression::unary() {
  if (!ev_.enter()) {
    ev_.leave();
    return Value::error("公式嵌套过深");
  }
  skip_spaces();
  Value v;
  if (i_ < f_.size() && (f_[i_] == '-' || f_[i_] == '+')) {
    char op = f_[i_++];
    v = to_number(unary());
    if (v.kind == Value::Kind::number && op == '-') {
      auto negated = Decimal::subtract(Decimal(0), v.number);
      v = negated ? Value::of(*negated) : Value::error("数值溢出");
    }
  } else {
    v = primary();
  }
  ev_.leave();
  return v;
}

std::optional<Expression::Area> Expression::area() {
  skip_spaces();
  std::size_t start = i_;
  int sheet = sheet_;
  if (i_ < f_.size() && f_[i_] == '\'') {
    std::string name;
    std::size_t j = i_ + 1;
    for (; j < f_.size(); ++j) {
      if (f_[j] == '\'') {
        if (j + 1 < f_.size() && f_[j + 1] == '\'') {
          name += '\'';
          ++j;
          continue;
        }
        break;
      }
      name += f_[j];
    }
    if (j + 1 >= f_.size() || f_[j + 1] != '!') return std::nullopt;
    sheet = ev_.sheet_named(name);
    if (sheet < 0) return std::nullopt;
    i_ = j + 2;
  }
  auto word = [&] {
    std::size_t j = i_;
    while (j < f_.size() && is_ident_char(f_[j]))
      ++j;
    return f_.substr(i_, j - i_);
  };
  std::string_view first = word();
  if (i_ + first.size() < f_.size() && f_[i_ + first.size()] == '!' && sheet == sheet_ &&
      start == i_) {
    sheet = ev_.sheet_named(first);
    if (sheet < 0) {
      i_ = start;
      return std::nullopt;
    }
    i_ += first.size() + 1;
    first = word();
  }
  auto a = parse_ref(first);
  if (!a || (i_ + first.size() < f_.size() && f_[i_ + first.size()] == '(')) {
    i_ = start;
    return std::nullopt;
  }
  i_ += first.size();
  Area out{sheet, {a->row, a->col, a->row, a->col}};
  if (i_ < f_.size() && f_[i_] == ':') {
    ++i_;
    auto b = parse_ref(word());
    if (!b) {
      i_ = start;
      return std::nullopt;
    }
    i_ += word().size();
    out.range = {std::min(a->row, b->row), std::min(a->col, b->col), std::max(a->row, b->row),
                 std::max(a->col, b->col)};
  }
  return out;
}

// A reference standing for a value: a single cell (a range there is not supported).
Value Expression::area_value(const Area& a) {
  if (a.range.first_row != a.range.last_row || a.range.first_col != a.range.last_col)
    return Value::error("区域只能用在 SUM 中");
  return ev_.cell_value(a.sheet, a.range.first_row, a.range.first_col);
}

Value Expression::sum_function() {
  Decimal total(0);
  if (take(')')) return Value::of(total);
  for (;;) {
    std::size_t before = i_;
    auto a = area();
    skip_spaces();
    bool bare = a && i_ < f_.size() && (f_[i_] == ',' || f_[i_] == ')');
    if (bare) {
      // Numbers in the range count; text, logical values and blanks do not, as in a spreadsheet.
      Value failure;
      bool ok = ev_.for_each_cell(a->sheet, a->range, [&](int r, int c) {
        Value v = ev_.cell_value(a->sheet, r, c);
        if (v.kind == Value::Kind::error) {
          failure = v;
          return false;
        }
        if (v.kind == Value::Kind::number) {
          auto s = Decimal::add(total, v.number);
          if (!s) {
            failure = Value::error("数值溢出");
            return false;
          }
          total = *s;
        }
        return true;
      });
      if (!ok) return Value::error("公式过于复杂");
      if (failure.kind == Value::Kind::error) return failure;
    } else {
      i_ = before;
      Value v = to_number(sum());
      if (v.kind == Value::Kind::error) return v;
      auto s = Decimal::add(total, v.number);
      if (!s) return Value::error("数值溢出");
      total = *s;
    }
    if (take(',')) continue;
    if (take(')')) return Value::of(total);
    return Value::error("SUM 的参数无法读取");
  }
}

Value Expression::primary() {
  skip_spaces();
  if (i_ >= f_.size()) return Value::error("公式不完整");
  char c = f_[i_];
  if (c == '(') {
    ++i_;
    Value v = sum();
    if (v.kind == Value::Kind::error) return v;
    if (!take(')')) return Value::error("括号不配对");
    return v;
  }
  if ((c >= '0' && c <= '9') || c == '.') {
    std::size_t j = i_;
    while (j < f_.size() && ((f_[j] >= '0' && f_[j] <= '9') || f_[j] == '.'))
      ++j;
    if (j < f_.size() && (f_[j] == 'E' || f_[j] == 'e')) {
      ++j;
      if (j < f_.size() && (f_[j] == '+' || f_[j] == '-')) ++j;
      while (j < f_.size() && f_[j] >= '0' && f_[j] <= '9')
        ++j;
    }
    auto d = grid::parse_stored_number(f_.substr(i_, j - i_));
    i_ = j;
    return d ? Value::of(*d) : Value::error("无法读取数值");
  }
  if (c == '"') {
    std::string text;
    std::size_t j = i_ + 1;
    for (; j < f_.size(); ++j) {
      if (f_[j] == '"') {
        if (j + 1 < f_.size() && f_[j + 1] == '"') {
          text += '"';
          ++j;
          continue;
        }
        break;
      }
      text += f_[j];
    }
    i_ = std::min(j + 1, f_.size());
    Value v;
    v.kind = Value::Kind::text;
    v.text = std::move(text);
    return v;
  }
  if (auto a = area()) return area_value(*a);
  std::size_t j = i_;
  while (j < f_.size() && is_ident_char(f_[j]))
    ++j;
  std::string name(f_.substr(i_, j - i_));
  for (char& ch : name)
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  if (j < f_.size() && f_[j] == '(' && (name == "SUM" || name == "_XLFN.SUM")) {
    i_ = j + 1;
    return sum_function();
  }
  if (name == "TRUE" || name == "FALSE") {
    i_ = j;
    Value v;
    v.kind = Value::Kind::boolean;
    v.number = Decimal(name == "TRUE" ? 1 : 0);
    return v;
  }
  if (!name.empty()) return Value::error("不支持函数或名称 " + name);
  return Value::error("不支持公式中的“" + std::string(f_.substr(i_, 12)) + "”");
}

}  // namespace

void resolve_formulas(std::vector<grid::Sheet>& sheets, bool recalculate_on_load,
                      std::vector<std::string>& evaluated) {
  Evaluator ev(sheets, recalculate_on_load);
  struct Outcome {
    grid::GridCell* cell;
    Value value;
    std::string name;
  };
  std::vector<Outcome> outcomes;
  // Calculate everything first and write afterwards, so that every formula sees the file as it was.
  for (std::size_t s = 0; s < sheets.size(); ++s)
    for (auto& [pos, cell] : sheets[s].cells()) {
      if (cell.formula.empty() || ev.trusted(cell)) continue;
      Value v = ev.formula_value(static_cast<int>(s), pos.first, pos.second);
      outcomes.push_back({&cell, v, sheets[s].name + "!" + grid::cell_name(pos.first, pos.second)});
    }
  for (auto& o : outcomes) {
    grid::GridCell& cell = *o.cell;
    switch (o.value.kind) {
      case Value::Kind::number:
        cell.kind = grid::GridCell::Kind::number;
        cell.text = o.value.number.to_string();
        cell.evaluated = true;
        evaluated.push_back(o.name);
        break;
      case Value::Kind::text:
        cell.kind = grid::GridCell::Kind::text;
        cell.text = o.value.text;
        cell.evaluated = true;
        evaluated.push_back(o.name);
        break;
      case Value::Kind::boolean:
        cell.kind = grid::GridCell::Kind::boolean;
        cell.text = o.value.number.is_zero() ? "FALSE" : "TRUE";
        cell.evaluated = true;
        evaluated.push_back(o.name);
        break;
      case Value::Kind::empty:
      case Value::Kind::error:
        if (!cell.has_cached_value) {
          cell.kind = grid::GridCell::Kind::empty;
          cell.text.clear();
          cell.note = o.value.text;
        }
        break;
    }
  }
}

}  // namespace nianbao::xlsx
