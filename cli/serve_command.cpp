#include "serve_command.h"

#include <fmt/format.h>
#include <nianbao/limits.h>
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "server.h"
#include "store.h"

namespace nianbao::cli {

namespace {

// $XDG_DATA_HOME/nianbao, else ~/.local/share/nianbao, else ./nianbao-data.
std::string default_data_dir() {
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
    return std::string(xdg) + "/nianbao";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::string(home) + "/.local/share/nianbao";
  return "nianbao-data";
}

std::string read_token(const Globals& g, const std::string& file) {
  std::string token;
  try {
    token = read_file(file, 4096);
  } catch (const InputError&) {
    throw UsageError(g.message("cli.token_unreadable", {{"file", file}}));
  }
  while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back())))
    token.pop_back();
  while (!token.empty() && std::isspace(static_cast<unsigned char>(token.front())))
    token.erase(token.begin());
  if (token.size() < 16) throw UsageError(g.message("cli.token_too_short", {{"file", file}}));
  return token;
}

}  // namespace

CLI::App* add_serve_command(CLI::App& app, ServeCommandOptions& o, const Globals& g) {
  auto* cmd = app.add_subcommand("serve", g.message("cli.help.serve"));
  cmd->add_option("--listen", o.listen, g.message("cli.help.serve.listen"))->type_name("HOST:PORT");
  cmd->add_option("--data", o.data, g.message("cli.help.serve.data"))->type_name("DIR");
  cmd->add_option("--token-file", o.token_file, g.message("cli.help.serve.token_file"))
      ->check(CLI::ExistingFile)
      ->type_name("FILE");
  cmd->add_option("--workers", o.workers, g.message("cli.help.serve.workers"))
      ->check(CLI::Range(1u, 256u))
      ->type_name("N");
  cmd->add_option("--cors", o.cors, g.message("cli.help.serve.cors"))->type_name("ORIGIN");
  cmd->add_option("--request-timeout", o.request_timeout,
                  g.message("cli.help.serve.request_timeout"))
      ->check(CLI::Range(1u, 3600u))
      ->type_name("SECONDS");
  cmd->footer(g.message("cli.help.serve.footer"));
  return cmd;
}

int run_serve(const Globals& g, const ServeCommandOptions& o) {
  server::ServerOptions options;
  const auto colon = o.listen.rfind(':');
  try {
    if (colon == std::string::npos) throw std::invalid_argument(o.listen);
    options.host = o.listen.substr(0, colon);
    options.port = std::stoi(o.listen.substr(colon + 1));
    if (options.port < 0 || options.port > 65535) throw std::out_of_range(o.listen);
  } catch (const std::logic_error&) {
    throw UsageError(g.message("cli.listen_syntax", {{"value", o.listen}}));
  }
  if (options.host.size() > 2 && options.host.front() == '[' && options.host.back() == ']')
    options.host = options.host.substr(1, options.host.size() - 2);
  options.data_dir = o.data.empty() ? default_data_dir() : o.data;
  if (!o.token_file.empty()) options.token = read_token(g, o.token_file);
  options.workers = o.workers;
  options.cors_origin = o.cors;
  options.request_seconds = o.request_timeout;
  options.language = g.language();

  auto engine = make_engine(g, true);
  // The body limit is the engine's own input-bytes limit: an upload is bounded like a file.
  std::map<std::string, std::string> limit_options;
  for (const auto& kv : g.limits)
    limit_options[std::string(kLimitOptionPrefix) + kv.substr(0, kv.find('='))] =
        kv.substr(kv.find('=') + 1);
  options.max_body_bytes = limit_value(limit_options, "input-bytes", kDefaultInputBytes);

  // SIGTERM and SIGINT are taken by one thread (blocked everywhere else, so the workers inherit
  // the mask), which stops the server: it finishes the requests in progress, then run() returns.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  std::unique_ptr<server::Server> srv;
  int port = 0;
  try {
    srv = std::make_unique<server::Server>(*engine, options);
    port = srv->bind();
  } catch (const server::StoreError& e) {
    throw UsageError(g.message("cli.store_unopenable", {{"detail", e.what()}}));
  } catch (const std::runtime_error& e) {
    throw UsageError(g.message("cli.cannot_listen", {{"address", o.listen}, {"detail", e.what()}}));
  }
  std::cout << "nianbao serve: "
            << g.message(
                   "cli.listening",
                   {{"host", options.host.find(':') != std::string::npos ? "[" + options.host + "]"
                                                                         : options.host},
                    {"port", std::to_string(port)},
                    {"store", srv->store().file()},
                    {"access",
                     g.message(options.token.empty() ? "cli.read_only" : "cli.writes_need_token")}})
            << "\n"
            << std::flush;

  std::atomic<bool> stopping{false};
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    stopping = true;
    srv->stop();
  });
  const bool ok = srv->run();
  if (!stopping) pthread_kill(waiter.native_handle(), SIGTERM);  // wake the waiter
  waiter.join();
  srv.reset();  // closes the store
  std::cerr << "nianbao serve: " << g.message("cli.stopped") << "\n";
  return ok || stopping ? kExitClean : kExitUsage;
}

}  // namespace nianbao::cli
