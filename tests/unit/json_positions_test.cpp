#include "json_positions.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

using namespace nianbao;

TEST(JsonPositions, RecordsTheLineOfEveryKeyAndElement) {
  const char* text =
      "{\n"
      "  \"a\": 1,\n"
      "  \"b\": {\n"
      "    \"c\": [10,\n"
      "          20]\n"
      "  },\n"
      "  \"d/e\": null\n"
      "}\n";
  auto doc = json::parse(text);
  EXPECT_EQ(doc.line_of("/a"), 2);
  EXPECT_EQ(doc.line_of("/b"), 3);
  EXPECT_EQ(doc.line_of("/b/c"), 4);
  EXPECT_EQ(doc.line_of("/b/c/0"), 4);
  EXPECT_EQ(doc.line_of("/b/c/1"), 5);
  EXPECT_EQ(doc.line_of("/d~1e"), 7);
  EXPECT_EQ(doc.root["b"]["c"][1], 20);
}

TEST(JsonPositions, KeepsKeyOrder) {
  auto doc = json::parse(R"({"z": 1, "a": 2, "m": 3})");
  std::string order;
  for (const auto& [k, v] : doc.root.items())
    order += k;
  EXPECT_EQ(order, "zam");
}

TEST(JsonPositions, SyntaxErrorsNameTheLine) {
  try {
    json::parse("{\n  \"a\": 1,\n  \"b\": ,\n}");
    FAIL() << "expected a syntax error";
  } catch (const json::SyntaxError& e) {
    EXPECT_EQ(e.line, 3);
    EXPECT_GT(e.character, 0);
  }
}

TEST(JsonPositions, RejectsDuplicateKeys) {
  try {
    json::parse("{\n  \"a\": 1,\n  \"a\": 2\n}");
    FAIL() << "expected an error";
  } catch (const json::SyntaxError& e) {
    EXPECT_EQ(e.line, 3);
    EXPECT_NE(std::string(e.what()).find("duplicate key \"a\""), std::string::npos);
  }
}

TEST(JsonPositions, BoundsNestingDepth) {
  std::string deep(100000, '[');
  EXPECT_THROW(json::parse(deep), json::SyntaxError);
  std::string ok = std::string(10, '[') + std::string(10, ']');
  EXPECT_NO_THROW(json::parse(ok));
  json::Limits tight;
  tight.max_depth = 5;
  EXPECT_THROW(json::parse(ok, tight), json::SyntaxError);
}

TEST(JsonPositions, RejectsInvalidUtf8AndTrailingGarbage) {
  EXPECT_THROW(json::parse("{\"a\": \"\xff\xfe\"}"), json::SyntaxError);
  EXPECT_THROW(json::parse("{} {}"), json::SyntaxError);
  EXPECT_THROW(json::parse(""), json::SyntaxError);
}

// parse_without_positions (format definitions at start-up) builds the same documents and refuses
// the same inputs; only the positions are missing.
TEST(JsonPositions, WithoutPositionsTheSameDocumentsAndRefusals) {
  std::vector<std::string> texts = {
      "{\n  \"a\": 1,\n  \"b\": {\"c\": [10, 20.5, \"x\", null, true]},\n  \"d/e\": -3\n}",
      R"({"z": 1, "a": 2, "m": {"q": [], "p": {}}})", "[1, [2, [3]]]", "\"text\"",
      "18446744073709551615"};
  for (const char* rel :
       {"plugins/formats/gov-2019/gov-2019.format.json",
        "plugins/formats/gov-2021/gov-2021.format.json", "examples/huaibei-2020/report.json"}) {
    std::ifstream in(std::string(NIANBAO_SOURCE_DIR) + "/" + rel, std::ios::binary);
    texts.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    ASSERT_GT(texts.back().size(), 1000u) << rel;
  }
  for (const auto& text : texts) {
    auto with = json::parse(text);
    auto without = json::parse_without_positions(text);
    EXPECT_EQ(with.root.dump(), without.root.dump());
    EXPECT_FALSE(with.lines.empty());
    EXPECT_TRUE(without.lines.empty());
  }
  json::Limits tight;
  tight.max_depth = 5;
  tight.max_values = 3;
  const std::vector<std::string> bad_texts = {"{\n  \"a\": 1,\n  \"b\": ,\n}",
                                              "{\"a\": 1, \"a\": 2}",
                                              "{\"a\": \"\xff\xfe\"}",
                                              "{} {}",
                                              "",
                                              std::string(100000, '['),
                                              std::string(6, '[') + std::string(6, ']'),
                                              "[1, 2, 3, 4]"};
  for (const auto& bad : bad_texts) {
    EXPECT_THROW(json::parse(bad, tight), json::SyntaxError) << bad.substr(0, 40);
    EXPECT_THROW(json::parse_without_positions(bad, tight), json::SyntaxError) << bad.substr(0, 40);
  }
}
