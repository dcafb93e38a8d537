// The SDK's text helpers (strict UTF-8, markup escaping) and resource limits, which every importer
// and exporter uses.
#include <gtest/gtest.h>
#include <nianbao/limits.h>
#include <nianbao/text.h>

#include <utility>
#include <vector>

using namespace nianbao;

TEST(Utf8, DecodesChineseAndFullWidthAndAstral) {
  EXPECT_EQ(decode_utf8("年报３６件"), U"年报３６件");
  EXPECT_EQ(decode_utf8("\xF0\x9F\x98\x80"), U"\U0001F600");
  EXPECT_EQ(encode_utf8(U"年报\U0001F600a"),
            "年报\xF0\x9F\x98\x80"
            "a");
  EXPECT_EQ(utf8_length("年报36"), 4u);
}

TEST(Utf8, RejectsOverlongSurrogatesAndTruncation) {
  std::size_t bad = 99;
  EXPECT_FALSE(is_valid_utf8("ab\xC0\xAF", &bad));  // overlong '/'
  EXPECT_EQ(bad, 2u);
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // a UTF-16 surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("年\xE5\xB9", &bad));  // truncated at the end
  EXPECT_EQ(bad, 3u);
  EXPECT_TRUE(is_valid_utf8("年报"));
  // Each invalid byte is one U+FFFD; nothing is read past the end.
  EXPECT_EQ(decode_utf8("a\xE5\xB9"), U"a\uFFFD\uFFFD");
  EXPECT_EQ(decode_utf8_at("\xE5", 0).length, 0u);
}

TEST(Markup, EscapesForContentAndAttributes) {
  EXPECT_EQ(markup_escaped("a<b & \"c\">\r\n"), "a&lt;b &amp; \"c\"&gt;&#13;\n");
  EXPECT_EQ(markup_escaped("a\"\tb\n", MarkupPlace::attribute), "a&quot;&#9;b&#10;");
}

TEST(FileNames, ExtensionIsCaseInsensitive) {
  EXPECT_TRUE(has_extension("报表.XLSX", ".xlsx"));
  EXPECT_TRUE(has_extension("a.csv", ".csv"));
  EXPECT_FALSE(has_extension("a.xlsx.bak", ".xlsx"));
  EXPECT_FALSE(has_extension("x", ".xlsx"));
}

// The spaces of real reports: ideographic and no-break spaces, zero-width space and BOM; never a
// character inside the text, and never half of a character.
TEST(WhiteSpace, TrimmedAtBothEnds) {
  EXPECT_EQ(trim_white_space(" \t\u3000\u00a0１２\u3000件 \r\n\u200b\ufeff"), "１２\u3000件");
  EXPECT_EQ(trim_white_space("\u3000\u3000"), "");
  EXPECT_EQ(trim_white_space(""), "");
  EXPECT_EQ(trim_white_space("总计"), "总计");
  EXPECT_EQ(trim_white_space("\xff 表 \xfe"), "\xff 表 \xfe");  // invalid bytes are kept
  EXPECT_EQ(trim_white_space(" \xe3\x80"), "\xe3\x80");         // a cut-off character is kept
  EXPECT_TRUE(is_white_space(U'\u3000'));
  EXPECT_FALSE(is_white_space(U'件'));
}

TEST(ChineseNumerals, BelowOneHundred) {
  const std::vector<std::pair<std::u32string, int>> cases = {
      {U"零", 0},    {U"两", 2},    {U"六", 6},     {U"十", 10},
      {U"十二", 12}, {U"二十", 20}, {U"九十九", 99}};
  for (const auto& [text, expected] : cases) {
    int value = -1;
    EXPECT_EQ(read_chinese_numeral(text, value), text.size()) << encode_utf8(text);
    EXPECT_EQ(value, expected) << encode_utf8(text);
  }
  int value = -1;
  EXPECT_EQ(read_chinese_numeral(U"三件", value), 1u);
  EXPECT_EQ(value, 3);
  EXPECT_EQ(read_chinese_numeral(U"二十一部分", value), 3u);
  EXPECT_EQ(value, 21);
  value = -7;
  EXPECT_EQ(read_chinese_numeral(U"件", value), 0u);
  EXPECT_EQ(read_chinese_numeral(U"", value), 0u);
  EXPECT_EQ(value, -7);  // untouched when no numeral starts there
  EXPECT_TRUE(is_part_numeral(U'十'));
  EXPECT_FALSE(is_part_numeral(U'零'));
  EXPECT_FALSE(is_part_numeral(U'两'));
}

TEST(FileSignatures, OleCompoundFile) {
  EXPECT_TRUE(is_ole_compound_file(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", 12)));
  EXPECT_FALSE(is_ole_compound_file(std::string("\xD0\xCF\x11\xE0", 4)));  // too short
  EXPECT_FALSE(is_ole_compound_file("PK\x03\x04"));
}

TEST(Limits, ValuesWithSizeSuffixes) {
  EXPECT_EQ(nianbao::parse_limit_value("5000"), 5000u);
  EXPECT_EQ(nianbao::parse_limit_value("64M"), 64u << 20);
  EXPECT_EQ(nianbao::parse_limit_value("2g"), 2ull << 30);
  EXPECT_FALSE(nianbao::parse_limit_value("0"));
  EXPECT_FALSE(nianbao::parse_limit_value("-1"));
  EXPECT_FALSE(nianbao::parse_limit_value("lots"));
  EXPECT_FALSE(nianbao::parse_limit_value("99999999999999999999"));
  EXPECT_FALSE(nianbao::parse_limit_value("17179869184G"));  // overflows 64 bits
}

TEST(Limits, OptionOverridesTheDefault) {
  std::map<std::string, std::string> options{{"limit.zip-entries", "20000"}, {"format", "x"}};
  EXPECT_EQ(nianbao::limit_value(options, "zip-entries", 10000), 20000u);
  EXPECT_EQ(nianbao::limit_value(options, "xml-depth", 64), 64u);
  EXPECT_TRUE(nianbao::is_limit_option("limit.zip-entries"));
  EXPECT_FALSE(nianbao::is_limit_option("format"));
}
