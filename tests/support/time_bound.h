// Time bounds in tests only say "no hang": a sanitizer build runs many times slower, so every bound
// is multiplied by the slowdown factor the build sets (NIANBAO_TEST_SLOWDOWN,
// tests/CMakeLists.txt). Catalogue.TimeBoundsAreScaled checks that every time assertion goes
// through time_bound().
#pragma once

#include <chrono>

#ifndef NIANBAO_TEST_SLOWDOWN
#error "tests/CMakeLists.txt defines NIANBAO_TEST_SLOWDOWN for every test"
#endif

namespace nianbao::test {

constexpr double kSlowdown = NIANBAO_TEST_SLOWDOWN;

/// The bound to assert for work that takes at most `seconds` in a normal build.
constexpr double time_bound(double seconds) {
  return seconds * kSlowdown;
}

inline double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace nianbao::test
