// The crash test: `nianbao serve` is killed with SIGKILL while clients write; after a restart
// every acknowledged report is there byte for byte and SQLite finds the file intact. Also: SIGTERM
// stops the server cleanly once the requests in progress are answered.
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <mutex>
#include <regex>

#include "server_fixture.h"

using namespace nianbao;
using namespace nianbao::test;
using Clock = std::chrono::steady_clock;

namespace {

// `nianbao serve` in a process of its own, on a port it picks itself (read from its first line).
class ServeProcess {
 public:
  ServeProcess(const std::string& data, const std::string& token_file) {
    int out[2];
    if (::pipe(out) != 0) throw std::runtime_error("pipe");
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::close(out[0]);
      ::close(out[1]);
      ::execl(NIANBAO_CLI, NIANBAO_CLI, "--plugin-path", NIANBAO_PLUGIN_BUILD_DIR, "serve",
              "--listen", "127.0.0.1:0", "--data", data.c_str(), "--token-file", token_file.c_str(),
              "--workers", "6", static_cast<char*>(nullptr));
      std::_Exit(127);
    }
    ::close(out[1]);
    std::string line;
    char c;
    while (::read(out[0], &c, 1) == 1 && c != '\n')
      line += c;
    ::close(out[0]);
    std::smatch m;
    if (std::regex_search(line, m, std::regex("http://127\\.0\\.0\\.1:([0-9]+)/")))
      port_ = std::stoi(m[1]);
  }
  ~ServeProcess() {
    if (pid_ > 0 && !reaped_) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  int port() const { return port_; }
  void kill(int sig) { ::kill(pid_, sig); }
  /// The exit status, once the process has ended (waits at most `limit`), or -1.
  int wait(std::chrono::seconds limit) {
    const auto end = Clock::now() + limit;
    while (Clock::now() < end) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        reaped_ = true;
        return status;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return -1;
  }
  std::unique_ptr<httplib::Client> client() const {
    auto c = std::make_unique<httplib::Client>("127.0.0.1", port_);
    c->set_connection_timeout(5 * kTimeoutScale);
    c->set_read_timeout(60 * kTimeoutScale);
    return c;
  }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  bool reaped_ = false;
};

std::string integrity_check(const std::string& file) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, nullptr);
    while (sqlite3_step(s) == SQLITE_ROW)
      out += reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
  }
  sqlite3_close(db);
  return out;
}

TEST(ServerCrash, KilledWhileWritingLosesNoAcknowledgedReport) {
  TempDir dir("nianbao-server-crash");
  const std::string data = (dir.path() / "data").string();
  const std::string token = dir.file("token", std::string(kToken) + "\n");
  const std::vector<std::pair<int, std::string>> sources = {
      {2021, repo_file("tests/data/corpus/pingtan-2021.json")},
      {2022, repo_file("tests/data/corpus/pingtan-2022.json")},
      {2020, repo_file("examples/huaibei-2020/report.json")}};

  std::mutex mutex;
  std::map<std::pair<std::string, int>, std::string> acknowledged, attempted;
  {
    ServeProcess serve(data, token);
    ASSERT_GT(serve.port(), 0);
    constexpr int kWriters = 4;
    std::atomic<bool> stop{false};
    std::atomic<int> acks{0};
    std::vector<std::thread> writers;
    for (int t = 0; t < kWriters; ++t)
      writers.emplace_back([&, t] {
        auto c = serve.client();
        // Each write goes to a key of its own, so an acknowledged report is never replaced by
        // one whose answer the kill cut off.
        for (int i = 0; !stop && i < 400; ++i) {
          const std::string agency = fmt::format("w{}-{}", t, i);
          auto a = c->Put(("/api/v1/agencies/" + agency).c_str(), auth(),
                          R"({"name":"机构","region_code":"350128"})", "application/json");
          if (!a || a->status != 201) break;  // the server is gone
          const auto& [year, original] = sources[static_cast<std::size_t>(i) % sources.size()];
          const std::string bytes = original + std::string(static_cast<std::size_t>(i % 7), '\n');
          {
            std::lock_guard lock(mutex);
            attempted[{agency, year}] = bytes;
          }
          auto r = c->Put(
              fmt::format("/api/v1/agencies/{}/reports/{}?filename=r.json", agency, year).c_str(),
              auth(), bytes, "application/json");
          if (!r) break;
          if (r->status == 201) {
            std::lock_guard lock(mutex);
            acknowledged[{agency, year}] = bytes;
            ++acks;
          }
        }
      });
    // Kill once enough writes are acknowledged, in the middle of more.
    const auto deadline = Clock::now() + std::chrono::seconds(30 * kTimeoutScale);
    while (acks < 24 && Clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    serve.kill(SIGKILL);
    EXPECT_NE(serve.wait(std::chrono::seconds(10)), -1);
    stop = true;
    for (auto& w : writers)
      w.join();
  }
  ASSERT_GE(acknowledged.size(), 24u);

  EXPECT_EQ(integrity_check(data + "/nianbao.sqlite3"), "ok");
  ServeProcess again(data, token);
  ASSERT_GT(again.port(), 0);
  auto c = again.client();
  for (const auto& [key, bytes] : acknowledged) {
    auto r = c->Get(
        fmt::format("/api/v1/agencies/{}/reports/{}?form=original", key.first, key.second).c_str());
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << key.first;
    EXPECT_TRUE(r->body == bytes) << key.first;
    // Its findings and canonical form were stored with it.
    EXPECT_EQ(
        c->Get(
             fmt::format("/api/v1/agencies/{}/reports/{}/findings", key.first, key.second).c_str())
            ->status,
        200);
  }
  // A write whose answer was cut off is there whole or not at all.
  std::size_t extra = 0;
  for (const auto& [key, bytes] : attempted) {
    if (acknowledged.count(key)) continue;
    auto r = c->Get(
        fmt::format("/api/v1/agencies/{}/reports/{}?form=original", key.first, key.second).c_str());
    ASSERT_TRUE(r);
    if (r->status == 200) {
      EXPECT_TRUE(r->body == bytes);
      ++extra;
    } else {
      EXPECT_EQ(r->status, 404);
    }
  }
  std::printf(
      "crash: %zu acknowledged writes intact after SIGKILL, %zu unacknowledged found whole\n",
      acknowledged.size(), extra);

  // SIGTERM: a clean stop with exit code 0, and the file intact.
  again.kill(SIGTERM);
  const int status = again.wait(std::chrono::seconds(20 * kTimeoutScale));
  ASSERT_NE(status, -1);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  EXPECT_EQ(integrity_check(data + "/nianbao.sqlite3"), "ok");
}

TEST(ServerShutdown, SigtermLetsTheRequestInProgressFinish) {
  TempDir dir("nianbao-server-sigterm");
  const std::string token = dir.file("token", kToken);
  ServeProcess serve((dir.path() / "data").string(), token);
  ASSERT_GT(serve.port(), 0);
  // Half of a request is in when SIGTERM comes; the rest follows, and its answer must arrive.
  const std::string body = repo_file("examples/huaibei-2020/report.json");
  RawConnection raw(serve.port());
  ASSERT_TRUE(raw.connected());
  ASSERT_TRUE(raw.send(fmt::format("POST /api/v1/check?filename=r.json HTTP/1.1\r\nHost: x\r\n"
                                   "Content-Length: {}\r\n\r\n",
                                   body.size()) +
                       body.substr(0, body.size() / 2)));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  serve.kill(SIGTERM);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  ASSERT_TRUE(raw.send(body.substr(body.size() / 2)));
  const std::string answer = raw.read_until_closed(std::chrono::seconds(10 * kTimeoutScale));
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 200")) << answer.substr(0, 200);
  EXPECT_NE(answer.find("nianbao.diagnostics/1"), std::string::npos);
  const int exit = serve.wait(std::chrono::seconds(20 * kTimeoutScale));
  ASSERT_NE(exit, -1);
  EXPECT_TRUE(WIFEXITED(exit) && WEXITSTATUS(exit) == 0);
  // No new connection is taken any more.
  auto c = std::make_unique<httplib::Client>("127.0.0.1", serve.port());
  c->set_connection_timeout(1);
  EXPECT_FALSE(c->Get("/healthz"));
}

}  // namespace

namespace {

int run_command(const std::string& arguments) {
  const int status = std::system(fmt::format("{} --plugin-path {} {} >/dev/null 2>&1", NIANBAO_CLI,
                                             NIANBAO_PLUGIN_BUILD_DIR, arguments)
                                     .c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(ServeCommand, RefusesWhatItCannotServeWith) {
  TempDir dir("nianbao-serve-command");
  const std::string data = (dir.path() / "data").string();
  EXPECT_EQ(run_command("serve --listen nowhere --data " + data), 2);
  EXPECT_EQ(run_command("serve --listen 127.0.0.1:99999 --data " + data), 2);
  EXPECT_EQ(run_command("serve --listen 127.0.0.1:0 --data " + data + " --token-file " +
                        dir.file("short", "abc\n")),
            2);
  EXPECT_EQ(run_command("serve --listen 127.0.0.1:0 --data " + dir.file("a-file", "x") + "/sub"),
            2);
  EXPECT_EQ(run_command("serve --workers 0 --data " + data), 2);
  EXPECT_EQ(run_command("serve --help"), 0);
}

}  // namespace
