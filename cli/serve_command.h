// `nianbao serve`: the HTTP service and report store (server/), run until SIGTERM or Ctrl-C.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "cli_common.h"

namespace nianbao::cli {

struct ServeCommandOptions {
  std::string listen = "127.0.0.1:8790";
  std::string data;        // the store's folder
  std::string token_file;  // the bearer token; without it, writes are refused
  unsigned workers = 8;
  std::string cors;  // the one origin allowed to call from a browser
  unsigned request_timeout = 30;
};

/// Declares the subcommand and its options on `app`.
CLI::App* add_serve_command(CLI::App& app, ServeCommandOptions& o, const Globals& g);
int run_serve(const Globals& g, const ServeCommandOptions& o);

}  // namespace nianbao::cli
