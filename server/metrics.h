// The counters of `GET /metrics`, in the Prometheus text format: requests by route, method and
// status, a latency histogram by route, and the number of reports stored.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace nianbao::server {

class Metrics {
 public:
  /// Upper bounds (seconds) of the latency histogram's buckets; +Inf follows.
  static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                      0.1,   0.25,   0.5,   1,    2.5,   10};

  void record(const std::string& route, const std::string& method, int status, double seconds);
  /// The exposition text; `reports_stored` is read from the store by the caller.
  std::string render(std::int64_t reports_stored) const;

 private:
  struct Histogram {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
};

}  // namespace nianbao::server
