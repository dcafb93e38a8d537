#include "json_positions.h"

#include <gtest/gtest.h>

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
