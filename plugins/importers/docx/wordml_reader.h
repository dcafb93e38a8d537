// Reading a Word document (DOCX, WordprocessingML) into the blocks the document assembly works on
// (../document/document.h): its paragraphs and tables in reading order.
//
// What Word files of annual reports hold and this reader resolves: tables with cells merged across
// columns (w:gridSpan, the legacy w:hMerge) and down rows (w:vMerge restart/continue), rows that
// skip grid columns (w:gridBefore/w:gridAfter), cells whose text is split into several runs or
// paragraphs (labels broken across lines), the numbers of automatic lists ("一、" of a heading in
// a numbered style), tabs and line breaks, tracked changes (inserted text taken; deleted text,
// rows and paragraph marks dropped), content controls and smart tags around text, rows and
// cells, hidden text, field codes (only the shown result is taken), and layout tables — of one
// cell wrapping the whole report, or holding tables — whose content is read in place.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "document/document.h"

namespace nianbao::docx_import {

/// Reads the document; throws InputError (DOCX-04 not a complete DOCX, DOCX-05 a .doc or an
/// encrypted document, DOCX-06 beyond a limit, DOCX-07 bad XML) naming the file and the part.
/// Paragraphs are numbered from 1 in reading order, counting those that hold text; tables are
/// named "表1", "表2"… in reading order (Block::table.name and Block::source.pointer), and their
/// cells are pointed at as "表3 第5行第2列" (row of the table, column of its grid, from 1).
/// `options`: the importer options, of which the zip limits (`--limit zip-…`) are used here.
document::Document read_document(std::string_view bytes, const std::string& path,
                                 const std::map<std::string, std::string>& options = {});

}  // namespace nianbao::docx_import
