// Reading a published report's web page into the blocks the document assembly works on
// (../document/document.h): its paragraphs and tables in reading order, as a browser shows them.
//
// The page's encoding is found as a browser finds it: a byte order mark, else the charset a
// <meta> declares (<meta charset>, or http-equiv Content-Type), else UTF-8 when the bytes are
// valid UTF-8, else GB18030 (which includes GBK and GB2312, the encodings of older Chinese sites).
// The page is parsed as HTML5 with Gumbo, which repairs what browsers repair. Scripts, styles,
// forms, navigation and hidden elements are left out; white space is collapsed as a browser does
// (&nbsp; kept), <br> breaks a line and every block (p, div, h1…, li) is a paragraph. Tables are
// grids with their colspan/rowspan merges, each cell's text joined from whatever markup it holds
// (<p><span>…</span></p>); a table of one cell, or one holding tables, is page layout and its
// content is read in place.
#pragma once

#include <string>
#include <string_view>

#include "document/document.h"
#include "html_limits.h"

namespace nianbao::html_import {

/// The page as UTF-8, and the encoding it was read in ("UTF-8", "GB18030 (declared gb2312)"…).
struct DecodedPage {
  std::string text;
  std::string encoding;
};

/// Decodes the page; throws InputError (HTML-02) when it is in no encoding that applies.
DecodedPage decode_page(std::string_view bytes, const std::string& path);

/// Reads the page; throws InputError (HTML-02 not a page that can be read, HTML-03 beyond a
/// limit). Paragraphs carry their line in the decoded page and their number (from 1, counting those
/// that hold text); tables are named "表1", "表2"… and their cells pointed at as "表3 第5行第2列".
/// `max_cells`: kMaxCells, or the user's limit "table-cells".
document::Document read_page(std::string_view bytes, const std::string& path,
                             std::size_t max_cells = kMaxCells);

}  // namespace nianbao::html_import
