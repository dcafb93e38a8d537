#include "store.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include <filesystem>

namespace nianbao::server {

namespace {

// Schema version 1. Reports reference their agency; an agency is never deleted while it has any.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS agencies (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL,
  region_code TEXT NOT NULL,
  parent      TEXT REFERENCES agencies(id)
);
CREATE INDEX IF NOT EXISTS agencies_region ON agencies(region_code);
CREATE TABLE IF NOT EXISTS reports (
  agency      TEXT NOT NULL REFERENCES agencies(id),
  year        INTEGER NOT NULL,
  revision    INTEGER NOT NULL,
  etag        TEXT NOT NULL,
  filename    TEXT NOT NULL,
  original    BLOB NOT NULL,
  canonical   TEXT NOT NULL,
  format      TEXT NOT NULL,
  published   TEXT NOT NULL,
  findings_zh TEXT NOT NULL,
  findings_en TEXT NOT NULL,
  errors      INTEGER NOT NULL,
  warnings    INTEGER NOT NULL,
  infos       INTEGER NOT NULL,
  stored_at   TEXT NOT NULL,
  PRIMARY KEY (agency, year)
);
PRAGMA user_version = 1;
)sql";

[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  throw StoreError(fmt::format("{}: {}", what, db ? sqlite3_errmsg(db) : "out of memory"));
}

// A prepared statement, finalized on destruction.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) fail(db, sql);
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int i, std::string_view text) {
    check(
        sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT));
    return *this;
  }
  Statement& bind_blob(int i, std::string_view bytes) {
    check(sqlite3_bind_blob64(stmt_, i, bytes.data(), bytes.size(), SQLITE_TRANSIENT));
    return *this;
  }
  Statement& bind(int i, std::int64_t v) {
    check(sqlite3_bind_int64(stmt_, i, v));
    return *this;
  }
  /// true: a row is ready; false: done.
  bool step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(db_, "step");
  }
  std::string text(int col) const {
    const auto* p = sqlite3_column_blob(stmt_, col);
    int n = sqlite3_column_bytes(stmt_, col);
    return p ? std::string(static_cast<const char*>(p), static_cast<std::size_t>(n)) : "";
  }
  std::int64_t integer(int col) const { return sqlite3_column_int64(stmt_, col); }

 private:
  void check(int rc) {
    if (rc != SQLITE_OK) fail(db_, "bind");
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

std::optional<AgencyRecord> read_agency(sqlite3* db, std::string_view id) {
  Statement s(
      db, "SELECT id, name, kind, region_code, COALESCE(parent, '') FROM agencies WHERE id = ?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return AgencyRecord{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4)};
}

std::optional<ReportRecord> read_report(sqlite3* db, std::string_view agency, int year,
                                        ReportPart part) {
  const bool canonical = part == ReportPart::canonical || part == ReportPart::all;
  const bool original = part == ReportPart::original || part == ReportPart::all;
  const std::string sql = fmt::format(
      "SELECT agency, year, revision, etag, filename, format, published, findings_zh, "
      "findings_en, errors, warnings, infos, stored_at, {}, {} FROM reports "
      "WHERE agency = ? AND year = ?",
      canonical ? "canonical" : "''", original ? "original" : "x''");
  Statement s(db, sql.c_str());
  s.bind(1, agency).bind(2, std::int64_t{year});
  if (!s.step()) return std::nullopt;
  ReportRecord r;
  r.agency = s.text(0);
  r.year = static_cast<int>(s.integer(1));
  r.revision = s.integer(2);
  r.etag = s.text(3);
  r.filename = s.text(4);
  r.format = s.text(5);
  r.published = s.text(6);
  r.findings_zh = s.text(7);
  r.findings_en = s.text(8);
  r.errors = static_cast<int>(s.integer(9));
  r.warnings = static_cast<int>(s.integer(10));
  r.infos = static_cast<int>(s.integer(11));
  r.stored_at = s.text(12);
  r.canonical = s.text(13);
  r.original = s.text(14);
  return r;
}

}  // namespace

// ---- Connection ------------------------------------------------------------------------------

Connection::Connection(const std::string& file, bool writer) {
  const int flags = (writer ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY) |
                    SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(file.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw StoreError(file + ": " + message);
  }
  sqlite3_busy_timeout(db_, 10000);
  exec("PRAGMA foreign_keys = ON");
  if (writer) {
    exec("PRAGMA journal_mode = WAL");
    // FULL: every commit is on disk before the client hears of it, power loss included.
    exec("PRAGMA synchronous = FULL");
  }
}

Connection::~Connection() {
  sqlite3_close_v2(db_);
}

void Connection::exec(const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "?";
    sqlite3_free(error);
    throw StoreError(fmt::format("{}: {}", sql, message));
  }
}

// ---- Store -----------------------------------------------------------------------------------

struct Store::Pooled {
  Store* store;
  std::unique_ptr<Connection> connection;
  Pooled(Store* s, std::unique_ptr<Connection> c) : store(s), connection(std::move(c)) {}
  Pooled(Pooled&&) = default;
  ~Pooled() {
    if (!connection) return;
    std::lock_guard lock(store->pool_mutex_);
    store->idle_.push_back(std::move(connection));
  }
  sqlite3* db() const { return connection->get(); }
};

Store::Store(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw StoreError(dir + ": " + ec.message());
  file_ = (std::filesystem::path(dir) / "nianbao.sqlite3").string();
  writer_ = std::make_unique<Connection>(file_, true);
  writer_->exec(kSchema);
}

Store::~Store() = default;

Store::Pooled Store::reader() {
  {
    std::lock_guard lock(pool_mutex_);
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return Pooled(this, std::move(c));
    }
  }
  return Pooled(this, std::make_unique<Connection>(file_, false));
}

std::optional<AgencyRecord> Store::agency(std::string_view id) {
  auto c = reader();
  return read_agency(c.db(), id);
}

std::vector<AgencyRecord> Store::agencies(std::string_view region) {
  auto c = reader();
  Statement s(c.db(),
              "SELECT id, name, kind, region_code, COALESCE(parent, '') FROM agencies ORDER BY id");
  std::vector<AgencyRecord> out;
  while (s.step()) {
    AgencyRecord a{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4)};
    if (region.empty() || region_matches(region, a.region_code)) out.push_back(std::move(a));
  }
  return out;
}

std::optional<ReportRecord> Store::report(std::string_view agency, int year, ReportPart part) {
  auto c = reader();
  return read_report(c.db(), agency, year, part);
}

std::vector<ReportRecord> Store::reports(const std::vector<std::string>& agencies, int year,
                                         ReportPart part) {
  auto c = reader();
  // One read transaction, so that the reports are of one moment.
  c.connection->exec("BEGIN");
  std::vector<ReportRecord> out;
  try {
    for (const auto& a : agencies)
      if (auto r = read_report(c.db(), a, year, part)) out.push_back(std::move(*r));
  } catch (...) {
    c.connection->exec("ROLLBACK");
    throw;
  }
  c.connection->exec("COMMIT");
  return out;
}

std::int64_t Store::report_count() {
  auto c = reader();
  Statement s(c.db(), "SELECT COUNT(*) FROM reports");
  return s.step() ? s.integer(0) : 0;
}

std::string Store::integrity_check() {
  auto c = reader();
  Statement s(c.db(), "PRAGMA integrity_check");
  std::string out;
  while (s.step())
    out += (out.empty() ? "" : "\n") + s.text(0);
  return out;
}

bool region_matches(std::string_view region, std::string_view agency_region) {
  if (region.empty()) return false;
  if (agency_region == region) return true;
  std::string_view prefix = region;
  while (prefix.size() >= 2 && prefix.ends_with("00"))
    prefix.remove_suffix(2);
  return prefix.size() < region.size() && agency_region.size() == region.size() &&
         agency_region.starts_with(prefix);
}

// ---- Transaction -----------------------------------------------------------------------------

Transaction::Transaction(Store& store) : store_(store), lock_(store.write_mutex_) {
  store_.writer_->exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
  if (done_) return;
  try {
    store_.writer_->exec("ROLLBACK");
  } catch (const StoreError&) {
    // Nothing more can be done: SQLite rolls back by itself when the statement failed.
  }
}

void Transaction::commit() {
  store_.writer_->exec("COMMIT");
  done_ = true;
}

std::optional<AgencyRecord> Transaction::agency(std::string_view id) {
  return read_agency(store_.writer_->get(), id);
}

bool Transaction::put_agency(const AgencyRecord& a) {
  const bool created = !agency(a.id);
  Statement s(store_.writer_->get(),
              "INSERT INTO agencies (id, name, kind, region_code, parent) VALUES (?, ?, ?, ?, "
              "NULLIF(?, '')) ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = "
              "excluded.kind, region_code = excluded.region_code, parent = excluded.parent");
  s.bind(1, a.id).bind(2, a.name).bind(3, a.kind).bind(4, a.region_code).bind(5, a.parent);
  s.step();
  return created;
}

std::optional<ReportRecord> Transaction::report(std::string_view agency, int year,
                                                ReportPart part) {
  return read_report(store_.writer_->get(), agency, year, part);
}

void Transaction::put_report(const ReportRecord& r) {
  Statement s(store_.writer_->get(),
              "INSERT OR REPLACE INTO reports (agency, year, revision, etag, filename, original, "
              "canonical, format, published, findings_zh, findings_en, errors, warnings, infos, "
              "stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  s.bind(1, r.agency).bind(2, std::int64_t{r.year}).bind(3, r.revision).bind(4, r.etag);
  s.bind(5, r.filename).bind_blob(6, r.original).bind(7, r.canonical).bind(8, r.format);
  s.bind(9, r.published).bind(10, r.findings_zh).bind(11, r.findings_en);
  s.bind(12, std::int64_t{r.errors}).bind(13, std::int64_t{r.warnings});
  s.bind(14, std::int64_t{r.infos}).bind(15, r.stored_at);
  s.step();
}

void Transaction::set_findings(std::string_view agency, int year, const std::string& zh,
                               const std::string& en, int errors, int warnings, int infos) {
  Statement s(store_.writer_->get(),
              "UPDATE reports SET findings_zh = ?, findings_en = ?, errors = ?, warnings = ?, "
              "infos = ? WHERE agency = ? AND year = ?");
  s.bind(1, zh).bind(2, en).bind(3, std::int64_t{errors}).bind(4, std::int64_t{warnings});
  s.bind(5, std::int64_t{infos}).bind(6, agency).bind(7, std::int64_t{year});
  s.step();
}

bool Transaction::delete_report(std::string_view agency, int year) {
  Statement s(store_.writer_->get(), "DELETE FROM reports WHERE agency = ? AND year = ?");
  s.bind(1, agency).bind(2, std::int64_t{year});
  s.step();
  return sqlite3_changes(store_.writer_->get()) > 0;
}

}  // namespace nianbao::server
