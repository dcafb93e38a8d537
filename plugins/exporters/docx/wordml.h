// Writing the WordprocessingML package of a laid-out report.
#pragma once

#include <nianbao/report.h>

#include <string>

#include "print/print_layout.h"
#include "reference_docx.h"

namespace nianbao::docx {

/// The bytes of the .docx file. With a reference document, its styles (by style name, so a
/// Chinese Word's localized style ids work), fonts, theme, numbering, page setup, headers and
/// footers replace ours; styles it lacks keep our definitions.
std::string write_docx(const print::Document& document, const Report& report,
                       const ReferenceDocument* reference);

}  // namespace nianbao::docx
