// JSON parsing that remembers where every key and value stands, so that errors about a report's
// content can name the line. nlohmann's DOM keeps no positions; this SAX handler does.
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace nianbao::json {

using Value = nlohmann::ordered_json;

struct SyntaxError : std::runtime_error {
  SyntaxError(int line, int character, const std::string& what)
      : std::runtime_error(what), line(line), character(character) {}
  int line;
  int character;
};

struct Document {
  Value root;
  std::unordered_map<std::string, int> lines;  ///< JSON pointer → 1-based line of its key/value
  int line_of(const std::string& pointer) const {
    auto it = lines.find(pointer);
    return it == lines.end() ? 0 : it->second;
  }
};

struct Limits {
  int max_depth = 64;
  std::size_t max_values = 1'000'000;
};

/// Parses `text`; throws SyntaxError for malformed JSON, duplicate keys, nesting deeper than
/// the limit, or too many values.
Document parse(std::string_view text, const Limits& limits = {});

/// The same document without its positions (`lines` stays empty), in half the time: for text
/// whose lines are wanted only to report an error, which is then parsed again with parse().
/// Throws SyntaxError for the same inputs as parse(), without a line.
Document parse_without_positions(std::string_view text, const Limits& limits = {});

/// Appends a key to a JSON pointer, escaping '~' and '/'.
std::string pointer_append(const std::string& pointer, std::string_view key);

}  // namespace nianbao::json
