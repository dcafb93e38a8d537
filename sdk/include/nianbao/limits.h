// Resource limits. Every reader of untrusted input bounds what a file can make it do (bytes read,
// zip entries and decompressed bytes, XML depth, cells…). The defaults suit real reports; a user
// raises one for a run with `nianbao … --limit NAME=VALUE`, which the engine passes to importers as
// the option "limit.NAME". Hitting a limit is an error that names NAME, so the message says how to
// raise it. A plugin declares each limit it enforces (Registry::add_limit), the engine keeps the
// list (Engine::limits(), `nianbao limits`), and docs/limits.md is checked against it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "nianbao/export.h"

namespace nianbao {

/// A limit a plugin enforces, as it declares it with Registry::add_limit: the CLI warns about a
/// `--limit NAME` that no plugin declares and lists the declared ones (`nianbao limits`).
struct LimitInfo {
  std::string name;  ///< e.g. "table-cells"; read with limit_value(options, name, …)
  std::uint64_t default_value = 0;  ///< the value when the run does not set it
  std::string bounds_zh;  ///< what it bounds, e.g. "所有表格中有内容的单元格数"
  std::string bounds_en;  ///< e.g. "cells holding something, in all tables together"
};

/// The prefix of importer options that carry limits ("limit.zip-bytes").
inline constexpr std::string_view kLimitOptionPrefix = "limit.";

/// Whether an importer option is a limit (importers ignore those they do not enforce).
NIANBAO_API bool is_limit_option(std::string_view key);

/// Reads a limit value: a whole number, optionally with a binary size suffix K, M or G
/// ("64M" = 67108864). Nothing when it is not a positive number that fits 64 bits.
NIANBAO_API std::optional<std::uint64_t> parse_limit_value(std::string_view text);

/// The limit NAME for this import: the option "limit.NAME" when given (and valid), otherwise
/// `default_value`.
NIANBAO_API std::uint64_t limit_value(const std::map<std::string, std::string>& options,
                                      std::string_view name, std::uint64_t default_value);

/// Default of the engine's own limit "input-bytes": the largest file it reads.
inline constexpr std::uint64_t kDefaultInputBytes = 64u << 20;

}  // namespace nianbao
