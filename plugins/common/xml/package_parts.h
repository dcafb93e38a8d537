// The names of the parts of an OOXML package (DOCX, XLSX) as relationships give them: shared by
// the XLSX and DOCX importers and the DOCX exporter.
#pragma once

#include <string>
#include <string_view>

namespace nianbao::ooxml {

/// The part a relationship target points at: relative to the directory of `source_part` ("" for
/// the package's own relationships), or from the package root when it starts with '/'. Empty
/// when it climbs above the root.
std::string resolve_target(std::string_view source_part, std::string_view target);

/// "word/document.xml" → "word/_rels/document.xml.rels"; "" → "_rels/.rels".
std::string rels_part_for(std::string_view part);

}  // namespace nianbao::ooxml
