// Hostile requests: each gets its answer quickly, and the server keeps serving the others.
#include <atomic>

#include "server_fixture.h"

using namespace nianbao;
using namespace nianbao::test;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::size_t kMaxBody = 64 * 1024;

class ServerHostile : public ::testing::Test {
 protected:
  static server::ServerOptions options() {
    server::ServerOptions o = with_token();
    o.max_body_bytes = kMaxBody;
    o.request_seconds = 1;
    o.idle_seconds = 1;
    o.workers = 6;
    return o;
  }
  TempDir dir{"nianbao-server-hostile"};
  RunningServer srv{(dir.path() / "data").string(), options()};
  std::unique_ptr<httplib::Client> cli = srv.client();

  // The server still answers, and quickly.
  void still_serving() {
    const auto start = Clock::now();
    auto r = cli->Get("/healthz");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_LT(std::chrono::duration<double>(Clock::now() - start).count(), time_bound(5));
  }
};

TEST_F(ServerHostile, OversizeBodyIs413) {
  const std::string big(kMaxBody + 1, '{');
  const auto start = Clock::now();
  auto r = cli->Post("/api/v1/check?filename=big.json", big, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_LT(std::chrono::duration<double>(Clock::now() - start).count(), time_bound(5));
  r = cli->Put("/api/v1/agencies/a/reports/2021", auth(), big, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);  // no such agency: refused before the body is read
  ASSERT_EQ(cli->Put("/api/v1/agencies/a", auth(), R"({"name":"a","region_code":"340600"})",
                     "application/json")
                ->status,
            201);
  r = cli->Put("/api/v1/agencies/a/reports/2021", auth(), big, "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(nlohmann::json::parse(r->body)["error"]["code"], "payload_too_large");
  // A declared length over the limit is refused without waiting for the body.
  RawConnection raw(srv.port());
  ASSERT_TRUE(raw.connected());
  raw.send("POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\n\r\n{");
  const std::string answer = raw.read_until_closed(std::chrono::seconds(8 * kTimeoutScale));
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 413")) << answer;
  still_serving();
}

TEST_F(ServerHostile, MalformedJsonIs400) {
  for (const char* body : {"{", "[1,2", "\xff\xfe", "{\"name\": \"a\", }", "null", "\"text\""}) {
    auto r = cli->Put("/api/v1/agencies/a", auth(), body, "application/json");
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->status == 400 || r->status == 422) << body << " → " << r->status;
  }
  auto r = cli->Post("/api/v1/check?filename=x.json", "{\"schema\": [}", "application/json");
  EXPECT_EQ(r->status, 422);
  still_serving();
}

TEST_F(ServerHostile, IdsThatCouldBePathsAreRefused) {
  const auto before = std::filesystem::directory_iterator(dir.path() / "data");
  for (const char* path :
       {"/api/v1/agencies/..", "/api/v1/agencies/..%2F..%2Fetc", "/api/v1/agencies/a%2Fb",
        "/api/v1/agencies/%2E%2E", "/api/v1/agencies/../../etc/passwd", "/api/v1/agencies/a%00b",
        "/api/v1/agencies/.%2E/reports/2021"}) {
    auto r = cli->Put(path, auth(), R"({"name":"a","region_code":"340600"})", "application/json");
    ASSERT_TRUE(r) << path;
    EXPECT_TRUE(r->status == 400 || r->status == 404) << path << " → " << r->status;
    r = cli->Get(path);
    EXPECT_TRUE(r->status == 400 || r->status == 404) << path << " → " << r->status;
  }
  // The store's folder holds the database and nothing a request named.
  for (const auto& e : std::filesystem::directory_iterator(dir.path() / "data"))
    EXPECT_TRUE(e.path().filename().string().starts_with("nianbao.sqlite3")) << e.path();
  for (const auto& e : std::filesystem::directory_iterator(dir.path()))
    EXPECT_EQ(e.path().filename(), "data");
  auto r = cli->Put("/api/v1/agencies/ok/reports/2021?filename=../../evil.json", auth(),
                    repo_file("tests/data/corpus/pingtan-2021.json"), "application/json");
  EXPECT_EQ(r->status, 404);
  still_serving();
}

TEST_F(ServerHostile, NoOrWrongTokenIs401) {
  const std::string body = R"({"name":"a","region_code":"340600"})";
  for (const httplib::Headers& h :
       {httplib::Headers{}, httplib::Headers{{"Authorization", "Bearer"}},
        httplib::Headers{{"Authorization", "Bearer "}},
        httplib::Headers{{"Authorization", std::string("Basic ") + kToken}},
        httplib::Headers{{"Authorization", std::string("Bearer ") + kToken + "x"}},
        httplib::Headers{{"Authorization", std::string("Bearer ") + std::string(kToken).substr(1)}},
        httplib::Headers{{"Authorization", std::string("bearer ") + kToken}}}) {
    auto r = cli->Put("/api/v1/agencies/a", h, body, "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401);
  }
  EXPECT_EQ(cli->Get("/api/v1/agencies/a")->status, 404);  // nothing was written
  still_serving();
}

TEST_F(ServerHostile, SlowBodiesAreCutOff) {
  // One body trickles in a byte at a time, another never comes; both connections are cut off
  // within the request time limit (1 s here; the bounds below leave room for a loaded machine,
  // and are far below the 15 s the trickle would last) while other clients are served.
  RawConnection trickle(srv.port()), silent(srv.port());
  ASSERT_TRUE(trickle.connected());
  ASSERT_TRUE(silent.connected());
  const auto start = Clock::now();
  trickle.send(
      "POST /api/v1/check?filename=r.json HTTP/1.1\r\nHost: x\r\nContent-Length: 50000\r\n\r\n{");
  silent.send(
      "POST /api/v1/check?filename=r.json HTTP/1.1\r\nHost: x\r\nContent-Length: 50000\r\n\r\n");
  std::atomic<bool> done{false};
  std::thread writer([&] {
    for (int i = 0; i < 150 * kTimeoutScale && !done; ++i) {
      if (!trickle.send(" ")) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
  still_serving();
  const std::string cut = trickle.read_until_closed(std::chrono::seconds(12 * kTimeoutScale));
  const auto trickle_time = Clock::now() - start;
  done = true;
  writer.join();
  EXPECT_TRUE(trickle.closed());
  // The 408 is sent; a client still sending may see the connection reset before it reads it.
  EXPECT_TRUE(cut.empty() || cut.starts_with("HTTP/1.1 408")) << cut;
  EXPECT_LT(std::chrono::duration<double>(trickle_time).count(), time_bound(6));
  const std::string closed = silent.read_until_closed(std::chrono::seconds(12 * kTimeoutScale));
  EXPECT_TRUE(silent.closed());
  EXPECT_LT(std::chrono::duration<double>(Clock::now() - start).count(), time_bound(7));
  EXPECT_TRUE(closed.empty() || closed.starts_with("HTTP/1.1 408")) << closed;
  // A body that stops coming, from a client that waits for the answer: 408.
  RawConnection stalled(srv.port());
  stalled.send("PUT /api/v1/agencies/a HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
               std::string(kToken) + "\r\nContent-Length: 100\r\n\r\n{\"name\":");
  const std::string answer = stalled.read_until_closed(std::chrono::seconds(8 * kTimeoutScale));
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 408")) << "[" << answer << "] " << stalled.closed();
  EXPECT_TRUE(stalled.closed());
  // Endless headers are cut off too.
  RawConnection headers(srv.port());
  headers.send("GET /healthz HTTP/1.1\r\nHost: x\r\n");
  for (int i = 0; i < 5; ++i)
    headers.send("X-Filler: " + std::string(1000, 'a') + "\r\n");
  headers.read_until_closed(std::chrono::seconds(8 * kTimeoutScale));
  EXPECT_TRUE(headers.closed());
  still_serving();
}

TEST_F(ServerHostile, GarbageRequestsAreAnsweredAndForgotten) {
  for (const char* garbage :
       {"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 TLS hello\r\n\r\n", "GET\r\n\r\n",
        "GET / HTTP/9.9\r\n\r\n", "BREW /coffee HTCPCP/1.0\r\n\r\n",
        "POST /api/v1/check HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
        "POST /api/v1/check HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"}) {
    RawConnection raw(srv.port());
    ASSERT_TRUE(raw.connected());
    raw.send(garbage);
    const auto start = Clock::now();
    raw.read_until_closed(std::chrono::seconds(8 * kTimeoutScale));
    EXPECT_LT(std::chrono::duration<double>(Clock::now() - start).count(), time_bound(8))
        << garbage;
  }
  still_serving();
}

}  // namespace
