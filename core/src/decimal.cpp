#include "nianbao/decimal.h"

#include <cstdlib>

namespace nianbao {
namespace {

constexpr std::int64_t kPow10[] = {1,
                                   10,
                                   100,
                                   1000,
                                   10000,
                                   100000,
                                   1000000,
                                   10000000,
                                   100000000,
                                   1000000000,
                                   10000000000,
                                   100000000000,
                                   1000000000000,
                                   10000000000000,
                                   100000000000000,
                                   1000000000000000,
                                   10000000000000000,
                                   100000000000000000,
                                   1000000000000000000};

// Multiplies by 10^n, or returns false on overflow.
bool scale_up(std::int64_t& v, int n) {
  return !__builtin_mul_overflow(v, kPow10[n], &v);
}

}  // namespace

std::optional<Decimal> Decimal::parse(std::string_view text) {
  if (text.empty()) return std::nullopt;
  bool negative = false;
  std::size_t i = 0;
  if (text[0] == '-' || text[0] == '+') {
    negative = text[0] == '-';
    i = 1;
  }
  std::int64_t coefficient = 0;
  int scale = 0;
  bool seen_point = false;
  std::size_t digits_before = 0, digits_after = 0;
  for (; i < text.size(); ++i) {
    char ch = text[i];
    if (ch == '.') {
      if (seen_point) return std::nullopt;
      seen_point = true;
      continue;
    }
    if (ch < '0' || ch > '9') return std::nullopt;
    if (seen_point) {
      if (++scale > kMaxScale) return std::nullopt;
      ++digits_after;
    } else {
      ++digits_before;
    }
    if (__builtin_mul_overflow(coefficient, 10, &coefficient) ||
        __builtin_add_overflow(coefficient, ch - '0', &coefficient))
      return std::nullopt;
  }
  if (digits_before == 0 || (seen_point && digits_after == 0)) return std::nullopt;
  return Decimal(negative ? -coefficient : coefficient, scale);
}

bool Decimal::is_integer() const {
  return coefficient_ % kPow10[scale_] == 0;
}

int Decimal::significant_scale() const {
  int s = scale_;
  std::int64_t c = coefficient_;
  while (s > 0 && c % 10 == 0) {
    c /= 10;
    --s;
  }
  return s;
}

std::int64_t Decimal::to_integer() const {
  return coefficient_ / kPow10[scale_];
}

std::string Decimal::to_string() const {
  // Work on the magnitude as unsigned so that INT64_MIN prints correctly.
  std::uint64_t magnitude = coefficient_ < 0 ? 0 - static_cast<std::uint64_t>(coefficient_)
                                             : static_cast<std::uint64_t>(coefficient_);
  std::string digits = std::to_string(magnitude);
  if (scale_ > 0) {
    if (digits.size() <= static_cast<std::size_t>(scale_))
      digits.insert(0, static_cast<std::size_t>(scale_) + 1 - digits.size(), '0');
    digits.insert(digits.size() - static_cast<std::size_t>(scale_), 1, '.');
  }
  if (coefficient_ < 0) digits.insert(0, 1, '-');
  return digits;
}

std::optional<Decimal> Decimal::divided_by_power_of_ten(int n) const {
  if (n < 0 || scale_ + n > kMaxScale) return std::nullopt;
  return Decimal(coefficient_, scale_ + n);
}

std::optional<Decimal> Decimal::add(const Decimal& a, const Decimal& b) {
  int scale = std::max(a.scale_, b.scale_);
  std::int64_t x = a.coefficient_, y = b.coefficient_, sum = 0;
  if (!scale_up(x, scale - a.scale_) || !scale_up(y, scale - b.scale_)) return std::nullopt;
  if (__builtin_add_overflow(x, y, &sum)) return std::nullopt;
  return Decimal(sum, scale);
}

std::optional<Decimal> Decimal::subtract(const Decimal& a, const Decimal& b) {
  if (b.coefficient_ == INT64_MIN) return std::nullopt;
  return add(a, Decimal(-b.coefficient_, b.scale_));
}

std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
  int scale = std::max(a.scale_, b.scale_);
  std::int64_t x = a.coefficient_, y = b.coefficient_;
  bool x_ok = scale_up(x, scale - a.scale_);
  bool y_ok = scale_up(y, scale - b.scale_);
  if (x_ok && y_ok) return x <=> y;
  // One side overflowed when rescaled, so its magnitude exceeds the other's.
  if (!x_ok) return a.coefficient_ < 0 ? std::strong_ordering::less : std::strong_ordering::greater;
  return b.coefficient_ < 0 ? std::strong_ordering::greater : std::strong_ordering::less;
}

bool operator==(const Decimal& a, const Decimal& b) {
  return (a <=> b) == 0;
}

}  // namespace nianbao
