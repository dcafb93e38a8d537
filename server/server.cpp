#include "server.h"

#include <fmt/format.h>
#include <httplib.h>
#include <nianbao/nianbao.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <regex>

#include "metrics.h"
#include "store.h"
#include "web.h"

namespace nianbao::server {

namespace {

using json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

// What a request is doing, for the metrics: set when routing starts, read by the logger when the
// response has been written. One request at a time runs on a thread.
thread_local Clock::time_point tl_start{};
thread_local std::string tl_route;
// Set when the rest of the request's body must never be read (it came too slowly): once the
// answer is written, the connection stops being read from, and so ends.
thread_local bool tl_stop_reading = false;

std::string dump(const json& j) {
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

// ASCII letters, digits, '-' and '_' (whatever the locale says of other bytes).
bool ascii_word_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

std::uint64_t fnv1a(std::string_view bytes) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

std::string utc_now() {
  std::time_t now = std::time(nullptr);
  std::tm t{};
  gmtime_r(&now, &t);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &t);
  return buffer;
}

// The name an upload goes by: the last component of what the client called it, printable,
// bounded. It is only ever a name for the importers and the messages, never a path here.
std::string upload_name(std::string_view given, std::string_view content_type) {
  if (auto slash = given.find_last_of("/\\"); slash != std::string_view::npos)
    given.remove_prefix(slash + 1);
  std::string name;
  for (unsigned char c : given)
    if (c >= 0x20 && c != 0x7f && name.size() < 200) name += static_cast<char>(c);
  if (name.empty() || name == "." || name == "..") {
    static const std::pair<std::string_view, std::string_view> kTypes[] = {
        {"application/json", ".json"},
        {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"},
        {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"},
        {"text/html", ".html"},
        {"application/xml", ".xml"},
        {"text/xml", ".xml"},
        {"text/csv", ".csv"},
        {"application/pdf", ".pdf"},
        {"text/plain", ".txt"}};
    name = "upload";
    for (const auto& [type, ext] : kTypes)
      if (content_type.starts_with(type)) name += ext;
  }
  return name;
}

std::string content_type_for(std::string_view name) {
  static const std::pair<std::string_view, std::string_view> kTypes[] = {
      {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
      {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
      {".html", "text/html; charset=utf-8"},
      {".htm", "text/html; charset=utf-8"},
      {".xml", "application/xml"},
      {".json", "application/json"},
      {".csv", "text/csv; charset=utf-8"},
      {".txt", "text/plain; charset=utf-8"},
      {".pdf", "application/pdf"}};
  for (const auto& [ext, type] : kTypes)
    if (name.ends_with(ext)) return std::string(type);
  return "application/octet-stream";
}

// Content-Disposition for a download: an ASCII fallback and the UTF-8 name (RFC 6266/5987).
std::string attachment(std::string_view name) {
  std::string ascii, encoded;
  for (unsigned char c : name) {
    ascii += (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') ? static_cast<char>(c) : '_';
    if (ascii_word_char(c) || c == '.')
      encoded += static_cast<char>(c);
    else
      encoded += fmt::format("%{:02X}", c);
  }
  return fmt::format("attachment; filename=\"{}\"; filename*=UTF-8''{}", ascii, encoded);
}

bool valid_region_code(std::string_view code) {
  if (code.size() < 2 || code.size() > 12) return false;
  for (char c : code)
    if (c < '0' || c > '9') return false;
  return true;
}

std::optional<int> parse_year(std::string_view text) {
  if (text.size() != 4) return std::nullopt;
  int y = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    y = y * 10 + (c - '0');
  }
  if (y < 1900 || y > 2999) return std::nullopt;
  return y;
}

// httplib's server, with the two things its interface lacks: a longer queue of connections
// waiting to be accepted (it listens with a backlog of 5, so a burst of clients would wait a
// second for a SYN to be sent again), and the socket of a connection that must be closed.
class HttpServer : public httplib::Server {
 public:
  void widen_backlog() {
    // Listening again on a listening socket changes its backlog (Linux).
    ::listen(svr_sock_, SOMAXCONN);
  }
};

// Stops reading from the connection a request came on, so that what is left of a body that was
// refused is not read as the next request: the answer is still written, then the connection
// ends. The connection is found by its addresses among this process's sockets.
void stop_reading(const httplib::Request& req, int local_port) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", ec)) {
    int fd = -1;
    try {
      fd = std::stoi(entry.path().filename().string());
    } catch (const std::exception&) {
      continue;
    }
    sockaddr_storage local{}, peer{};
    socklen_t local_len = sizeof local, peer_len = sizeof peer;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_len) != 0 ||
        ::getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &peer_len) != 0)
      continue;
    char address[INET6_ADDRSTRLEN] = {};
    int local_p = 0, peer_p = 0;
    if (peer.ss_family == AF_INET) {
      const auto* p = reinterpret_cast<const sockaddr_in*>(&peer);
      ::inet_ntop(AF_INET, &p->sin_addr, address, sizeof address);
      peer_p = ntohs(p->sin_port);
      local_p = ntohs(reinterpret_cast<const sockaddr_in*>(&local)->sin_port);
    } else if (peer.ss_family == AF_INET6) {
      const auto* p = reinterpret_cast<const sockaddr_in6*>(&peer);
      ::inet_ntop(AF_INET6, &p->sin6_addr, address, sizeof address);
      peer_p = ntohs(p->sin6_port);
      local_p = ntohs(reinterpret_cast<const sockaddr_in6*>(&local)->sin6_port);
    } else {
      continue;
    }
    if (peer_p == req.remote_port && local_p == local_port && req.remote_addr == address) {
      ::shutdown(fd, SHUT_RD);
      return;
    }
  }
}

// An error answered to the client: status, stable code, message in both languages.
struct HttpError {
  int status;
  std::string code;
  std::string zh, en;
  json diagnostics = json::array();
};

}  // namespace

bool valid_agency_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (unsigned char c : id)
    if (!ascii_word_char(c)) return false;
  return true;
}

bool constant_time_equal(std::string_view presented, std::string_view expected) {
  // Every byte of the longer one is looked at whatever the contents, and a length difference
  // counts as a difference: the time says nothing about where the first wrong byte is.
  const std::size_t n = std::max(presented.size(), expected.size());
  unsigned char diff = presented.size() == expected.size() ? 0 : 1;
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char a = i < presented.size() ? presented[i] : 0;
    const unsigned char b = i < expected.size() ? expected[i] : 0;
    diff |= static_cast<unsigned char>(a ^ b);
  }
  return diff == 0;
}

// ---- the request context ---------------------------------------------------------------------

struct Server::Impl {
  Engine& engine;
  ServerOptions options;
  Store store;
  Metrics metrics;
  HttpServer http;
  int port = 0;
  std::vector<Route> routes;

  Impl(Engine& e, ServerOptions o) : engine(e), options(std::move(o)), store(options.data_dir) {}

  // One request as the handlers see it.
  struct Call {
    const httplib::Request& req;
    httplib::Response& res;
    const httplib::ContentReader* reader;  // for routes that take a body
    std::map<std::string, std::string> params;
    Language lang;
    bool body_read = false;
    std::string query(const std::string& key) const {
      return req.has_param(key) ? req.get_param_value(key) : std::string();
    }
  };
  using Handler = std::function<void(Call&)>;

  // ---- responses ---------------------------------------------------------------------------

  void send_json(Call& c, int status, const json& body) {
    c.res.status = status;
    c.res.set_content(dump(body), "application/json");
  }

  void send_error(Call& c, const HttpError& e) {
    json body;
    body["error"] = {{"code", e.code}, {"message", c.lang == Language::en ? e.en : e.zh}};
    body["diagnostics"] = e.diagnostics;
    send_json(c, e.status, body);
    if (e.status == 401) c.res.set_header("WWW-Authenticate", "Bearer realm=\"nianbao\"");
  }

  // The diagnostics of a nianbao.diagnostics/1 document for the given outcomes.
  json diagnostics_of(const FileOutcome& f, Language lang) {
    return json::parse(render_json(engine, {f}, lang))["diagnostics"];
  }

  // ---- guards ------------------------------------------------------------------------------

  // Writes need the bearer token; without a token file the server takes no writes at all.
  void authorize(const Call& c) {
    if (options.token.empty())
      throw HttpError{403, "writes_disabled", "本服务未配置令牌（--token-file），不接受写入",
                      "this server has no token (--token-file) and accepts no writes"};
    const std::string header = c.req.get_header_value("Authorization");
    constexpr std::string_view kBearer = "Bearer ";
    const bool ok =
        header.size() > kBearer.size() && header.starts_with(kBearer) &&
        constant_time_equal(std::string_view(header).substr(kBearer.size()), options.token);
    if (!ok)
      throw HttpError{401, "unauthorized", "缺少令牌或令牌错误（Authorization: Bearer …）",
                      "missing or wrong token (Authorization: Bearer …)"};
  }

  std::string agency_id(const Call& c) {
    const std::string& id = c.params.at("agency_id");
    if (!valid_agency_id(id))
      throw HttpError{400, "invalid_id", "机构标识只能由字母、数字、“-”和“_”组成，最多 64 个字符",
                      "an agency id is 1 to 64 letters, digits, '-' and '_'"};
    return id;
  }

  int year_param(const std::string& text) {
    auto y = parse_year(text);
    if (!y) throw HttpError{400, "invalid_year", "年度应为四位数字", "the year is four digits"};
    return *y;
  }

  std::string region_code(const Call& c) {
    const std::string& code = c.params.at("region_code");
    if (!valid_region_code(code))
      throw HttpError{400, "invalid_region", "行政区划代码应为 2 至 12 位数字",
                      "a region code is 2 to 12 digits"};
    return code;
  }

  AgencyRecord existing_agency(const std::string& id) {
    auto a = store.agency(id);
    if (!a) throw HttpError{404, "unknown_agency", "没有机构 " + id, "no agency " + id};
    return *a;
  }

  // ---- request bodies ----------------------------------------------------------------------

  struct Upload {
    std::string name;
    std::string bytes;
    std::string previous_name;  // multipart part "previous" (check only)
    std::string previous;
  };

  // Reads the body within the size and time limits. A multipart body gives the part named
  // "file" (or the first part) and, when there is one, the part named "previous".
  Upload read_body(Call& c) {
    c.body_read = true;
    Upload u;
    const auto deadline = tl_start + std::chrono::seconds(options.request_seconds);
    bool too_large = false, too_slow = false;
    std::size_t total = 0;
    auto take = [&](std::string& into, const char* data, std::size_t n) {
      total += n;
      if (total > options.max_body_bytes) return !(too_large = true);
      if (Clock::now() > deadline) return !(too_slow = true);
      into.append(data, n);
      return true;
    };
    bool ok = false;
    if (c.req.is_multipart_form_data()) {
      std::string* target = nullptr;
      bool have_file = false;
      std::string discard;
      ok = (*c.reader)(
          [&](const httplib::MultipartFormData& part) {
            if (part.name == "previous") {
              u.previous_name = upload_name(part.filename, part.content_type);
              target = &u.previous;
            } else if (!have_file && (part.name == "file" || !part.filename.empty())) {
              have_file = true;
              u.name = upload_name(part.filename, part.content_type);
              target = &u.bytes;
            } else {
              discard.clear();
              target = &discard;
            }
            return true;
          },
          [&](const char* data, std::size_t n) { return take(*target, data, n); });
      if (ok && !have_file)
        throw HttpError{400, "no_file", "multipart 请求中没有名为 file 的文件",
                        "the multipart request has no part named file"};
    } else {
      u.name = upload_name(c.query("filename"), c.req.get_header_value("Content-Type"));
      ok = (*c.reader)([&](const char* data, std::size_t n) { return take(u.bytes, data, n); });
    }
    if (!ok) {
      c.res.set_header("Connection", "close");
      if (too_large || c.res.status == 413)
        throw HttpError{
            413, "payload_too_large",
            fmt::format("请求体超过上限 {} 字节（--limit input-bytes=…）", options.max_body_bytes),
            fmt::format("the body exceeds the limit of {} bytes (--limit input-bytes=…)",
                        options.max_body_bytes)};
      if (too_slow || Clock::now() - tl_start >= std::chrono::seconds(options.idle_seconds)) {
        // What is left of the body is never read, as a request or otherwise.
        tl_stop_reading = true;
        throw HttpError{
            408, "timeout", fmt::format("请求体未在 {} 秒内传完", options.request_seconds),
            fmt::format("the body did not arrive within {} seconds", options.request_seconds)};
      }
      throw HttpError{400, "bad_body", "请求体不完整", "the body is incomplete"};
    }
    return u;
  }

  json read_json_body(Call& c) {
    Upload u = read_body(c);
    try {
      return json::parse(u.bytes);
    } catch (const json::parse_error& e) {
      throw HttpError{400, "malformed_json", std::string("JSON 无法解析：") + e.what(),
                      std::string("malformed JSON: ") + e.what()};
    }
  }

  // The importer options a request gives: ?format= and ?year= settle ambiguous tables.
  std::map<std::string, std::string> import_hints(const Call& c) {
    std::map<std::string, std::string> out;
    for (const char* key : {"format", "year"})
      if (c.req.has_param(key)) out[key] = c.req.get_param_value(key);
    return out;
  }

  // Imports an upload; an unreadable one is 415 (no importer) or 422 (with the diagnostics).
  ImportResult import_upload(Call& c, const std::string& name, std::string_view bytes,
                             const std::map<std::string, std::string>& hints) {
    ImportResult r = engine.import_bytes(name, bytes, {}, hints);
    if (r.report) return r;
    FileOutcome f{name, false, "", 0, "", r.diagnostics};
    const bool no_importer =
        std::any_of(r.diagnostics.begin(), r.diagnostics.end(),
                    [](const Diagnostic& d) { return d.message_id == "import.no_importer"; });
    if (no_importer)
      throw HttpError{415, "unsupported_media_type", "没有能读取该文件的导入器",
                      "no importer reads this file", diagnostics_of(f, c.lang)};
    throw HttpError{422, "unreadable", "报告无法读取", "the report cannot be read",
                    diagnostics_of(f, c.lang)};
  }

  const Exporter& exporter_named(const std::string& id) {
    const Exporter* e = id.empty() ? nullptr : engine.find_exporter(id);
    if (!e) {
      std::string ids;
      for (const auto* x : engine.exporters())
        ids += (ids.empty() ? "" : ", ") + x->id();
      throw HttpError{400, "unknown_exporter", "没有导出器“" + id + "”；可用的：" + ids,
                      "no exporter \"" + id + "\"; available: " + ids};
    }
    return *e;
  }

  // Sends a report written by an exporter, as a download.
  void send_export(Call& c, const Report& report, const Exporter& exporter, const std::string& stem,
                   const std::vector<Diagnostic>* findings = nullptr) {
    std::string bytes;
    try {
      bytes = engine.export_report(report, exporter, findings);
    } catch (const InputError& e) {
      FileOutcome f{stem, true, report.format, report.year, report.agency.name, {e.diagnostic()}};
      throw HttpError{422, "cannot_export", "报告无法以该形式写出",
                      "the report cannot be written in this form", diagnostics_of(f, c.lang)};
    }
    const auto ext = exporter.extensions();
    const std::string name = stem + (ext.empty() ? "" : ext.front());
    c.res.status = 200;
    c.res.set_header("Content-Disposition", attachment(name));
    // An HTML page made of report text is never shown as a page of this origin.
    c.res.set_header("Content-Security-Policy",
                     "sandbox; default-src 'none'; style-src 'unsafe-inline'");
    c.res.set_content(std::move(bytes), content_type_for(name));
  }

  // ---- stored reports ----------------------------------------------------------------------

  Report stored_report(const ReportRecord& r) {
    return read_report_json(r.canonical, r.filename, engine.formats());
  }

  struct Checked {
    FileOutcome outcome;
    std::string zh, en;
    int errors = 0, warnings = 0, infos = 0;
  };

  Checked check_stored(const std::string& name, const ImportResult& imported,
                       const Report* previous) {
    ValidateOptions vo;
    vo.previous = previous;
    Checked out{check_imported(engine, name, imported, vo), "", "", 0, 0, 0};
    out.zh = render_json(engine, {out.outcome}, Language::zh);
    out.en = render_json(engine, {out.outcome}, Language::en);
    for (const auto& d : out.outcome.diagnostics)
      (d.severity == Severity::error     ? out.errors
       : d.severity == Severity::warning ? out.warnings
                                         : out.infos)++;
    return out;
  }

  // Checks the stored report of `year` again, against `previous` (the year before, or none), and
  // stores its new findings in the transaction. Its original bytes are imported again, so its
  // findings are exactly those of a fresh upload.
  std::optional<int> recheck(Transaction& tx, const std::string& agency, int year,
                             const Report* previous) {
    auto next = tx.report(agency, year, ReportPart::original);
    if (!next) return std::nullopt;
    ImportResult imported = engine.import_bytes(next->filename, next->original, {},
                                                {{"hint.year", std::to_string(year)}});
    if (!imported.report) return std::nullopt;  // it was readable when stored; keep its findings
    Checked k = check_stored(next->filename, imported, previous);
    tx.set_findings(agency, year, k.zh, k.en, k.errors, k.warnings, k.infos);
    return year;
  }

  // If-Match / If-None-Match against the stored version (or its absence).
  void preconditions(const Call& c, const std::optional<ReportRecord>& current) {
    if (c.req.has_header("If-Match")) {
      const std::string v = c.req.get_header_value("If-Match");
      const bool match = current && (v == "*" || v.find(current->etag) != std::string::npos);
      if (!match)
        throw HttpError{412, "precondition_failed", "If-Match 与已存储的版本不符（已被他人更改？）",
                        "If-Match does not match the stored version (changed by someone else?)"};
    }
    if (c.req.has_header("If-None-Match") && current) {
      const std::string v = c.req.get_header_value("If-None-Match");
      if (v == "*" || v.find(current->etag) != std::string::npos)
        throw HttpError{412, "precondition_failed", "报告已存在（If-None-Match）",
                        "the report exists already (If-None-Match)"};
    }
  }

  static json agency_json(const AgencyRecord& a) {
    return {{"id", a.id},
            {"name", a.name},
            {"kind", a.kind},
            {"region_code", a.region_code},
            {"parent", a.parent.empty() ? json(nullptr) : json(a.parent)}};
  }

  // ---- the routes --------------------------------------------------------------------------

  void health(Call& c) { send_json(c, 200, {{"status", "ok"}, {"version", NIANBAO_VERSION}}); }

  void metrics_page(Call& c) {
    c.res.status = 200;
    c.res.set_content(metrics.render(store.report_count()), "text/plain; version=0.0.4");
  }

  void openapi(Call& c) {
    c.res.status = 200;
    c.res.set_content(openapi_document(), "application/json");
  }

  void formats(Call& c) {
    c.res.status = 200;
    c.res.set_content(formats_json(engine), "application/json");
  }

  // The layout of a format as the pages need it to draw its tables and add up its totals: the
  // sections, the tables with their blocks, rows, columns and header groups, and the identities.
  void format_layout(Call& c) {
    const std::string id = c.params["format_id"];
    const FormatDefinition* f = engine.formats().find(id);
    if (!f) throw HttpError{404, "unknown_format", "未知的格式 " + id, "unknown format " + id};
    json sections = json::array();
    for (const auto& s : f->sections)
      sections.push_back({{"key", s.key}, {"heading", s.heading}});
    json tables = json::array();
    for (const auto& t : f->tables) {
      json blocks = json::array();
      for (const auto& b : t.blocks) {
        json columns = json::array(), rows = json::array();
        for (const auto& col : b.columns) {
          json j = {{"key", col.key}, {"label", col.label}, {"groups", col.groups}};
          j["type"] = col.type == ValueType::money          ? "money"
                      : col.type == ValueType::signed_count ? "signed_count"
                                                            : "count";
          if (col.unit) j["unit"] = *col.unit;
          if (col.decimals) j["decimals"] = col.decimals;
          columns.push_back(std::move(j));
        }
        for (const auto& r : b.rows)
          rows.push_back({{"key", r.key}, {"label", r.label}, {"groups", r.groups}});
        blocks.push_back({{"caption", b.caption},
                          {"corner", b.corner},
                          {"column_caption", b.column_caption},
                          {"columns", std::move(columns)},
                          {"rows", std::move(rows)}});
      }
      tables.push_back(
          {{"key", t.key},
           {"section", t.section},
           {"label", t.label},
           {"layout", t.layout == TableLayout::grid ? "grid" : "rows_as_column_groups"},
           {"blocks", std::move(blocks)}});
    }
    json identities = json::array();
    for (const auto& i : f->identities)
      identities.push_back({{"code", i.code},
                            {"table", i.table},
                            {"over", i.over == IdentityDef::Over::rows ? "rows" : "columns"},
                            {"each", i.each},
                            {"lhs", i.lhs},
                            {"rhs", i.rhs},
                            {"name_zh", i.name_zh},
                            {"name_en", i.name_en}});
    send_json(c, 200,
              {{"id", f->id},
               {"name", f->name},
               {"name_en", f->name_en},
               {"basis", f->basis},
               {"year_from", f->year_from},
               {"year_to", f->year_to ? json(*f->year_to) : json(nullptr)},
               {"sections", std::move(sections)},
               {"tables", std::move(tables)},
               {"identities", std::move(identities)}});
  }

  // The pages (web.h): compiled in, answered with a policy that lets them run only their own
  // scripts and call only this origin.
  void send_web_asset(Call& c, const WebAsset& asset) {
    c.res.status = 200;
    c.res.set_content(std::string(asset.body), std::string(asset.content_type));
    c.res.set_header("Content-Security-Policy", std::string(kWebContentSecurityPolicy));
    c.res.set_header("X-Frame-Options", "DENY");
  }

  void web_page(Call& c) { send_web_asset(c, web_index()); }

  void web_asset(Call& c) {
    const std::string name = c.params["asset"];
    const WebAsset* asset = find_web_asset(name);
    if (!asset) throw HttpError{404, "not_found", "没有这个文件：" + name, "no such file: " + name};
    send_web_asset(c, *asset);
  }

  void plugins(Call& c) {
    c.res.status = 200;
    c.res.set_content(plugins_json(engine), "application/json");
  }

  void rules(Call& c) {
    const std::string format = c.query("format");
    if (!format.empty() && !engine.formats().find(format))
      throw HttpError{404, "unknown_format", "未知的格式 " + format, "unknown format " + format};
    c.res.status = 200;
    c.res.set_content(rules_json(rules_for_format(engine, format)), "application/json");
  }

  void template_(Call& c) {
    const std::string id = c.query("format");
    const FormatDefinition* format = engine.formats().find(id);
    if (!format) throw HttpError{404, "unknown_format", "未知的格式 " + id, "unknown format " + id};
    int year = 0;
    if (c.req.has_param("year")) {
      year = year_param(c.query("year"));
    } else {
      std::time_t now = std::time(nullptr);
      std::tm local{};
      localtime_r(&now, &local);
      year = default_template_year(*format, local.tm_year + 1900);
    }
    if (!format->covers_year(year))
      throw HttpError{422, "year_not_covered", fmt::format("{} 格式不适用于 {} 年度", id, year),
                      fmt::format("{} does not apply to the year {}", id, year)};
    const auto writers = template_writers(engine);
    if (writers.empty())
      throw HttpError{404, "no_template_writer",
                      render_core_message("server.no_template_writer", {}, Language::zh),
                      render_core_message("server.no_template_writer", {}, Language::en)};
    Report report;
    report.format = format->id;
    report.year = year;
    send_export(c, report, *writers.front(), fmt::format("template-{}-{}", format->id, year));
  }

  void check(Call& c) {
    Upload u = read_body(c);
    const auto hints = import_hints(c);
    ValidateOptions vo;
    std::optional<Report> previous;
    if (!u.previous_name.empty())
      previous = std::move(*import_upload(c, u.previous_name, u.previous, {}).report);
    if (previous) vo.previous = &*previous;
    ImportResult imported = import_upload(c, u.name, u.bytes, hints);
    FileOutcome f = check_imported(engine, u.name, imported, vo);
    const std::string fail_on = c.req.has_param("fail_on") ? c.query("fail_on") : "error";
    if (fail_on != "error" && fail_on != "warning" && fail_on != "info" && fail_on != "none")
      throw HttpError{400, "invalid_fail_on", "fail_on 应为 error、warning、info 或 none",
                      "fail_on is error, warning, info or none"};
    const bool failing = std::any_of(f.diagnostics.begin(), f.diagnostics.end(),
                                     [&](const Diagnostic& d) { return fails(d, fail_on); });
    c.res.status = 200;
    // The command's exit code: 0 clean, 1 a finding at least as severe as fail_on.
    c.res.set_header("Nianbao-Exit-Code", failing ? "1" : "0");
    c.res.set_content(render_json(engine, {f}, c.lang), "application/json");
  }

  void convert(Call& c) {
    const Exporter& exporter = exporter_named(c.query("to"));
    Upload u = read_body(c);
    ImportResult imported = import_upload(c, u.name, u.bytes, import_hints(c));
    std::vector<Diagnostic> findings;
    const bool with_findings =
        c.query("with_findings") == "true" || c.query("with_findings") == "1";
    if (with_findings) {
      findings = check_imported(engine, u.name, imported, {}).diagnostics;
    }
    std::string stem = u.name.substr(0, u.name.rfind('.'));
    send_export(c, *imported.report, exporter, stem.empty() ? "report" : stem,
                with_findings ? &findings : nullptr);
  }

  void put_agency(Call& c) {
    authorize(c);
    const std::string id = agency_id(c);
    json body = read_json_body(c);
    auto field = [&](const char* key, bool required) -> std::string {
      if (!body.is_object() || !body.contains(key) || body[key].is_null()) {
        if (required)
          throw HttpError{422, "invalid_agency", fmt::format("缺少字段 {}", key),
                          fmt::format("the field {} is missing", key)};
        return {};
      }
      if (!body[key].is_string() || body[key].get<std::string>().size() > 400)
        throw HttpError{422, "invalid_agency", fmt::format("字段 {} 应为字符串", key),
                        fmt::format("the field {} must be a string", key)};
      return body[key].get<std::string>();
    };
    AgencyRecord a{id, field("name", true), field("kind", false), field("region_code", true),
                   field("parent", false)};
    static const std::array<std::string_view, 5> kKinds = {"", "government", "department",
                                                           "township", "other"};
    if (std::find(kKinds.begin(), kKinds.end(), a.kind) == kKinds.end())
      throw HttpError{422, "invalid_agency", "kind 应为 government、department、township 或 other",
                      "kind is government, department, township or other"};
    if (a.name.empty())
      throw HttpError{422, "invalid_agency", "name 不能为空", "name must not be empty"};
    if (!valid_region_code(a.region_code))
      throw HttpError{422, "invalid_agency", "region_code 应为 2 至 12 位数字",
                      "region_code is 2 to 12 digits"};
    if (!a.parent.empty() && !valid_agency_id(a.parent))
      throw HttpError{422, "invalid_agency", "parent 不是有效的机构标识",
                      "parent is not a valid agency id"};
    Transaction tx(store);
    // The parent must exist, and following parents must never lead back here.
    for (std::string p = a.parent; !p.empty();) {
      if (p == id)
        throw HttpError{409, "parent_cycle", "上级机构链会回到本机构",
                        "the chain of parents would lead back to this agency"};
      auto parent = tx.agency(p);
      if (!parent)
        throw HttpError{422, "unknown_parent", "上级机构不存在：" + p, "no parent agency " + p};
      p = parent->parent;
    }
    const bool created = tx.put_agency(a);
    tx.commit();
    c.res.set_header("Location", "/api/v1/agencies/" + id);
    send_json(c, created ? 201 : 200, agency_json(a));
  }

  void get_agency(Call& c) {
    AgencyRecord a = existing_agency(agency_id(c));
    send_json(c, 200, agency_json(a));
  }

  void list_agencies(Call& c) {
    const std::string region = c.query("region");
    if (!region.empty() && !valid_region_code(region))
      throw HttpError{400, "invalid_region", "行政区划代码应为 2 至 12 位数字",
                      "a region code is 2 to 12 digits"};
    json out = json::array();
    for (const auto& a : store.agencies(region.empty() ? std::string_view{} : region))
      out.push_back(agency_json(a));
    send_json(c, 200, {{"agencies", out}});
  }

  void put_report(Call& c) {
    authorize(c);
    const std::string id = agency_id(c);
    const int year = year_param(c.params.at("year"));
    existing_agency(id);
    Upload u = read_body(c);
    // The address's year is a hint: the importers of tables use it when the file and ?year= say
    // none; those that read the year from the file (JSON, exchange XML) are not told of it.
    auto hints = import_hints(c);
    hints.emplace("hint.year", std::to_string(year));
    ImportResult imported = import_upload(c, u.name, u.bytes, hints);
    const Report& report = *imported.report;
    if (report.year != year)
      throw HttpError{409, "year_mismatch",
                      fmt::format("报告是 {} 年度的，而地址是 {} 年度", report.year, year),
                      fmt::format("the report is of {}, the address of {}", report.year, year)};
    const FormatDefinition* format = engine.formats().find(report.format);
    if (!format) {
      FileOutcome f = check_imported(engine, u.name, imported, {});
      throw HttpError{422, "unknown_format", "报告的格式未知", "the report's format is unknown",
                      diagnostics_of(f, c.lang)};
    }
    ReportRecord r;
    r.agency = id;
    r.year = year;
    r.filename = u.name;
    r.canonical = write_report_json(report, *format);
    r.format = report.format;
    r.published = report.published;
    r.original = std::move(u.bytes);
    r.stored_at = utc_now();

    Transaction tx(store);
    auto current = tx.report(id, year, ReportPart::meta);
    preconditions(c, current);
    std::optional<Report> previous;
    if (auto p = tx.report(id, year - 1, ReportPart::canonical)) {
      try {
        previous = stored_report(*p);
      } catch (const InputError&) {
        // A stored report the formats of today no longer read: no cross-year check against it.
      }
    }
    Checked k = check_stored(u.name, imported, previous ? &*previous : nullptr);
    r.findings_zh = k.zh;
    r.findings_en = k.en;
    r.errors = k.errors;
    r.warnings = k.warnings;
    r.infos = k.infos;
    r.revision = current ? current->revision + 1 : 1;
    r.etag = fmt::format("\"{}-{:016x}\"", r.revision, fnv1a(r.original));
    tx.put_report(r);
    const auto rechecked = recheck(tx, id, year + 1, &report);
    tx.commit();

    c.res.set_header("ETag", r.etag);
    c.res.set_header("Location", fmt::format("/api/v1/agencies/{}/reports/{}", id, year));
    send_json(c, current ? 200 : 201,
              {{"agency", id},
               {"year", year},
               {"revision", r.revision},
               {"etag", r.etag},
               {"stored_at", r.stored_at},
               {"previous_year_checked", previous.has_value()},
               {"next_year_rechecked", rechecked ? json(*rechecked) : json(nullptr)},
               {"findings", json::parse(c.lang == Language::en ? k.en : k.zh)}});
  }

  ReportRecord existing_report(const std::string& id, int year, ReportPart part) {
    auto r = store.report(id, year, part);
    if (!r)
      throw HttpError{404, "unknown_report", fmt::format("{} 没有 {} 年度的报告", id, year),
                      fmt::format("{} has no report of {}", id, year)};
    return *r;
  }

  void get_report(Call& c) {
    const std::string id = agency_id(c);
    const int year = year_param(c.params.at("year"));
    const std::string form = c.req.has_param("form") ? c.query("form") : "json";
    const ReportRecord r = existing_report(
        id, year, form == "original" ? ReportPart::original : ReportPart::canonical);
    c.res.set_header("ETag", r.etag);
    if (c.req.get_header_value("If-None-Match") == r.etag) {
      c.res.status = 304;
      return;
    }
    if (form == "json") {
      c.res.status = 200;
      c.res.set_content(r.canonical, "application/json");
    } else if (form == "original") {
      c.res.status = 200;
      c.res.set_header("Content-Disposition", attachment(r.filename));
      c.res.set_content(r.original, "application/octet-stream");
    } else {
      const Exporter& exporter = exporter_named(form);
      send_export(c, stored_report(r), exporter, fmt::format("{}-{}", id, year));
    }
  }

  void get_findings(Call& c) {
    const std::string id = agency_id(c);
    const int year = year_param(c.params.at("year"));
    const ReportRecord r = existing_report(id, year, ReportPart::meta);
    c.res.set_header("ETag", r.etag);
    c.res.status = 200;
    c.res.set_content(c.lang == Language::en ? r.findings_en : r.findings_zh, "application/json");
  }

  void delete_report(Call& c) {
    authorize(c);
    const std::string id = agency_id(c);
    const int year = year_param(c.params.at("year"));
    Transaction tx(store);
    auto current = tx.report(id, year, ReportPart::meta);
    if (!current)
      throw HttpError{404, "unknown_report", fmt::format("{} 没有 {} 年度的报告", id, year),
                      fmt::format("{} has no report of {}", id, year)};
    preconditions(c, current);
    tx.delete_report(id, year);
    // The year after loses the report its cross-year rules compared with.
    const auto rechecked = recheck(tx, id, year + 1, nullptr);
    tx.commit();
    send_json(c, 200,
              {{"agency", id},
               {"year", year},
               {"deleted", true},
               {"next_year_rechecked", rechecked ? json(*rechecked) : json(nullptr)}});
  }

  int required_year(const Call& c) {
    if (!c.req.has_param("year"))
      throw HttpError{400, "invalid_year", "缺少参数 year", "the parameter year is missing"};
    return year_param(c.query("year"));
  }

  void summary(Call& c) {
    const std::string code = region_code(c);
    const int year = required_year(c);
    const auto agencies = store.agencies(code);
    std::vector<std::string> ids;
    for (const auto& a : agencies)
      ids.push_back(a.id);
    std::map<std::string, ReportRecord> stored;
    for (auto& r : store.reports(ids, year, ReportPart::meta))
      stored.emplace(r.agency, std::move(r));
    json rows = json::array();
    int submitted = 0, with_errors = 0, late = 0;
    for (const auto& a : agencies) {
      json row = agency_json(a);
      auto it = stored.find(a.id);
      row["submitted"] = it != stored.end();
      if (it == stored.end()) {
        rows.push_back(std::move(row));
        continue;
      }
      const ReportRecord& r = it->second;
      ++submitted;
      with_errors += r.errors > 0;
      row["errors"] = r.errors;
      row["warnings"] = r.warnings;
      row["infos"] = r.infos;
      const json findings = json::parse(c.lang == Language::en ? r.findings_en : r.findings_zh);
      json worst = nullptr;
      bool published_late = false;
      for (const auto& d : findings["diagnostics"]) {
        if (d.value("code", "") == "PUB-01") published_late = true;
        auto rank = [](const json& x) {
          const std::string s = x.value("severity", "");
          return s == "error" ? 0 : s == "warning" ? 1 : 2;
        };
        if (worst.is_null() || rank(d) < rank(worst)) worst = d;
      }
      row["worst"] = worst.is_null() ? json(nullptr)
                                     : json{{"code", worst.value("code", "")},
                                            {"severity", worst.value("severity", "")},
                                            {"message", worst.value("message", "")}};
      row["published"] = r.published.empty() ? json(nullptr) : json(r.published);
      row["published_on_time"] = r.published.empty() ? json(nullptr) : json(!published_late);
      late += published_late;
      row["etag"] = r.etag;
      rows.push_back(std::move(row));
    }
    send_json(c, 200,
              {{"region_code", code},
               {"year", year},
               {"agencies", agencies.size()},
               {"submitted", submitted},
               {"missing", static_cast<int>(agencies.size()) - submitted},
               {"with_errors", with_errors},
               {"published_late", late},
               {"rows", rows}});
  }

  void aggregate(Call& c) {
    const std::string code = region_code(c);
    const int year = required_year(c);
    const std::string form = c.req.has_param("form") ? c.query("form") : "json";
    const Exporter& exporter = exporter_named(form);
    const auto agencies = store.agencies(code);
    std::vector<std::string> ids;
    std::string name = c.query("agency");
    for (const auto& a : agencies) {
      ids.push_back(a.id);
      // The region's own government names the total, unless the request does.
      if (c.query("agency").empty() && a.kind == "government" && a.region_code == code)
        name = a.name;
    }
    const auto reports = store.reports(ids, year, ReportPart::canonical);
    if (reports.empty())
      throw HttpError{404, "no_reports", fmt::format("该地区没有 {} 年度的报告", year),
                      fmt::format("the region has no reports of {}", year)};
    if (name.empty()) name = default_aggregate_name(reports.size(), c.lang);
    std::unique_ptr<Aggregator> total;
    for (const auto& r : reports) {
      try {
        Report report = stored_report(r);
        if (!total) {
          const FormatDefinition* format = engine.formats().find(report.format);
          if (!format) throw HttpError{422, "unknown_format", "未知的格式", "unknown format"};
          total = std::make_unique<Aggregator>(*format, name, code);
        }
        total->add(report);
      } catch (const InputError& e) {
        FileOutcome f{r.filename, true, r.format, year, r.agency, {e.diagnostic()}};
        throw HttpError{422, "cannot_aggregate", "报告无法合计", "the reports cannot be added up",
                        diagnostics_of(f, c.lang)};
      }
    }
    c.res.set_header("Nianbao-Reports", std::to_string(total->count()));
    send_export(c, total->result(), exporter, fmt::format("{}-{}", code, year));
  }

  // ---- wiring ------------------------------------------------------------------------------

  // A request refused before its body was read (no token, no such agency): the body is read and
  // thrown away, within the same bounds as any body, so that the client, still sending, gets the
  // answer and the connection stays usable.
  void drain(Call& c) {
    try {
      read_body(c);
    } catch (const HttpError&) {
      // Too large or too slow: the connection is closed instead (see read_body).
    }
  }

  Language language_of(const httplib::Request& req) const {
    if (req.has_param("lang"))
      return req.get_param_value("lang") == "en" ? Language::en : Language::zh;
    return options.language;
  }

  void run_handler(const std::string& path, const Handler& handler, const httplib::Request& req,
                   httplib::Response& res, const httplib::ContentReader* reader,
                   const std::vector<std::string>& names) {
    tl_route = path;
    Call c{req, res, reader, {}, language_of(req)};
    for (std::size_t i = 0; i < names.size() && i + 1 < req.matches.size(); ++i)
      c.params[names[i]] = req.matches[i + 1].str();
    try {
      handler(c);
    } catch (const HttpError& e) {
      if (reader && !c.body_read) drain(c);
      send_error(c, e);
    } catch (const StoreError& e) {
      send_error(c, {500, "store", std::string("存储出错：") + e.what(),
                     std::string("store failure: ") + e.what()});
    } catch (const std::exception& e) {
      send_error(c, {500, "internal", std::string("内部错误：") + e.what(),
                     std::string("internal error: ") + e.what()});
    }
  }

  void add(const std::string& method, const std::string& path, Handler handler) {
    routes.push_back({method, path});
    // The path template becomes the pattern: each {name} matches one segment.
    std::vector<std::string> names;
    std::string pattern;
    for (std::size_t i = 0; i < path.size();) {
      if (path[i] == '{') {
        const auto end = path.find('}', i);
        names.push_back(path.substr(i + 1, end - i - 1));
        pattern += "([^/]+)";
        i = end + 1;
      } else {
        if (path[i] == '.') pattern += '\\';
        pattern += path[i++];
      }
    }
    if (method == "GET" || method == "DELETE") {
      auto h = [this, path, handler, names](const httplib::Request& req, httplib::Response& res) {
        run_handler(path, handler, req, res, nullptr, names);
      };
      if (method == "GET")
        http.Get(pattern, h);
      else
        http.Delete(pattern, h);
    } else {
      auto h = [this, path, handler, names](const httplib::Request& req, httplib::Response& res,
                                            const httplib::ContentReader& reader) {
        run_handler(path, handler, req, res, &reader, names);
      };
      if (method == "POST")
        http.Post(pattern, h);
      else
        http.Put(pattern, h);
    }
  }

  void setup() {
    auto on = [this](void (Impl::*fn)(Call&)) { return [this, fn](Call& c) { (this->*fn)(c); }; };
    add("GET", "/healthz", on(&Impl::health));
    add("GET", "/metrics", on(&Impl::metrics_page));
    add("GET", "/api/v1/openapi.json", on(&Impl::openapi));
    add("GET", "/", on(&Impl::web_page));
    add("GET", "/web/{asset}", on(&Impl::web_asset));
    add("GET", "/api/v1/formats", on(&Impl::formats));
    add("GET", "/api/v1/formats/{format_id}", on(&Impl::format_layout));
    add("GET", "/api/v1/rules", on(&Impl::rules));
    add("GET", "/api/v1/plugins", on(&Impl::plugins));
    add("GET", "/api/v1/template", on(&Impl::template_));
    add("POST", "/api/v1/check", on(&Impl::check));
    add("POST", "/api/v1/convert", on(&Impl::convert));
    add("GET", "/api/v1/agencies", on(&Impl::list_agencies));
    add("PUT", "/api/v1/agencies/{agency_id}", on(&Impl::put_agency));
    add("GET", "/api/v1/agencies/{agency_id}", on(&Impl::get_agency));
    add("PUT", "/api/v1/agencies/{agency_id}/reports/{year}", on(&Impl::put_report));
    add("GET", "/api/v1/agencies/{agency_id}/reports/{year}", on(&Impl::get_report));
    add("DELETE", "/api/v1/agencies/{agency_id}/reports/{year}", on(&Impl::delete_report));
    add("GET", "/api/v1/agencies/{agency_id}/reports/{year}/findings", on(&Impl::get_findings));
    add("GET", "/api/v1/regions/{region_code}/summary", on(&Impl::summary));
    add("GET", "/api/v1/regions/{region_code}/aggregate", on(&Impl::aggregate));

    const unsigned workers = std::max(1u, options.workers);
    http.new_task_queue = [workers] { return new httplib::ThreadPool(workers); };
    http.set_payload_max_length(options.max_body_bytes);
    http.set_read_timeout(static_cast<time_t>(options.idle_seconds), 0);
    http.set_write_timeout(static_cast<time_t>(options.idle_seconds), 0);
    http.set_keep_alive_timeout(static_cast<time_t>(options.idle_seconds));
    http.set_keep_alive_max_count(100);
    // Answers go out at once: without this, a client that sends its body in a second write (most
    // do) waits for its delayed ACK — 40 ms on Linux — before the answer's body follows its
    // headers.
    http.set_tcp_nodelay(true);

    httplib::Headers headers{{"X-Content-Type-Options", "nosniff"},
                             {"Cache-Control", "no-store"},
                             {"Referrer-Policy", "no-referrer"}};
    if (!options.cors_origin.empty()) {
      headers.emplace("Access-Control-Allow-Origin", options.cors_origin);
      headers.emplace("Access-Control-Expose-Headers",
                      "ETag, Location, Content-Disposition, Nianbao-Exit-Code, Nianbao-Reports");
      headers.emplace("Vary", "Origin");
      http.Options(".*", [](const httplib::Request&, httplib::Response& res) {
        res.status = 204;
        res.set_header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
        res.set_header("Access-Control-Allow-Headers",
                       "Authorization, Content-Type, If-Match, If-None-Match");
        res.set_header("Access-Control-Max-Age", "600");
      });
    }
    http.set_default_headers(headers);

    http.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
      tl_start = Clock::now();
      tl_route.clear();
      tl_stop_reading = false;
      return httplib::Server::HandlerResponse::Unhandled;
    });
    // Answers httplib gives by itself (no route, a body over the limit before any handler).
    http.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
      if (!res.body.empty()) return;
      Call c{req, res, nullptr, {}, language_of(req)};
      const int status = res.status;
      if (status == 404)
        send_error(c,
                   {404, "not_found", "没有这个地址：" + req.path, "no such route: " + req.path});
      else if (status == 413)
        send_error(c, {413, "payload_too_large", "请求体过大", "the body is too large"});
      else
        send_error(c, {status, "bad_request", "请求无效", "bad request"});
      res.status = status;
    });
    http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
      const double seconds = tl_start == Clock::time_point{}
                                 ? 0.0
                                 : std::chrono::duration<double>(Clock::now() - tl_start).count();
      metrics.record(tl_route.empty() ? "other" : tl_route, req.method, res.status, seconds);
      if (tl_stop_reading) stop_reading(req, port);
      tl_stop_reading = false;
      tl_route.clear();
      tl_start = {};
    });
  }
};

Server::Server(Engine& engine, ServerOptions options)
    : impl_(std::make_unique<Impl>(engine, std::move(options))) {
  impl_->setup();
}

Server::~Server() = default;

int Server::bind() {
  const auto& o = impl_->options;
  if (o.port == 0) {
    impl_->port = impl_->http.bind_to_any_port(o.host);
    if (impl_->port < 0) throw std::runtime_error("cannot listen on " + o.host);
  } else {
    if (!impl_->http.bind_to_port(o.host, o.port))
      throw std::runtime_error(fmt::format("cannot listen on {}:{}", o.host, o.port));
    impl_->port = o.port;
  }
  impl_->http.widen_backlog();
  return impl_->port;
}

bool Server::run() {
  return impl_->http.listen_after_bind();
}

void Server::stop() {
  impl_->http.stop();
}

std::vector<Server::Route> Server::routes() const {
  return impl_->routes;
}

Store& Server::store() {
  return impl_->store;
}

}  // namespace nianbao::server
