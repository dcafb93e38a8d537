// A cell of a report as the import tests compare it.
#pragma once

#include <nianbao/report.h>

#include <string>

namespace nianbao::test {

/// "blank", "n/a(无)", "3001", "96171.6 万元".
inline std::string describe(const Cell& c) {
  switch (c.state) {
    case Cell::State::blank:
      return "blank";
    case Cell::State::not_applicable:
      return "n/a(" + c.raw + ")";
    case Cell::State::number:
      return c.value.to_string() + (c.unit ? " " + *c.unit : std::string());
  }
  return "?";
}

}  // namespace nianbao::test
