// Splitting figures printed run together. Archived web pages sometimes lose the cell boundaries
// of their tables: "640020470" is 64 0 0 2 0 4 70. The format's identities (row and column sums)
// often allow one split only; then the cells are recovered, and where they allow several (or none)
// the cells are left undecided, never guessed.
#pragma once

#include <nianbao/decimal.h>
#include <nianbao/format.h>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace nianbao::grid {

/// More splits than this are not counted one by one.
inline constexpr std::size_t kMaxSplitsCounted = 1000;

struct SplitCell {
  std::string row, column;
  const ColumnDef* def = nullptr;
};

/// Printed tokens (each a run of one or more figures, in reading order) and the cells they hold.
struct SplitGroup {
  std::vector<std::string> tokens;
  std::vector<SplitCell> cells;
};

struct SplitResult {
  /// [group][cell]: the value every split allowed by the sums gives, or nothing.
  std::vector<std::vector<std::optional<std::string>>> values;
  /// [group][cell]: the token the cell's figure comes from in the first split found (the number
  /// of tokens when there is none).
  std::vector<std::vector<std::size_t>> token_of;
  /// [group]: the splits of the group's tokens that agree with the sums (kMaxSplitsCounted + 1:
  /// more than can be counted).
  std::vector<std::size_t> ways;
  /// [group]: up to three of them, as "88|55|698".
  std::vector<std::vector<std::string>> examples;
};

/// Splits every group's tokens into figures, one per cell, such that every identity of the table
/// whose cells are all known or in a group holds. `known` holds the values of the table's other
/// cells (blank and not applicable as 0).
SplitResult split_runs(const TableDef& table, const std::vector<IdentityDef>& identities,
                       const std::map<std::pair<std::string, std::string>, Decimal>& known,
                       const std::vector<SplitGroup>& groups);

}  // namespace nianbao::grid
