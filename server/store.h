// The report store of `nianbao serve`: one SQLite file in WAL mode. Every write is one
// transaction, committed before the caller answers; readers never wait for the writer.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace nianbao::server {

/// A failure of the database itself (disk full, corrupt file): the server answers 500.
struct StoreError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct AgencyRecord {
  std::string id;  ///< letters, digits, '-', '_'; at most 64
  std::string name;
  std::string kind;         ///< government | department | township | other
  std::string region_code;  ///< administrative division code, e.g. "340600"
  std::string parent;       ///< another agency's id, or empty
};

/// One stored report: what the upload was, what it reads as, and what the check found.
struct ReportRecord {
  std::string agency;
  int year = 0;
  std::int64_t revision = 0;  ///< 1 on creation, +1 on each replacement
  std::string etag;           ///< quoted, strong
  std::string filename;       ///< the upload's name (only a name: never a path on this machine)
  std::string original;       ///< the uploaded bytes
  std::string canonical;      ///< nianbao.report/1
  std::string format;
  std::string published;
  std::string findings_zh, findings_en;  ///< nianbao.diagnostics/1 documents
  int errors = 0, warnings = 0, infos = 0;
  std::string stored_at;  ///< UTC, ISO 8601
};

/// Which columns of a report to read: the big ones only when needed.
enum class ReportPart { meta, canonical, original, all };

/// An open SQLite connection with the pragmas the store needs.
class Connection {
 public:
  Connection(const std::string& file, bool writer);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  sqlite3* get() const { return db_; }
  void exec(const char* sql);

 private:
  sqlite3* db_ = nullptr;
};

class Store;

/// The one write transaction (BEGIN IMMEDIATE … COMMIT) that holds the store's write lock. Its
/// reads see its own writes; destroyed without commit() it rolls back.
class Transaction {
 public:
  explicit Transaction(Store& store);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  std::optional<AgencyRecord> agency(std::string_view id);
  /// Inserts or replaces; true when the agency is new.
  bool put_agency(const AgencyRecord& a);
  std::optional<ReportRecord> report(std::string_view agency, int year, ReportPart part);
  /// Inserts or replaces the report (revision and etag are set by the caller).
  void put_report(const ReportRecord& r);
  void set_findings(std::string_view agency, int year, const std::string& zh, const std::string& en,
                    int errors, int warnings, int infos);
  bool delete_report(std::string_view agency, int year);
  void commit();

 private:
  Store& store_;
  std::unique_lock<std::mutex> lock_;
  bool done_ = false;
};

class Store {
 public:
  /// Opens (creating it and the folder when needed) `dir`/nianbao.sqlite3.
  explicit Store(const std::string& dir);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& file() const { return file_; }

  std::optional<AgencyRecord> agency(std::string_view id);
  /// The agencies of a region (region_matches), or all when `region` is empty; sorted by id.
  std::vector<AgencyRecord> agencies(std::string_view region);
  std::optional<ReportRecord> report(std::string_view agency, int year, ReportPart part);
  /// The reports of `year` of the given agencies (meta, or canonical too).
  std::vector<ReportRecord> reports(const std::vector<std::string>& agencies, int year,
                                    ReportPart part);
  std::int64_t report_count();
  /// "ok" when SQLite's PRAGMA integrity_check finds nothing wrong.
  std::string integrity_check();

 private:
  friend class Transaction;
  struct Pooled;
  Pooled reader();
  std::string file_;
  std::mutex write_mutex_;
  std::unique_ptr<Connection> writer_;
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

/// Whether an agency with `agency_region` belongs to the region `region`: the same code, or a code
/// within it (340600 holds 340602; 340000 holds both). Trailing "00" pairs of `region` are the
/// wildcard part.
bool region_matches(std::string_view region, std::string_view agency_region);

}  // namespace nianbao::server
