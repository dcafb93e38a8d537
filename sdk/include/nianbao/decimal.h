// An exact decimal number: money is never a binary floating-point value.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "nianbao/export.h"

namespace nianbao {

/// A decimal number stored as coefficient × 10^-scale, with 64-bit coefficient and up to 18
/// decimal places. Every arithmetic operation is checked: overflow gives std::nullopt instead of
/// a wrong value. The scale is kept as written, so "299.80" prints back as "299.80".
class NIANBAO_API Decimal {
 public:
  static constexpr int kMaxScale = 18;

  constexpr Decimal() = default;
  constexpr explicit Decimal(std::int64_t integer) : coefficient_(integer) {}

  /// Parses "-12", "24252.311082", "+3", ".5"? (no: a digit is required before and after the
  /// point). Returns std::nullopt for anything else or when the value does not fit.
  static std::optional<Decimal> parse(std::string_view text);

  std::int64_t coefficient() const { return coefficient_; }
  int scale() const { return scale_; }
  bool is_integer() const;  ///< true when the fractional part is zero
  bool is_negative() const { return coefficient_ < 0; }
  bool is_zero() const { return coefficient_ == 0; }
  /// Number of decimals needed to write the value exactly (trailing zeros ignored).
  int significant_scale() const;
  /// The integer value; only meaningful when is_integer().
  std::int64_t to_integer() const;

  std::string to_string() const;  ///< as written: scale digits after the point

  /// The value divided by 10^n, exactly (the point moves n places; 元 → 万元 is n = 4), or
  /// std::nullopt when that needs more than kMaxScale decimals.
  std::optional<Decimal> divided_by_power_of_ten(int n) const;

  static std::optional<Decimal> add(const Decimal& a, const Decimal& b);
  static std::optional<Decimal> subtract(const Decimal& a, const Decimal& b);

  /// Numeric comparison (1.50 == 1.5).
  friend NIANBAO_API std::strong_ordering operator<=>(const Decimal& a, const Decimal& b);
  friend NIANBAO_API bool operator==(const Decimal& a, const Decimal& b);

 private:
  constexpr Decimal(std::int64_t coefficient, int scale)
      : coefficient_(coefficient), scale_(scale) {}
  std::int64_t coefficient_ = 0;
  int scale_ = 0;
};

}  // namespace nianbao
