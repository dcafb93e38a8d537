// `nianbao batch` and `nianbao aggregate`: many reports at once.
#pragma once

#include <string>
#include <vector>

#include "cli_common.h"

namespace nianbao::cli {

struct BatchCommandOptions {
  std::vector<std::string> paths;
  unsigned jobs = 0;
  std::string previous_dir;
  std::string summary;   // .csv, .json or .html
  std::string findings;  // all findings, nianbao.diagnostics/1
  std::string fail_on = "error";
  std::vector<std::string> enable, disable, severity;
  bool quiet = false;
  std::string convert_to;  // exporter id, or an extension such as .docx
  std::string output_dir;  // where the converted reports go
};
int run_batch_command(const Globals& g, const BatchCommandOptions& o);

struct AggregateOptions {
  std::vector<std::string> paths;
  std::string output;
  std::string agency;
  std::string region_code;
};
int run_aggregate(const Globals& g, const AggregateOptions& o);

}  // namespace nianbao::cli
