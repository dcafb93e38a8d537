// The metadata a report prints about itself, and where each value was found
// (plugins/common/document/metadata.cpp, published_date.cpp; docs/metadata.md):
//  - every real report of the test data imported from every form it is kept in, field by field,
//    against tests/data/metadata/corpus-expected.json (the value, or absent);
//  - the date lines of real published pages (tests/data/real-prose/dates.jsonl): every stated
//    publication date read right, and no date where the page states none;
//  - a saved web page whose collector's header says 采集时间：2025-12-30: its own date is taken
//    (no PUB-01), and a page with only collector, clock and footer dates, or with dates that
//    disagree, gets PUB-02 (info) naming them instead of a finding;
//  - a sentence about addresses ("…办公地址、联系方式等信息") is no address;
//  - the evidence map in the canonical JSON, read and written.
#include <gtest/gtest.h>
#include <nianbao/report_json.h>

#include <nlohmann/json.hpp>
#include <tuple>

#include "document/document.h"
#include "import_support.h"

namespace {

using namespace import_support;
using nianbao::Diagnostic;
using nianbao::Report;
using nianbao::Severity;
using nianbao::document::Block;
using nianbao::document::Document;
using nianbao::document::read_metadata;

// A document of paragraphs, each a line of its own ("line 1", "line 2", …).
Document paragraphs(const std::vector<std::string>& lines) {
  Document d;
  for (const auto& l : lines) {
    Block b;
    b.text = l;
    b.source.line = static_cast<int>(d.blocks.size()) + 1;
    d.blocks.push_back(std::move(b));
  }
  return d;
}

std::string field(const Report& r, const std::string& name) {
  if (name == "published") return r.published;
  if (name == "agency.name") return r.agency.name;
  if (name == "agency.kind") return r.agency.kind;
  if (name == "contact.phone") return r.contact.phone;
  if (name == "contact.address") return r.contact.address;
  if (name == "contact.postcode") return r.contact.postcode;
  ADD_FAILURE() << "no field " << name;
  return {};
}

std::vector<Diagnostic> check(const Report& r) {
  return engine().validate(r, {});
}

const Diagnostic* with_code(const std::vector<Diagnostic>& ds, const std::string& code) {
  for (const auto& d : ds)
    if (d.code == code) return &d;
  return nullptr;
}

std::string sources(const Report& r) {
  std::string s;
  for (const auto& [k, v] : r.metadata_sources)
    s += k + " = " + v + "\n";
  return s;
}

// ---- every real report, field by field ------------------------------------------------------

TEST(Metadata, EveryRealReportFieldByField) {
  const auto expected =
      nlohmann::json::parse(slurp(source("tests/data/metadata/corpus-expected.json")));
  ASSERT_GE(expected["files"].size(), 12u);
  int fields = 0;
  for (const auto& entry : expected["files"]) {
    const std::string file = entry["file"];
    SCOPED_TRACE(file);
    auto result = engine().import_file(source(file));
    ASSERT_TRUE(result.report) << codes(result.diagnostics);
    const Report& r = *result.report;
    for (const auto& [name, value] : entry["expected"].items()) {
      ++fields;
      if (name == "year") {
        EXPECT_EQ(r.year, value.get<int>());
        continue;
      }
      const std::string got = field(r, name);
      EXPECT_EQ(got, value.is_null() ? std::string() : value.get<std::string>()) << name << "\n"
                                                                                 << sources(r);
      // A value read from the document's text says where it stood; a JSON or workbook states it.
      const bool document = !file.ends_with(".json") && !file.ends_with(".xlsx");
      if (document && !got.empty() && name != "agency.kind") {
        EXPECT_TRUE(r.metadata_sources.contains(name)) << name << "\n" << sources(r);
      }
    }
  }
  EXPECT_GE(fields, 12 * 7);
}

// The evidence names the line and the text read there.
TEST(Metadata, EvidenceNamesTheLineAndText) {
  auto result = engine().import_file(source("tests/data/corpus/pingtan-2021.txt"));
  ASSERT_TRUE(result.report);
  const auto& s = result.report->metadata_sources;
  ASSERT_TRUE(s.contains("published")) << sources(*result.report);
  EXPECT_EQ(s.at("published"), "line 3: 时间：2022-02-08 16:34");
  EXPECT_EQ(s.at("contact.postcode"), "line 3: 邮编：350400");
  EXPECT_EQ(s.at("agency.name"), "title, line 3: 平潭综合实验区2021年度政府信息公开工作年度报告");
  EXPECT_EQ(s.at("year"), "title, line 3: 2021年度政府信息公开工作年度报告");
}

// ---- dates of real pages ----------------------------------------------------------------------

// The date lines of dates.jsonl stand under the title, before part 一; these few stand at the end
// of the report, under its signature (their "why" says so).
const std::set<std::string> kAtTheEnd = {"r113", "r124"};

TEST(Metadata, DatesOfRealPages) {
  std::istringstream lines(slurp(source("tests/data/real-prose/dates.jsonl")));
  int stated = 0, read_right = 0, none = 0, total = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    const auto entry = nlohmann::json::parse(line);
    const std::string id = entry["report"];
    std::vector<std::string> text;
    const bool at_end = kAtTheEnd.contains(id);
    if (!at_end) text = entry["lines"].get<std::vector<std::string>>();
    text.push_back("一、总体情况");
    text.push_back("本年度，本机关认真贯彻落实《条例》，主动公开政府信息。");
    if (at_end)
      for (const auto& l : entry["lines"])
        text.push_back(l);
    const auto meta = read_metadata(paragraphs(text));
    ++total;
    if (entry["publication_date"].is_null()) {
      ++none;
      EXPECT_EQ(meta.published, "") << id << ": " << entry["why"];
    } else {
      ++stated;
      const std::string want = entry["publication_date"];
      EXPECT_EQ(meta.published, want) << id << ": " << entry["why"];
      if (meta.published == want) {
        ++read_right;
        EXPECT_TRUE(meta.sources.contains("published")) << id;
      }
    }
  }
  EXPECT_EQ(total, 75);
  EXPECT_EQ(stated, 53);
  EXPECT_EQ(read_right, stated);
  EXPECT_EQ(none, 22);
}

// Dates that are no publication date: a collector's, an update, a print date, the header clock.
TEST(Metadata, DatesThatAreNotPublicationDates) {
  for (const std::string line :
       {"采集时间：2025-12-30 14:02", "更新时间：2024-03-01", "打印日期：2025年1月3日",
        "2025年12月30日 星期二", "Copyright © 2024 某某市人民政府 版权所有",
        "网站更新时间：2025-12-29", "来源：长江经济网 发布时间：2024-01-15 浏览量：41"}) {
    const auto meta = read_metadata(
        paragraphs({line, "某某局2023年政府信息公开工作年度报告", "一、总体情况", "正文。"}));
    EXPECT_EQ(meta.published, "") << line;
    ASSERT_TRUE(meta.sources.contains("published.rejected")) << line;
    EXPECT_NE(meta.sources.at("published.rejected").find("line 1"), std::string::npos) << line;
  }
}

TEST(Metadata, ConflictingDatesAreNotTold) {
  const auto meta =
      read_metadata(paragraphs({"某某局2023年政府信息公开工作年度报告", "发布时间：2024-01-17",
                                "发布日期：2024-02-20", "一、总体情况", "正文。"}));
  EXPECT_EQ(meta.published, "");
  ASSERT_TRUE(meta.sources.contains("published.conflict"));
  EXPECT_EQ(meta.sources.at("published.conflict"),
            "line 2: 发布时间：2024-01-17; line 3: 发布日期：2024-02-20");
  // The publication date outranks the document's own (成文日期) and the signature's date.
  const auto ranked = read_metadata(
      paragraphs({"某某局2023年政府信息公开工作年度报告", "成文日期：2024-01-10",
                  "发布日期：2024-01-17", "一、总体情况", "正文。", "某某局", "2024年1月10日"}));
  EXPECT_EQ(ranked.published, "2024-01-17");
  EXPECT_EQ(ranked.sources.at("published"), "line 3: 发布日期：2024-01-17");
}

// The publish-date markup of the common site systems; an update time in markup is no such date.
TEST(Metadata, PublishDateMarkup) {
  for (const std::string name :
       {"PubDate", "publishdate", "firstpublishedtime", "article:published_time"}) {
    Document d = paragraphs({"某某局2023年政府信息公开工作年度报告", "一、总体情况", "正文。"});
    d.markup.push_back({name, "2024-01-17T09:30:00+08:00", "<meta name=\"" + name + "\">"});
    d.markup.push_back(
        {"lastmodifiedtime", "2025-06-01 10:00", "<meta name=\"lastmodifiedtime\">"});
    const auto meta = read_metadata(d);
    EXPECT_EQ(meta.published, "2024-01-17") << name;
    EXPECT_EQ(meta.sources.at("published"), "<meta name=\"" + name + "\">");
  }
  Document updated = paragraphs({"某某局2023年政府信息公开工作年度报告", "一、总体情况", "正文。"});
  updated.markup.push_back(
      {"lastmodifiedtime", "2025-06-01 10:00", "<meta name=\"lastmodifiedtime\">"});
  const auto meta = read_metadata(updated);
  EXPECT_EQ(meta.published, "");
  EXPECT_EQ(meta.sources.at("published.rejected"), "<meta name=\"lastmodifiedtime\">");
}

// ---- a saved web page -------------------------------------------------------------------------

std::string page() {
  return slurp(source("tests/data/metadata/collected-page.html"));
}

std::string without(std::string s, const std::string& part) {
  const auto at = s.find(part);
  EXPECT_NE(at, std::string::npos) << part;
  if (at != std::string::npos) s.erase(at, part.size());
  return s;
}

std::string replaced(std::string s, const std::string& from, const std::string& to) {
  const auto at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

const std::string kPubDate = "<meta name=\"PubDate\" content=\"2021-01-29 16:12\">";
const std::string kPostedSpan = "<span>发布时间：2021-01-29 16:12</span>";
const std::string kCollectorNote =
    "<div class=\"collector-note\">采集时间：2025-12-30 14:02:17　采集来源："
    "https://www.huaibei.gov.cn/public/6596281/171066521.html</div>";

// The page's own date, not the collector's: no PUB-01 "late by almost five years".
TEST(Metadata, CollectedWebPageTakesItsOwnDate) {
  const TempDir dir;
  for (const auto& [name, bytes] : std::vector<std::pair<std::string, std::string>>{
           {"page.html", page()}, {"markup-only.html", without(page(), kPostedSpan)}}) {
    SCOPED_TRACE(name);
    const auto result = import_bytes(dir, name, bytes);
    ASSERT_TRUE(result.report) << codes(result.diagnostics);
    EXPECT_EQ(result.report->published, "2021-01-29");
    EXPECT_EQ(result.report->metadata_sources.at("published"), kPubDate);
    const auto found = check(*result.report);
    EXPECT_EQ(with_code(found, "PUB-01"), nullptr);
    EXPECT_EQ(with_code(found, "PUB-02"), nullptr);
  }
  // Without the markup, the page's 发布时间 line.
  const auto text_only = import_bytes(dir, "text-only.html", without(page(), kPubDate));
  ASSERT_TRUE(text_only.report);
  EXPECT_EQ(text_only.report->published, "2021-01-29");
  EXPECT_NE(text_only.report->metadata_sources.at("published").find("发布时间：2021-01-29 16:12"),
            std::string::npos);
}

// A late page: PUB-01 names where the date was read.
TEST(Metadata, LateNamesTheEvidence) {
  const TempDir dir;
  std::string late = replaced(page(), kPubDate, "<meta name=\"PubDate\" content=\"2021-03-05\">");
  late = replaced(late, kPostedSpan, "<span>发布时间：2021-03-05</span>");
  const auto result = import_bytes(dir, "late.html", late);
  ASSERT_TRUE(result.report);
  const auto found = check(*result.report);
  const Diagnostic* d = with_code(found, "PUB-01");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(message(*d, nianbao::Language::en),
            "published on 2021-03-05, after the deadline 2021-01-31 (date read from <meta "
            "name=\"PubDate\" content=\"2021-03-05\">)");
}

// Only the collector's, the header clock's and the footer's dates: no date, PUB-02 says why.
TEST(Metadata, OnlyCollectorAndFooterDates) {
  const TempDir dir;
  const std::string undated = without(without(page(), kPubDate), kPostedSpan);
  for (const auto& [name, bytes] : std::vector<std::pair<std::string, std::string>>{
           {"collected.html", undated}, {"footer-only.html", without(undated, kCollectorNote)}}) {
    SCOPED_TRACE(name);
    const auto result = import_bytes(dir, name, bytes);
    ASSERT_TRUE(result.report) << codes(result.diagnostics);
    EXPECT_EQ(result.report->published, "");
    const auto found = check(*result.report);
    EXPECT_EQ(with_code(found, "PUB-01"), nullptr);
    const Diagnostic* d = with_code(found, "PUB-02");
    ASSERT_NE(d, nullptr) << sources(*result.report);
    EXPECT_EQ(d->severity, Severity::info);
    EXPECT_EQ(d->message_id, "pub.unknown_rejected");
    const std::string text = message(*d);
    EXPECT_NE(text.find("更新时间：2025-12-29"), std::string::npos) << text;
    EXPECT_NE(text.find("Copyright © 2025"), std::string::npos) << text;
    EXPECT_EQ(text.find("采集时间") != std::string::npos, name == "collected.html") << text;
  }
}

// schema.org's datePublished, as microdata anywhere in the page or as JSON-LD, is the page's own
// date; a JSON-LD block that does not parse is passed over, and its dateModified is no date.
TEST(Metadata, SchemaOrgDatePublished) {
  const TempDir dir;
  const std::string undated = without(without(page(), kPubDate), kPostedSpan);
  const std::string time_element =
      "<time itemprop=\"datePublished\" datetime=\"2021-01-29T16:12:00+08:00\">";
  const std::string microdata =
      replaced(undated, "<body>", "<body><p>" + time_element + "2021年1月29日</time></p>");
  const std::string json_ld = replaced(
      undated, "</head>",
      "<script type=\"application/ld+json\">{\"@context\": \"https://schema.org\", \"@graph\": "
      "[{\"@type\": \"WebSite\"}, {\"@type\": \"NewsArticle\", \"dateModified\": "
      "\"2025-12-29\", \"datePublished\": \"2021-01-29\"}]}</script></head>");
  for (const auto& [name, bytes, evidence] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"microdata.html", microdata, time_element},
           {"json-ld.html", json_ld, "JSON-LD \"datePublished\": \"2021-01-29\""}}) {
    SCOPED_TRACE(name);
    const auto result = import_bytes(dir, name, bytes);
    ASSERT_TRUE(result.report) << codes(result.diagnostics);
    EXPECT_EQ(result.report->published, "2021-01-29");
    EXPECT_EQ(result.report->metadata_sources.at("published"), evidence);
    const auto found = check(*result.report);
    EXPECT_EQ(with_code(found, "PUB-01"), nullptr);
    EXPECT_EQ(with_code(found, "PUB-02"), nullptr);
  }
  const auto broken =
      import_bytes(dir, "broken-json-ld.html",
                   replaced(undated, "</head>",
                            "<script type=\"application/ld+json\">{\"datePublished\": "
                            "\"2021-01-29\"</script></head>"));
  ASSERT_TRUE(broken.report) << codes(broken.diagnostics);
  EXPECT_EQ(broken.report->published, "");
  EXPECT_NE(with_code(check(*broken.report), "PUB-02"), nullptr);
}

TEST(Metadata, ConflictingPageDatesGiveAnInfo) {
  const TempDir dir;
  const auto result = import_bytes(
      dir, "conflict.html", replaced(page(), kPostedSpan, "<span>发布时间：2021-03-05</span>"));
  ASSERT_TRUE(result.report);
  EXPECT_EQ(result.report->published, "");
  const auto found = check(*result.report);
  EXPECT_EQ(with_code(found, "PUB-01"), nullptr);
  const Diagnostic* d = with_code(found, "PUB-02");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->message_id, "pub.unknown_conflict");
  const std::string text = message(*d, nianbao::Language::en);
  EXPECT_NE(text.find(kPubDate), std::string::npos) << text;
  EXPECT_NE(text.find("发布时间：2021-03-05"), std::string::npos) << text;
}

// ---- fields of the wrong shape --------------------------------------------------------------

// "…公开本机关机构职能、办公地址、联系方式等信息" names the fields, it holds none (the
// 上海市人民政府 办公厅 2019 text gave the address "、联系方式等信息").
TEST(Metadata, SentenceAboutAddressesIsNoAddress) {
  const auto junk = read_metadata(
      paragraphs({"某某市人民政府办公厅2019年政府信息公开工作年度报告",
                  "本年度报告根据《中华人民共和国政府信息公开条例》要求编制。", "一、总体情况",
                  "在门户网站主动公开本机关机构职能、办公地址、联系方式等信息，及时更新领导分工。",
                  "地址：公开", "电话：请见网站", "邮编：20000"}));
  EXPECT_EQ(junk.contact.address, "");
  EXPECT_EQ(junk.contact.phone, "");
  EXPECT_EQ(junk.contact.postcode, "");
  EXPECT_FALSE(junk.sources.contains("contact.address"));
  // The real contact block further on is still read.
  const auto real = read_metadata(paragraphs(
      {"某某市人民政府办公厅2019年政府信息公开工作年度报告", "一、总体情况",
       "在门户网站主动公开本机关机构职能、办公地址、联系方式等信息。", "六、其他需要报告的事项",
       "如有疑问请联系（地址：上海市人民大道200号，邮编：200003，电话：021-23456789）。"}));
  EXPECT_EQ(real.contact.address, "上海市人民大道200号");
  EXPECT_EQ(real.contact.postcode, "200003");
  EXPECT_EQ(real.contact.phone, "021-23456789");
  EXPECT_EQ(real.sources.at("contact.address"), "line 5: 地址：上海市人民大道200号");
}

// The same sentence inside a real report's text: the address stays absent, the rest is read.
TEST(Metadata, SentenceAboutAddressesInARealReport) {
  const TempDir dir;
  std::string text = slurp(source("tests/data/corpus/huaibei-office-2020.txt"));
  text = replaced(
      text, "（电话：0561-3198517，地址：淮北市人民路208号行政中心5楼512室，邮编：235000）", "");
  text =
      replaced(text, "（一）扎实做好主动公开。",
               "（一）扎实做好主动公开。在门户网站公开本机关机构职能、办公地址、联系方式等信息。");
  const auto result = import_bytes(dir, "report.txt", text);
  ASSERT_TRUE(result.report) << codes(result.diagnostics);
  EXPECT_EQ(result.report->contact.address, "");
  EXPECT_EQ(result.report->contact.phone, "");
  EXPECT_EQ(result.report->agency.name, "淮北市人民政府办公室（外事办公室）");
}

// Page chrome above the title is no agency name.
TEST(Metadata, ChromeIsNoAgency) {
  const auto meta = read_metadata(paragraphs(
      {"当前位置：首页 > 信息公开", "2023年政府信息公开工作年度报告", "一、总体情况", "正文。"}));
  EXPECT_EQ(meta.agency, "");
  EXPECT_FALSE(meta.sources.contains("agency.name"));
}

// ---- the canonical JSON ---------------------------------------------------------------------

TEST(Metadata, EvidenceInTheCanonicalJson) {
  Report r = load("examples/huaibei-2020/report.json");
  r.published = "2021-01-29";
  r.metadata_sources["published"] = "<meta name=\"PubDate\" content=\"2021-01-29\">";
  r.metadata_sources["contact.phone"] = "line 4: 电话：0561-3198517";
  const auto* format = engine().formats().find(r.format);
  ASSERT_NE(format, nullptr);
  const std::string json = nianbao::write_report_json(r, *format);
  EXPECT_NE(
      json.find(
          "\"metadata_sources\": {\n    \"contact.phone\": \"line 4: 电话：0561-3198517\",\n"
          "    \"published\": \"<meta name=\\\"PubDate\\\" content=\\\"2021-01-29\\\">\"\n  }"),
      std::string::npos)
      << json;
  const TempDir dir;
  const auto back = import_bytes(dir, "r.json", json);
  ASSERT_TRUE(back.report) << codes(back.diagnostics);
  EXPECT_EQ(back.report->metadata_sources, r.metadata_sources);
  // Evidence is text: anything else is refused with its place.
  std::string bad = json;
  bad.replace(bad.find("\"line 4: 电话：0561-3198517\""),
              std::string("\"line 4: 电话：0561-3198517\"").size(), "4");
  const auto refused = import_bytes(dir, "bad.json", bad);
  EXPECT_FALSE(refused.report);
  ASSERT_FALSE(refused.diagnostics.empty());
  EXPECT_EQ(refused.diagnostics.front().code, "JSON-03");
  EXPECT_EQ(refused.diagnostics.front().location.source.pointer, "/metadata_sources/contact.phone");
}

}  // namespace
