// Parsing the XML parts of a workbook safely, through the shared parser (plugins/common/xml): a
// document type declaration (the vehicle of entity bombs, and never part of OOXML) is refused, the
// nesting depth is bounded before pugixml sees the text, and element and attribute names are
// compared without their namespace prefix (some writers spell <x:c>, others <c>).
#pragma once

#include <pugixml.hpp>

#include <string>
#include <string_view>

#include "xml/safe_xml.h"

namespace nianbao::xlsx {

/// Parses `xml`, the part `entry` of the file at `path`; throws InputError (XLSX-04 malformed or
/// with a DTD, XLSX-03 nested too deep).
void parse_xml(pugi::xml_document& doc, std::string_view xml, const std::string& entry,
               const std::string& path);

using xml::attribute;
using xml::child;
using xml::local_name;

/// The text of a string item: <t>, or the runs of rich text (<r><t>…</t></r>), without phonetic
/// guides (<rPh>); with the escapes OOXML uses for control characters (_x000D_) decoded.
std::string string_item_text(const pugi::xml_node& item);

/// Decodes OOXML's _xHHHH_ escapes.
std::string decode_ooxml_escapes(std::string_view text);

}  // namespace nianbao::xlsx
