// Renders diagnostics as text (for people), JSON ("nianbao.diagnostics/1") and SARIF 2.1.0.
#include "nianbao/render.h"

#include <nlohmann/json.hpp>

#include "nianbao/text.h"
#include "nianbao/version.h"

namespace nianbao {
namespace {

using ojson = nlohmann::ordered_json;

std::string severity_word(Severity s, Language lang) {
  if (lang == Language::en) return std::string(to_string(s));
  switch (s) {
    case Severity::error:
      return "错误";
    case Severity::warning:
      return "警告";
    case Severity::info:
      return "提示";
  }
  return "错误";
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
    out += lang == Language::en ? " paragraph " + std::to_string(s.paragraph)
                                : " 第" + std::to_string(s.paragraph) + "段";
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
  const bool en = lang == Language::en;
  std::string out;
  Counts total;
  std::size_t unreadable = 0;
  for (const auto& f : files) {
    out += f.path;
    if (f.readable) {
      std::string what;
      if (!f.agency.empty()) what += f.agency + " ";
      if (f.year) what += en ? std::to_string(f.year) : std::to_string(f.year) + "年";
      if (!f.format.empty()) what += " (" + f.format + ")";
      if (!what.empty()) out += " — " + what;
    } else {
      ++unreadable;
      out += en ? " — could not be read" : " — 无法读取";
    }
    out += "\n";
    if (f.diagnostics.empty()) out += en ? "  no findings\n" : "  未发现问题\n";
    for (const auto& d : f.diagnostics) {
      total.add(d.severity);
      out += "  " + severity_word(d.severity, lang) + " " + d.code;
      std::string where = source_text(d.location.source, lang);
      if (!where.empty() && where != f.path) out += " " + where;
      out += (en ? ": " : "：") + engine.render_message(d.message_id, d.args, lang) + "\n";
      if (!d.location.logical.empty())
        out += std::string(en ? "      at: " : "      位置：") + logical_text(d.location.logical) +
               "\n";
      for (const auto& r : d.related) {
        std::string rel = logical_text(r.logical);
        std::string src = source_text(r.source, lang);
        if (!src.empty()) rel += (rel.empty() ? "" : " — ") + src;
        out += std::string(en ? "      related: " : "      相关：") + rel + "\n";
      }
    }
  }
  if (en)
    out += "Checked " + count_en(files.size(), "file", "files") + ": " +
           count_en(total.error, "error", "errors") + ", " +
           count_en(total.warning, "warning", "warnings") + ", " +
           count_en(total.info, "info", "infos") +
           (unreadable ? ", " + std::to_string(unreadable) + " unreadable" : "") + "\n";
  else
    out += "共检查 " + std::to_string(files.size()) + " 个文件：" + std::to_string(total.error) +
           " 个错误，" + std::to_string(total.warning) + " 个警告，" + std::to_string(total.info) +
           " 条提示" + (unreadable ? "，" + std::to_string(unreadable) + " 个文件无法读取" : "") +
           "\n";
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

}  // namespace nianbao
