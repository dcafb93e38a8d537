// The shared zip reader and writer: every kind of problem is reported as that kind (the plugins
// map kinds to their own codes), limits are enforced from the declared sizes before inflating and
// again while inflating, and what the writer writes reads back the same, byte for byte each time.
#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>

#include "raw_zip.h"
#include "time_bound.h"
#include "zip/zip_reader.h"
#include "zip/zip_writer.h"

namespace {

using nianbao::zip::Limits;
using nianbao::zip::Problem;
using nianbao::zip::Reader;
using Kind = Problem::Kind;

// What the callback throws, so that a test can look at the problem.
struct Thrown {
  Problem problem;
};

Reader::Fail thrower() {
  return [](const Problem& p) { throw Thrown{p}; };
}

// The problem opening the archive and reading every entry gives, or nothing when all went well.
std::optional<Problem> problem_of(const std::string& bytes, const Limits& limits = {}) {
  try {
    Reader reader(bytes, limits, thrower());
    for (const auto& name : reader.names())
      reader.read(name);
  } catch (const Thrown& t) {
    return t.problem;
  }
  return std::nullopt;
}

Problem expect_problem(const std::string& bytes, Kind kind, const Limits& limits = {}) {
  auto p = problem_of(bytes, limits);
  EXPECT_TRUE(p.has_value());
  if (!p) return {};
  EXPECT_EQ(nianbao::zip::kind_name(p->kind), std::string(nianbao::zip::kind_name(kind)))
      << p->entry << " " << p->detail;
  return *p;
}

TEST(ZipReader, ReadsEntriesByNameIgnoringCase) {
  const std::string bytes = raw_zip::archive({raw_zip::stored("[Content_Types].xml", "<Types/>"),
                                              raw_zip::stored("word/Document.xml", "<w/>")});
  Reader reader(bytes, {}, thrower());
  EXPECT_EQ(reader.names(), (std::vector<std::string>{"[Content_Types].xml", "word/Document.xml"}));
  EXPECT_TRUE(reader.contains("word/document.xml"));
  EXPECT_FALSE(reader.contains("word/styles.xml"));
  EXPECT_EQ(reader.read("WORD/document.xml"), "<w/>");
  EXPECT_EQ(reader.read("word/styles.xml"), std::nullopt);
}

TEST(ZipReader, NotAZipTruncatedOrEmpty) {
  expect_problem("", Kind::not_a_zip);
  expect_problem("PK\x03\x04 not really", Kind::not_a_zip);
  const std::string whole = raw_zip::archive({raw_zip::stored("a.xml", std::string(1000, 'a'))});
  for (std::size_t cut : {std::size_t{10}, whole.size() / 2, whole.size() - 5})
    expect_problem(whole.substr(0, cut), Kind::not_a_zip);
}

TEST(ZipReader, DamagedEntry) {
  raw_zip::Entry e = raw_zip::stored("a.xml", "<a>hello</a>");
  e.crc ^= 1;
  const Problem p = expect_problem(raw_zip::archive({e}), Kind::damaged);
  EXPECT_EQ(p.entry, "a.xml");
  EXPECT_FALSE(p.detail.empty());
}

TEST(ZipReader, UnsafeNamesAreRefusedWhenOpening) {
  for (const char* name :
       {"../evil", "word/../../evil", "a\\..\\b", "/etc/passwd", "\\x", "C:x", ".."}) {
    SCOPED_TRACE(name);
    EXPECT_TRUE(nianbao::zip::is_unsafe_name(name));
    const Problem p = expect_problem(
        raw_zip::archive({raw_zip::stored("ok.xml", "<a/>"), raw_zip::stored(name, "x")}),
        Kind::unsafe_name);
    EXPECT_EQ(p.entry, name);
  }
  for (const char* name : {"word/document.xml", "a..b", "..x/y", "x/.../y", "[Content_Types].xml"})
    EXPECT_FALSE(nianbao::zip::is_unsafe_name(name)) << name;
}

TEST(ZipReader, SymlinksAndEncryptedEntriesAreRefused) {
  EXPECT_EQ(expect_problem(raw_zip::archive({raw_zip::symlink("word/media/a.png", "/etc/passwd")}),
                           Kind::symlink)
                .entry,
            "word/media/a.png");
  raw_zip::Entry locked = raw_zip::stored("word/document.xml", "<w/>");
  locked.flags = 0x1;
  EXPECT_EQ(expect_problem(raw_zip::archive({locked}), Kind::encrypted).entry, "word/document.xml");
  // A regular file written on Unix (mode 0644) is fine.
  raw_zip::Entry unix_file = raw_zip::stored("a.xml", "<a/>");
  unix_file.made_by = (3 << 8) | 20;
  unix_file.external_attributes = 0100644u << 16;
  EXPECT_FALSE(problem_of(raw_zip::archive({unix_file})).has_value());
}

TEST(ZipReader, TooManyEntries) {
  std::vector<raw_zip::Entry> entries;
  for (int i = 0; i < 11; ++i)
    entries.push_back(raw_zip::stored("e" + std::to_string(i), ""));
  Limits limits;
  limits.max_entries = 10;
  const Problem p = expect_problem(raw_zip::archive(entries), Kind::too_many_entries, limits);
  EXPECT_EQ(p.actual, 11u);
  EXPECT_EQ(p.limit, 10u);
  limits.max_entries = 11;
  EXPECT_FALSE(problem_of(raw_zip::archive(entries), limits).has_value());
}

// 1 GiB that takes about 1 MiB: refused from the declared size at once, and when the header lies
// about the size, after inflating no more than it declared.
TEST(ZipReader, BombsAreBounded) {
  const std::string chunk(1u << 20, 'x');
  const raw_zip::Entry gigabyte = raw_zip::deflated_repeat("bomb.xml", chunk, 1024);
  auto start = std::chrono::steady_clock::now();
  Problem p = expect_problem(raw_zip::archive({gigabyte}), Kind::entry_too_large);
  EXPECT_EQ(p.actual, 1ull << 30);
  EXPECT_EQ(p.limit, 64ull << 20);
  raw_zip::Entry lying = gigabyte;
  lying.size = 1000;
  p = expect_problem(raw_zip::archive({lying}), Kind::lying_size);
  EXPECT_EQ(p.actual, 1000u);
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
            nianbao::test::time_bound(10.0));
  // 32 MiB at a ratio of about 1000:1 is within the size limit but not the ratio.
  p = expect_problem(raw_zip::archive({raw_zip::deflated_repeat("dense.xml", chunk, 32)}),
                     Kind::ratio_too_high);
  EXPECT_GT(p.actual, 500u);
  EXPECT_EQ(p.limit, 500u);
}

TEST(ZipReader, TotalOfEntriesIsBounded) {
  Limits limits;
  limits.max_total_bytes = 2500;
  std::vector<raw_zip::Entry> entries;
  for (int i = 0; i < 3; ++i)
    entries.push_back(raw_zip::stored("e" + std::to_string(i), std::string(1000, 'a')));
  const Problem p = expect_problem(raw_zip::archive(entries), Kind::total_too_large, limits);
  EXPECT_EQ(p.entry, "e2");
  EXPECT_EQ(p.actual, 3000u);
  EXPECT_EQ(p.limit, 2500u);
}

TEST(ZipReader, CallbackThatReturnsIsALogicError) {
  EXPECT_THROW(Reader("nonsense", {}, [](const Problem&) {}), std::logic_error);
}

TEST(ZipWriter, DeterministicAndReadBack) {
  const std::vector<std::pair<std::string, std::string>> entries = {
      {"[Content_Types].xml", "<Types/>"},
      {"word/document.xml", std::string(100000, 'w')},
      {"word/媒体.xml", "中文"}};
  const std::string first = nianbao::zip::write_archive(entries);
  EXPECT_EQ(first, nianbao::zip::write_archive(entries));
  Reader reader(first, {}, thrower());
  std::vector<std::string> names;
  for (const auto& [name, data] : entries) {
    names.push_back(name);
    EXPECT_EQ(reader.read(name), data) << name;
  }
  EXPECT_EQ(reader.names(), names);
  EXPECT_LT(first.size(), 2000u);  // deflated
}

// Contents deflated once and copied into an archive give the archive the writer makes without
// them, byte for byte: under another entry name, beside entries deflated on the spot, with a
// content that is in the set twice and one that is only a prefix of a known one.
TEST(ZipWriter, DeflatedContentsGiveTheSameBytes) {
  std::string text;
  for (int i = 0; i < 3000; ++i)
    text += "<w:p><w:r><w:t>第" + std::to_string(i) + "行</w:t></w:r></w:p>";
  const nianbao::zip::DeflatedContents known({"<Types/>", text, "中文", "<Types/>"});
  EXPECT_EQ(known.find("<Types/>"), 0);
  EXPECT_EQ(known.find(text), 1);
  EXPECT_EQ(known.find("<Types"), -1);
  const std::vector<std::pair<std::string, std::string>> entries = {
      {"[Content_Types].xml", "<Types/>"},
      {"word/document.xml", text},
      {"word/prefix.xml", text.substr(0, 5000)},
      {"word/媒体.xml", "中文"},
      {"empty.xml", ""}};
  const std::string plain = nianbao::zip::write_archive(entries);
  const std::string copied = nianbao::zip::write_archive(entries, known);
  EXPECT_EQ(copied, plain);
  Reader reader(copied, {}, thrower());
  for (const auto& [name, data] : entries)
    EXPECT_EQ(reader.read(name), data) << name;
}

}  // namespace
