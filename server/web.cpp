#include "web.h"

#include <array>

// Generated from server/web/ by nianbao_embed_text() (server/CMakeLists.txt).
extern const std::string_view kWebIndexHtml;
extern const std::string_view kWebAppCss;
extern const std::string_view kWebAppJs;

namespace nianbao::server {

namespace {

const std::array<WebAsset, 3>& assets() {
  static const std::array<WebAsset, 3> kAssets{{
      {"index.html", "text/html; charset=utf-8", kWebIndexHtml},
      {"app.css", "text/css; charset=utf-8", kWebAppCss},
      {"app.js", "text/javascript; charset=utf-8", kWebAppJs},
  }};
  return kAssets;
}

}  // namespace

const WebAsset& web_index() {
  return assets()[0];
}

const WebAsset* find_web_asset(std::string_view name) {
  for (const auto& a : assets())
    if (a.name == name) return &a;
  return nullptr;
}

}  // namespace nianbao::server
