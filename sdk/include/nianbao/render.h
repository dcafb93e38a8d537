// Rendering diagnostics for people and machines: text, JSON ("nianbao.diagnostics/1") and
// SARIF 2.1.0.
#pragma once

#include <string>
#include <vector>

#include "nianbao/engine.h"

namespace nianbao {

/// The outcome of checking one file.
struct FileOutcome {
  std::string path;
  bool readable = false;  ///< false: the input could not be imported (exit code 2)
  std::string format;
  int year = 0;
  std::string agency;
  std::vector<Diagnostic> diagnostics;
};

NIANBAO_API std::string render_text(const Engine& engine, const std::vector<FileOutcome>& files,
                                    Language lang);
NIANBAO_API std::string render_json(const Engine& engine, const std::vector<FileOutcome>& files,
                                    Language lang);
/// One diagnostic as a JSON object of the nianbao.diagnostics/1 form (compact, one line), for
/// writers that stream many files' findings.
NIANBAO_API std::string render_json_diagnostic(const Engine& engine, const Diagnostic& d,
                                               const std::string& file, Language lang);

NIANBAO_API std::string render_sarif(const Engine& engine, const std::vector<FileOutcome>& files,
                                     Language lang);

}  // namespace nianbao
