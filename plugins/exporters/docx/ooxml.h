// Small helpers for Office Open XML with pugixml: namespaces, prefixes, relationships, part names.
#pragma once

#include <pugixml.hpp>

#include <string>
#include <string_view>

#include "xml/package_parts.h"

namespace nianbao::docx {

inline constexpr const char* kWordNs =
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
inline constexpr const char* kRelNs =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
inline constexpr const char* kPackageRelNs =
    "http://schemas.openxmlformats.org/package/2006/relationships";
inline constexpr const char* kContentTypesNs =
    "http://schemas.openxmlformats.org/package/2006/content-types";

/// The name without its namespace prefix: "w:style" → "style".
std::string_view local_name(std::string_view qualified);

/// The prefix the element (or an ancestor) binds to `ns`: "w" for xmlns:w="…", "" for a default
/// namespace. Returns false when the namespace is not declared there.
bool prefix_for(pugi::xml_node element, std::string_view ns, std::string& prefix);

/// "w" + "style" → "w:style"; "" + "style" → "style".
std::string qualify(std::string_view prefix, std::string_view local);

/// Renames every element and attribute of the subtree in prefix `from` to prefix `to` ("" means
/// unprefixed). Namespace declarations are left alone.
void rename_prefix(pugi::xml_node root, std::string_view from, std::string_view to);

/// Removes from the subtree every element and attribute not in prefix `prefix` (extensions in
/// other namespaces that the target document does not declare), and every non-element node
/// other than text.
void keep_only_prefix(pugi::xml_node root, std::string_view prefix);

/// The deepest element nesting of the document (the root element is 1).
int max_depth(const pugi::xml_document& doc);

/// Serializes with an XML declaration (UTF-8, standalone) and no added whitespace.
std::string to_xml(const pugi::xml_document& doc);

// Part names from relationships (plugins/common/xml/package_parts.h).
using ooxml::rels_part_for;
using ooxml::resolve_target;

/// Case-insensitive comparison of ASCII text (style names such as "heading 1" / "Heading 1").
bool equal_ignoring_case(std::string_view a, std::string_view b);

}  // namespace nianbao::docx
