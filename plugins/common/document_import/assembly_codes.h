// The codes under which a document importer reports what the document assembly finds (the format,
// no tables, an ambiguous layout, a cell that is no number, an unusable entry or option, a cut-off
// document), with their catalogue entries: the same rules for every kind of document, each under
// the importer's own codes.
#pragma once

#include <nianbao/plugin.h>

#include <string>
#include <vector>

#include "document.h"

namespace nianbao::document_import {

struct AssemblyCodes {
  std::string plugin;
  std::string found;         ///< info: the format the layout fits
  std::string no_tables;     ///< error: no table of any format
  std::string ambiguous;     ///< error: the layout fits several formats
  std::string not_a_number;  ///< warning: a table cell that is no number
  std::string bad_entry;     ///< warning: a metadata entry or an importer option that is unusable
  std::string truncated;     ///< error: a table or part missing, the document cut off

  /// As the assembly takes them.
  document::Codes for_assembly() const {
    return {plugin, grid::Codes{plugin, found, no_tables, ambiguous, not_a_number, bad_entry, ""},
            truncated};
  }

  /// The catalogue entries. `what_zh`/`what_en` name the kind of document ("网页", "page").
  std::vector<RuleInfo> rules(const std::string& clause, const std::string& what_zh,
                              const std::string& what_en) const {
    return {
        {found,
         Severity::info,
         "按表格版式识别的格式",
         "the format read from the layout of the tables",
         "formats.md §2",
         {},
         true},
        {no_tables,
         Severity::error,
         "没有找到年度报告的表格",
         "no table of an annual report found",
         "formats.md §4–§6",
         {},
         true},
        {ambiguous,
         Severity::error,
         "表格版式同时符合多个格式，无法确定",
         "the layout fits several formats equally",
         "formats.md §2",
         {},
         true},
        {not_a_number,
         Severity::warning,
         "表格单元格的内容不是数字",
         "a table cell is not a number",
         "formats.md §7",
         {},
         true},
        {bad_entry,
         Severity::warning,
         "基本信息或导入选项中的内容无法使用",
         "an entry of the metadata, or an importer option, cannot be used",
         clause,
         {},
         true},
        {truncated,
         Severity::error,
         what_zh + "缺少格式要求的表格或部分，或在中途截断",
         "a table or part the format requires is missing, or the " + what_en + " is cut off",
         "formats.md §3–§6",
         {},
         true},
    };
  }
};

}  // namespace nianbao::document_import
