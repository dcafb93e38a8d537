// --reference-docx: styles, fonts, page setup, headers and footers taken from an agency's own
// document; and every way a reference document can be unusable (DOCX-01, DOCX-02), reported with
// the file and the ZIP entry, never a crash.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>

#include "docx_test_util.h"
#include "raw_zip.h"

using namespace docx_test;

namespace {

constexpr const char* kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr const char* kRels = "http://schemas.openxmlformats.org/package/2006/relationships";
constexpr const char* kOfficeRel =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

std::string ns(const char* prefix, const char* uri) {
  return std::string(" xmlns:") + prefix + "=\"" + uri + "\"";
}

// A reference document as an agency's Word might save it, with what makes it hard: the
// WordprocessingML namespace under the prefix "x" (legal, if unusual), Chinese-Word style ids
// ("a" for Normal, "1" for heading 1), a style id that clashes with ours under another name, a
// header with a picture and a link, different odd and even footers, and a w14 attribute on the
// page setup.
std::vector<std::pair<std::string, std::string>> reference_parts() {
  const std::string x = ns("x", kW) + ns("rel", kR);
  return {
      {"[Content_Types].xml",
       "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
       "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
       "<Default Extension=\"rels\" "
       "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
       "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
       "<Default Extension=\"png\" ContentType=\"image/png\"/>"
       "<Override PartName=\"/word/document.xml\" "
       "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+"
       "xml\"/></Types>"},
      {"_rels/.rels", "<Relationships xmlns=\"" + std::string(kRels) +
                          "\"><Relationship Id=\"rId1\" Type=\"" + kOfficeRel +
                          "officeDocument\" Target=\"word/document.xml\"/></Relationships>"},
      {"word/document.xml",
       "<x:document" + x + ns("w14", "http://schemas.microsoft.com/office/word/2010/wordml") +
           "><x:body><x:p><x:r><x:t>模板正文</x:t></x:r></x:p><x:sectPr w14:extra=\"1\">"
           "<x:headerReference x:type=\"default\" rel:id=\"rIdH\"/>"
           "<x:footerReference x:type=\"default\" rel:id=\"rIdF1\"/>"
           "<x:footerReference x:type=\"even\" rel:id=\"rIdF2\"/>"
           "<x:pgSz x:w=\"11906\" x:h=\"16838\"/>"
           "<x:pgMar x:top=\"1000\" x:right=\"1100\" x:bottom=\"1200\" x:left=\"1300\" "
           "x:header=\"500\" x:footer=\"600\" x:gutter=\"0\"/><w14:unknown/>"
           "</x:sectPr></x:body></x:document>"},
      {"word/_rels/document.xml.rels",
       "<Relationships xmlns=\"" + std::string(kRels) + "\">" +
           "<Relationship Id=\"rIdS\" Type=\"" + kOfficeRel + "styles\" Target=\"styles.xml\"/>" +
           "<Relationship Id=\"rIdT\" Type=\"" + kOfficeRel +
           "settings\" Target=\"settings.xml\"/>" + "<Relationship Id=\"rIdH\" Type=\"" +
           kOfficeRel + "header\" Target=\"header1.xml\"/>" + "<Relationship Id=\"rIdF1\" Type=\"" +
           kOfficeRel + "footer\" Target=\"odd.xml\"/>" + "<Relationship Id=\"rIdF2\" Type=\"" +
           kOfficeRel + "footer\" Target=\"/word/even.xml\"/></Relationships>"},
      {"word/styles.xml",
       "<x:styles" + x +
           "><x:docDefaults><x:rPrDefault><x:rPr><x:sz x:val=\"24\"/></x:rPr></x:rPrDefault>"
           "</x:docDefaults>"
           "<x:style x:type=\"paragraph\" x:default=\"1\" x:styleId=\"a\"><x:name "
           "x:val=\"Normal\"/>"
           "<x:rPr><x:rFonts x:eastAsia=\"方正仿宋_GBK\"/><x:sz x:val=\"30\"/></x:rPr></x:style>"
           "<x:style x:type=\"paragraph\" x:styleId=\"1\"><x:name x:val=\"heading 1\"/>"
           "<x:basedOn x:val=\"a\"/><x:rPr><x:rFonts "
           "x:eastAsia=\"方正黑体_GBK\"/></x:rPr></x:style>"
           "<x:style x:type=\"paragraph\" x:styleId=\"Title\"><x:name x:val=\"Subtle Title\"/>"
           "</x:style></x:styles>"},
      {"word/settings.xml", "<x:settings" + x + "><x:evenAndOddHeaders/></x:settings>"},
      {"word/header1.xml",
       "<x:hdr" + x + "><x:p><x:r><x:t>某市人民政府办公室</x:t></x:r></x:p></x:hdr>"},
      {"word/_rels/header1.xml.rels",
       "<Relationships xmlns=\"" + std::string(kRels) + "\"><Relationship Id=\"rIdImg\" Type=\"" +
           kOfficeRel + "image\" Target=\"media/logo.png\"/><Relationship Id=\"rIdLink\" Type=\"" +
           kOfficeRel +
           "hyperlink\" Target=\"https://www.gov.cn/\" TargetMode=\"External\"/>"
           "</Relationships>"},
      {"word/media/logo.png", std::string("\x89PNG\r\n\x1a\n", 8) + "not really a picture"},
      {"word/odd.xml", "<x:ftr" + x + "><x:p><x:r><x:t>奇数页页脚</x:t></x:r></x:p></x:ftr>"},
      {"word/even.xml", "<x:ftr" + x + "><x:p><x:r><x:t>偶数页页脚</x:t></x:r></x:p></x:ftr>"},
  };
}

std::vector<std::pair<std::string, std::string>> replaced(
    std::vector<std::pair<std::string, std::string>> parts, const std::string& name,
    std::optional<std::string> data) {
  auto it =
      std::find_if(parts.begin(), parts.end(), [&](const auto& p) { return p.first == name; });
  if (it == parts.end()) {
    if (data) parts.emplace_back(name, *data);
  } else if (data) {
    it->second = *data;
  } else {
    parts.erase(it);
  }
  return parts;
}

// Exports 淮北 2020 with the reference bytes written to a file; returns the diagnostic of the
// InputError, failing the test when there is none.
nianbao::Diagnostic refused(const TempDir& dir, const std::string& reference_bytes) {
  const fs::path file = dir.path() / "reference.docx";
  spit(file, reference_bytes);
  try {
    export_docx(kHuaibei2020, {{"reference-docx", file.string()}});
  } catch (const nianbao::InputError& e) {
    EXPECT_EQ(e.diagnostic().location.source.file, file.string());
    return e.diagnostic();
  }
  ADD_FAILURE() << "the reference document was accepted";
  return {};
}

std::string with_reference(const TempDir& dir, const std::string& reference_bytes) {
  const fs::path file = dir.path() / "reference.docx";
  spit(file, reference_bytes);
  return export_docx(kHuaibei2020, {{"reference-docx", file.string()}});
}

std::string attr(pugi::xml_node n, const char* name) {
  return n.attribute(name).value();
}

}  // namespace

TEST(DocxReference, TakesStylesPageSetupHeadersAndFooters) {
  const TempDir dir;
  const auto parts = unzip(with_reference(dir, make_zip(reference_parts())));
  pugi::xml_document document, styles, settings, rels;
  parse(document, parts.at("word/document.xml"));
  parse(styles, parts.at("word/styles.xml"));
  parse(settings, parts.at("word/settings.xml"));
  parse(rels, parts.at("word/_rels/document.xml.rels"));
  const pugi::xml_node body = document.document_element().child("w:body");

  // Page setup: the reference's margins, in our prefix, without its w14 extension.
  const pugi::xml_node sect = body.last_child();
  ASSERT_STREQ(sect.name(), "w:sectPr");
  EXPECT_EQ(sect.child("w:pgMar").attribute("w:top").as_int(), 1000);
  EXPECT_EQ(sect.child("w:pgMar").attribute("w:left").as_int(), 1300);
  EXPECT_FALSE(sect.attribute("w14:extra"));
  EXPECT_FALSE(sect.child("w14:unknown"));
  // Tables fill the reference's type area: 11906 − 1300 − 1100.
  EXPECT_EQ(body.child("w:tbl").child("w:tblPr").child("w:tblW").attribute("w:w").as_int(), 9506);

  // Headers and footers: the reference's, with its even-page setting.
  EXPECT_TRUE(settings.document_element().child("w:evenAndOddHeaders"));
  std::map<std::string, std::string> texts;  // "header default" → text
  for (pugi::xml_node ref : sect.children()) {
    const std::string name = ref.name();
    if (name != "w:headerReference" && name != "w:footerReference") continue;
    const std::string target = attr(rels.document_element().find_child_by_attribute(
                                        "Relationship", "Id", ref.attribute("r:id").value()),
                                    "Target");
    pugi::xml_document part;
    parse(part, parts.at("word/" + target));
    texts[name.substr(2) + " " + attr(ref, "w:type")] = text_of(part);
  }
  EXPECT_EQ(texts,
            (std::map<std::string, std::string>{{"headerReference default", "某市人民政府办公室"},
                                                {"footerReference default", "奇数页页脚"},
                                                {"footerReference even", "偶数页页脚"}}));
  // The header's picture is copied with its content type; its external link is kept as it was.
  pugi::xml_document header_rels;
  parse(header_rels, parts.at("word/_rels/header1.xml.rels"));
  const pugi::xml_node image =
      header_rels.document_element().find_child_by_attribute("Relationship", "Id", "rIdImg");
  ASSERT_TRUE(parts.count("word/" + attr(image, "Target"))) << attr(image, "Target");
  EXPECT_EQ(parts.at("word/" + attr(image, "Target")).substr(1, 3), "PNG");
  EXPECT_EQ(
      attr(header_rels.document_element().find_child_by_attribute("Relationship", "Id", "rIdLink"),
           "Target"),
      "https://www.gov.cn/");
  pugi::xml_document types;
  parse(types, parts.at("[Content_Types].xml"));
  EXPECT_EQ(attr(types.document_element().find_child_by_attribute("Default", "Extension", "png"),
                 "ContentType"),
            "image/png");

  // Styles: the reference's Normal ("a") and heading 1 ("1") stand for ours; Title is ours under
  // a new id because "Title" is taken by the reference's "Subtle Title"; the reference keeps its
  // own prefix and our added styles are written in it.
  const pugi::xml_node root = styles.document_element();
  EXPECT_STREQ(root.name(), "x:styles");
  auto style_named = [&](const char* name) {
    for (pugi::xml_node s : root.children("x:style"))
      if (attr(s.child("x:name"), "x:val") == name) return s;
    return pugi::xml_node();
  };
  EXPECT_EQ(attr(style_named("Normal"), "x:styleId"), "a");
  EXPECT_EQ(attr(style_named("heading 1"), "x:styleId"), "1");
  const pugi::xml_node title = style_named("Title");
  ASSERT_TRUE(title);
  const std::string title_id = attr(title, "x:styleId");
  EXPECT_NE(title_id, "Title");
  EXPECT_EQ(attr(title.child("x:rPr").child("x:rFonts"), "x:eastAsia"), "方正小标宋简体");
  EXPECT_EQ(attr(title.child("x:next"), "x:val"), "a");  // our "Normal" is the reference's "a"
  const pugi::xml_node heading2 = style_named("heading 2");
  ASSERT_TRUE(heading2);
  EXPECT_EQ(attr(heading2.child("x:link"), "x:val"),
            attr(style_named("Heading 2 Char"), "x:styleId"));
  // No element of ours is left in a prefix the reference does not declare.
  for (pugi::xpath_node n : styles.select_nodes("//*"))
    EXPECT_TRUE(std::string_view(n.node().name()).starts_with("x:")) << n.node().name();

  // The document refers to the styles by the ids they have in the output.
  std::set<std::string> heading_styles, title_styles;
  for (pugi::xml_node p : body.children("w:p")) {
    const std::string id = attr(p.child("w:pPr").child("w:pStyle"), "w:val");
    if (text_of(p) == "一、总体情况") heading_styles.insert(id);
    if (text_of(p) == "2020年政府信息公开工作年度报告") title_styles.insert(id);
  }
  EXPECT_EQ(heading_styles, std::set<std::string>{"1"});
  EXPECT_EQ(title_styles, std::set<std::string>{title_id});
  // Our footers are not written when the reference brings its own.
  for (const auto& [name, data] : parts)
    EXPECT_EQ(data.find("— 1 —"), std::string::npos) << name;
}

// A real third-party Word file (tests/data/corpus): localized style ids ("1" is Normal), a theme
// its styles refer to, default Word margins and no footers — so ours are kept.
TEST(DocxReference, RealTemplateWithLocalizedStyleIds) {
  const auto parts = unzip(export_docx(kHuaibei2020, {{"reference-docx", source(kTemplate)}}));
  pugi::xml_document document, styles;
  parse(document, parts.at("word/document.xml"));
  parse(styles, parts.at("word/styles.xml"));
  const pugi::xml_node sect = document.document_element().child("w:body").last_child();
  EXPECT_EQ(sect.child("w:pgMar").attribute("w:top").as_int(), 1440);
  EXPECT_EQ(sect.child("w:pgMar").attribute("w:left").as_int(), 1800);
  EXPECT_TRUE(parts.count("word/theme/theme1.xml"));
  EXPECT_EQ(std::distance(sect.children("w:footerReference").begin(),
                          sect.children("w:footerReference").end()),
            2);
  // Its default paragraph, character and table styles stand for ours; nothing is duplicated.
  std::multiset<std::string> names;
  for (pugi::xml_node s : styles.document_element().children("w:style"))
    names.insert(s.child("w:name").attribute("w:val").value());
  for (const char* name : {"Normal", "Default Paragraph Font", "Normal Table", "Title", "heading 1",
                           "Report Table Text"})
    EXPECT_EQ(names.count(name), 1u) << name;
  const pugi::xml_node normal =
      styles.document_element().find_child_by_attribute("w:style", "w:styleId", "1");
  EXPECT_STREQ(normal.child("w:name").attribute("w:val").value(), "Normal");
}

TEST(DocxReference, NotAZipIsRefused) {
  const TempDir dir;
  const auto d = refused(dir, "this is plain text, not a Word document\n");
  EXPECT_EQ(d.code, "DOCX-01");
  EXPECT_EQ(d.message_id, "docx.reference_not_zip");
}

TEST(DocxReference, TruncatedFileIsRefused) {
  const TempDir dir;
  const std::string whole = slurp(source(kTemplate));
  const auto d = refused(dir, whole.substr(0, whole.size() / 2));
  EXPECT_EQ(d.code, "DOCX-01");
  EXPECT_EQ(d.message_id, "docx.reference_not_zip");
}

TEST(DocxReference, DamagedEntryIsRefusedNamingIt) {
  const TempDir dir;
  // A document part large enough that the middle of the archive is inside its deflated data.
  std::string text;
  for (int i = 0; i < 20000; ++i)
    text += "<x:p><x:r><x:t>" + std::to_string(i * 7919) + "</x:t></x:r></x:p>";
  auto parts = reference_parts();
  parts = replaced(parts, "word/document.xml",
                   "<x:document" + ns("x", kW) + "><x:body>" + text + "</x:body></x:document>");
  std::string bytes = make_zip(parts);
  const std::size_t start = bytes.find("word/document.xml") + 40;
  for (std::size_t i = start; i < start + 64; ++i)
    bytes[i] = static_cast<char>(bytes[i] ^ 0x5A);
  const auto d = refused(dir, bytes);
  EXPECT_EQ(d.code, "DOCX-01");
  EXPECT_EQ(d.message_id, "docx.reference_bad_part");
  EXPECT_EQ(*d.find_arg("entry"), "word/document.xml");
}

TEST(DocxReference, MissingPartsAreRefused) {
  const TempDir dir;
  auto d = refused(dir, make_zip(replaced(reference_parts(), "_rels/.rels", std::nullopt)));
  EXPECT_EQ(d.code, "DOCX-01");
  EXPECT_EQ(d.message_id, "docx.reference_missing_part");
  // The header the page setup points at is not in the package.
  d = refused(dir, make_zip(replaced(reference_parts(), "word/header1.xml", std::nullopt)));
  EXPECT_EQ(d.code, "DOCX-01");
  EXPECT_EQ(*d.find_arg("entry"), "word/header1.xml");
}

TEST(DocxReference, MalformedXmlIsRefusedWithEntryAndLine) {
  const TempDir dir;
  const auto d =
      refused(dir, make_zip(replaced(reference_parts(), "word/styles.xml",
                                     "<x:styles" + ns("x", kW) + ">\n<x:style>\n</x:styles>")));
  EXPECT_EQ(d.code, "DOCX-01");
  EXPECT_EQ(d.message_id, "docx.reference_bad_part");
  EXPECT_EQ(*d.find_arg("entry"), "word/styles.xml:3");
  EXPECT_EQ(d.location.source.pointer, "word/styles.xml:3");
}

TEST(DocxReference, SomethingElseThanWordprocessingMlIsRefused) {
  const TempDir dir;
  const auto d = refused(dir, make_zip(replaced(reference_parts(), "word/document.xml",
                                                "<html><body>not Word</body></html>")));
  EXPECT_EQ(d.code, "DOCX-01");
  EXPECT_EQ(d.message_id, "docx.reference_not_wordprocessingml");
}

TEST(DocxReference, TooManyEntriesIsRefused) {
  const TempDir dir;
  auto parts = reference_parts();
  for (int i = 0; i < 10001; ++i)
    parts.emplace_back("word/media/x" + std::to_string(i), "x");
  const auto d = refused(dir, make_zip(parts));
  EXPECT_EQ(d.code, "DOCX-02");
  EXPECT_EQ(d.message_id, "docx.reference_too_many_entries");
}

TEST(DocxReference, PartThatDecompressesTooFarIsRefused) {
  const TempDir dir;
  // 33 MiB of spaces compress to a few dozen KiB: a small file that would inflate past the limit.
  const std::string styles =
      "<x:styles" + ns("x", kW) + ">" + std::string(33u << 20, ' ') + "</x:styles>";
  const std::string bytes = make_zip(replaced(reference_parts(), "word/styles.xml", styles));
  EXPECT_LT(bytes.size(), 1u << 20);
  const auto d = refused(dir, bytes);
  EXPECT_EQ(d.code, "DOCX-02");
  EXPECT_EQ(d.message_id, "docx.reference_too_large");
  EXPECT_EQ(*d.find_arg("entry"), "word/styles.xml");
}

// Entries no Word document has, which only make sense as an attack or cannot be read: the
// reference is refused before any of its parts is used.
TEST(DocxReference, UnsafeSymlinkAndEncryptedEntriesAreRefused) {
  const TempDir dir;
  auto with = [](const raw_zip::Entry& extra) {
    std::vector<raw_zip::Entry> entries;
    for (const auto& [name, data] : reference_parts())
      entries.push_back(raw_zip::stored(name, data));
    entries.push_back(extra);
    return raw_zip::archive(entries);
  };
  auto d = refused(dir, with(raw_zip::stored("word/../../../etc/cron.d/x", "x")));
  EXPECT_EQ(d.code, "DOCX-01");
  EXPECT_EQ(d.message_id, "docx.reference_unsafe_entry");
  EXPECT_EQ(*d.find_arg("entry"), "word/../../../etc/cron.d/x");
  d = refused(dir, with(raw_zip::symlink("word/media/image9.png", "/etc/shadow")));
  EXPECT_EQ(d.code, "DOCX-01");
  EXPECT_EQ(d.message_id, "docx.reference_symlink_entry");
  raw_zip::Entry locked = raw_zip::stored("word/media/image9.png", "x");
  locked.flags = 0x1;
  d = refused(dir, with(locked));
  EXPECT_EQ(d.code, "DOCX-01");
  EXPECT_EQ(d.message_id, "docx.reference_encrypted_entry");
  EXPECT_EQ(d.location.source.pointer, "word/media/image9.png");
}

TEST(DocxReference, XmlNestedTooDeepIsRefused) {
  const TempDir dir;
  std::string deep;
  for (int i = 0; i < 100000; ++i)
    deep += "<x:b>";
  for (int i = 0; i < 100000; ++i)
    deep += "</x:b>";
  const auto d =
      refused(dir, make_zip(replaced(reference_parts(), "word/styles.xml",
                                     "<x:styles" + ns("x", kW) + ">" + deep + "</x:styles>")));
  EXPECT_EQ(d.code, "DOCX-02");
  EXPECT_EQ(d.message_id, "docx.reference_too_deep");
}

TEST(DocxReference, MissingFileIsAnIoError) {
  try {
    export_docx(kHuaibei2020, {{"reference-docx", "/nonexistent/agency-template.docx"}});
    FAIL() << "no error";
  } catch (const nianbao::InputError& e) {
    EXPECT_EQ(e.diagnostic().code, "IO-01");
  }
}

// Whatever is cut off or flipped, the answer is a report or a DOCX-01/DOCX-02 — nothing else.
TEST(DocxReference, DamageAnywhereGivesAClearError) {
  const TempDir dir;
  const std::string good = make_zip(reference_parts());
  int refusals = 0, successes = 0;
  auto attempt = [&](const std::string& bytes) {
    const fs::path file = dir.path() / "damaged.docx";
    spit(file, bytes);
    try {
      const std::string out = export_docx(kHuaibei2020, {{"reference-docx", file.string()}});
      EXPECT_NO_THROW(unzip(out));
      ++successes;
    } catch (const nianbao::InputError& e) {
      const std::string& code = e.diagnostic().code;
      EXPECT_TRUE(code == "DOCX-01" || code == "DOCX-02") << code;
      ++refusals;
    }
  };
  for (std::size_t cut = 0; cut < good.size(); cut += 97)
    attempt(good.substr(0, cut));
  for (std::size_t at = 0; at < good.size(); at += 13) {
    std::string bytes = good;
    bytes[at] = static_cast<char>(~bytes[at]);
    attempt(bytes);
  }
  EXPECT_GT(refusals, 0);
  EXPECT_GT(successes, 0);  // a flipped byte in a stored name or comment can be harmless
}

// The command: a bad reference document is exit code 2 with the file named, and no output file.
TEST(DocxReference, CommandRefusesWithoutWritingAnything) {
  const TempDir dir;
  const fs::path reference = dir.path() / "模板.docx";
  spit(reference, "not a zip");
  const fs::path out = dir.path() / "年报.docx";
  const std::string cmd = "env -u NIANBAO_PLUGIN_PATH " + std::string(NIANBAO_CLI) +
                          " --lang en convert " + source(kHuaibei2020) + " -o '" + out.string() +
                          "' --option 'reference-docx=" + reference.string() + "' 2>'" +
                          (dir.path() / "err").string() + "' >/dev/null";
  const int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 2);
  EXPECT_FALSE(fs::exists(out));
  const std::string err = slurp(dir.path() / "err");
  EXPECT_NE(err.find("DOCX-01"), std::string::npos) << err;
  EXPECT_NE(err.find(reference.string()), std::string::npos) << err;
  EXPECT_NE(err.find("is not a DOCX (ZIP) file"), std::string::npos) << err;
}
