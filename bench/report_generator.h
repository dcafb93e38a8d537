// Realistic, consistent annual reports for tests and benchmarks: tables whose sums all hold,
// prose that quotes them correctly, and — on request — injected errors with the findings they
// must produce.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <nianbao/format.h>
#include <nianbao/report.h>

namespace nianbao::bench {

/// An error to inject and the rule codes a correct checker reports for it.
struct Injection {
  std::string name;                  ///< e.g. "outcome-cell"
  std::vector<std::string> codes;    ///< e.g. {"T3-01", "T3-02"}
  std::vector<std::string> formats;  ///< formats it applies to; empty = all
};

/// The injections the generator knows.
const std::vector<Injection>& injections();

struct GeneratedReport {
  Report report;
  std::vector<std::string> expected_codes;  ///< what checking it must find (sorted)
  std::string injected;                     ///< injection name, or empty
};

class ReportGenerator {
 public:
  explicit ReportGenerator(std::uint64_t seed) : rng_(seed) {}
  /// A consistent report of the format for `year`, from agency number `n`; with `injection`
  /// non-empty, one error of that kind.
  GeneratedReport make(const FormatDefinition& format, int year, int n,
                       const std::string& injection = {});

 private:
  int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  std::mt19937_64 rng_;
};

}  // namespace nianbao::bench
