// Renders diagnostics as text (for people), JSON ("nianbao.diagnostics/1") and SARIF 2.1.0; the
// listings of plugins, formats and rules; the batch summary. Words come from the message
// catalogue (catalogue.cpp), JSON from nlohmann/json.
#include "nianbao/render.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "catalogue.h"
#include "nianbao/text.h"
#include "nianbao/version.h"

namespace nianbao {
namespace {

using ojson = nlohmann::ordered_json;

std::string message(std::string_view id, Language lang, const std::vector<MessageArg>& args = {}) {
  return render_core_message(id, args, lang);
}

std::string severity_word(Severity s, Language lang) {
  return message(s == Severity::error     ? "cli.severity_error"
                 : s == Severity::warning ? "cli.severity_warning"
                                          : "cli.severity_info",
                 lang);
}

std::string source_text(const SourceLocation& s, Language lang) {
  std::string out = s.file;
  if (s.line > 0) {
    out += ":" + std::to_string(s.line);
    if (s.character > 0) out += ":" + std::to_string(s.character);
  }
  if (!s.sheet.empty() || !s.cell.empty())
    out += " [" + s.sheet + (s.sheet.empty() ? "" : "!") + s.cell + "]";
  if (s.line == 0 && s.paragraph > 0)
    out += " " + message("cli.at_paragraph", lang, {{"paragraph", std::to_string(s.paragraph)}});
  return out;
}

std::string logical_text(const LogicalLocation& l) {
  std::string out;
  auto add = [&](const std::string& label, const std::string& key) {
    if (label.empty() && key.empty()) return;
    if (!out.empty()) out += " / ";
    out += label.empty() ? key : label;
  };
  add(l.table_label, l.table);
  add(l.row_label, l.row);
  add(l.column_label, l.column);
  if (out.empty() && !l.section.empty()) out = l.section;
  if (!l.table.empty()) {
    out += " (" + l.table;
    if (!l.row.empty()) out += "/" + l.row;
    if (!l.column.empty()) out += "/" + l.column;
    out += ")";
  }
  return out;
}

struct Counts {
  std::size_t error = 0, warning = 0, info = 0;
  void add(Severity s) {
    if (s == Severity::error)
      ++error;
    else if (s == Severity::warning)
      ++warning;
    else
      ++info;
  }
};

ojson location_json(const Location& loc) {
  ojson j = ojson::object();
  const auto& s = loc.source;
  const auto& l = loc.logical;
  auto put = [&](const char* key, const std::string& v) {
    if (!v.empty()) j[key] = v;
  };
  put("file", s.file);
  put("section", l.section);
  put("table", l.table);
  put("row", l.row);
  put("column", l.column);
  put("table_label", l.table_label);
  put("row_label", l.row_label);
  put("column_label", l.column_label);
  put("sheet", s.sheet);
  put("cell", s.cell);
  if (s.line > 0) j["line"] = s.line;
  if (s.character > 0) j["character"] = s.character;
  if (s.paragraph > 0) j["paragraph"] = s.paragraph;
  put("pointer", s.pointer);
  return j;
}

ojson diagnostic_json(const Engine& engine, const Diagnostic& d, const std::string& file,
                      Language lang) {
  ojson jd;
  jd["code"] = d.code;
  jd["severity"] = to_string(d.severity);
  jd["message"] = engine.render_message(d.message_id, d.args, lang);
  jd["message_id"] = d.message_id;
  ojson args = ojson::object();
  for (const auto& [k, v] : d.args)
    args[k] = v;
  jd["args"] = args;
  ojson loc = location_json(d.location);
  if (!loc.contains("file")) loc["file"] = file;
  jd["location"] = loc;
  ojson related = ojson::array();
  for (const auto& r : d.related)
    related.push_back(location_json(r));
  jd["related"] = related;
  jd["plugin"] = d.plugin;
  return jd;
}

std::string dump(const ojson& j) {
  return j.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

}  // namespace

std::string render_text(const Engine& engine, const std::vector<FileOutcome>& files,
                        Language lang) {
  std::string out;
  Counts total;
  std::size_t unreadable = 0;
  for (const auto& f : files) {
    out += f.path;
    if (f.readable) {
      std::string what;
      if (!f.agency.empty()) what += f.agency + " ";
      if (f.year) what += message("cli.report_year", lang, {{"year", std::to_string(f.year)}});
      if (!f.format.empty()) what += " (" + f.format + ")";
      if (!what.empty()) out += " — " + what;
    } else {
      ++unreadable;
      out += " — " + message("cli.unreadable", lang);
    }
    out += "\n";
    if (f.diagnostics.empty()) out += "  " + message("cli.no_findings", lang) + "\n";
    for (const auto& d : f.diagnostics) {
      total.add(d.severity);
      std::string where = source_text(d.location.source, lang);
      out += "  " +
             message("cli.finding", lang,
                     {{"severity", severity_word(d.severity, lang)},
                      {"code", d.code},
                      {"place", !where.empty() && where != f.path ? " " + where : ""},
                      {"message", engine.render_message(d.message_id, d.args, lang)}}) +
             "\n";
      if (!d.location.logical.empty())
        out += "      " +
               message("cli.finding_at", lang, {{"place", logical_text(d.location.logical)}}) +
               "\n";
      for (const auto& r : d.related) {
        std::string rel = logical_text(r.logical);
        std::string src = source_text(r.source, lang);
        if (!src.empty()) rel += (rel.empty() ? "" : " — ") + src;
        out += "      " + message("cli.finding_related", lang, {{"place", rel}}) + "\n";
      }
    }
  }
  out += message("cli.check_totals", lang,
                 {{"files", std::to_string(files.size())},
                  {"errors", std::to_string(total.error)},
                  {"warnings", std::to_string(total.warning)},
                  {"infos", std::to_string(total.info)}});
  if (unreadable)
    out +=
        message("cli.check_totals_unreadable", lang, {{"unreadable", std::to_string(unreadable)}});
  out += "\n";
  return out;
}

std::string render_json(const Engine& engine, const std::vector<FileOutcome>& files,
                        Language lang) {
  ojson root;
  root["schema"] = "nianbao.diagnostics/1";
  root["tool"] = {{"name", "nianbao"}, {"version", NIANBAO_VERSION}};
  root["language"] = lang == Language::en ? "en" : "zh";
  ojson jfiles = ojson::array();
  ojson jdiags = ojson::array();
  Counts total;
  for (const auto& f : files) {
    Counts c;
    for (const auto& d : f.diagnostics) {
      c.add(d.severity);
      total.add(d.severity);
      ojson jd = diagnostic_json(engine, d, f.path, lang);
      jdiags.push_back(std::move(jd));
    }
    ojson jf;
    jf["file"] = f.path;
    jf["readable"] = f.readable;
    if (!f.format.empty()) jf["format"] = f.format;
    if (f.year) jf["year"] = f.year;
    if (!f.agency.empty()) jf["agency"] = f.agency;
    jf["errors"] = c.error;
    jf["warnings"] = c.warning;
    jf["infos"] = c.info;
    jfiles.push_back(std::move(jf));
  }
  root["files"] = jfiles;
  root["diagnostics"] = jdiags;
  root["summary"] = {{"files", files.size()},
                     {"errors", total.error},
                     {"warnings", total.warning},
                     {"infos", total.info}};
  return dump(root);
}

std::string render_json_diagnostic(const Engine& engine, const Diagnostic& d,
                                   const std::string& file, Language lang) {
  return diagnostic_json(engine, d, file, lang)
      .dump(-1, ' ', false, ojson::error_handler_t::replace);
}

std::string render_sarif(const Engine& engine, const std::vector<FileOutcome>& files,
                         Language lang) {
  const bool en = lang == Language::en;
  // Rules: every code that occurs, with its catalogue entry, in a stable order.
  std::vector<std::string> codes;
  for (const auto& f : files)
    for (const auto& d : f.diagnostics)
      if (std::find(codes.begin(), codes.end(), d.code) == codes.end()) codes.push_back(d.code);
  std::sort(codes.begin(), codes.end());
  auto level = [](Severity s) {
    return s == Severity::error ? "error" : s == Severity::warning ? "warning" : "note";
  };
  ojson rules = ojson::array();
  for (const auto& code : codes) {
    ojson r;
    r["id"] = code;
    if (const RuleInfo* info = engine.find_rule(code)) {
      r["shortDescription"] = {{"text", en ? info->title_en : info->title_zh}};
      r["fullDescription"] = {{"text", info->clause}};
      r["defaultConfiguration"] = {{"level", level(info->severity)}};
    }
    rules.push_back(std::move(r));
  }
  auto sarif_location = [](const Location& loc, const std::string& fallback_file) {
    ojson l;
    const std::string& file = loc.source.file.empty() ? fallback_file : loc.source.file;
    ojson physical;
    physical["artifactLocation"] = {{"uri", file}};
    if (loc.source.line > 0) {
      ojson region = {{"startLine", loc.source.line}};
      if (loc.source.character > 0) region["startColumn"] = loc.source.character;
      physical["region"] = region;
    }
    l["physicalLocation"] = physical;
    const auto& lg = loc.logical;
    std::string name = lg.table;
    if (!lg.row.empty()) name += "/" + lg.row;
    if (!lg.column.empty()) name += "/" + lg.column;
    if (name.empty()) name = lg.section;
    if (!loc.source.sheet.empty() || !loc.source.cell.empty()) {
      l["logicalLocations"] = ojson::array();
      l["logicalLocations"].push_back(
          {{"name", loc.source.sheet + "!" + loc.source.cell}, {"kind", "element"}});
    }
    if (!name.empty()) {
      if (!l.contains("logicalLocations")) l["logicalLocations"] = ojson::array();
      l["logicalLocations"].push_back({{"fullyQualifiedName", name}, {"kind", "member"}});
    }
    return l;
  };
  ojson results = ojson::array();
  for (const auto& f : files)
    for (const auto& d : f.diagnostics) {
      ojson r;
      r["ruleId"] = d.code;
      r["ruleIndex"] = std::find(codes.begin(), codes.end(), d.code) - codes.begin();
      r["level"] = level(d.severity);
      r["message"] = {{"text", engine.render_message(d.message_id, d.args, lang)}};
      r["locations"] = ojson::array({sarif_location(d.location, f.path)});
      if (!d.related.empty()) {
        ojson related = ojson::array();
        int id = 1;
        for (const auto& rel : d.related) {
          ojson rl = sarif_location(rel, f.path);
          rl["id"] = id++;
          related.push_back(std::move(rl));
        }
        r["relatedLocations"] = related;
      }
      if (!d.plugin.empty()) r["properties"] = {{"plugin", d.plugin}};
      results.push_back(std::move(r));
    }
  ojson run;
  run["tool"] = {{"driver", {{"name", "nianbao"}, {"version", NIANBAO_VERSION}, {"rules", rules}}}};
  run["results"] = results;
  ojson root;
  root["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  root["version"] = "2.1.0";
  root["runs"] = ojson::array({run});
  return dump(root);
}

// ---- messages ---------------------------------------------------------------------------------

std::string render_core_message(std::string_view message_id, const std::vector<MessageArg>& args,
                                Language lang) {
  // Looked up for every line a command prints: an index, built once.
  static const std::map<std::string_view, const MessageText*> kIndex = [] {
    std::map<std::string_view, const MessageText*> index;
    for (const auto& m : core::core_messages())
      index.emplace(m.id, &m);
    return index;
  }();
  auto it = kIndex.find(message_id);
  if (it == kIndex.end()) return std::string(message_id);
  return core::fill_template(lang == Language::en ? it->second->en : it->second->zh, args);
}

namespace {

// The display width of UTF-8 text as the terminal shows it (and as fmt pads): East Asian wide
// characters take two columns. The listings below were printed with fmt's padding before they
// moved here, and line up the same.
std::size_t display_width(std::string_view s) {
  std::size_t width = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t length = c < 0x80         ? 1
                         : (c >> 5) == 6  ? 2
                         : (c >> 4) == 14 ? 3
                         : (c >> 3) == 30 ? 4
                                          : 1;
    if (i + length > s.size()) length = 1;
    char32_t cp = length == 1 ? c : c & (0x7f >> length);
    for (std::size_t k = 1; k < length; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3f);
    const bool wide =
        cp >= 0x1100 && (cp <= 0x115f || cp == 0x2329 || cp == 0x232a ||
                         (cp >= 0x2e80 && cp <= 0xa4cf && cp != 0x303f) ||
                         (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
                         (cp >= 0xfe10 && cp <= 0xfe19) || (cp >= 0xfe30 && cp <= 0xfe6f) ||
                         (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) ||
                         (cp >= 0x20000 && cp <= 0x2fffd) || (cp >= 0x30000 && cp <= 0x3fffd) ||
                         (cp >= 0x1f300 && cp <= 0x1f64f) || (cp >= 0x1f900 && cp <= 0x1f9ff));
    width += wide ? 2 : 1;
    i += length;
  }
  return width;
}

// `text` followed by spaces up to `width` columns, and one space to separate the next column.
std::string column(std::string_view text, std::size_t width) {
  std::string out(text);
  const std::size_t shown = display_width(text);
  if (shown < width) out.append(width - shown, ' ');
  return out + " ";
}

std::string joined(const std::vector<std::string>& items, std::string_view sep) {
  std::string out;
  for (const auto& i : items)
    out += (out.empty() ? "" : std::string(sep)) + i;
  return out;
}

std::string plugin_status(const PluginRecord& p) {
  return p.status == PluginRecord::Status::discovered ? "available"
                                                      : std::string(to_string(p.status));
}

std::string json_value(const ojson& j) {
  return j.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

}  // namespace

// ---- plugins, formats, rules ------------------------------------------------------------------

std::string render_plugins_text(const Engine& engine, Language lang) {
  std::string out = column("ID", 18) + column("VERSION", 8) + column("KIND", 10) +
                    column("FORMATS", 10) + column("YEARS", 10) + column("STATUS", 10) + "PATH\n";
  for (const auto& p : engine.plugins())
    out += column(p.id, 18) + column(p.version, 8) + column(joined(p.kinds, ","), 10) +
           column(p.formats.empty() ? "-" : joined(p.formats, ","), 10) +
           column(p.years.empty() ? "-" : p.years, 10) + column(plugin_status(p), 10) +
           p.library_path + "\n";
  if (engine.plugins().empty()) out += message("cli.no_plugins", lang) + "\n";
  return out;
}

std::string plugins_json(const Engine& engine) {
  ojson out = ojson::array();
  for (const auto& p : engine.plugins())
    out.push_back({{"id", p.id},
                   {"version", p.version},
                   {"abi", p.abi},
                   {"kinds", p.kinds},
                   {"formats", p.formats},
                   {"years", p.years},
                   {"status", plugin_status(p)},
                   {"description", p.description},
                   {"library", p.library_path},
                   {"manifest", p.manifest_path},
                   {"origin", p.origin}});
  return dump(out);
}

std::string render_formats_text(const Engine& engine, Language lang) {
  std::string out;
  for (const auto* f : engine.formats().all()) {
    std::size_t cells = 0;
    for (const auto& t : f->tables)
      for (const auto& b : t.blocks)
        cells += b.rows.size() * b.columns.size();
    const std::string years =
        std::to_string(f->year_from) + "–" + (f->year_to ? std::to_string(*f->year_to) : "");
    // The format's own name in the language asked for (data of the definition, not a message).
    out += column(f->id, 10) + column(years, 11) + f->basis + "  " +
           (lang == Language::en ? f->name_en : f->name) + "\n";
    out +=
        "           " +
        message("cli.format_size", lang,
                {{"tables", std::to_string(f->tables.size())}, {"cells", std::to_string(cells)}}) +
        "\n";
  }
  return out;
}

std::string formats_json(const Engine& engine) {
  ojson out = ojson::array();
  for (const auto* f : engine.formats().all()) {
    ojson tables = ojson::array();
    for (const auto& t : f->tables)
      tables.push_back(t.key);
    out.push_back({{"id", f->id},
                   {"name", f->name},
                   {"name_en", f->name_en},
                   {"basis", f->basis},
                   {"year_from", f->year_from},
                   {"year_to", f->year_to ? ojson(*f->year_to) : nullptr},
                   {"tables", tables}});
  }
  return dump(out);
}

std::string render_rules_text(const Engine& engine, const std::vector<RuleInfo>& rules,
                              Language lang) {
  (void)engine;
  std::string out;
  for (const auto& r : rules)
    out +=
        column(r.code, 8) + column(to_string(r.severity), 8) +
        column(r.formats.empty() ? message("cli.all_formats", lang) : joined(r.formats, ","), 20) +
        (lang == Language::en ? r.title_en : r.title_zh) + "  [" + r.clause + "]\n";
  return out;
}

std::string rules_json(const std::vector<RuleInfo>& rules) {
  ojson out = ojson::array();
  for (const auto& r : rules)
    out.push_back({{"code", r.code},
                   {"severity", to_string(r.severity)},
                   {"title_zh", r.title_zh},
                   {"title_en", r.title_en},
                   {"clause", r.clause},
                   {"formats", r.formats},
                   {"enabled_by_default", r.enabled_by_default}});
  return dump(out);
}

// ---- the batch summary ------------------------------------------------------------------------

namespace {

Counts count(const FileOutcome& f) {
  Counts c;
  for (const auto& d : f.diagnostics)
    c.add(d.severity);
  return c;
}

// The most severe finding (the first of them): what a reviewer looks at first.
const Diagnostic* worst(const FileOutcome& f) {
  const Diagnostic* w = nullptr;
  for (const auto& d : f.diagnostics)
    if (!w || static_cast<int>(d.severity) < static_cast<int>(w->severity)) w = &d;
  return w;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s)
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

void BatchTotals::add(const FileOutcome& file, bool failed) {
  const Counts c = count(file);
  ++reports;
  if (failed) ++failing;
  if (!file.readable) ++unreadable;
  errors += c.error;
  warnings += c.warning;
  infos += c.info;
}

std::string render_batch_totals(const BatchTotals& t, Language lang) {
  return message("cli.batch_totals", lang,
                 {{"reports", std::to_string(t.reports)},
                  {"failing", std::to_string(t.failing)},
                  {"unreadable", std::to_string(t.unreadable)},
                  {"errors", std::to_string(t.errors)},
                  {"warnings", std::to_string(t.warnings)},
                  {"infos", std::to_string(t.infos)}}) +
         "\n";
}

std::optional<BatchSummary::Form> BatchSummary::form_for_path(std::string_view path) {
  if (path.ends_with(".csv")) return Form::csv;
  if (path.ends_with(".json")) return Form::json;
  if (path.ends_with(".html") || path.ends_with(".htm")) return Form::html;
  return std::nullopt;
}

BatchSummary::BatchSummary(const Engine& engine, Form form, Language lang)
    : engine_(engine), form_(form), lang_(lang) {}

std::string BatchSummary::begin() const {
  switch (form_) {
    case Form::table:
      return message("cli.batch_table_header", lang_) + "\n";
    case Form::csv:
      // The byte-order mark lets Excel and WPS open the UTF-8 file with the Chinese intact.
      return "\xEF\xBB\xBF"
             "file,agency,year,format,readable,errors,warnings,infos,worst_code,worst_message\n";
    case Form::json:
      return "{\n  \"schema\": \"nianbao.batch-summary/1\",\n  \"reports\": [";
    case Form::html:
      break;
  }
  std::string headings;
  const std::string header = message("cli.batch_html_header", lang_);
  for (std::size_t start = 0; start <= header.size();) {
    const std::size_t tab = std::min(header.find('\t', start), header.size());
    headings += "<th scope=\"col\">" + markup_escaped(header.substr(start, tab - start)) + "</th>";
    start = tab + 1;
  }
  return "<!DOCTYPE html>\n<html lang=\"" + std::string(lang_ == Language::en ? "en" : "zh-CN") +
         "\"><head><meta charset=\"utf-8\"><title>" +
         markup_escaped(message("cli.batch_html_title", lang_)) +
         "</title>\n"
         "<style>body{font-family:sans-serif}table{border-collapse:collapse}th,td{border:1px "
         "solid #999;padding:2px 6px}"
         "td.n{text-align:right}tr.bad{background:#fdd}</style></"
         "head><body>\n<table>\n<thead><tr>" +
         headings + "</tr></thead>\n<tbody>\n";
}

std::string BatchSummary::row(const FileOutcome& f) {
  const Counts c = count(f);
  const Diagnostic* w = worst(f);
  const std::string message_text = w ? engine_.render_message(w->message_id, w->args, lang_) : "";
  const std::string code = w ? w->code : "";
  const std::string year = f.year ? std::to_string(f.year) : "";
  std::string out;
  switch (form_) {
    case Form::table:
      out = std::to_string(c.error) + "\t" + std::to_string(c.warning) + "\t" +
            std::to_string(c.info) + "\t" + (f.year ? year : "-") + "\t" +
            (f.format.empty() ? "-" : f.format) + "\t" + f.path + "\t" +
            (w ? code + " " + message_text : "") + "\n";
      break;
    case Form::csv:
      out = csv_field(f.path) + "," + csv_field(f.agency) + "," + year + "," + f.format + "," +
            (f.readable ? "yes" : "no") + "," + std::to_string(c.error) + "," +
            std::to_string(c.warning) + "," + std::to_string(c.info) + "," + code + "," +
            csv_field(message_text) + "\n";
      break;
    case Form::json:
      out =
          std::string(rows_ ? "," : "") + "\n    {\"file\": " + json_value(f.path) +
          ", \"agency\": " + json_value(f.agency) + ", \"year\": " + (f.year ? year : "null") +
          ", \"format\": " + json_value(f.format) +
          ", \"readable\": " + (f.readable ? "true" : "false") +
          ", \"errors\": " + std::to_string(c.error) +
          ", \"warnings\": " + std::to_string(c.warning) +
          ", \"infos\": " + std::to_string(c.info) + ", \"worst\": " +
          (w ? "{\"code\": " + json_value(code) + ", \"message\": " + json_value(message_text) + "}"
             : std::string("null")) +
          "}";
      break;
    case Form::html:
      out = std::string("<tr") + (c.error || !f.readable ? " class=\"bad\"" : "") + "><td>" +
            markup_escaped(f.path) + "</td><td>" + markup_escaped(f.agency) +
            "</td><td class=\"n\">" + year + "</td><td>" + f.format + "</td><td class=\"n\">" +
            std::to_string(c.error) + "</td><td class=\"n\">" + std::to_string(c.warning) +
            "</td><td class=\"n\">" + std::to_string(c.info) + "</td><td>" +
            markup_escaped(code.empty() ? "" : code + " " + message_text) + "</td></tr>\n";
      break;
  }
  ++rows_;
  if (!f.readable) ++unreadable_;
  errors_ += c.error;
  warnings_ += c.warning;
  infos_ += c.info;
  return out;
}

std::string BatchSummary::end() const {
  const auto n = [](std::size_t v) { return std::to_string(v); };
  switch (form_) {
    case Form::table:
    case Form::csv:
      return "";
    case Form::json:
      return "\n  ],\n  \"totals\": {\"reports\": " + n(rows_) +
             ", \"unreadable\": " + n(unreadable_) + ", \"errors\": " + n(errors_) +
             ", \"warnings\": " + n(warnings_) + ", \"infos\": " + n(infos_) + "}\n}\n";
    case Form::html:
      break;
  }
  // In the language of the run, as the page's headings (begin()).
  return "</tbody>\n</table>\n<p>" +
         message("cli.batch_html_totals", lang_,
                 {{"reports", n(rows_)},
                  {"unreadable", n(unreadable_)},
                  {"errors", n(errors_)},
                  {"warnings", n(warnings_)},
                  {"infos", n(infos_)}}) +
         "</p>\n</body></html>\n";
}

// ---- the limits of `nianbao limits` -------------------------------------------------------------

namespace {

// A value as --limit takes it: 67108864 is "64M".
std::string limit_text(std::uint64_t value) {
  for (const auto& [shift, suffix] : {std::pair{30, "G"}, std::pair{20, "M"}, std::pair{10, "K"}})
    if (value >= (std::uint64_t{1} << shift) && value % (std::uint64_t{1} << shift) == 0)
      return std::to_string(value >> shift) + suffix;
  return std::to_string(value);
}

// One limit name with what declares it: what it bounds (its first declaration's words) and each
// default with the plugins that give it ("" for the engine), in the engine's order.
struct NamedLimit {
  LimitInfo info;
  std::vector<std::pair<std::uint64_t, std::vector<std::string>>> defaults;
};

std::vector<NamedLimit> limits_by_name(const std::vector<LimitDeclaration>& declared) {
  std::vector<NamedLimit> out;
  for (const auto& d : declared) {
    if (out.empty() || out.back().info.name != d.limit.name) out.push_back({d.limit, {}});
    auto& defaults = out.back().defaults;
    auto same = std::find_if(defaults.begin(), defaults.end(),
                             [&](const auto& v) { return v.first == d.limit.default_value; });
    if (same == defaults.end())
      defaults.push_back({d.limit.default_value, {d.plugin}});
    else
      same->second.push_back(d.plugin);
  }
  return out;
}

}  // namespace

std::string render_limits_text(const Engine& engine, Language lang) {
  std::string out = engine.render_message("limits.heading", {}, lang) + "\n";
  for (const auto& l : limits_by_name(engine.limits())) {
    std::string defaults;
    for (const auto& [value, plugins] : l.defaults) {
      std::string by;
      for (const auto& p : plugins)
        by += (by.empty() ? "" : ", ") +
              (p.empty() ? engine.render_message("limits.engine", {}, lang) : p);
      defaults += (defaults.empty() ? "" : "; ") + limit_text(value) + " (" + by + ")";
    }
    out += "  " + l.info.name + "  " + defaults + "\n      " +
           (lang == Language::en ? l.info.bounds_en : l.info.bounds_zh) + "\n";
  }
  return out;
}

std::string limits_json(const Engine& engine) {
  const std::vector<LimitDeclaration> declared = engine.limits();
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& l : limits_by_name(declared)) {
    nlohmann::ordered_json defaults = nlohmann::ordered_json::array();
    for (const auto& d : declared)
      if (d.limit.name == l.info.name)
        defaults.push_back({{"plugin", d.plugin}, {"value", d.limit.default_value}});
    out.push_back({{"name", l.info.name},
                   {"bounds_zh", l.info.bounds_zh},
                   {"bounds_en", l.info.bounds_en},
                   {"defaults", std::move(defaults)}});
  }
  return out.dump(2) + "\n";
}

std::string limit_names_with_defaults(const Engine& engine) {
  std::string out;
  for (const auto& l : limits_by_name(engine.limits())) {
    std::string values;
    for (const auto& d : l.defaults)
      values += (values.empty() ? "" : "/") + limit_text(d.first);
    out += (out.empty() ? "" : ", ") + l.info.name + " (" + values + ")";
  }
  return out;
}

}  // namespace nianbao
