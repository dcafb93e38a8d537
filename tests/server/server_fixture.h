// What the server tests share: a server on an ephemeral loopback port in this process, its
// clients, and the reports of the repository they upload.
#pragma once

#include <arpa/inet.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "server.h"
#include "store.h"
#include "test_util.h"
#include "time_bound.h"

namespace nianbao::test {

inline constexpr const char* kToken = "test-token-0123456789abcdef";

/// Client timeouts and waits are multiplied by this in sanitizer builds; time assertions use
/// time_bound() (time_bound.h).
inline constexpr int kTimeoutScale = NIANBAO_TEST_SLOWDOWN;

inline std::string repo_file(const std::string& relative) {
  return slurp(source_path(relative));
}

/// A server of its own, answering on 127.0.0.1 until destroyed.
class RunningServer {
 public:
  explicit RunningServer(const std::string& data_dir, server::ServerOptions o = {}) {
    o.host = "127.0.0.1";
    o.port = 0;
    o.data_dir = data_dir;
    server_ = std::make_unique<server::Server>(built_in_engine(), o);
    port_ = server_->bind();
    thread_ = std::thread([this] { server_->run(); });
  }
  ~RunningServer() {
    server_->stop();
    thread_.join();
  }
  RunningServer(const RunningServer&) = delete;
  RunningServer& operator=(const RunningServer&) = delete;

  int port() const { return port_; }
  server::Server& server() { return *server_; }
  std::unique_ptr<httplib::Client> client() const {
    auto c = std::make_unique<httplib::Client>("127.0.0.1", port_);
    c->set_connection_timeout(5 * kTimeoutScale);
    c->set_read_timeout(60 * kTimeoutScale);
    c->set_write_timeout(60 * kTimeoutScale);
    return c;
  }

 private:
  std::unique_ptr<server::Server> server_;
  int port_ = 0;
  std::thread thread_;
};

// A raw TCP connection, for requests no well-behaved client would send.
class RawConnection {
 public:
  explicit RawConnection(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  }
  ~RawConnection() { ::close(fd_); }
  bool connected() const { return connected_; }
  /// Whether the last read_until_closed() ended because the server closed the connection.
  bool closed() const { return closed_; }
  bool send(std::string_view bytes) {
    return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
           static_cast<ssize_t>(bytes.size());
  }
  /// Everything the server sends until it closes the connection or `limit` passes.
  std::string read_until_closed(std::chrono::milliseconds limit) {
    std::string out;
    closed_ = false;
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
      pollfd p{fd_, POLLIN, 0};
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          end - std::chrono::steady_clock::now());
      if (::poll(&p, 1, static_cast<int>(std::max<long>(1, left.count()))) <= 0) continue;
      char buffer[4096];
      const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) {
        closed_ = true;  // closed, or reset
        break;
      }
      out.append(buffer, static_cast<std::size_t>(n));
    }
    return out;
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
  bool closed_ = false;
};

inline httplib::Headers auth() {
  return {{"Authorization", std::string("Bearer ") + kToken}};
}

inline server::ServerOptions with_token() {
  server::ServerOptions o;
  o.token = kToken;
  return o;
}

inline nlohmann::json body_json(const httplib::Result& r) {
  return nlohmann::json::parse(r->body);
}

}  // namespace nianbao::test
