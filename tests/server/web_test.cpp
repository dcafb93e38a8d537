// The routes the pages need: the pages themselves (compiled in, under a policy that runs only
// their own scripts) and the layout of a format, which the pages draw their tables from.
#include <nianbao/nianbao.h>

#include "server_fixture.h"

using namespace nianbao;
using namespace nianbao::test;
using json = nlohmann::json;

namespace {

class Web : public ::testing::Test {
 protected:
  TempDir dir{"nianbao-server-web"};
  RunningServer srv{(dir.path() / "data").string()};
  std::unique_ptr<httplib::Client> cli = srv.client();
};

TEST_F(Web, PagesAreServedFromTheProgramUnderAPolicy) {
  auto r = cli->Get("/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(r->body, slurp(source_path("server/web/index.html")));
  const std::string csp = r->get_header_value("Content-Security-Policy");
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
  EXPECT_EQ(r->get_header_value("X-Frame-Options"), "DENY");
  for (const auto& [name, type] : {std::pair{"app.js", "text/javascript; charset=utf-8"},
                                   std::pair{"app.css", "text/css; charset=utf-8"},
                                   std::pair{"index.html", "text/html; charset=utf-8"}}) {
    r = cli->Get((std::string("/web/") + name).c_str());
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << name;
    EXPECT_EQ(r->get_header_value("Content-Type"), type) << name;
    const std::string source = slurp(source_path(std::string("server/web/") + name));
    EXPECT_EQ(r->body, source) << name;
    // Nothing is fetched from elsewhere: intranets have no internet. (The SVG namespace is a
    // name, never requested.)
    std::string addresses = source;
    for (auto at = addresses.find("http://www.w3.org/2000/svg"); at != std::string::npos;
         at = addresses.find("http://www.w3.org/2000/svg"))
      addresses.erase(at, 26);
    EXPECT_EQ(addresses.find("http://"), std::string::npos) << name;
    EXPECT_EQ(addresses.find("https://"), std::string::npos) << name;
    EXPECT_EQ(source.find("innerHTML"), std::string::npos) << name;
  }
  r = cli->Get("/web/nope.js");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(body_json(r)["error"]["code"], "not_found");
  EXPECT_EQ(cli->Get("/web/..%2Fserver.cpp")->status, 404);
  EXPECT_EQ(cli->Get("/web/")->status, 404);
}

TEST_F(Web, FormatLayoutIsTheDefinitionsTables) {
  auto r = cli->Get("/api/v1/formats/gov-2021");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  const json layout = body_json(r);
  const FormatDefinition* def = built_in_engine().formats().find("gov-2021");
  ASSERT_NE(def, nullptr);
  EXPECT_EQ(layout["id"], "gov-2021");
  EXPECT_EQ(layout["year_from"], def->year_from);
  EXPECT_TRUE(layout["year_to"].is_null());
  ASSERT_EQ(layout["sections"].size(), def->sections.size());
  for (std::size_t i = 0; i < def->sections.size(); ++i)
    EXPECT_EQ(layout["sections"][i]["heading"], def->sections[i].heading);
  ASSERT_EQ(layout["tables"].size(), def->tables.size());
  for (std::size_t t = 0; t < def->tables.size(); ++t) {
    const auto& table = def->tables[t];
    const json& jt = layout["tables"][t];
    EXPECT_EQ(jt["key"], table.key);
    EXPECT_EQ(jt["label"], table.label);
    ASSERT_EQ(jt["blocks"].size(), table.blocks.size());
    for (std::size_t b = 0; b < table.blocks.size(); ++b) {
      const auto& block = table.blocks[b];
      const json& jb = jt["blocks"][b];
      ASSERT_EQ(jb["rows"].size(), block.rows.size());
      ASSERT_EQ(jb["columns"].size(), block.columns.size());
      for (std::size_t i = 0; i < block.rows.size(); ++i) {
        EXPECT_EQ(jb["rows"][i]["key"], block.rows[i].key);
        EXPECT_EQ(jb["rows"][i]["label"], block.rows[i].label);
        EXPECT_EQ(jb["rows"][i]["groups"], block.rows[i].groups);
      }
      for (std::size_t i = 0; i < block.columns.size(); ++i) {
        EXPECT_EQ(jb["columns"][i]["key"], block.columns[i].key);
        EXPECT_EQ(jb["columns"][i]["label"], block.columns[i].label);
        EXPECT_EQ(jb["columns"][i]["groups"], block.columns[i].groups);
      }
    }
  }
  // 表三's labels as printed, and the identity its totals obey.
  const json& applications = layout["tables"][1];
  EXPECT_EQ(applications["key"], "applications");
  EXPECT_EQ(applications["blocks"][0]["columns"][0]["label"], "自然人");
  bool t301 = false;
  for (const auto& i : layout["identities"])
    if (i["code"] == "T3-01") {
      t301 = true;
      EXPECT_EQ(i["over"], "rows");
      EXPECT_EQ(i["rhs"], json::array({"total"}));
    }
  EXPECT_TRUE(t301);
  // Money columns say their unit.
  bool fees = false;
  for (const auto& block : layout["tables"][0]["blocks"])
    for (const auto& c : block["columns"])
      if (c["key"] == "amount") {
        fees = true;
        EXPECT_EQ(c["type"], "money");
        EXPECT_EQ(c["unit"], "万元");
      }
  EXPECT_TRUE(fees);
  EXPECT_EQ(body_json(cli->Get("/api/v1/formats/gov-2019"))["year_to"], 2020);
  r = cli->Get("/api/v1/formats/gov-1999");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(body_json(r)["error"]["code"], "unknown_format");
}

}  // namespace
