// Every route of `nianbao serve` and each status it answers, against a server on a loopback port.
#include <nianbao/nianbao.h>

#include "server_fixture.h"

using namespace nianbao;
using namespace nianbao::test;
using json = nlohmann::json;

namespace {

const std::string kHuaibei = "examples/huaibei-2020/report.json";
const std::string kPingtan2021 = "tests/data/corpus/pingtan-2021.json";
const std::string kPingtan2022 = "tests/data/corpus/pingtan-2022.json";

std::vector<std::string> codes(const json& diagnostics_document) {
  std::vector<std::string> out;
  for (const auto& d : diagnostics_document["diagnostics"])
    out.push_back(d["code"].get<std::string>());
  return out;
}

// The 2021 report with one 结转下年度 cell changed, so that 2022's 上年结转 no longer agrees with
// it: XY-01 (as in the command line's test of --previous).
std::string pingtan_2021_changed() {
  std::string text = repo_file(kPingtan2021);
  const std::string from = "\"carried_forward\": {\"natural_person\": 1,";
  const auto at = text.find(from);
  if (at == std::string::npos) throw std::runtime_error("pingtan-2021.json changed");
  text.replace(at, from.size(), "\"carried_forward\": {\"natural_person\": 3,");
  return text;
}

bool has_code(const json& doc, std::string_view prefix) {
  for (const auto& c : codes(doc))
    if (c.starts_with(prefix)) return true;
  return false;
}

class Api : public ::testing::Test {
 protected:
  TempDir dir{"nianbao-server-api"};
  RunningServer srv{(dir.path() / "data").string(), with_token()};
  std::unique_ptr<httplib::Client> cli = srv.client();

  httplib::Result put_agency(const std::string& id, const json& body) {
    return cli->Put(("/api/v1/agencies/" + id).c_str(), auth(), body.dump(), "application/json");
  }
  httplib::Result put_report(const std::string& id, int year, const std::string& file,
                             httplib::Headers headers = auth()) {
    return put_bytes(id, year, file.substr(file.rfind('/') + 1), repo_file(file), headers);
  }
  httplib::Result put_bytes(const std::string& id, int year, const std::string& name,
                            const std::string& bytes, httplib::Headers headers = auth()) {
    return cli->Put(
        fmt::format("/api/v1/agencies/{}/reports/{}?filename={}", id, year, name).c_str(), headers,
        bytes, "application/octet-stream");
  }
  void register_pingtan() {
    ASSERT_EQ(put_agency("pingtan", {{"name", "平潭综合实验区管理委员会"},
                                     {"kind", "government"},
                                     {"region_code", "350128"}})
                  ->status,
              201);
  }
};

TEST_F(Api, HealthAndMetrics) {
  auto r = cli->Get("/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(body_json(r)["status"], "ok");
  r = cli->Get("/metrics");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find(
                "nianbao_http_requests_total{route=\"/healthz\",method=\"GET\",status=\"200\"} 1"),
            std::string::npos)
      << r->body;
  EXPECT_NE(r->body.find(
                "nianbao_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"+Inf\"} 1"),
            std::string::npos);
  EXPECT_NE(r->body.find("nianbao_reports_stored 0"), std::string::npos);
}

TEST_F(Api, CatalogueDocumentsAreThoseOfTheCommandLine) {
  auto r = cli->Get("/api/v1/formats");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, formats_json(built_in_engine()));
  r = cli->Get("/api/v1/plugins");
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, plugins_json(built_in_engine()));
  r = cli->Get("/api/v1/rules?format=gov-2021");
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, rules_json(rules_for_format(built_in_engine(), "gov-2021")));
  EXPECT_EQ(cli->Get("/api/v1/rules?format=gov-1999")->status, 404);
  r = cli->Get("/api/v1/openapi.json");
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(body_json(r)["openapi"], "3.0.3");
  // The command prints the same documents.
  const std::string out = dir.file("formats.json", "");
  ASSERT_EQ(std::system(fmt::format("{} --plugin-path {} formats --json > {}", NIANBAO_CLI,
                                    NIANBAO_PLUGIN_BUILD_DIR, out)
                            .c_str()),
            0);
  EXPECT_EQ(slurp(out), cli->Get("/api/v1/formats")->body);
}

TEST_F(Api, Template) {
  auto r = cli->Get("/api/v1/template?format=gov-2021&year=2024");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(r->body.substr(0, 2), "PK");
  EXPECT_NE(r->get_header_value("Content-Disposition").find("template-gov-2021-2024.xlsx"),
            std::string::npos);
  EXPECT_EQ(cli->Get("/api/v1/template?format=gov-2021")->status, 200);
  EXPECT_EQ(cli->Get("/api/v1/template?format=nope")->status, 404);
  EXPECT_EQ(cli->Get("/api/v1/template?format=gov-2019&year=2024")->status, 422);
  EXPECT_EQ(cli->Get("/api/v1/template?format=gov-2021&year=20x4")->status, 400);
}

TEST_F(Api, CheckGivesTheDocumentOfTheCommandLine) {
  auto r = cli->Post("/api/v1/check?filename=report.json", repo_file(kHuaibei), "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const json doc = body_json(r);
  EXPECT_EQ(doc["schema"], "nianbao.diagnostics/1");
  EXPECT_EQ(doc["files"][0]["year"], 2020);
  EXPECT_TRUE(has_code(doc, "NT-03"));
  EXPECT_TRUE(has_code(doc, "CEL-05"));
  EXPECT_EQ(r->get_header_value("Nianbao-Exit-Code"), "1");
  // Exactly the findings `nianbao check --output-format json` prints for the file.
  Engine& engine = built_in_engine();
  FileOutcome expected =
      check_imported(engine, "report.json", engine.import_file(source_path(kHuaibei)), {});
  expected.path = "report.json";
  for (auto& d : expected.diagnostics)
    d.location.source.file = "report.json";
  EXPECT_EQ(codes(doc), codes(json::parse(render_json(engine, {expected}, Language::zh))));

  r = cli->Post("/api/v1/check?filename=report.json&fail_on=none&lang=en", repo_file(kHuaibei),
                "application/json");
  EXPECT_EQ(r->get_header_value("Nianbao-Exit-Code"), "0");
  EXPECT_EQ(body_json(r)["language"], "en");
  EXPECT_EQ(
      cli->Post("/api/v1/check?fail_on=sometimes", repo_file(kHuaibei), "application/json")->status,
      400);
}

TEST_F(Api, CheckTakesMultipartWithThePreviousYear) {
  httplib::MultipartFormDataItems items = {
      {"file", repo_file(kPingtan2022), "pingtan-2022.json", "application/json"},
      {"previous", pingtan_2021_changed(), "pingtan-2021.json", "application/json"}};
  auto r = cli->Post("/api/v1/check", items);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const json with_previous = body_json(r);
  EXPECT_EQ(with_previous["files"][0]["file"], "pingtan-2022.json");
  EXPECT_TRUE(has_code(with_previous, "XY-")) << r->body;
  // Without the previous year no cross-year finding.
  r = cli->Post("/api/v1/check", httplib::MultipartFormDataItems{items[0]});
  EXPECT_FALSE(has_code(body_json(r), "XY-"));
  // A multipart body without a file part.
  r = cli->Post("/api/v1/check",
                httplib::MultipartFormDataItems{{"comment", "hello", "", "text/plain"}});
  EXPECT_EQ(r->status, 400);
}

TEST_F(Api, CheckRefusesWhatCannotBeRead) {
  auto r = cli->Post("/api/v1/check?filename=broken.json", "{\"schema\": \"nianbao.report/1\", ",
                     "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 422);
  json body = body_json(r);
  EXPECT_EQ(body["error"]["code"], "unreadable");
  EXPECT_FALSE(body["diagnostics"].empty());
  r = cli->Post("/api/v1/check", std::string("\x01\x02\x03\x04 binary", 11),
                "application/octet-stream");
  EXPECT_EQ(r->status, 415);
  body = body_json(r);
  EXPECT_EQ(body["error"]["code"], "unsupported_media_type");
  EXPECT_EQ(body["diagnostics"][0]["code"], "IMP-01");
  r = cli->Post("/api/v1/check?filename=empty.json", "", "application/json");
  EXPECT_EQ(r->status, 422);
}

TEST_F(Api, Convert) {
  auto r = cli->Post("/api/v1/convert?to=docx&filename=%E6%B7%AE%E5%8C%97.json",
                     repo_file(kHuaibei), "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Type"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_EQ(r->body.substr(0, 2), "PK");
  EXPECT_NE(r->get_header_value("Content-Disposition").find("filename*=UTF-8''淮北.docx"),
            std::string::npos);
  r = cli->Post("/api/v1/convert?to=html&filename=r.json", repo_file(kHuaibei), "application/json");
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(r->get_header_value("Content-Security-Policy").find("sandbox"), std::string::npos);
  r = cli->Post("/api/v1/convert?to=platform-xml&filename=r.json&with_findings=true",
                repo_file(kHuaibei), "application/json");
  EXPECT_EQ(r->status, 200);
  EXPECT_NE(r->body.find("<diagnostics"), std::string::npos);
  r = cli->Post("/api/v1/convert?to=json&filename=r.json", repo_file(kHuaibei), "application/json");
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(body_json(r)["year"], 2020);
  EXPECT_EQ(cli->Post("/api/v1/convert?to=pptx", repo_file(kHuaibei), "application/json")->status,
            400);
  EXPECT_EQ(cli->Post("/api/v1/convert?to=docx&filename=x.json", "[1,", "application/json")->status,
            422);
}

TEST_F(Api, AgenciesNeedTheTokenAndValidFields) {
  const json body = {
      {"name", "某市人民政府办公室"}, {"kind", "government"}, {"region_code", "340600"}};
  auto r = cli->Put("/api/v1/agencies/city", body.dump(), "application/json");
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(r->get_header_value("WWW-Authenticate"), "Bearer realm=\"nianbao\"");
  r = cli->Put("/api/v1/agencies/city", {{"Authorization", "Bearer wrong-token-0123456789abcd"}},
               body.dump(), "application/json");
  EXPECT_EQ(r->status, 401);
  r = put_agency("city", body);
  EXPECT_EQ(r->status, 201);
  EXPECT_EQ(body_json(r)["region_code"], "340600");
  EXPECT_EQ(r->get_header_value("Location"), "/api/v1/agencies/city");
  EXPECT_EQ(put_agency("city", body)->status, 200);
  EXPECT_EQ(put_agency("edu", {{"name", "某市教育局"},
                               {"kind", "department"},
                               {"region_code", "340600"},
                               {"parent", "city"}})
                ->status,
            201);
  EXPECT_EQ(put_agency("district", {{"name", "某区人民政府"}, {"region_code", "340602"}})->status,
            201);
  EXPECT_EQ(put_agency("other-province", {{"name", "外省"}, {"region_code", "350100"}})->status,
            201);

  EXPECT_EQ(put_agency("x", {{"kind", "government"}, {"region_code", "340600"}})->status, 422);
  EXPECT_EQ(put_agency("x", {{"name", "x"}, {"region_code", "34A600"}})->status, 422);
  EXPECT_EQ(
      put_agency("x", {{"name", "x"}, {"region_code", "340600"}, {"kind", "ministry"}})->status,
      422);
  EXPECT_EQ(put_agency("x", {{"name", 5}, {"region_code", "340600"}})->status, 422);
  EXPECT_EQ(
      put_agency("x", {{"name", "x"}, {"region_code", "340600"}, {"parent", "nobody"}})->status,
      422);
  // city → edu → city would be a cycle.
  r = put_agency("city", {{"name", "某市"}, {"region_code", "340600"}, {"parent", "edu"}});
  EXPECT_EQ(r->status, 409);
  EXPECT_EQ(body_json(r)["error"]["code"], "parent_cycle");
  r = cli->Put("/api/v1/agencies/x", auth(), "{\"name\": ", "application/json");
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(body_json(r)["error"]["code"], "malformed_json");

  r = cli->Get("/api/v1/agencies/edu");
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(body_json(r)["parent"], "city");
  EXPECT_EQ(cli->Get("/api/v1/agencies/nobody")->status, 404);
  std::vector<std::string> ids;
  const json listed = body_json(cli->Get("/api/v1/agencies?region=340600"));
  for (const auto& a : listed["agencies"])
    ids.push_back(a["id"]);
  EXPECT_EQ(ids, (std::vector<std::string>{"city", "district", "edu"}));
  EXPECT_EQ(body_json(cli->Get("/api/v1/agencies"))["agencies"].size(), 4u);
  EXPECT_EQ(body_json(cli->Get("/api/v1/agencies?region=340602"))["agencies"].size(), 1u);
  EXPECT_EQ(cli->Get("/api/v1/agencies?region=abc")->status, 400);
}

TEST_F(Api, WritesAreRefusedWithoutATokenFile) {
  TempDir other("nianbao-server-readonly");
  RunningServer readonly((other.path() / "data").string());
  auto c = readonly.client();
  auto r = c->Put("/api/v1/agencies/a", auth(), R"({"name":"a","region_code":"340600"})",
                  "application/json");
  EXPECT_EQ(r->status, 403);
  EXPECT_EQ(body_json(r)["error"]["code"], "writes_disabled");
  EXPECT_EQ(c->Put("/api/v1/agencies/a/reports/2020", auth(), "{}", "application/json")->status,
            403);
  EXPECT_EQ(c->Delete("/api/v1/agencies/a/reports/2020", auth())->status, 403);
  EXPECT_EQ(c->Get("/healthz")->status, 200);
}

TEST_F(Api, ReportsAreStoredWithFindingsAndEtags) {
  register_pingtan();
  auto r = put_report("pingtan", 2022, kPingtan2022);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 201) << r->body;
  json stored = body_json(r);
  EXPECT_EQ(stored["revision"], 1);
  EXPECT_FALSE(stored["previous_year_checked"]);
  EXPECT_FALSE(has_code(stored["findings"], "XY-"));
  const std::string etag_2022 = r->get_header_value("ETag");
  EXPECT_EQ(etag_2022, stored["etag"]);

  // The year before arrives: it is checked, and 2022 is checked again against it.
  r = put_bytes("pingtan", 2021, "pingtan-2021.json", pingtan_2021_changed());
  ASSERT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(body_json(r)["next_year_rechecked"], 2022);
  r = cli->Get("/api/v1/agencies/pingtan/reports/2022/findings");
  ASSERT_EQ(r->status, 200);
  const json findings_2022 = body_json(r);
  EXPECT_TRUE(has_code(findings_2022, "XY-")) << r->body;
  // The same findings as the command line's `check 2022 --previous 2021`.
  Engine& engine = built_in_engine();
  auto previous = engine.import_bytes("pingtan-2021.json", pingtan_2021_changed());
  ValidateOptions vo;
  vo.previous = &*previous.report;
  const auto expected = check_imported(engine, "pingtan-2022.json",
                                       engine.import_file(source_path(kPingtan2022)), vo);
  EXPECT_EQ(codes(findings_2022),
            codes(json::parse(render_json(engine, {expected}, Language::zh))));
  EXPECT_EQ(r->get_header_value("ETag"), etag_2022);  // the report itself did not change

  // Replacing: 200, guarded by If-Match.
  httplib::Headers stale = auth();
  stale.emplace("If-Match", "\"9-0000000000000000\"");
  r = put_report("pingtan", 2022, kPingtan2022, stale);
  EXPECT_EQ(r->status, 412);
  httplib::Headers current = auth();
  current.emplace("If-Match", etag_2022);
  r = put_report("pingtan", 2022, kPingtan2022, current);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(body_json(r)["revision"], 2);
  EXPECT_TRUE(body_json(r)["previous_year_checked"]);
  EXPECT_TRUE(has_code(body_json(r)["findings"], "XY-"));
  EXPECT_NE(r->get_header_value("ETag"), etag_2022);
  httplib::Headers create_only = auth();
  create_only.emplace("If-None-Match", "*");
  EXPECT_EQ(put_report("pingtan", 2022, kPingtan2022, create_only)->status, 412);

  // The forms of a stored report.
  r = cli->Get("/api/v1/agencies/pingtan/reports/2022?form=original");
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(r->body, repo_file(kPingtan2022));
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/octet-stream");
  r = cli->Get("/api/v1/agencies/pingtan/reports/2022");
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(body_json(r)["year"], 2022);
  const FormatDefinition& format = *engine.formats().find("gov-2021");
  EXPECT_EQ(r->body,
            write_report_json(*engine.import_file(source_path(kPingtan2022)).report, format));
  r = cli->Get("/api/v1/agencies/pingtan/reports/2022?form=docx");
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body.substr(0, 2), "PK");
  EXPECT_EQ(cli->Get("/api/v1/agencies/pingtan/reports/2022?form=nope")->status, 400);
  httplib::Headers conditional{{"If-None-Match", r->get_header_value("ETag")}};
  EXPECT_EQ(cli->Get("/api/v1/agencies/pingtan/reports/2022", conditional)->status, 304);

  // Refusals.
  r = put_report("pingtan", 2023, kPingtan2022);
  EXPECT_EQ(r->status, 409);
  EXPECT_EQ(body_json(r)["error"]["code"], "year_mismatch");
  EXPECT_EQ(put_report("nobody", 2022, kPingtan2022)->status, 404);
  EXPECT_EQ(put_report("pingtan", 2022, kPingtan2022, {})->status, 401);
  EXPECT_EQ(cli->Put("/api/v1/agencies/pingtan/reports/2022?filename=x.json", auth(), "{",
                     "application/json")
                ->status,
            422);
  EXPECT_EQ(cli->Put("/api/v1/agencies/pingtan/reports/2022", auth(), "\x01\x02\x03 data",
                     "application/octet-stream")
                ->status,
            415);
  EXPECT_EQ(cli->Get("/api/v1/agencies/pingtan/reports/2019")->status, 404);
  EXPECT_EQ(cli->Get("/api/v1/agencies/pingtan/reports/19")->status, 400);

  // Deleting 2021 checks 2022 again, without a year before.
  EXPECT_EQ(cli->Delete("/api/v1/agencies/pingtan/reports/2021")->status, 401);
  httplib::Headers wrong = auth();
  wrong.emplace("If-Match", "\"1-0\"");
  EXPECT_EQ(cli->Delete("/api/v1/agencies/pingtan/reports/2021", wrong)->status, 412);
  r = cli->Delete("/api/v1/agencies/pingtan/reports/2021", auth());
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(body_json(r)["next_year_rechecked"], 2022);
  EXPECT_FALSE(
      has_code(body_json(cli->Get("/api/v1/agencies/pingtan/reports/2022/findings")), "XY-"));
  EXPECT_EQ(cli->Get("/api/v1/agencies/pingtan/reports/2021")->status, 404);
  EXPECT_EQ(cli->Delete("/api/v1/agencies/pingtan/reports/2021", auth())->status, 404);
  EXPECT_NE(cli->Get("/metrics")->body.find("nianbao_reports_stored 1"), std::string::npos);
}

TEST_F(Api, MultipartUploadIsStoredUnderItsName) {
  register_pingtan();
  httplib::MultipartFormDataItems items = {
      {"file", repo_file(kPingtan2021), "平潭2021.json", "application/json"}};
  auto r = cli->Put("/api/v1/agencies/pingtan/reports/2021", auth(), items);
  ASSERT_EQ(r->status, 201) << r->body;
  EXPECT_EQ(body_json(r)["findings"]["files"][0]["file"], "平潭2021.json");
  r = cli->Get("/api/v1/agencies/pingtan/reports/2021?form=original");
  EXPECT_EQ(r->body, repo_file(kPingtan2021));
  // (httplib's client decodes the %-escapes of header values.)
  EXPECT_NE(r->get_header_value("Content-Disposition").find("UTF-8''平潭2021.json"),
            std::string::npos)
      << r->get_header_value("Content-Disposition");
}

TEST_F(Api, RegionSummaryAndAggregate) {
  ASSERT_EQ(put_agency("pingtan", {{"name", "平潭综合实验区管理委员会"},
                                   {"kind", "government"},
                                   {"region_code", "350128"}})
                ->status,
            201);
  ASSERT_EQ(put_agency("pingtan-copy", {{"name", "平潭（副本）"},
                                        {"kind", "department"},
                                        {"region_code", "350128"},
                                        {"parent", "pingtan"}})
                ->status,
            201);
  ASSERT_EQ(put_agency("late", {{"name", "未报送的机构"}, {"region_code", "350128"}})->status, 201);
  ASSERT_EQ(put_bytes("pingtan", 2021, "2021.json", pingtan_2021_changed())->status, 201);
  ASSERT_EQ(put_report("pingtan", 2022, kPingtan2022)->status, 201);
  ASSERT_EQ(put_report("pingtan-copy", 2022, kPingtan2022)->status, 201);

  auto r = cli->Get("/api/v1/regions/350100/summary?year=2022");
  ASSERT_EQ(r->status, 200) << r->body;
  json s = body_json(r);
  EXPECT_EQ(s["agencies"], 3);
  EXPECT_EQ(s["submitted"], 2);
  EXPECT_EQ(s["missing"], 1);
  ASSERT_EQ(s["rows"].size(), 3u);
  const json& late = s["rows"][0];
  EXPECT_EQ(late["id"], "late");
  EXPECT_FALSE(late["submitted"]);
  const json& pingtan = s["rows"][1];
  EXPECT_EQ(pingtan["id"], "pingtan");
  EXPECT_TRUE(pingtan["submitted"]);
  ASSERT_TRUE(pingtan["worst"].is_object());
  EXPECT_EQ(pingtan["worst"]["code"], "XY-01");
  EXPECT_EQ(pingtan["worst"]["severity"], "error");
  EXPECT_GE(pingtan["errors"], 1);
  EXPECT_EQ(s["with_errors"], 1);
  EXPECT_TRUE(s["rows"][2]["worst"].is_null());  // the copy has no year before: clean
  EXPECT_EQ(
      pingtan["errors"].get<int>() + pingtan["warnings"].get<int>() + pingtan["infos"].get<int>(),
      static_cast<int>(
          body_json(cli->Get("/api/v1/agencies/pingtan/reports/2022/findings"))["diagnostics"]
              .size()));
  EXPECT_TRUE(pingtan.contains("published_on_time"));
  EXPECT_EQ(cli->Get("/api/v1/regions/350100/summary")->status, 400);
  EXPECT_EQ(cli->Get("/api/v1/regions/35x/summary?year=2022")->status, 400);
  EXPECT_EQ(body_json(cli->Get("/api/v1/regions/340600/summary?year=2022"))["agencies"], 0);

  // The aggregate: every count of both 2022 reports added, named after the region's government.
  r = cli->Get("/api/v1/regions/350128/aggregate?year=2022");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->get_header_value("Nianbao-Reports"), "2");
  Engine& engine = built_in_engine();
  Report total = read_report_json(r->body, "total.json", engine.formats());
  EXPECT_EQ(total.agency.name, "平潭综合实验区管理委员会");
  EXPECT_EQ(total.agency.region_code, "350128");
  const Report one = *engine.import_file(source_path(kPingtan2022)).report;
  const auto cell = [](const Report& rep) {
    return rep.find_cell("applications", "new", "total")->value;
  };
  EXPECT_EQ(cell(total), *Decimal::add(cell(one), cell(one)));
  r = cli->Get("/api/v1/regions/350100/aggregate?year=2022&form=docx");
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(r->body.substr(0, 2), "PK");
  EXPECT_EQ(cli->Get("/api/v1/regions/350100/aggregate?year=2019")->status, 404);
  EXPECT_EQ(cli->Get("/api/v1/regions/350100/aggregate?year=2022&form=nope")->status, 400);
}

TEST_F(Api, UnknownRoutesAndIds) {
  auto r = cli->Get("/api/v1/nothing");
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(body_json(r)["error"]["code"], "not_found");
  EXPECT_EQ(cli->Get("/api/v1/agencies/..")->status, 400);
  EXPECT_EQ(cli->Get("/api/v1/agencies/a%2F..%2Fb")->status, 404);
  EXPECT_EQ(cli->Get(("/api/v1/agencies/" + std::string(65, 'a')).c_str())->status, 400);
  EXPECT_EQ(cli->Get("/api/v1/agencies/%E5%B9%B3")->status, 400);
}

TEST_F(Api, CorsIsOffUnlessAnOriginIsGiven) {
  auto r = cli->Get("/healthz", {{"Origin", "https://evil.example"}});
  EXPECT_FALSE(r->has_header("Access-Control-Allow-Origin"));
  EXPECT_EQ(cli->Options("/api/v1/check")->status, 404);
  TempDir other("nianbao-server-cors");
  server::ServerOptions o;
  o.cors_origin = "https://platform.example";
  RunningServer cors((other.path() / "data").string(), o);
  auto c = cors.client();
  r = c->Get("/healthz", {{"Origin", "https://platform.example"}});
  EXPECT_EQ(r->get_header_value("Access-Control-Allow-Origin"), "https://platform.example");
  r = c->Options("/api/v1/agencies/a/reports/2020");
  EXPECT_EQ(r->status, 204);
  EXPECT_NE(r->get_header_value("Access-Control-Allow-Headers").find("Authorization"),
            std::string::npos);
}

TEST(ServerSecurity, TokensAreComparedWhole) {
  using server::constant_time_equal;
  EXPECT_TRUE(constant_time_equal("abcdef", "abcdef"));
  EXPECT_FALSE(constant_time_equal("abcdeg", "abcdef"));
  EXPECT_FALSE(constant_time_equal("abcde", "abcdef"));
  EXPECT_FALSE(constant_time_equal("abcdefg", "abcdef"));
  EXPECT_FALSE(constant_time_equal("", "abcdef"));
  EXPECT_TRUE(server::valid_agency_id("a-b_C9"));
  EXPECT_FALSE(server::valid_agency_id(".."));
  EXPECT_FALSE(server::valid_agency_id("a/b"));
  EXPECT_FALSE(server::valid_agency_id(""));
  EXPECT_FALSE(server::valid_agency_id(std::string(65, 'a')));
  EXPECT_TRUE(server::region_matches("340600", "340602"));
  EXPECT_TRUE(server::region_matches("340000", "340602"));
  EXPECT_TRUE(server::region_matches("340602", "340602"));
  EXPECT_FALSE(server::region_matches("340602", "340600"));
  EXPECT_FALSE(server::region_matches("340600", "350602"));
}

}  // namespace
