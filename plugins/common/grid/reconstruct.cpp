#include "reconstruct.h"

#include <algorithm>
#include <set>

namespace nianbao::grid {
namespace {

// A figure has at most this many digits (a spreadsheet's precision); a token that would need
// longer ones is not split.
constexpr std::size_t kMaxDigits = 15;
// Work bounds: splits tried for one group, and steps of the search over all groups together. A
// hostile page of digits makes the search give up (the cells stay undecided), not hang.
constexpr std::size_t kMaxSteps = 2000000;

using CellKey = std::pair<std::string, std::string>;

// One identity applied to one row or column: sum(plus) == sum(minus).
struct Instance {
  std::vector<CellKey> plus, minus;
};

std::vector<Instance> instances_of(const TableDef& table,
                                   const std::vector<IdentityDef>& identities) {
  std::vector<Instance> out;
  for (const auto& id : identities) {
    if (id.table != table.key) continue;
    for (const auto& instance : identity_instances(id, table)) {
      Instance in;
      for (const auto& c : instance.lhs)
        in.plus.emplace_back(std::string(c.row), std::string(c.column));
      for (const auto& c : instance.rhs)
        in.minus.emplace_back(std::string(c.row), std::string(c.column));
      out.push_back(std::move(in));
    }
  }
  return out;
}

bool valid_part(std::string_view part, const ColumnDef* def) {
  if (part.empty() || part.size() > kMaxDigits + 1) return false;
  const std::size_t dot = part.find('.');
  if (dot != std::string_view::npos) {
    // Decimals only for money, with digits on both sides.
    if (!def || def->type != ValueType::money) return false;
    if (dot == 0 || dot + 1 == part.size() || part.find('.', dot + 1) != std::string_view::npos)
      return false;
    std::string_view whole = part.substr(0, dot);
    return whole.size() == 1 || whole[0] != '0';
  }
  if (part.size() > kMaxDigits) return false;
  return part.size() == 1 || part[0] != '0';  // no leading zeros: "05" is 0 and 5
}

// The value of a cell during the search: known, or assigned by the current candidate.
class Values {
 public:
  std::map<CellKey, Decimal> fixed;
  std::map<CellKey, const Decimal*> assigned;

  const Decimal* find(const CellKey& k) const {
    if (auto it = assigned.find(k); it != assigned.end() && it->second) return it->second;
    if (auto it = fixed.find(k); it != fixed.end()) return &it->second;
    return nullptr;
  }
};

// Whether the instance holds; nothing when one of its cells has no value yet.
std::optional<bool> holds(const Instance& in, const Values& v) {
  Decimal plus, minus;
  for (const auto& k : in.plus) {
    const Decimal* d = v.find(k);
    if (!d) return std::nullopt;
    auto s = Decimal::add(plus, *d);
    if (!s) return false;
    plus = *s;
  }
  for (const auto& k : in.minus) {
    const Decimal* d = v.find(k);
    if (!d) return std::nullopt;
    auto s = Decimal::add(minus, *d);
    if (!s) return false;
    minus = *s;
  }
  return plus == minus;
}

struct Candidate {
  std::vector<std::string> parts;     // one per cell
  std::vector<std::size_t> token_of;  // one per cell
  std::vector<Decimal> values;        // one per cell
};

// Every way to cut the tokens into as many valid figures as there are cells.
void enumerate(const SplitGroup& g, std::size_t token, std::size_t offset, Candidate& current,
               std::vector<Candidate>& out, std::size_t& steps, bool& gave_up) {
  if (gave_up) return;
  if (++steps > kMaxSteps) {
    gave_up = true;
    return;
  }
  const std::size_t cell = current.parts.size();
  if (token == g.tokens.size()) {
    if (cell == g.cells.size()) out.push_back(current);
    return;
  }
  if (cell == g.cells.size()) return;
  const std::string& text = g.tokens[token];
  // The cells still to fill must be at least the tokens still to cut, at most their digits.
  const std::size_t cells_left = g.cells.size() - cell;
  const std::size_t tokens_left = g.tokens.size() - token;
  if (cells_left < tokens_left) return;
  for (std::size_t end = offset + 1; end <= text.size(); ++end) {
    std::string_view part(text.data() + offset, end - offset);
    if (!valid_part(part, g.cells[cell].def)) {
      if (part.size() > kMaxDigits + 1) break;
      continue;
    }
    auto value = Decimal::parse(part);
    if (!value) continue;
    current.parts.emplace_back(part);
    current.token_of.push_back(token);
    current.values.push_back(*value);
    if (end == text.size())
      enumerate(g, token + 1, 0, current, out, steps, gave_up);
    else
      enumerate(g, token, end, current, out, steps, gave_up);
    current.parts.pop_back();
    current.token_of.pop_back();
    current.values.pop_back();
    if (gave_up) return;
  }
}

std::string joined(const Candidate& c) {
  std::string out;
  for (const auto& p : c.parts)
    out += (out.empty() ? "" : "|") + p;
  return out;
}

}  // namespace

SplitResult split_runs(const TableDef& table, const std::vector<IdentityDef>& identities,
                       const std::map<std::pair<std::string, std::string>, Decimal>& known,
                       const std::vector<SplitGroup>& groups) {
  const std::size_t n = groups.size();
  SplitResult result;
  result.values.resize(n);
  result.token_of.resize(n);
  result.ways.assign(n, 0);
  result.examples.resize(n);
  for (std::size_t g = 0; g < n; ++g) {
    result.values[g].assign(groups[g].cells.size(), std::nullopt);
    result.token_of[g].assign(groups[g].cells.size(), groups[g].tokens.size());
  }

  // Which group holds a cell; the identities whose every cell is known or in a group.
  std::map<CellKey, std::size_t> group_of;
  for (std::size_t g = 0; g < n; ++g)
    for (const auto& c : groups[g].cells)
      group_of[{c.row, c.column}] = g;
  Values values;
  values.fixed = known;
  std::vector<Instance> usable;
  for (auto& in : instances_of(table, identities)) {
    bool complete = true;
    for (const auto* side : {&in.plus, &in.minus})
      for (const auto& k : *side)
        complete = complete && (known.count(k) || group_of.count(k));
    if (complete) usable.push_back(std::move(in));
  }
  // The groups each identity involves; the last of them (in search order) decides it.
  std::vector<std::set<std::size_t>> involves(usable.size());
  for (std::size_t i = 0; i < usable.size(); ++i)
    for (const auto* side : {&usable[i].plus, &usable[i].minus})
      for (const auto& k : *side)
        if (auto it = group_of.find(k); it != group_of.end()) involves[i].insert(it->second);

  // Each group's splits that agree with the identities it decides alone.
  std::vector<std::vector<Candidate>> candidates(n);
  std::vector<bool> gave_up(n, false);
  for (std::size_t g = 0; g < n; ++g) {
    std::vector<Candidate> all;
    Candidate current;
    std::size_t steps = 0;
    bool stopped = false;
    enumerate(groups[g], 0, 0, current, all, steps, stopped);
    if (stopped) {
      gave_up[g] = true;
      continue;
    }
    for (auto& c : all) {
      for (std::size_t k = 0; k < c.values.size(); ++k)
        values.assigned[{groups[g].cells[k].row, groups[g].cells[k].column}] = &c.values[k];
      bool ok = true;
      for (std::size_t i = 0; i < usable.size() && ok; ++i)
        if (involves[i].size() == 1 && *involves[i].begin() == g)
          ok = holds(usable[i], values).value_or(true);
      for (const auto& cell : groups[g].cells)
        values.assigned.erase({cell.row, cell.column});
      if (ok) candidates[g].push_back(std::move(c));
    }
  }

  // All groups together: the identities across groups, checked once their last group is chosen.
  std::vector<std::vector<std::size_t>> decided_at(n);
  for (std::size_t i = 0; i < usable.size(); ++i)
    if (involves[i].size() > 1) decided_at[*involves[i].rbegin()].push_back(i);
  std::vector<std::set<std::size_t>> used(n);  // candidates of each group seen in a solution
  std::size_t solutions = 0, steps = 0;
  bool stopped = std::any_of(gave_up.begin(), gave_up.end(), [](bool b) { return b; });
  std::vector<std::size_t> choice(n, 0);
  std::vector<std::size_t> first_solution;
  auto search = [&](auto& self, std::size_t g) -> void {
    if (stopped) return;
    if (g == n) {
      ++solutions;
      if (first_solution.empty()) first_solution = choice;
      for (std::size_t k = 0; k < n; ++k)
        used[k].insert(choice[k]);
      if (solutions > kMaxSplitsCounted) stopped = true;
      return;
    }
    for (std::size_t c = 0; c < candidates[g].size() && !stopped; ++c) {
      if (++steps > kMaxSteps) {
        stopped = true;
        return;
      }
      const Candidate& cand = candidates[g][c];
      for (std::size_t k = 0; k < cand.values.size(); ++k)
        values.assigned[{groups[g].cells[k].row, groups[g].cells[k].column}] = &cand.values[k];
      bool ok = true;
      for (std::size_t i : decided_at[g])
        ok = ok && holds(usable[i], values).value_or(true);
      if (ok) {
        choice[g] = c;
        self(self, g + 1);
      }
      for (const auto& cell : groups[g].cells)
        values.assigned.erase({cell.row, cell.column});
    }
  };
  if (!stopped) search(search, 0);

  for (std::size_t g = 0; g < n; ++g) {
    if (stopped) {
      // Too many to count: nothing is decided.
      result.ways[g] =
          gave_up[g] || candidates[g].size() > 1 ? kMaxSplitsCounted + 1 : candidates[g].size();
      for (std::size_t c = 0; c < candidates[g].size() && c < 3; ++c)
        result.examples[g].push_back(joined(candidates[g][c]));
      if (result.ways[g] != 1) continue;
    }
    if (!stopped) result.ways[g] = used[g].size();
    for (std::size_t c : used[g]) {
      if (result.examples[g].size() == 3) break;
      result.examples[g].push_back(joined(candidates[g][c]));
    }
    if (result.ways[g] == 0) continue;
    const Candidate& first = stopped ? candidates[g].front() : candidates[g][first_solution[g]];
    for (std::size_t k = 0; k < groups[g].cells.size(); ++k) {
      result.token_of[g][k] = first.token_of[k];
      bool same = true;
      for (std::size_t c : used[g])
        same = same && candidates[g][c].parts[k] == first.parts[k];
      if (same) result.values[g][k] = first.parts[k];
    }
  }
  return result;
}

}  // namespace nianbao::grid
