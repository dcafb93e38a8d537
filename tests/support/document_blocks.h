// Looking into the blocks a document reader produced (plugins/common/document/document.h):
// the paragraphs' texts, the tables, a cell's text and the merged range over it. Shared by the
// tests of the Word and the web page readers.
#pragma once

#include <string>
#include <vector>

#include "document/document.h"

namespace document_blocks {

using nianbao::document::Block;
using nianbao::document::Document;

inline std::vector<std::string> paragraphs(const Document& d) {
  std::vector<std::string> out;
  for (const auto& b : d.blocks)
    if (b.kind == Block::Kind::paragraph) out.push_back(b.text);
  return out;
}

inline std::vector<const Block*> tables(const Document& d) {
  std::vector<const Block*> out;
  for (const auto& b : d.blocks)
    if (b.kind == Block::Kind::table) out.push_back(&b);
  return out;
}

/// The text of the cell at the 0-based (row, col), "" when the reader put none there.
inline std::string text_at(const Block& t, int row, int col) {
  const auto* c = t.table.at(row, col);
  return c ? c->text : "";
}

/// The merged range over the cell as "first_row,first_col-last_row,last_col", "" when none.
inline std::string merge_at(const Block& t, int row, int col) {
  const auto* m = t.table.merge_at(row, col);
  if (!m) return "";
  return std::to_string(m->first_row) + "," + std::to_string(m->first_col) + "-" +
         std::to_string(m->last_row) + "," + std::to_string(m->last_col);
}

}  // namespace document_blocks
