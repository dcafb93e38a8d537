// The reference document (`--reference-docx`, as pandoc has it): an agency's own Word file whose
// styles, fonts, page setup, headers and footers the exported report takes over.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace nianbao::docx {

/// A part copied into the output package as it is (a header or footer, its relationships, the
/// pictures it shows).
struct CopiedPart {
  std::string name;          ///< part name in the output package, without a leading '/'
  std::string content_type;  ///< empty for a part covered by a Default of its extension
  std::string extension;     ///< with content_type empty: the extension and its Default type
  std::string default_type;
  std::string data;
};

/// A header or footer of the reference's page setup, renamed for the output package.
struct HeaderFooterReference {
  bool footer = false;
  std::string type;  ///< "default", "even" or "first"
  std::string part;  ///< output part name, e.g. "word/footer1.xml"
};

struct ReferenceDocument {
  std::string file;  ///< as the user named it, for messages
  std::optional<std::string> styles;
  std::optional<std::string> font_table;
  std::optional<std::string> theme;
  std::optional<std::string> numbering;
  /// The body's last w:sectPr (page size, margins, columns, grid, first-page setting) serialized
  /// with the prefix "w", without header, footer and printer-settings references; empty when the
  /// reference has none.
  std::string section_properties;
  std::vector<HeaderFooterReference> headers_footers;
  std::vector<CopiedPart> parts;
  /// settings.xml's w:evenAndOddHeaders, which decides whether the even-page header is used.
  bool even_and_odd_headers = false;
};

/// Reads the reference document at `path`. Throws nianbao::InputError: IO-01/IO-02 when the file
/// cannot be read, DOCX-01 when it is not a usable Word document, DOCX-02 when it is over the
/// limits (entries, part sizes, XML depth).
ReferenceDocument read_reference_docx(const std::string& path);

/// Same, from the bytes of the file (for tests and callers that hold the file already).
ReferenceDocument read_reference_docx_bytes(const std::string& path, const std::string& bytes);

}  // namespace nianbao::docx
