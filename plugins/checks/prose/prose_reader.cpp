#include "prose_reader.h"

#include <nianbao/text.h>

#include <algorithm>
#include <climits>

namespace nianbao::prose {
namespace {

bool is_digit(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９');
}
int digit_value(char32_t c) {
  return c <= U'9' ? static_cast<int>(c - U'0') : static_cast<int>(c - U'０');
}
bool is_space(char32_t c) {
  return c == U' ' || c == U'\u3000' || c == U'\u00a0' || c == U'\t';
}
// Punctuation that ends the clause a number belongs to. "、" separates the items of a list.
bool is_break(char32_t c) {
  static const std::u32string_view kBreaks = U"，。；：、,;:!?！？（）()【】[]\n\r“”\"";
  return kBreaks.find(c) != std::u32string_view::npos;
}

// Arabic digits (ASCII or full-width) with optional thousands separators ("3,985"). Sets
// `fraction` when a decimal part follows: such a number is never a count. Returns the index
// after the number, or `i` when none starts there.
std::size_t parse_arabic(std::u32string_view s, std::size_t i, std::int64_t& value,
                         bool& fraction) {
  std::size_t start = i;
  value = 0;
  fraction = false;
  while (i < s.size()) {
    if (is_digit(s[i])) {
      if (value > (INT64_MAX - 9) / 10) return start;  // too large to be a count
      value = value * 10 + digit_value(s[i]);
      ++i;
    } else if (s[i] == U',' && i > start && i + 3 < s.size() && is_digit(s[i + 1]) &&
               is_digit(s[i + 2]) && is_digit(s[i + 3]) &&
               (i + 4 == s.size() || !is_digit(s[i + 4]))) {
      ++i;  // a thousands separator: exactly three digits follow
    } else if ((s[i] == U'.' || s[i] == U'．') && i + 1 < s.size() && is_digit(s[i + 1])) {
      fraction = true;
      ++i;
    } else {
      break;
    }
  }
  return i;
}

// A Chinese numeral below 100 ("两", "十二", "二十一"). Returns the index after it.
std::size_t parse_chinese(std::u32string_view s, std::size_t i, std::int64_t& value) {
  int v = 0;
  const std::size_t length = read_chinese_numeral(s.substr(i), v);
  if (length > 0) value = v;
  return i + length;
}

bool starts_with(std::u32string_view s, std::size_t at, std::u32string_view w) {
  return at + w.size() <= s.size() && s.compare(at, w.size(), w) == 0;
}

// Words that join the quantities of a sum: "予以公开及部分公开", "行政复议和行政诉讼".
const std::u32string_view kJoiners[] = {U"以及", U"或者", U"及", U"和", U"或", U"与", U"、", U"/"};
// Characters that may stand between a unit and a phrase that follows it ("1件将结转下年度").
constexpr std::u32string_view kAfterFiller = U"需将已均被为系是仍转入";
// Most characters between a phrase and its number ("办结政府信息公开申请81件").
constexpr std::size_t kMaxGap = 12;
// What may stand between a phrase and its number besides topic words: words that say nothing
// of what is counted ("共", "的", "为", "各类"). Any other word leaves a doubt ("答复处理24件",
// "自然人提交申请20件").
constexpr std::u32string_view kGapFiller =
    U"共计合总了的为是达有其中已均全部各类本年度内行政申请数量件 　";

}  // namespace

ProseReader::ProseReader(const ProseDef& definition) : def_(definition) {
  auto entry = [&](const std::string& text) -> Word& {
    std::u32string t = decode_utf8(text);
    for (auto& w : words_)
      if (w.text == t) return w;
    words_.push_back(Word{});
    words_.back().text = t;
    return words_.back();
  };
  for (std::size_t i = 0; i < def_.topics.size(); ++i)
    for (const auto& w : def_.topics[i].words)
      entry(w).topic = static_cast<int>(i);
  for (const auto& w : def_.other_counts)
    entry(w).other = true;
  for (const auto& w : def_.comparisons)
    entry(w).comparison = true;
  for (const auto& w : def_.uncertain_sentences)
    uncertain_.push_back(decode_utf8(w));
  for (std::size_t i = 0; i < def_.quantities.size(); ++i) {
    for (const auto& w : def_.quantities[i].before)
      entry(w).before.push_back(static_cast<int>(i));
    for (const auto& w : def_.quantities[i].after)
      entry(w).after.push_back(static_cast<int>(i));
  }
  // A phrase that contains a topic word names the topic too ("行政诉讼案件" is about litigation).
  for (auto& w : words_) {
    if (w.topic >= 0) continue;
    int found = -1;
    for (const auto& t : words_)
      if (t.topic >= 0 && t.text.size() < w.text.size() && w.text.find(t.text) != w.text.npos)
        found = found == -1 || found == t.topic ? t.topic : -2;
    if (found >= 0) w.topic = found;
  }
  words_.erase(
      std::remove_if(words_.begin(), words_.end(), [](const Word& w) { return w.text.empty(); }),
      words_.end());
  std::stable_sort(words_.begin(), words_.end(),
                   [](const Word& a, const Word& b) { return a.text.size() > b.text.size(); });
}

std::vector<ProseReader::Token> ProseReader::tokenize(std::u32string_view s) const {
  // Units of every topic and quantity, longest first ("人次" before "次").
  std::vector<std::u32string> units;
  auto add_unit = [&](const std::string& u) {
    std::u32string t = decode_utf8(u);
    if (!t.empty() && std::find(units.begin(), units.end(), t) == units.end()) units.push_back(t);
  };
  for (const auto& t : def_.topics)
    for (const auto& u : t.units)
      add_unit(u);
  for (const auto& q : def_.quantities)
    for (const auto& u : q.units)
      add_unit(u);
  std::stable_sort(units.begin(), units.end(),
                   [](const auto& a, const auto& b) { return a.size() > b.size(); });

  std::vector<Token> out;
  std::size_t i = 0;
  while (i < s.size()) {
    if (is_break(s[i])) {
      out.push_back(make_token(Token::brk, i, i + 1));
      ++i;
      continue;
    }
    // A number and its unit.
    std::int64_t value = 0;
    bool fraction = false, arabic = is_digit(s[i]);
    std::size_t after = arabic ? parse_arabic(s, i, value, fraction) : parse_chinese(s, i, value);
    if (after > i && !(arabic && i > 0 && (s[i - 1] == U'.' || is_digit(s[i - 1])))) {
      Token t = make_token(Token::number, i, after);
      t.value = value;
      t.uncountable = fraction || (i > 0 && s[i - 1] == U'第');
      std::size_t u = after;
      while (u < s.size() && is_space(s[u]))
        ++u;
      if (u < s.size() && (s[u] == U'余' || s[u] == U'多')) {
        t.uncountable = true;
        ++u;
      }
      for (const auto& unit : units)
        if (starts_with(s, u, unit)) {
          t.unit = unit;
          t.end = u + unit.size();
          break;
        }
      // A Chinese numeral is a number only with its unit ("一件"), not in "一是" or "统一".
      if (arabic || !t.unit.empty()) {
        out.push_back(std::move(t));
        i = out.back().end;
        continue;
      }
    }
    const Word* match = nullptr;
    for (const auto& w : words_)
      if (starts_with(s, i, w.text)) {
        match = &w;
        break;
      }
    if (match) {
      out.push_back(make_token(Token::word, i, i + match->text.size(), match));
      i += match->text.size();
      continue;
    }
    ++i;
  }
  return out;
}

std::vector<CountedNumber> ProseReader::numbers(std::u32string_view s) const {
  std::vector<CountedNumber> out;
  for (const auto& t : tokenize(s))
    if (t.kind == Token::number && !t.unit.empty())
      out.push_back({t.value, t.begin, encode_utf8(s.substr(t.begin, t.end - t.begin))});
  return out;
}

std::vector<Attribution> ProseReader::read(std::string_view sentence,
                                           std::string_view context) const {
  return read(std::u32string_view(decode_utf8(sentence)), context);
}

std::string ProseReader::topic_after(std::u32string_view s, std::string_view context) const {
  std::string topic(context);
  for (const auto& t : tokenize(s)) {
    if (t.kind != Token::word) continue;
    if (t.w->topic >= 0)
      topic = def_.topics[static_cast<std::size_t>(t.w->topic)].name;
    else if (t.w->other)
      topic.clear();
  }
  return topic;
}

std::vector<Attribution> ProseReader::read(std::u32string_view s, std::string_view context) const {
  std::vector<Attribution> out;
  for (const auto& w : uncertain_)
    if (s.find(w) != std::u32string_view::npos) return out;
  const auto tokens = tokenize(s);
  auto plain_between = [&](std::size_t a, std::size_t b) { return s.substr(a, b - a); };

  // The topic the sentence's phrases make evident: two different quantities that name their
  // topic ("予以公开", "不予处理") and no topic word of another.
  int evident_topic = -1;
  {
    std::vector<int> naming;
    for (const auto& t : tokens) {
      if (t.kind != Token::word) continue;
      for (const auto* list : {&t.w->before, &t.w->after})
        for (int qi : *list)
          if (def_.quantities[static_cast<std::size_t>(qi)].names_topic &&
              std::find(naming.begin(), naming.end(), qi) == naming.end())
            naming.push_back(qi);
    }
    std::vector<int> count(def_.topics.size(), 0);
    for (int qi : naming)
      for (std::size_t i = 0; i < def_.topics.size(); ++i)
        if (def_.topics[i].name == def_.quantities[static_cast<std::size_t>(qi)].topic) ++count[i];
    for (std::size_t i = 0; i < count.size(); ++i)
      if (count[i] > 0)
        evident_topic = evident_topic == -1 && count[i] >= 2 ? static_cast<int>(i) : -2;
    if (evident_topic < 0) evident_topic = -1;
  }

  for (std::size_t n = 0; n < tokens.size(); ++n) {
    const Token& num = tokens[n];
    if (num.kind != Token::number || num.unit.empty() || num.uncountable) continue;

    // The phrase before the number: the last phrase of the clause, with no other number, no
    // other phrase and no clause break between them.
    std::size_t p = n;
    for (std::size_t k = n; k-- > 0;) {
      const Token& t = tokens[k];
      if (t.kind != Token::word) break;  // a break or another number ends the search
      if (t.w->is_phrase() && !t.w->before.empty()) {
        p = k;
        break;
      }
      if (t.w->is_phrase()) break;  // an after-phrase of an earlier number
    }
    bool before_found = p != n && num.begin - tokens[p].end <= kMaxGap;
    if (before_found) {
      // The gap holds topic words and filler only.
      std::size_t at = tokens[p].end;
      for (std::size_t k = p + 1; k <= n && before_found; ++k) {
        for (char32_t c : plain_between(at, tokens[k].begin))
          if (kGapFiller.find(c) == std::u32string_view::npos) before_found = false;
        if (k < n && tokens[k].w->topic < 0) before_found = false;
        at = tokens[k].end;
      }
    }

    // The phrase after the unit: "1件结转下年度", "其中3件为上年结转".
    std::size_t a = tokens.size();
    if (n + 1 < tokens.size() && tokens[n + 1].kind == Token::word &&
        !tokens[n + 1].w->after.empty()) {
      std::u32string_view gap = plain_between(num.end, tokens[n + 1].begin);
      if (gap.size() <= 3 && std::all_of(gap.begin(), gap.end(), [](char32_t c) {
            return kAfterFiller.find(c) != std::u32string_view::npos;
          }))
        a = n + 1;
    }
    bool after_found = a < tokens.size();
    if (before_found == after_found) continue;  // none, or two readings
    // "121件(其中本年度新收112件，上年结转9件)": a number whose parts follow in brackets is a sum
    // of quantities the brackets name, not one of them.
    if (num.end < s.size() && (s[num.end] == U'(' || s[num.end] == U'（')) {
      bool parts = false;
      for (std::size_t k = n + 1; k < tokens.size(); ++k) {
        if (tokens[k].kind == Token::brk &&
            (s[tokens[k].begin] == U')' || s[tokens[k].begin] == U'）'))
          break;
        parts = parts || (tokens[k].kind == Token::word && tokens[k].w->is_phrase());
      }
      if (parts) continue;
    }

    // The chain of joined phrases ending at p: "予以公开及部分公开".
    std::vector<std::size_t> chain;
    if (before_found) {
      chain.push_back(p);
      for (std::size_t k = p; k > 0;) {
        const Token& first = tokens[k];
        std::size_t prev = k - 1;
        // a "、" is a break token; other joiners are plain text
        std::size_t joiner_begin = first.begin;
        bool joined = false;
        for (auto j : kJoiners)
          if (first.begin >= j.size() && s.compare(first.begin - j.size(), j.size(), j) == 0) {
            joiner_begin = first.begin - j.size();
            joined = true;
            break;
          }
        if (!joined) break;
        if (tokens[prev].kind == Token::brk && tokens[prev].begin == joiner_begin) {
          if (prev == 0) break;
          --prev;
        }
        const Token& t = tokens[prev];
        if (t.kind != Token::word || t.w->before.empty() || t.end != joiner_begin) break;
        chain.insert(chain.begin(), prev);
        k = prev;
      }
    } else {
      chain.push_back(a);
    }

    // The clause: from the last break before the chain to the number. A "、" ends a clause only
    // after a number ("予以公开10件、部分公开2件"); between words it joins the nouns of one clause
    // ("接收公民、法人及其他组织政府信息公开申请17件" is not a count of 法人).
    std::size_t clause = chain.front();
    while (clause > 0) {
      const Token& t = tokens[clause - 1];
      if (t.kind == Token::brk &&
          !(s[t.begin] == U'、' && clause >= 2 && tokens[clause - 2].kind != Token::number))
        break;
      --clause;
    }
    // Anything in the clause that makes the number a count of another thing, a difference or a
    // comparison.
    bool doubt = false;
    for (std::size_t k = clause; k < n && !doubt; ++k)
      doubt = tokens[k].kind == Token::word && (tokens[k].w->other || tokens[k].w->comparison);
    if (after_found)
      for (std::size_t k = n + 1; k < a && !doubt; ++k)
        doubt = tokens[k].kind != Token::word || tokens[k].w->other || tokens[k].w->comparison;
    if (doubt) continue;

    // The topic: the last topic word of the sentence up to the number (or up to the phrase
    // after it); a count of another thing after it ends the topic. A sentence with neither
    // takes the topic word right after the number ("共受理36件政府信息公开申请"), or the topic
    // that its phrases make evident ("其中，予以公开184件，部分公开18件……").
    const std::size_t topic_end = after_found ? a + 1 : n;
    int topic = -1;
    std::size_t topic_at = 0;
    bool other_last = false;
    for (std::size_t k = 0; k < topic_end; ++k) {
      const Token& t = tokens[k];
      if (t.kind != Token::word) continue;
      if (t.w->topic >= 0) {
        topic = t.w->topic;
        topic_at = k;
        other_last = false;
      } else if (t.w->other) {
        other_last = true;
      }
    }
    if (other_last) continue;
    bool any_word_before = false;  // a topic or another count: the sentence speaks for itself
    for (std::size_t k = 0; k < topic_end; ++k)
      any_word_before = any_word_before || (tokens[k].kind == Token::word &&
                                            (tokens[k].w->topic >= 0 || tokens[k].w->other));
    if (topic < 0 && !any_word_before && !context.empty())
      for (std::size_t i = 0; i < def_.topics.size(); ++i)
        if (def_.topics[i].name == context && !def_.topics[i].clause_only) {
          topic = static_cast<int>(i);
          topic_at = 0;
        }
    if (topic < 0 && before_found && n + 1 < tokens.size() && tokens[n + 1].kind == Token::word &&
        tokens[n + 1].w->topic >= 0 && tokens[n + 1].begin - num.end <= 1) {
      topic = tokens[n + 1].w->topic;
      topic_at = n + 1;
    }
    if (topic < 0 && evident_topic >= 0) {
      topic = evident_topic;
      topic_at = clause;
    }
    if (topic < 0) continue;
    const ProseTopicDef& topic_def = def_.topics[static_cast<std::size_t>(topic)];
    if (topic_def.clause_only && topic_at < clause) continue;
    // "行政复议144件" may count every review of the agency; table 四 counts those about
    // disclosure only: the sentence must say so.
    if (!topic_def.sentence_needs.empty() &&
        std::none_of(topic_def.sentence_needs.begin(), topic_def.sentence_needs.end(),
                     [&](const std::string& w) {
                       return s.find(decode_utf8(w)) != std::u32string_view::npos;
                     }))
      continue;

    // An earlier phrase of the clause that could name a quantity of the topic leaves a doubt,
    // unless a number of its own or "等" settles it ("因本机关不掌握等原因无法提供").
    for (std::size_t k = clause; k < chain.front() && !doubt; ++k) {
      const Token& t = tokens[k];
      if (t.kind != Token::word || !t.w->is_phrase()) continue;
      bool same_topic = false;
      for (int qi : t.w->before)
        same_topic =
            same_topic || def_.quantities[static_cast<std::size_t>(qi)].topic == topic_def.name;
      for (int qi : t.w->after)
        same_topic =
            same_topic || def_.quantities[static_cast<std::size_t>(qi)].topic == topic_def.name;
      if (!same_topic) continue;
      bool settled = false;
      for (std::size_t m = k + 1; m < chain.front(); ++m)
        settled = settled || tokens[m].kind == Token::number;
      settled = settled || plain_between(t.end, tokens[chain.front()].begin).find(U'等') !=
                               std::u32string_view::npos;
      doubt = !settled;
    }
    if (doubt) continue;

    // Each phrase of the chain names exactly one quantity of the topic.
    Attribution at;
    bool named = true;
    for (std::size_t k : chain) {
      const auto& candidates = before_found ? tokens[k].w->before : tokens[k].w->after;
      // A phrase that names its topic ("行政复议" in "行政复议和行政诉讼共4件") is read in it.
      const ProseTopicDef& own = chain.size() > 1 && tokens[k].w->topic >= 0
                                     ? def_.topics[static_cast<std::size_t>(tokens[k].w->topic)]
                                     : topic_def;
      const ProseQuantityDef* q = nullptr;
      for (int qi : candidates) {
        const auto& cand = def_.quantities[static_cast<std::size_t>(qi)];
        if (cand.topic != own.name) continue;
        if (q) {
          named = false;  // two quantities of one topic share the phrase
          break;
        }
        q = &cand;
      }
      if (!q || !named) {
        named = false;
        break;
      }
      const std::u32string_view before_number = s.substr(0, num.begin);
      if (std::any_of(q->not_after.begin(), q->not_after.end(), [&](const std::string& w) {
            return before_number.find(decode_utf8(w)) != std::u32string_view::npos;
          })) {
        named = false;
        break;
      }
      const auto& units = q->units.empty() ? own.units : q->units;
      if (std::none_of(units.begin(), units.end(),
                       [&](const std::string& u) { return decode_utf8(u) == num.unit; })) {
        named = false;
        break;
      }
      if (std::find(at.quantities.begin(), at.quantities.end(), q) == at.quantities.end())
        at.quantities.push_back(q);
    }
    if (!named || at.quantities.empty()) continue;
    at.value = num.value;
    at.position = num.begin;
    at.number_text = encode_utf8(s.substr(num.begin, num.end - num.begin));
    std::size_t from = before_found ? tokens[chain.front()].begin : num.begin;
    std::size_t to = before_found ? num.end : tokens[a].end;
    at.phrase = encode_utf8(s.substr(from, to - from));
    out.push_back(std::move(at));
  }
  // One quantity stated twice in one sentence: the sentence speaks of two scopes ("全区共受理
  // 800件……区政府本级共受理206件") or of parts ("直接诉讼0件，复议后诉讼0件"), and neither number
  // can be told to be the report's.
  std::vector<Attribution> kept;
  for (const auto& a : out) {
    bool twice = std::any_of(out.begin(), out.end(), [&](const Attribution& b) {
      return &b != &a && b.quantities == a.quantities;
    });
    if (!twice) kept.push_back(a);
  }
  return kept;
}

std::string joined_name(const Attribution& a) {
  std::vector<std::string> names;
  for (const auto* q : a.quantities)
    names.push_back(q->name);
  std::sort(names.begin(), names.end());
  std::string out;
  for (const auto& n : names)
    out += (out.empty() ? "" : " + ") + n;
  return out;
}

std::vector<std::vector<CellRef>> readings_of(const Attribution& a) {
  if (a.quantities.size() == 1) return a.quantities.front()->readings;
  std::vector<CellRef> sum;
  for (const auto* q : a.quantities) {
    if (q->readings.empty()) return {};
    sum.insert(sum.end(), q->readings.front().begin(), q->readings.front().end());
  }
  return {sum};
}

}  // namespace nianbao::prose
