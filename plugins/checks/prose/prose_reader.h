// Reading the numbers a report's prose states about its tables, from the quantities a format
// definition declares (ProseDef, docs/prose.md). The reader is built to be right or silent: a
// number is attributed only when a phrase of one quantity stands right before it (or right after
// its unit) in a clause about that quantity's topic, with nothing between them that makes it a
// count of something else, a difference, a comparison or a list whose items cannot be told apart.
#pragma once

#include <nianbao/format.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nianbao::prose {

/// A number of the sentence attributed to a quantity, or to the sum of several ("予以公开及部分
/// 公开42件" states granted + partially granted).
struct Attribution {
  std::int64_t value = 0;
  std::vector<const ProseQuantityDef*> quantities;  ///< one, or the joined quantities of a sum
  std::string phrase;        ///< the words from the first phrase to the unit, as written (UTF-8)
  std::size_t position = 0;  ///< character index of the number in the sentence
  std::string number_text;   ///< the number and its unit as written, e.g. "42件"
};

/// A number with a counting unit that the reader saw, attributed or not: what a test set labels.
struct CountedNumber {
  std::int64_t value = 0;
  std::size_t position = 0;
  std::string text;  ///< number and unit as written
};

class ProseReader {
 public:
  explicit ProseReader(const ProseDef& definition);

  /// Every attribution in one sentence (UTF-8; invalid bytes are tolerated). `context` is the
  /// topic the paragraph's previous sentence ended on (topic_after()), or "" at a paragraph's
  /// start: "全年收到政府信息公开申请75件。其中予以公开22件。" reads the second sentence in it.
  std::vector<Attribution> read(std::string_view sentence, std::string_view context = {}) const;
  std::vector<Attribution> read(std::u32string_view sentence, std::string_view context = {}) const;

  /// The topic a sentence ends on, for the next sentence of its paragraph: its last topic word,
  /// unless a count of another thing follows it ("" then); `context` when it has neither.
  std::string topic_after(std::u32string_view sentence, std::string_view context) const;

  /// Every number followed by a counting unit, whether or not it is attributed.
  std::vector<CountedNumber> numbers(std::u32string_view sentence) const;

  const ProseDef& definition() const { return def_; }

 private:
  // One entry of the dictionary: a topic word, a phrase of some quantities, a count of another
  // thing, a comparison word — or several of these at once ("行政复议" is a topic and a phrase).
  struct Word {
    std::u32string text;
    int topic = -1;  // index into the definition's topics
    bool other = false;
    bool comparison = false;
    std::vector<int> before;  // quantity indices
    std::vector<int> after;
    bool is_phrase() const { return !before.empty() || !after.empty(); }
  };
  struct Token {
    enum Kind { word, number, brk } kind = word;
    std::size_t begin = 0, end = 0;  // characters
    const Word* w = nullptr;
    std::int64_t value = 0;  // numbers:
    std::u32string unit;
    bool uncountable = false;  // a fraction, an approximation ("10余件") or an ordinal ("第3件")
  };
  static Token make_token(Token::Kind kind, std::size_t begin, std::size_t end,
                          const Word* w = nullptr) {
    Token t;
    t.kind = kind;
    t.begin = begin;
    t.end = end;
    t.w = w;
    return t;
  }
  std::vector<Token> tokenize(std::u32string_view s) const;

  const ProseDef& def_;
  std::vector<Word> words_;  // longest first
  std::vector<std::u32string> uncertain_;
};

/// The quantity names of an attribution joined with " + " in sorted order, e.g.
/// "applications.granted + applications.partially_granted": how the test set writes a sum.
std::string joined_name(const Attribution& a);

/// The cell sums a statement can be compared with: of one quantity, its own readings; of a sum
/// ("予以公开及部分公开"), one reading: the first reading of each part added up (none when a part
/// has no reading).
std::vector<std::vector<CellRef>> readings_of(const Attribution& a);

}  // namespace nianbao::prose
