// The load test: parallel clients check and store reports for a bounded number of requests; no
// request fails, and every stored report reads back byte for byte. Prints throughput and
// latency percentiles.
#include <algorithm>
#include <atomic>
#include <mutex>

#include "server_fixture.h"

using namespace nianbao;
using namespace nianbao::test;
using Clock = std::chrono::steady_clock;

namespace {

struct Sample {
  std::vector<double> ms;
  void add(Clock::duration d) {
    ms.push_back(std::chrono::duration<double, std::milli>(d).count());
  }
  double percentile(double p) {
    if (ms.empty()) return 0;
    std::sort(ms.begin(), ms.end());
    return ms[std::min(ms.size() - 1,
                       static_cast<std::size_t>(p * static_cast<double>(ms.size())))];
  }
};

TEST(ServerLoad, ParallelClientsCheckAndStore) {
  constexpr int kClients = 8;
  constexpr int kRounds = 24;  // each client: kRounds checks and kRounds stores
  TempDir dir("nianbao-server-load");
  server::ServerOptions o = with_token();
  o.workers = kClients;
  RunningServer srv((dir.path() / "data").string(), o);

  struct Source {
    int year;
    std::string name, bytes;
  };
  const std::vector<Source> sources = {
      {2020, "huaibei.json", repo_file("examples/huaibei-2020/report.json")},
      {2021, "pingtan-2021.json", repo_file("tests/data/corpus/pingtan-2021.json")},
      {2022, "pingtan-2022.json", repo_file("tests/data/corpus/pingtan-2022.json")},
      {2020, "huaibei.xlsx", repo_file("examples/huaibei-2020/report.xlsx")}};

  {
    auto c = srv.client();
    for (int t = 0; t < kClients; ++t)
      ASSERT_EQ(c->Put(fmt::format("/api/v1/agencies/load-{}", t).c_str(), auth(),
                       fmt::format(R"({{"name":"机构{}","region_code":"340600"}})", t),
                       "application/json")
                    ->status,
                201);
  }

  std::mutex mutex;
  Sample check_latency, store_latency;
  std::map<std::pair<int, int>, std::string> last_stored;  // (client, year) → bytes
  std::atomic<int> failures{0};
  const auto start = Clock::now();
  std::vector<std::thread> clients;
  for (int t = 0; t < kClients; ++t)
    clients.emplace_back([&, t] {
      auto c = srv.client();
      for (int i = 0; i < kRounds; ++i) {
        const Source& s = sources[static_cast<std::size_t>(t + i) % sources.size()];
        // Each stored version differs from the one before (JSON: trailing spaces), so a stale
        // read-back would show.
        std::string bytes = s.bytes;
        if (s.name.ends_with(".json")) bytes += std::string(static_cast<std::size_t>(i + 1), ' ');
        auto t0 = Clock::now();
        auto r = c->Post(("/api/v1/check?filename=" + s.name).c_str(), bytes,
                         "application/octet-stream");
        auto t1 = Clock::now();
        if (!r || r->status != 200) ++failures;
        auto w =
            c->Put(fmt::format("/api/v1/agencies/load-{}/reports/{}?filename={}", t, s.year, s.name)
                       .c_str(),
                   auth(), bytes, "application/octet-stream");
        auto t2 = Clock::now();
        if (!w || (w->status != 200 && w->status != 201)) ++failures;
        std::lock_guard lock(mutex);
        check_latency.add(t1 - t0);
        store_latency.add(t2 - t1);
        if (w && (w->status == 200 || w->status == 201)) last_stored[{t, s.year}] = bytes;
      }
    });
  for (auto& c : clients)
    c.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  EXPECT_EQ(failures, 0);

  // Every stored report reads back exactly as it was sent last.
  auto c = srv.client();
  for (const auto& [key, bytes] : last_stored) {
    auto r = c->Get(
        fmt::format("/api/v1/agencies/load-{}/reports/{}?form=original", key.first, key.second)
            .c_str());
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200);
    EXPECT_TRUE(r->body == bytes) << "load-" << key.first << " " << key.second;
  }
  EXPECT_EQ(srv.server().store().report_count(), static_cast<std::int64_t>(last_stored.size()));
  EXPECT_EQ(srv.server().store().integrity_check(), "ok");
  const int requests = 2 * kClients * kRounds;
  std::printf(
      "load: %d clients, %d requests in %.2f s = %.1f requests/s\n"
      "  check  p50 %.1f ms  p99 %.1f ms\n"
      "  store  p50 %.1f ms  p99 %.1f ms\n",
      kClients, requests, seconds, requests / seconds, check_latency.percentile(0.5),
      check_latency.percentile(0.99), store_latency.percentile(0.5),
      store_latency.percentile(0.99));
  EXPECT_LT(seconds, time_bound(60));
}

}  // namespace
