// The platform exchange XML (urn:nianbao:report:1): constants shared by its importer and exporter,
// and the one way this project lets libxml2 look at a document — without network, DTDs or entity
// expansion, within a size limit — followed by validation against the schema.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace nianbao::platform_xml {

inline constexpr std::string_view kNamespace = "urn:nianbao:report:1";
/// The schema revision written into every document (the `version` attribute of <report>).
inline constexpr std::string_view kSchemaVersion = "1.0";
inline constexpr std::string_view kSchemaFile = "nianbao-report-1.xsd";
/// A full report with every cell, all its prose and a few hundred findings is well under 1 MiB;
/// anything beyond this is refused before a parser sees it.
inline constexpr std::size_t kMaxDocumentBytes = 4u << 20;

/// The first thing wrong with a document, as libxml2 (or the checks around it) found it.
struct Problem {
  enum class Kind {
    too_large,  ///< larger than the limit (kMaxDocumentBytes unless raised)
    forbidden,  ///< a DOCTYPE (and with it any DTD or entity declaration)
    encoding,   ///< not UTF-8
    syntax,     ///< not well-formed
    root,       ///< the root is not {urn:nianbao:report:1}report
    schema,     ///< breaks the schema
  };
  Kind kind = Kind::syntax;
  int line = 0;        ///< 1-based; 0 when unknown
  int column = 0;      ///< 1-based; 0 when unknown
  std::string detail;  ///< what is wrong, in libxml2's words made readable
  int further = 0;     ///< how many more problems of the same kind followed
};

/// Checks `document` against the schema text `xsd`: size, no DOCTYPE, UTF-8, well-formed, root
/// element and namespace, then XSD validation. Returns the first problem, or nothing when the
/// document is valid. Safe to call from several threads at once (no global libxml2 state is
/// changed; init_libxml2() must have been called once before).
std::optional<Problem> check_document(std::string_view document, std::string_view xsd,
                                      std::size_t max_bytes = kMaxDocumentBytes);

/// Initialises libxml2 for use from several threads. Call once, from a plugin's register
/// function (which the host runs on one thread).
void init_libxml2();

}  // namespace nianbao::platform_xml
