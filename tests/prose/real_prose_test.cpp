// The prose reader on the labelled real sentences of tests/data/real-prose (577 sentences from
// 206 published reports, every counted number labelled by hand with the quantity it counts, or
// "none", or "ambiguous"). The reader must be right or silent: at least 99% of the numbers it
// attributes carry the label it gives them (precision). How many labelled numbers it finds
// (recall) is printed beside it and held above a floor, so that a reader that says nothing fails
// too. docs/prose.md shows the figures.
#include <gtest/gtest.h>
#include <nianbao/format.h>
#include <nianbao/text.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "prose_reader.h"

namespace {

using nianbao::FormatDefinition;
using nianbao::prose::ProseReader;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << path;
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

FormatDefinition definition(const std::string& id) {
  return nianbao::parse_format_definition(read_file(
      std::string(NIANBAO_SOURCE_DIR) + "/plugins/formats/" + id + "/" + id + ".format.json"));
}

std::vector<nlohmann::json> read_lines(const std::string& path) {
  std::vector<nlohmann::json> out;
  std::istringstream in(read_file(path));
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  return out;
}

// "b + a" → "a + b": the test set writes a sum in any order.
std::string normalised(const std::string& label) {
  std::vector<std::string> parts;
  std::size_t from = 0;
  for (std::size_t at; (at = label.find(" + ", from)) != std::string::npos; from = at + 3)
    parts.push_back(label.substr(from, at - from));
  parts.push_back(label.substr(from));
  std::sort(parts.begin(), parts.end());
  std::string out;
  for (const auto& p : parts)
    out += (out.empty() ? "" : " + ") + p;
  return out;
}

using CellSet = std::set<std::string>;

CellSet cell_set(const std::vector<nianbao::CellRef>& cells) {
  CellSet out;
  for (const auto& c : cells)
    out.insert(c.table + "/" + c.row + "/" + c.column);
  return out;
}

// The cells a label counts: the first reading of each quantity it names ("a + b" adds them up),
// or nothing when the definition does not declare a quantity of that name.
CellSet cells_of_label(const nianbao::ProseDef& prose, const std::string& label) {
  CellSet out;
  std::size_t from = 0;
  for (;;) {
    std::size_t at = label.find(" + ", from);
    const auto* q =
        prose.find_quantity(label.substr(from, at == std::string::npos ? at : at - from));
    if (!q || q->readings.empty()) return {};
    auto part = cell_set(q->readings.front());
    out.insert(part.begin(), part.end());
    if (at == std::string::npos) return out;
    from = at + 3;
  }
}

// Right when the reader names the labelled quantity, or compares the number with exactly the
// cells the label counts: "收到 N 件" is compared with 本年新收 and with 本年新收 + 上年结转, so it
// is right on a number labelled either way.
bool right(const nianbao::prose::Attribution& a, const std::string& said, const std::string& truth,
           const nianbao::ProseDef& prose) {
  if (said == truth) return true;
  CellSet wanted = cells_of_label(prose, truth);
  if (wanted.empty()) return false;
  for (const auto& reading : nianbao::prose::readings_of(a))
    if (cell_set(reading) == wanted) return true;
  return false;
}

struct Tally {
  int labelled = 0, attributed = 0, right = 0;
};

struct Figures {
  int sentences = 0;
  std::size_t reports = 0;
  double precision = 0, recall = 0;
  std::string wrong;
};

// Runs the reader over one labelled set (sentences.jsonl and reports.jsonl in `dir`) and prints
// its figures, by label.
Figures evaluate(const std::string& dir) {
  const FormatDefinition gov2021 = definition("gov-2021"), gov2019 = definition("gov-2019");
  const ProseReader reader2021(gov2021.prose), reader2019(gov2019.prose);
  std::map<std::string, std::string> format_of;
  for (const auto& r : read_lines(dir + "reports.jsonl"))
    format_of[r["report"].get<std::string>()] = r["format"].get<std::string>();

  Tally all;
  std::map<std::string, Tally> by_label;
  std::set<std::string> reports;
  std::string wrong, missed;
  int sentences = 0;
  for (const auto& item : read_lines(dir + "sentences.jsonl")) {
    ++sentences;
    const std::string report = item["report"].get<std::string>();
    const ProseReader& reader = format_of[report] == "gov-2019" ? reader2019 : reader2021;
    const std::u32string text = nianbao::decode_utf8(item["text"].get<std::string>());
    // Where each labelled number stands in the sentence, in order.
    std::map<std::size_t, std::string> label_at;
    std::size_t from = 0;
    for (const auto& n : item["numbers"]) {
      std::u32string written = nianbao::decode_utf8(n["text"].get<std::string>());
      std::size_t at = text.find(written, from);
      EXPECT_NE(at, std::u32string::npos) << item["id"] << ": " << n["text"];
      if (at == std::u32string::npos) continue;
      std::string label = n["label"].get<std::string>();
      label_at[at] = label == "none" || label == "ambiguous" ? label : normalised(label);
      from = at + written.size();
      if (label != "none" && label != "ambiguous") {
        ++all.labelled;
        ++by_label[label_at[at]].labelled;
        reports.insert(report);
      }
    }
    const auto attributions = reader.read(std::u32string_view(text));
    for (const auto& [at, label] : label_at)
      if (label != "none" && label != "ambiguous" &&
          std::none_of(attributions.begin(), attributions.end(),
                       [&, at = at](const auto& a) { return a.position == at; }))
        missed += "  " + item["id"].get<std::string>() + " " + label + " @" + std::to_string(at) +
                  ": " + item["text"].get<std::string>() + "\n";
    for (const auto& a : attributions) {
      const std::string said = nianbao::prose::joined_name(a);
      ++all.attributed;
      ++by_label[said].attributed;
      auto it = label_at.find(a.position);
      const std::string truth = it == label_at.end() ? "(not a labelled number)" : it->second;
      if (right(a, said, truth, reader.definition())) {
        ++all.right;
        ++by_label[said].right;
      } else {
        wrong += "  " + item["id"].get<std::string>() + " “" + a.phrase + "” read as " + said +
                 ", labelled " + truth + "\n";
      }
    }
  }
  const double precision = all.attributed ? double(all.right) / all.attributed : 0;
  const double recall = all.labelled ? double(all.right) / all.labelled : 0;
  std::ostringstream table;
  table << "sentences " << sentences << ", labelled numbers " << all.labelled << " (from "
        << reports.size() << " reports), attributed " << all.attributed << ", right " << all.right
        << ": precision " << precision * 100 << "%, recall " << recall * 100 << "%\n";
  for (const auto& [label, t] : by_label)
    table << "  " << label << ": labelled " << t.labelled << ", attributed " << t.attributed
          << ", right " << t.right << "\n";
  std::cout << table.str() << (wrong.empty() ? "" : "wrong attributions:\n" + wrong);
  // NIANBAO_PROSE_MISSES=1 lists the labelled numbers the reader left alone.
  if (std::getenv("NIANBAO_PROSE_MISSES")) std::cout << "not attributed:\n" << missed;
  return {sentences, reports.size(), precision, recall, wrong};
}

// The set the phrases of the definitions were chosen on.
TEST(RealProse, RightOrSilent) {
  Figures f = evaluate(std::string(NIANBAO_TEST_DATA) + "/real-prose/");
  EXPECT_GE(f.sentences, 300);
  EXPECT_GE(f.reports, 40u);
  EXPECT_GE(f.precision, 0.99) << f.wrong;
  // The floor under recall: a reader that stays silent on what it could read fails as well.
  EXPECT_GE(f.recall, 0.60);
}

// Sentences from other reports, labelled before the reader ever saw them (heldout/README.md).
TEST(RealProse, RightOrSilentOnTheHeldOutSet) {
  Figures f = evaluate(std::string(NIANBAO_TEST_DATA) + "/real-prose/heldout/");
  EXPECT_GE(f.sentences, 100);
  EXPECT_GE(f.reports, 20u);
  EXPECT_GE(f.precision, 0.99) << f.wrong;
  EXPECT_GE(f.recall, 0.40);
}

}  // namespace
