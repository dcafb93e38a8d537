// `nianbao serve`: the HTTP service. A thin face over the library calls the command line makes
// (same inputs, same JSON documents) plus a report store (store.h). Routes are listed in
// docs/openapi.json, which the tests hold to routes().
#pragma once

#include <nianbao/engine.h>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace nianbao::server {

class Store;

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8790;          ///< 0: any free port (bind() says which)
  std::string data_dir;     ///< the store's folder
  std::string token;        ///< the bearer token writes need; empty: writes are refused (403)
  unsigned workers = 8;     ///< threads answering requests
  std::string cors_origin;  ///< empty: no CORS headers at all
  std::size_t max_body_bytes = 64u << 20;  ///< larger bodies get 413 (the limit input-bytes)
  unsigned request_seconds = 30;           ///< a body not received within this gets 408
  unsigned idle_seconds = 5;               ///< a connection silent this long is closed
  Language language = Language::zh;        ///< of messages, unless ?lang= says otherwise
};

/// The server: construct it, bind(), then run() until stop() (from any thread, e.g. on SIGTERM).
/// stop() lets requests in progress finish; every write is committed or not begun.
class Server {
 public:
  /// Opens the store; throws StoreError when it cannot.
  Server(Engine& engine, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  /// Binds the listening socket; returns the port. Throws std::runtime_error when it cannot.
  int bind();
  /// Answers requests until stop(). Returns false when listening failed.
  bool run();
  void stop();

  /// One route: its method and its path template as in docs/openapi.json
  /// ("/api/v1/agencies/{agency_id}").
  struct Route {
    std::string method;
    std::string path;
  };
  std::vector<Route> routes() const;

  Store& store();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// The OpenAPI 3 document of the routes (docs/openapi.json, compiled in).
const std::string& openapi_document();

/// Whether an agency id is acceptable: 1–64 ASCII letters, digits, '-' and '_'.
bool valid_agency_id(std::string_view id);

/// Compares a presented secret with the expected one in time independent of where they differ.
bool constant_time_equal(std::string_view presented, std::string_view expected);

}  // namespace nianbao::server
