// The pages `nianbao serve` answers at `/` (docs/web.md): HTML, CSS and JavaScript compiled into
// the program from server/web/, so that the pages work on an intranet with no internet at all.
#pragma once

#include <string_view>

namespace nianbao::server {

struct WebAsset {
  std::string_view name;          ///< as requested under /web/, e.g. "app.js"
  std::string_view content_type;  ///< with its charset
  std::string_view body;
};

/// The page answered at `/`.
const WebAsset& web_index();

/// An asset by its name under /web/, or nullptr when there is none of that name.
const WebAsset* find_web_asset(std::string_view name);

/// The Content-Security-Policy of the pages: scripts, styles and requests of this origin only,
/// nothing inline, no frames, no plugins. Report text that slipped into markup could not run.
inline constexpr std::string_view kWebContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'";

}  // namespace nianbao::server
