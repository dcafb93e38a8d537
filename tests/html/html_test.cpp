// The HTML page: self-contained and accessible (lang, headings in sections, <caption>, <th scope>,
// colspan/rowspan from the format definition), with a print stylesheet for A4. The page is
// polyglot markup, so it is read here as XML with pugixml.
#include <gtest/gtest.h>
#include <nianbao/engine.h>

#include <cmath>
#include <cstdlib>
#include <pugixml.hpp>
#include <set>
#include <sstream>
#include <stdexcept>

namespace {

nianbao::Engine& engine() {
  static nianbao::Engine e([] {
    nianbao::EngineOptions o;
    o.plugin_paths = {NIANBAO_PLUGIN_BUILD_DIR};
    o.use_environment = false;
    o.use_install_dir = false;
    return o;
  }());
  return e;
}

nianbao::Report import(const std::string& relative) {
  auto result = engine().import_file(std::string(NIANBAO_SOURCE_DIR) + "/" + relative);
  if (!result.report) throw std::runtime_error("cannot import " + relative);
  return *result.report;
}

std::string export_html(const nianbao::Report& report,
                        const std::map<std::string, std::string>& options = {}) {
  const nianbao::Exporter* exporter = engine().find_exporter("html");
  if (!exporter) throw std::runtime_error("no html exporter");
  return engine().export_report(report, *exporter, nullptr, options);
}

const std::string kHuaibei2020 = "examples/huaibei-2020/report.json";
const std::string kPingtan2021 = "tests/data/corpus/pingtan-2021.json";

struct Page {
  std::string text;
  pugi::xml_document doc;

  explicit Page(const nianbao::Report& report) : text(export_html(report)) {
    const auto r =
        doc.load_buffer(text.data(), text.size(), pugi::parse_default | pugi::parse_doctype);
    if (!r)
      throw std::runtime_error(std::string("the page is not well-formed: ") + r.description());
  }
  pugi::xml_node html() const { return doc.child("html"); }
  std::vector<pugi::xml_node> all(const char* xpath) const {
    std::vector<pugi::xml_node> out;
    for (pugi::xpath_node n : doc.select_nodes(xpath))
      out.push_back(n.node());
    return out;
  }
};

std::string text_of(pugi::xml_node n) {
  std::string out;
  for (pugi::xml_node d = n.first_child(); d;) {
    if (d.type() == pugi::node_pcdata) out += d.value();
    if (d.first_child()) {
      d = d.first_child();
      continue;
    }
    while (d && d != n && !d.next_sibling())
      d = d.parent();
    if (!d || d == n) break;
    d = d.next_sibling();
  }
  return out;
}

int span(pugi::xml_node cell, const char* name) {
  const pugi::xml_attribute a = cell.attribute(name);
  return a ? a.as_int() : 1;
}

pugi::xml_node th(const Page& page, const std::string& table, const std::string& text) {
  for (pugi::xml_node n : page.all(("//table[@id='table-" + table + "']//th").c_str()))
    if (text_of(n) == text) return n;
  return {};
}

// The rows of a table in order (thead, then every tbody), each as its cells.
std::vector<std::vector<pugi::xml_node>> rows_of(pugi::xml_node table) {
  std::vector<std::vector<pugi::xml_node>> rows;
  for (pugi::xml_node group : table.children()) {
    const std::string_view name = group.name();
    if (name != "thead" && name != "tbody") continue;
    for (pugi::xml_node tr : group.children("tr")) {
      std::vector<pugi::xml_node> cells;
      for (pugi::xml_node c : tr.children())
        if (std::string_view(c.name()) == "th" || std::string_view(c.name()) == "td")
          cells.push_back(c);
      rows.push_back(cells);
    }
  }
  return rows;
}

}  // namespace

TEST(Html, SelfContainedAccessiblePage) {
  const nianbao::Report report = import(kHuaibei2020);
  const Page page(report);
  EXPECT_TRUE(page.text.starts_with("<!DOCTYPE html>"));
  EXPECT_STREQ(page.html().attribute("lang").value(), "zh-CN");
  EXPECT_STREQ(page.html().child("head").child("meta").attribute("charset").value(), "utf-8");
  EXPECT_EQ(text_of(page.html().child("head").child("title")),
            report.agency.name + "2020年政府信息公开工作年度报告");
  // Nothing is loaded from elsewhere: no scripts, stylesheets, pictures or frames.
  for (const char* tag : {"script", "link", "img", "iframe", "object"})
    EXPECT_TRUE(page.all((std::string("//") + tag).c_str()).empty()) << tag;
  EXPECT_TRUE(page.all("//*[@src]").empty());
  // A print stylesheet: A4 pages with the margins of GB/T 9704 and page numbers.
  const std::string style = text_of(page.html().child("head").child("style"));
  EXPECT_NE(style.find("@page { size: A4; margin: 37mm 26mm 35mm 28mm; }"), std::string::npos);
  EXPECT_NE(style.find("@media print"), std::string::npos);
  EXPECT_NE(style.find("counter(page)"), std::string::npos);
}

TEST(Html, TitleAndSectionsInTheFormatsOrder) {
  const nianbao::Report report = import(kHuaibei2020);
  const Page page(report);
  std::vector<std::string> title;
  for (pugi::xml_node span : page.all("//h1/span"))
    title.push_back(text_of(span));
  EXPECT_EQ(title,
            (std::vector<std::string>{report.agency.name, "2020年政府信息公开工作年度报告"}));
  std::vector<std::string> headings;
  for (pugi::xml_node section : page.all("//section")) {
    const pugi::xml_node h2 = section.child("h2");
    EXPECT_STREQ(section.attribute("aria-labelledby").value(), h2.attribute("id").value());
    headings.push_back(text_of(h2));
  }
  std::vector<std::string> expected;
  for (const auto& s : engine().formats().find("gov-2019")->sections)
    if (!s.heading.empty()) expected.push_back(s.heading);
  EXPECT_EQ(headings, expected);
  // Sections 二, 三, 四 hold their table; "（一）…" alone is an h3, "（四）…。" runs in.
  for (const char* key : {"proactive", "applications", "review_litigation"})
    EXPECT_EQ(
        page.all(("//section/div/table[@id='table-" + std::string(key) + "']").c_str()).size(), 1u)
        << key;
  bool h3 = false;
  for (pugi::xml_node n : page.all("//h3"))
    h3 = h3 || text_of(n) == "（一）扎实做好主动公开。";
  EXPECT_TRUE(h3);
  bool run_in = false;
  for (pugi::xml_node n : page.all("//p/span[@class='run-in']"))
    run_in = run_in || text_of(n) == "（四）持续优化平台建设。";
  EXPECT_TRUE(run_in);
}

TEST(Html, TablesHaveCaptionsScopesAndSpans) {
  const Page page(import(kPingtan2021));
  const auto* format = engine().formats().find("gov-2021");
  for (const auto& table : format->tables) {
    const auto caption = page.all(("//table[@id='table-" + table.key + "']/caption").c_str());
    ASSERT_EQ(caption.size(), 1u) << table.key;
    EXPECT_EQ(text_of(caption[0]), table.label);
  }
  for (pugi::xml_node cell : page.all("//th")) {
    const std::string scope = cell.attribute("scope").value();
    EXPECT_TRUE(scope == "col" || scope == "colgroup" || scope == "row" || scope == "rowgroup")
        << text_of(cell);
  }
  // Table 三: the header of the national template.
  const pugi::xml_node corner = th(
      page, "applications", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）");
  EXPECT_EQ(span(corner, "colspan"), 3);
  EXPECT_EQ(span(corner, "rowspan"), 3);
  EXPECT_STREQ(th(page, "applications", "申请人情况").attribute("scope").value(), "colgroup");
  EXPECT_EQ(span(th(page, "applications", "申请人情况"), "colspan"), 7);
  EXPECT_EQ(span(th(page, "applications", "法人或其他组织"), "colspan"), 5);
  EXPECT_EQ(span(th(page, "applications", "自然人"), "rowspan"), 2);
  EXPECT_STREQ(th(page, "applications", "自然人").attribute("scope").value(), "col");
  EXPECT_EQ(page.all("//table[@id='table-applications']/thead/tr").size(), 3u);
  EXPECT_EQ(span(th(page, "applications", "三、本年度办理结果"), "rowspan"), 22);
  EXPECT_STREQ(th(page, "applications", "三、本年度办理结果").attribute("scope").value(), "row");
  // Table 四: 行政复议 over two levels and five columns, 行政诉讼 over ten, one row of 15.
  EXPECT_EQ(span(th(page, "review_litigation", "行政复议"), "colspan"), 5);
  EXPECT_EQ(span(th(page, "review_litigation", "行政复议"), "rowspan"), 2);
  EXPECT_EQ(span(th(page, "review_litigation", "行政诉讼"), "colspan"), 10);
  const auto values = page.all("//table[@id='table-review_litigation']/tbody/tr/td");
  ASSERT_EQ(values.size(), 15u);
  // Table 二: a tbody per 第二十条 item, headed by its caption (scope rowgroup).
  const auto blocks = page.all("//table[@id='table-proactive']/tbody");
  ASSERT_EQ(blocks.size(), 4u);
  EXPECT_STREQ(blocks[0].child("tr").child("th").attribute("scope").value(), "rowgroup");
  EXPECT_EQ(text_of(blocks[0].child("tr").child("th")), "第二十条第（一）项");
}

// Every row covers exactly the table's columns once rowspans are counted; widths add up to 100%.
TEST(Html, EveryGridIsConsistent) {
  for (const auto& file : {kHuaibei2020, kPingtan2021}) {
    const Page page(import(file));
    for (pugi::xml_node table : page.all("//table")) {
      double percent = 0;
      int columns = 0;
      for (pugi::xml_node col : table.child("colgroup").children("col")) {
        ++columns;
        percent += std::atof(std::string(col.attribute("style").value()).substr(7).c_str());
      }
      EXPECT_NEAR(percent, 100.0, 1e-9) << table.attribute("id").value();
      std::vector<int> carried(static_cast<std::size_t>(columns), 0);  // rows still covered
      for (const auto& row : rows_of(table)) {
        std::size_t c = 0;
        auto skip_carried = [&] {
          while (c < carried.size() && carried[c] > 0)
            --carried[c++];
        };
        for (pugi::xml_node cell : row) {
          skip_carried();
          const int width = span(cell, "colspan");
          ASSERT_LE(c + static_cast<std::size_t>(width), carried.size()) << text_of(cell);
          for (int k = 0; k < width; ++k)
            carried[c++] = span(cell, "rowspan") - 1;
        }
        skip_carried();
        EXPECT_EQ(c, carried.size()) << table.attribute("id").value();
      }
    }
  }
}

TEST(Html, OtherProcessingRowsFollowTheFormat) {
  const Page gov2021(import(kPingtan2021));
  EXPECT_EQ(span(th(gov2021, "applications", "（六）其他处理"), "rowspan"), 3);
  const Page gov2019(import(kHuaibei2020));
  const pugi::xml_node other = th(gov2019, "applications", "（六）其他处理");
  ASSERT_TRUE(other);
  EXPECT_EQ(span(other, "rowspan"), 1);
  EXPECT_EQ(span(other, "colspan"), 2);
}

TEST(Html, TextIsEscaped) {
  nianbao::Report report = import(kHuaibei2020);
  report.section("other").paragraphs.push_back({"<script>alert(\"x\")</script> & 更多", {}});
  const Page page(report);
  EXPECT_TRUE(page.all("//script").empty());
  bool found = false;
  for (pugi::xml_node p : page.all("//p"))
    found = found || text_of(p) == "<script>alert(\"x\")</script> & 更多";
  EXPECT_TRUE(found);
}

TEST(Html, DeterministicOutput) {
  const nianbao::Report report = import(kPingtan2021);
  EXPECT_EQ(export_html(report), export_html(report));
}

TEST(Html, OptionsAreRefused) {
  const nianbao::Report report = import(kHuaibei2020);
  for (const auto& option : {std::pair<std::string, std::string>{"reference-docx", "a.docx"},
                             std::pair<std::string, std::string>{"theme", "dark"}}) {
    try {
      export_html(report, {option});
      ADD_FAILURE() << option.first << " was accepted";
    } catch (const nianbao::InputError& e) {
      EXPECT_EQ(e.diagnostic().code, "HTML-01");
      EXPECT_EQ(*e.diagnostic().find_arg("option"), option.first);
    }
  }
}
