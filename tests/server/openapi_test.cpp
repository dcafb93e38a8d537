// docs/openapi.json describes exactly the routes the server has, with the statuses they answer.
#include <set>

#include "server_fixture.h"

using namespace nianbao;
using namespace nianbao::test;
using json = nlohmann::json;

namespace {

TEST(OpenApi, DescribesEveryRouteAndNoOther) {
  const json doc = json::parse(server::openapi_document());
  EXPECT_EQ(doc["openapi"].get<std::string>().substr(0, 2), "3.");
  std::set<std::pair<std::string, std::string>> documented, served;
  for (const auto& [path, item] : doc["paths"].items())
    for (const auto& [method, operation] : item.items()) {
      std::string m = method;
      for (auto& ch : m)
        ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      documented.insert({m, path});
      EXPECT_TRUE(operation.contains("responses")) << m << " " << path;
      EXPECT_TRUE(operation.contains("operationId")) << m << " " << path;
      // Every path parameter of the template is declared.
      for (std::size_t i = path.find('{'); i != std::string::npos; i = path.find('{', i + 1)) {
        const std::string name = path.substr(i + 1, path.find('}', i) - i - 1);
        bool declared = false;
        for (const auto& p : operation.value("parameters", json::array())) {
          const json& resolved =
              p.contains("$ref")
                  ? doc["components"]["parameters"][p["$ref"].get<std::string>().substr(
                        std::string("#/components/parameters/").size())]
                  : p;
          declared = declared || (resolved["in"] == "path" && resolved["name"] == name);
        }
        EXPECT_TRUE(declared) << m << " " << path << " {" << name << "}";
      }
    }
  TempDir dir("nianbao-server-openapi");
  server::Server srv(built_in_engine(), [&] {
    server::ServerOptions o;
    o.data_dir = (dir.path() / "data").string();
    return o;
  }());
  for (const auto& r : srv.routes())
    served.insert({r.method, r.path});
  EXPECT_EQ(documented, served);
  // Every $ref resolves.
  std::function<void(const json&)> walk = [&](const json& j) {
    if (j.is_object()) {
      if (j.contains("$ref")) {
        const std::string ref = j["$ref"];
        EXPECT_NO_THROW(doc.at(json::json_pointer(ref.substr(1)))) << ref;
      }
      for (const auto& [k, v] : j.items())
        walk(v);
    } else if (j.is_array()) {
      for (const auto& v : j)
        walk(v);
    }
  };
  walk(doc);
}

TEST(OpenApi, IsServedAsWritten) {
  TempDir dir("nianbao-server-openapi-served");
  RunningServer srv((dir.path() / "data").string());
  auto r = srv.client()->Get("/api/v1/openapi.json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, slurp(source_path("docs/openapi.json")));
}

}  // namespace
