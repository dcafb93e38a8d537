// Parsing untrusted XML (the parts of OOXML packages) with pugixml, safely: a document type
// declaration — the vehicle of entity bombs and external entities, and never part of OOXML — is
// refused, and the nesting depth is bounded before pugixml sees the text, so that neither the
// parser nor any recursive walk over the tree can be driven into the ground. Element and attribute
// names are compared without their namespace prefix (some writers spell <x:c>, others <c>).
#pragma once

#include <pugixml.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace nianbao::xml {

/// Why a text was not parsed.
struct Problem {
  enum class Kind {
    doctype,    ///< a <!DOCTYPE> or other declaration (<!ENTITY>, <!ELEMENT>…)
    too_deep,   ///< elements nested deeper than the limit
    malformed,  ///< not well-formed XML (detail: pugixml's description)
  };
  Kind kind = Kind::malformed;
  std::size_t offset = 0;  ///< byte offset of the problem in the text
  int line = 1;            ///< 1-based line of the offset
  std::string detail;
};

/// Parses `text` into `doc`, keeping text that is only white space (<w:t xml:space="preserve">
/// </w:t>). Returns the problem when the text has a DTD, nests elements deeper than `max_depth`
/// or is not well-formed; nothing when `doc` holds the document.
std::optional<Problem> parse(pugi::xml_document& doc, std::string_view text, int max_depth);

/// The name of a node or attribute without its namespace prefix.
std::string_view local_name(const char* qualified);

/// The first child element with this local name.
pugi::xml_node child(const pugi::xml_node& node, std::string_view local);
/// An attribute by local name ("r:id" is found as "id").
pugi::xml_attribute attribute(const pugi::xml_node& node, std::string_view local);

}  // namespace nianbao::xml
