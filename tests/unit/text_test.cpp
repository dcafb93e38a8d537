// The SDK's text helpers (strict UTF-8, markup escaping) and resource limits, which every importer
// and exporter uses.
#include <gtest/gtest.h>
#include <nianbao/limits.h>
#include <nianbao/text.h>

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
