#include "metrics.h"

#include <fmt/format.h>

namespace nianbao::server {

void Metrics::record(const std::string& route, const std::string& method, int status,
                     double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, method, status}];
  Histogram& h = latency_[route];
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::render(std::int64_t reports_stored) const {
  std::lock_guard lock(mutex_);
  std::string out;
  out +=
      "# HELP nianbao_http_requests_total HTTP requests answered, by route, method and status.\n";
  out += "# TYPE nianbao_http_requests_total counter\n";
  for (const auto& [key, n] : requests_)
    out +=
        fmt::format("nianbao_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                    std::get<0>(key), std::get<1>(key), std::get<2>(key), n);
  out +=
      "# HELP nianbao_http_request_duration_seconds Time from the request's arrival to its "
      "answer.\n";
  out += "# TYPE nianbao_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    // Buckets are cumulative: each counts every request at most its bound.
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
      out +=
          fmt::format("nianbao_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                      route, kBuckets[i], h.buckets[i]);
    out +=
        fmt::format("nianbao_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n",
                    route, h.count);
    out +=
        fmt::format("nianbao_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", route, h.sum);
    out += fmt::format("nianbao_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", route,
                       h.count);
  }
  out += "# HELP nianbao_reports_stored Reports in the store.\n";
  out += "# TYPE nianbao_reports_stored gauge\n";
  out += fmt::format("nianbao_reports_stored {}\n", reports_stored);
  return out;
}

}  // namespace nianbao::server
