#include "html_reader.h"

#include <gumbo.h>
#include <nianbao/text.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <memory>
#include <utility>
#include <vector>

#include "document/table_pointer.h"
#include "grid/encoding.h"
#include "grid/text.h"
#include "html_limits.h"
#include "report_properties/report_properties.h"

namespace nianbao::html_import {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = lower(c);
  return out;
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == ':' || c == '.';
}

// ---- encoding -----------------------------------------------------------------------------------

// The charset a <meta> in the first bytes declares (<meta charset="gbk">, <meta http-equiv=
// "Content-Type" content="text/html; charset=gb2312">), lowercased, or "".
std::string declared_charset(std::string_view bytes) {
  const std::string head = lowercase(bytes.substr(0, 4096));
  for (std::size_t at = head.find("<meta"); at != std::string::npos;
       at = head.find("<meta", at + 5)) {
    const std::size_t end = head.find('>', at);
    const std::string_view tag =
        std::string_view(head).substr(at, end == std::string::npos ? std::string::npos : end - at);
    const std::size_t cs = tag.find("charset");
    if (cs == std::string_view::npos) continue;
    std::size_t i = cs + 7;
    while (i < tag.size() && is_space(tag[i]))
      ++i;
    if (i >= tag.size() || tag[i] != '=') continue;
    ++i;
    while (i < tag.size() && (is_space(tag[i]) || tag[i] == '"' || tag[i] == '\''))
      ++i;
    std::size_t j = i;
    while (j < tag.size() && is_name_char(tag[j]))
      ++j;
    if (j > i) return std::string(tag.substr(i, j - i));
  }
  return {};
}

// The iconv name of a declared charset that is not UTF-8, as browsers map the labels (GB2312 and
// GBK pages hold GB18030 characters; Latin-1 means windows-1252), or nullptr for labels of UTF-8,
// UTF-16 (which a page without a byte order mark cannot be in) or unknown ones.
const char* iconv_name(const std::string& label) {
  static const std::array<std::pair<const char*, const char*>, 14> kLabels = {{
      {"gb2312", "GB18030"},
      {"gbk", "GB18030"},
      {"gb18030", "GB18030"},
      {"x-gbk", "GB18030"},
      {"cp936", "GB18030"},
      {"windows-936", "GB18030"},
      {"chinese", "GB18030"},
      {"csgb2312", "GB18030"},
      {"big5", "BIG5-HKSCS"},
      {"big5-hkscs", "BIG5-HKSCS"},
      {"x-x-big5", "BIG5-HKSCS"},
      {"iso-8859-1", "WINDOWS-1252"},
      {"windows-1252", "WINDOWS-1252"},
      {"us-ascii", "WINDOWS-1252"},
  }};
  for (const auto& [name, iconv] : kLabels)
    if (label == name) return iconv;
  return nullptr;
}

// ---- the nesting before parsing -----------------------------------------------------------------
//
// How deep the parser's tree will get, estimated from the tags without building it, so that a
// page nested absurdly deep is refused before the parser (whose scope checks scan the open
// elements for every tag) spends time on it. The estimate follows the tree construction rules
// that keep real pages shallow — end tags close up to their element and are ignored without one,
// <p>, <li>, <td>… close their open predecessor — and counts formatting elements (<b>, <font>…)
// as never closed but by their own end tag, since the parser reopens them inside later blocks
// (at most three alike, as it does).

bool is_one_of(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool is_void(std::string_view n) {
  return is_one_of(
      n, {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
          "source", "track", "wbr", "keygen", "basefont", "bgsound", "frame", "image"});
}

bool is_formatting(std::string_view n) {
  return is_one_of(n, {"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike",
                       "strong", "tt", "u"});
}

bool is_raw_text(std::string_view n) {
  return is_one_of(
      n, {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"});
}

// Elements whose start closes an open <p>.
bool closes_p(std::string_view n) {
  return is_one_of(
      n,
      {"address", "article", "aside",    "blockquote", "center", "details",   "dialog",  "dir",
       "div",     "dl",      "fieldset", "figcaption", "figure", "footer",    "header",  "hgroup",
       "main",    "menu",    "nav",      "ol",         "p",      "section",   "summary", "ul",
       "h1",      "h2",      "h3",       "h4",         "h5",     "h6",        "pre",     "listing",
       "form",    "table",   "li",       "dd",         "dt",     "plaintext", "xmp"});
}

// Elements a search for an open element to close does not look past.
bool is_boundary(std::string_view n) {
  return is_one_of(n, {"html", "table", "td", "th", "caption", "marquee", "object", "applet",
                       "template", "button", "svg", "math"});
}

struct Nesting {
  std::size_t tags = 0;
  bool too_deep = false;
  std::size_t offset = 0;  // where the estimate first went beyond the limit
};

Nesting estimate_nesting(std::string_view text) {
  Nesting out;
  std::vector<std::string> open;
  std::map<std::string, int> formatting;  // name and attributes → open count (at most 3 count)
  std::size_t formatting_open = 0;
  int foreign = 0;  // open <svg>/<math>: there "/>" closes the element
  auto pop_to = [&](std::size_t index) {
    while (open.size() > index) {
      if (open.back() == "svg" || open.back() == "math") --foreign;
      open.pop_back();
    }
  };
  // Closes the nearest open element among `names` that no boundary hides.
  auto close_nearest = [&](std::initializer_list<std::string_view> names) {
    for (std::size_t k = open.size(); k-- > 0;) {
      if (is_one_of(open[k], names)) {
        pop_to(k);
        return;
      }
      if (is_boundary(open[k])) return;
    }
  };
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t lt = text.find('<', i);
    if (lt == std::string_view::npos) break;
    i = lt + 1;
    if (i >= text.size()) break;
    if (text.substr(i).starts_with("!--")) {
      const std::size_t end = text.find("-->", i + 3);
      i = end == std::string_view::npos ? text.size() : end + 3;
      continue;
    }
    if (text[i] == '!' || text[i] == '?') {
      const std::size_t end = text.find('>', i);
      i = end == std::string_view::npos ? text.size() : end + 1;
      continue;
    }
    const bool end_tag = text[i] == '/';
    std::size_t n = end_tag ? i + 1 : i;
    if (n >= text.size() ||
        !((text[n] >= 'a' && text[n] <= 'z') || (text[n] >= 'A' && text[n] <= 'Z')))
      continue;  // a "<" of text
    std::size_t name_end = n;
    while (name_end < text.size() && !is_space(text[name_end]) && text[name_end] != '>' &&
           text[name_end] != '/')
      ++name_end;
    const std::string name = lowercase(text.substr(n, name_end - n));
    // The end of the tag, quoted attribute values skipped.
    std::size_t k = name_end;
    char quote = 0;
    for (; k < text.size(); ++k) {
      if (quote) {
        if (text[k] == quote) quote = 0;
      } else if (text[k] == '"' || text[k] == '\'') {
        quote = text[k];
      } else if (text[k] == '>') {
        break;
      }
    }
    const bool self_closing = k < text.size() && k > name_end && text[k - 1] == '/';
    const std::string_view attributes = text.substr(name_end, std::min(k, text.size()) - name_end);
    i = k < text.size() ? k + 1 : text.size();
    if (end_tag) {
      if (is_formatting(name)) {
        const std::string prefix = name + " ";
        for (auto it = formatting.lower_bound(prefix);
             it != formatting.end() && it->first.starts_with(prefix); ++it)
          if (it->second > 0) {
            if (it->second <= 3) --formatting_open;
            --it->second;
            break;
          }
        continue;
      }
      for (std::size_t s = open.size(); s-- > 0;)
        if (open[s] == name) {
          pop_to(s);
          break;
        }
      continue;
    }
    if (++out.tags > kMaxTags) return out;
    if (is_raw_text(name)) {
      // Its content is text up to its end tag.
      const std::string lowered_end = "</" + name;
      std::size_t at = i;
      for (;;) {
        at = text.find("</", at);
        if (at == std::string_view::npos) break;
        if (lowercase(text.substr(at, lowered_end.size())) == lowered_end) break;
        at += 2;
      }
      i = at == std::string_view::npos ? text.size() : at;
      continue;
    }
    if (name == "plaintext") break;  // the rest of the page is its text
    if (is_void(name)) continue;
    if (is_formatting(name)) {
      const std::string key = name + " " + std::string(attributes);
      if (++formatting[key] <= 3) ++formatting_open;
    } else if (self_closing && foreign > 0) {
      continue;
    } else {
      if (closes_p(name)) close_nearest({"p"});
      if (name == "li") close_nearest({"li"});
      if (name == "dt" || name == "dd") close_nearest({"dt", "dd"});
      if (name == "option" || name == "optgroup") close_nearest({"option"});
      if (name == "td" || name == "th" || name == "tr") close_nearest({"td", "th"});
      if (name == "tr") close_nearest({"tr"});
      if (name == "tbody" || name == "thead" || name == "tfoot")
        close_nearest({"tbody", "thead", "tfoot"});
      open.push_back(name);
      if (name == "svg" || name == "math") ++foreign;
    }
    if (open.size() + formatting_open > static_cast<std::size_t>(kMaxDepth)) {
      out.too_deep = true;
      out.offset = lt;
      return out;
    }
  }
  return out;
}

// ---- the parser's memory ------------------------------------------------------------------------

// Gumbo allocates every node and string through these; they all live until the page is read and
// go at once. Freeing the tree through Gumbo would recurse once per level of nesting.
class Arena {
 public:
  static void* allocate(void* self, std::size_t size) {
    return static_cast<Arena*>(self)->take(size);
  }
  static void release(void*, void*) {}

 private:
  static constexpr std::size_t kBlock = 1u << 20;

  void* take(std::size_t size) {
    size = (size + 15) & ~std::size_t{15};
    if (size > kBlock / 4) {
      blocks_.push_back(std::make_unique<std::max_align_t[]>(size / sizeof(std::max_align_t) + 1));
      return blocks_.back().get();
    }
    if (!current_ || used_ + size > kBlock) {
      blocks_.push_back(std::make_unique<std::max_align_t[]>(kBlock / sizeof(std::max_align_t)));
      current_ = reinterpret_cast<char*>(blocks_.back().get());
      used_ = 0;
    }
    void* out = current_ + used_;
    used_ += size;
    return out;
  }

  std::vector<std::unique_ptr<std::max_align_t[]>> blocks_;
  char* current_ = nullptr;
  std::size_t used_ = 0;
};

// ---- the tree -----------------------------------------------------------------------------------

GumboTag tag_of(const GumboNode* node) {
  return node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE ? node->v.element.tag
                                                                               : GUMBO_TAG_UNKNOWN;
}

bool is_element(const GumboNode* node) {
  return node->type == GUMBO_NODE_ELEMENT;
}

const char* attribute(const GumboNode* node, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
  return a ? a->value : nullptr;
}

// A span attribute as browsers read it: leading digits, `fallback` when there are none.
int span_attribute(const GumboNode* node, const char* name, int fallback, int high) {
  const char* text = attribute(node, name);
  if (!text) return fallback;
  while (is_space(*text))
    ++text;
  long value = 0;
  bool any = false;
  for (; *text >= '0' && *text <= '9'; ++text) {
    any = true;
    value = std::min<long>(value * 10 + (*text - '0'), high);
  }
  return any ? static_cast<int>(value) : fallback;
}

// The content of a <meta name="…"> in the head of the page (`html` is its root element), or "".
std::string head_meta(const GumboNode* html, std::string_view name) {
  const GumboVector& parts = html->v.element.children;
  for (unsigned i = 0; i < parts.length; ++i) {
    const auto* head = static_cast<const GumboNode*>(parts.data[i]);
    if (tag_of(head) != GUMBO_TAG_HEAD) continue;
    const GumboVector& metas = head->v.element.children;
    for (unsigned k = 0; k < metas.length; ++k) {
      const auto* meta = static_cast<const GumboNode*>(metas.data[k]);
      if (tag_of(meta) != GUMBO_TAG_META) continue;
      const char* meta_name = attribute(meta, "name");
      const char* content = attribute(meta, "content");
      if (meta_name && content && std::string_view(meta_name) == name) return grid::trim(content);
    }
  }
  return {};
}

// Every <meta name="…" content="…"> (or property="…") in the head of the page, in order: what
// the page says about itself beside its text (a publish date). At most kMaxHeadMeta of them.
std::vector<document::MarkupValue> head_markup(const GumboNode* html) {
  constexpr std::size_t kMaxHeadMeta = 200;
  constexpr std::size_t kMaxContent = 200;
  std::vector<document::MarkupValue> out;
  const GumboVector& parts = html->v.element.children;
  for (unsigned i = 0; i < parts.length; ++i) {
    const auto* head = static_cast<const GumboNode*>(parts.data[i]);
    if (tag_of(head) != GUMBO_TAG_HEAD) continue;
    const GumboVector& metas = head->v.element.children;
    for (unsigned k = 0; k < metas.length && out.size() < kMaxHeadMeta; ++k) {
      const auto* meta = static_cast<const GumboNode*>(metas.data[k]);
      if (tag_of(meta) != GUMBO_TAG_META) continue;
      const char* attribute_name = "name";
      const char* name = attribute(meta, attribute_name);
      if (!name) name = attribute(meta, attribute_name = "property");
      const char* content = attribute(meta, "content");
      if (!name || !content || std::string_view(content).size() > kMaxContent) continue;
      document::MarkupValue m;
      m.name = grid::trim(name);
      m.content = grid::trim(content);
      m.element = std::string("<meta ") + attribute_name + "=\"" + m.name + "\" content=\"" +
                  m.content + "\">";
      out.push_back(std::move(m));
    }
  }
  return out;
}

// The "datePublished" of a JSON-LD object (schema.org), looked for in the object itself and in
// its "@graph" list or, for a list, in its items; "" when there is none.
std::string json_ld_date(const nlohmann::json& j, int depth = 0) {
  if (depth > 3) return {};
  if (j.is_object()) {
    const auto it = j.find("datePublished");
    if (it != j.end() && it->is_string()) return it->get<std::string>();
    const auto graph = j.find("@graph");
    if (graph != j.end()) return json_ld_date(*graph, depth + 1);
  } else if (j.is_array()) {
    for (const nlohmann::json& item : j) {
      std::string d = json_ld_date(item, depth + 1);
      if (!d.empty()) return d;
    }
  }
  return {};
}

// The page's publish date as schema.org says it anywhere in the page: microdata
// (<time itemprop="datePublished" datetime="…">, <meta itemprop="datePublished" content="…">)
// and JSON-LD (<script type="application/ld+json">{"datePublished": "…"}</script>). Walked with
// an explicit stack (a page may nest deeper than the call stack allows) and over at most
// kMaxNodes elements.
std::vector<document::MarkupValue> schema_org_markup(const GumboNode* root) {
  constexpr std::size_t kMaxNodes = 200000;
  constexpr std::size_t kMaxContent = 200;
  constexpr std::size_t kMaxJsonLd = 64 * 1024;
  std::vector<document::MarkupValue> out;
  std::vector<const GumboNode*> stack{root};
  for (std::size_t seen = 0; !stack.empty() && seen < kMaxNodes && out.size() < 20; ++seen) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) continue;
    const char* itemprop = attribute(node, "itemprop");
    if (itemprop && grid::trim(itemprop) == "datePublished") {
      const char* value_name = "datetime";
      const char* value = attribute(node, value_name);
      if (!value) value = attribute(node, value_name = "content");
      if (value && std::string_view(value).size() <= kMaxContent) {
        document::MarkupValue m;
        m.name = "datePublished";
        m.content = grid::trim(value);
        const char* tag = gumbo_normalized_tagname(tag_of(node));
        m.element = std::string("<") + (tag && *tag ? tag : "element") +
                    " itemprop=\"datePublished\" " + value_name + "=\"" + m.content + "\">";
        out.push_back(std::move(m));
      }
    }
    if (tag_of(node) == GUMBO_TAG_SCRIPT) {
      const char* type = attribute(node, "type");
      const GumboVector& children = node->v.element.children;
      if (type && lowercase(grid::trim(type)) == "application/ld+json" && children.length == 1) {
        const auto* text = static_cast<const GumboNode*>(children.data[0]);
        if (text->type == GUMBO_NODE_TEXT && std::strlen(text->v.text.text) <= kMaxJsonLd) {
          const nlohmann::json j = nlohmann::json::parse(text->v.text.text, nullptr, false);
          const std::string date = j.is_discarded() ? std::string() : json_ld_date(j);
          if (!date.empty() && date.size() <= kMaxContent) {
            document::MarkupValue m;
            m.name = "datePublished";
            m.content = grid::trim(date);
            m.element = "JSON-LD \"datePublished\": \"" + m.content + "\"";
            out.push_back(std::move(m));
          }
        }
      }
      continue;
    }
    const GumboVector& children = node->v.element.children;
    for (unsigned i = children.length; i-- > 0;)
      stack.push_back(static_cast<const GumboNode*>(children.data[i]));
  }
  return out;
}

// Content that is not shown as the page's text.
bool is_skipped(const GumboNode* node) {
  if (node->type == GUMBO_NODE_TEMPLATE) return true;
  switch (tag_of(node)) {
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_COLGROUP:
      return true;
    default:
      break;
  }
  if (!is_element(node)) return false;
  if (attribute(node, "hidden")) return true;
  if (const char* style = attribute(node, "style")) {
    std::string s;
    for (const char* c = style; *c; ++c)
      if (!is_space(*c)) s += lower(*c);
    if (s.find("display:none") != std::string::npos) return true;
  }
  return false;
}

// Elements that are blocks of their own: a paragraph ends before and after them.
bool is_block(const GumboNode* node) {
  switch (tag_of(node)) {
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DIR:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_LISTING:
    case GUMBO_TAG_XMP:
    case GUMBO_TAG_PLAINTEXT:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT:
      return true;
    default:
      return false;
  }
}

bool is_pre(const GumboNode* node) {
  const GumboTag t = tag_of(node);
  return t == GUMBO_TAG_PRE || t == GUMBO_TAG_LISTING || t == GUMBO_TAG_XMP ||
         t == GUMBO_TAG_PLAINTEXT;
}

// The text of one paragraph (or one line of a cell) as it is built: white space collapsed as a
// browser collapses it, no-break spaces kept.
class Line {
 public:
  void text(std::string_view s, bool pre, unsigned line) {
    for (char c : s) {
      if (pre) {
        if (c == '\r') continue;
        put(c, line);
      } else if (is_space(c)) {
        space_ = true;
      } else {
        if (space_ && !text_.empty() && text_.back() != '\n') text_ += ' ';
        space_ = false;
        put(c, line);
      }
    }
  }
  void line_break(unsigned line) {
    put('\n', line);
    space_ = false;
  }
  // The text, without the white space and line breaks around it; the Line is empty again.
  std::string take(unsigned* line = nullptr) {
    std::size_t b = 0, e = text_.size();
    while (b < e && is_space(text_[b]))
      ++b;
    while (e > b && is_space(text_[e - 1]))
      --e;
    std::string out = text_.substr(b, e - b);
    if (line) *line = line_;
    text_.clear();
    space_ = false;
    line_ = 0;
    return out;
  }

 private:
  void put(char c, unsigned line) {
    if (text_.empty() && line_ == 0) line_ = line;
    text_ += c;
  }
  std::string text_;
  bool space_ = false;
  unsigned line_ = 0;
};

class PageReader {
 public:
  PageReader(const std::string& path, std::size_t max_cells) : path_(path), max_cells_(max_cells) {}

  document::Document take() && { return std::move(out_); }
  void finish() { end_paragraph(); }

  // The content of `node` in reading order: paragraphs (or, inside a cell, lines) and tables.
  void flow(const GumboNode* node, int depth, bool pre = false) {
    if (depth > kMaxDepth)
      fail(kLimit, "html.limit_depth", path_, {{"limit", std::to_string(kMaxDepth)}},
           static_cast<int>(line_of(node)));
    const GumboVector* children =
        node->type == GUMBO_NODE_DOCUMENT ? &node->v.document.children : &node->v.element.children;
    for (unsigned i = 0; i < children->length; ++i) {
      const auto* child = static_cast<const GumboNode*>(children->data[i]);
      switch (child->type) {
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_WHITESPACE:
        case GUMBO_NODE_CDATA:
          line_.text(child->v.text.text, pre, child->v.text.start_pos.line);
          break;
        case GUMBO_NODE_ELEMENT:
        case GUMBO_NODE_TEMPLATE:
          element(child, depth + 1, pre);
          break;
        default:
          break;
      }
    }
  }

 private:
  static unsigned line_of(const GumboNode* node) {
    return node->type == GUMBO_NODE_ELEMENT ? node->v.element.start_pos.line : 0;
  }

  void element(const GumboNode* node, int depth, bool pre) {
    if (is_skipped(node)) return;
    const GumboTag tag = tag_of(node);
    if (tag == GUMBO_TAG_BR) {
      line_.line_break(node->v.element.start_pos.line);
      return;
    }
    if (tag == GUMBO_TAG_TABLE && !in_cell_) {
      end_paragraph();
      table(node, depth);
      return;
    }
    if (!is_block(node)) {
      flow(node, depth, pre);
      return;
    }
    end_paragraph();
    flow(node, depth, pre || is_pre(node));
    end_paragraph();
  }

  void end_paragraph() {
    unsigned line = 0;
    std::string text = line_.take(&line);
    if (text.empty()) return;
    if (in_cell_) {
      cell_lines_.push_back(std::move(text));
      return;
    }
    document::Block block;
    block.kind = document::Block::Kind::paragraph;
    block.text = std::move(text);
    block.source.file = path_;
    block.source.line = static_cast<int>(line);
    block.source.paragraph = ++paragraphs_;
    out_.end = block.source;
    out_.blocks.push_back(std::move(block));
  }

  static void children_with_tag(const GumboNode* node, GumboTag tag,
                                std::vector<const GumboNode*>& out) {
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      const auto* child = static_cast<const GumboNode*>(children.data[i]);
      if (tag_of(child) == tag) out.push_back(child);
    }
  }

  // The rows of a table, its row groups looked into; the cells of a row.
  static std::vector<const GumboNode*> rows_of(const GumboNode* table) {
    std::vector<const GumboNode*> rows;
    const GumboVector& children = table->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      const auto* child = static_cast<const GumboNode*>(children.data[i]);
      const GumboTag t = tag_of(child);
      if (t == GUMBO_TAG_TR)
        rows.push_back(child);
      else if (t == GUMBO_TAG_THEAD || t == GUMBO_TAG_TBODY || t == GUMBO_TAG_TFOOT)
        children_with_tag(child, GUMBO_TAG_TR, rows);
    }
    return rows;
  }

  static std::vector<const GumboNode*> cells_of(const GumboNode* row) {
    std::vector<const GumboNode*> cells;
    const GumboVector& children = row->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      const auto* child = static_cast<const GumboNode*>(children.data[i]);
      if (tag_of(child) == GUMBO_TAG_TD || tag_of(child) == GUMBO_TAG_TH) cells.push_back(child);
    }
    return cells;
  }

  // Whether a table holds another table (then it is page layout). The walk is as deep as the
  // page, which the nesting estimate and kMaxDepth bound.
  static bool holds_table(const GumboNode* table) {
    std::vector<const GumboNode*> todo = {table};
    while (!todo.empty()) {
      const GumboNode* node = todo.back();
      todo.pop_back();
      if (!is_element(node)) continue;
      const GumboVector& children = node->v.element.children;
      for (unsigned i = 0; i < children.length; ++i) {
        const auto* child = static_cast<const GumboNode*>(children.data[i]);
        if (tag_of(child) == GUMBO_TAG_TABLE) return true;
        todo.push_back(child);
      }
    }
    return false;
  }

  void table(const GumboNode* node, int depth) {
    const std::vector<const GumboNode*> rows = rows_of(node);
    std::vector<std::vector<const GumboNode*>> cells;
    std::size_t count = 0;
    for (const auto* row : rows) {
      cells.push_back(cells_of(row));
      count += cells.back().size();
    }
    // Page layout: its cells' content is the page's, in reading order.
    if (count <= 1 || holds_table(node)) {
      for (const auto& row : cells)
        for (const auto* cell : row) {
          flow(cell, depth + 1);
          end_paragraph();
        }
      return;
    }
    document::Block block;
    block.kind = document::Block::Kind::table;
    const std::string name = "表" + std::to_string(++tables_);
    block.table.name = name;
    block.source.file = path_;
    block.source.line = static_cast<int>(line_of(node));
    block.source.pointer = name;
    const int row_count = static_cast<int>(rows.size());
    if (row_count > kMaxTableRows)
      fail(kLimit, "html.limit_rows", path_,
           {{"table", name}, {"limit", std::to_string(kMaxTableRows)}}, block.source.line);
    // The HTML table model: a cell takes the first grid column of its row that no row-spanning
    // cell above still covers.
    std::vector<int> covered_until;  // per grid column: the first row not covered from above
    for (int r = 0; r < row_count; ++r) {
      int col = 0;
      for (const auto* td : cells[static_cast<std::size_t>(r)]) {
        while (col < static_cast<int>(covered_until.size()) &&
               covered_until[static_cast<std::size_t>(col)] > r)
          ++col;
        const int colspan = std::max(1, span_attribute(td, "colspan", 1, kMaxTableColumns));
        int rowspan = span_attribute(td, "rowspan", 1, kMaxTableRows);
        if (rowspan == 0) rowspan = row_count - r;  // to the end of the table
        rowspan = std::clamp(rowspan, 1, row_count - r);
        if (col + colspan > kMaxTableColumns)
          fail(kLimit, "html.limit_columns", path_,
               {{"table", name}, {"limit", std::to_string(kMaxTableColumns)}},
               static_cast<int>(line_of(td)));
        if (covered_until.size() < static_cast<std::size_t>(col + colspan))
          covered_until.resize(static_cast<std::size_t>(col + colspan), 0);
        for (int k = col; k < col + colspan; ++k)
          covered_until[static_cast<std::size_t>(k)] = r + rowspan;
        std::string text = cell_text(td, depth + 1);
        if (!text.empty()) {
          if (++cells_ > max_cells_)
            fail(kLimit, "html.limit_cells", path_, {{"limit", std::to_string(max_cells_)}},
                 static_cast<int>(line_of(td)));
          grid::GridCell& cell = block.table.put(r, col);
          cell.kind = grid::GridCell::Kind::text;
          cell.text = std::move(text);
          cell.source.file = path_;
          cell.source.line = static_cast<int>(line_of(td));
          cell.source.pointer = table_pointer::pointer(name, r, col);
        }
        if (rowspan > 1 || colspan > 1)
          block.table.add_merge({r, col, r + rowspan - 1, col + colspan - 1});
        col += colspan;
      }
    }
    block.table.index_merges();
    out_.end = block.source;
    out_.blocks.push_back(std::move(block));
  }

  // A cell's lines: its paragraphs and line breaks, whatever markup holds them.
  std::string cell_text(const GumboNode* td, int depth) {
    in_cell_ = true;
    cell_lines_.clear();
    flow(td, depth);
    end_paragraph();
    in_cell_ = false;
    std::string out;
    for (const auto& l : cell_lines_)
      out += (out.empty() ? "" : "\n") + l;
    return grid::trim(out);
  }

  const std::string& path_;
  std::size_t max_cells_;
  document::Document out_;
  Line line_;
  bool in_cell_ = false;
  std::vector<std::string> cell_lines_;
  int paragraphs_ = 0;
  int tables_ = 0;
  std::size_t cells_ = 0;
};

}  // namespace

void fail(const char* code, const std::string& message_id, const std::string& path,
          std::vector<MessageArg> args, int line) {
  Diagnostic d = input_diagnostic(kPluginId, code, Severity::error, message_id, path, line);
  d.args = std::move(args);
  d.arg("file", path);
  throw InputError(std::move(d));
}

DecodedPage decode_page(std::string_view bytes, const std::string& path) {
  DecodedPage page;
  const bool bom = bytes.starts_with("\xEF\xBB\xBF") || bytes.starts_with("\xFF\xFE") ||
                   bytes.starts_with("\xFE\xFF");
  const std::string declared = bom ? std::string() : declared_charset(bytes);
  // A declared charset rules, except over text that is valid UTF-8 beyond ASCII: a GBK page is
  // practically never that, while a site's template declaring gb2312 around a report pasted in
  // as UTF-8 happens.
  const bool utf8_beyond_ascii =
      is_valid_utf8(bytes) &&
      std::any_of(bytes.begin(), bytes.end(), [](char c) { return (c & 0x80) != 0; });
  if (const char* from = iconv_name(declared); from && !utf8_beyond_ascii) {
    std::size_t bad = 0;
    if (!grid::convert_to_utf8(bytes, from, page.text, bad))
      fail(kNotHtml, "html.bad_declared_encoding", path,
           {{"charset", declared}, {"offset", std::to_string(bad)}}, grid::line_at(bytes, bad));
    page.encoding = std::string(from) + " (" + declared + ")";
    return page;
  }
  // A byte order mark, UTF-8, else GB18030: also for a page that declares UTF-8 but is not (a
  // site's template says utf-8, the report pasted in is GBK).
  grid::DecodedText d = grid::decode_text(bytes);
  if (!d.ok)
    fail(kNotHtml, "html.bad_encoding", path,
         {{"tried", d.tried}, {"offset", std::to_string(d.bad_offset)}},
         grid::line_at(bytes, d.bad_offset));
  page.text = std::move(d.text);
  page.encoding = d.encoding;
  if (!declared.empty()) page.encoding += " (" + declared + ")";
  return page;
}

document::Document read_page(std::string_view bytes, const std::string& path,
                             std::size_t max_cells) {
  if (bytes.empty()) fail(kNotHtml, "html.empty", path);
  if (bytes.size() > kMaxPageBytes)
    fail(kLimit, "html.limit_size", path,
         {{"size", std::to_string(bytes.size())}, {"limit", std::to_string(kMaxPageBytes)}});
  const DecodedPage page = decode_page(bytes, path);
  // A NUL is in no page a browser shows: this is some other kind of file.
  if (const std::size_t nul = page.text.find('\0'); nul != std::string::npos)
    fail(kNotHtml, "html.binary", path, {{"offset", std::to_string(nul)}},
         grid::line_at(page.text, nul));
  const Nesting nesting = estimate_nesting(page.text);
  if (nesting.tags > kMaxTags)
    fail(kLimit, "html.limit_tags", path, {{"limit", std::to_string(kMaxTags)}});
  if (nesting.too_deep)
    fail(kLimit, "html.limit_depth", path, {{"limit", std::to_string(kMaxDepth)}},
         grid::line_at(page.text, nesting.offset));

  Arena arena;
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = &Arena::allocate;
  options.deallocator = &Arena::release;
  options.userdata = &arena;
  options.max_errors = 0;  // the page's errors are repaired, not reported
  GumboOutput* output = gumbo_parse_with_options(&options, page.text.data(), page.text.size());
  // The tree lives in the arena: never gumbo_destroy_output (it recurses), the arena frees all.
  PageReader reader(path, max_cells);
  reader.flow(output->document, 0);
  reader.finish();
  document::Document out = std::move(reader).take();
  out.region_code = head_meta(output->root, report_properties::kRegionCodeHtmlMeta);
  if (!out.region_code.empty())
    out.region_code_source = std::string("<meta name=\"") + report_properties::kRegionCodeHtmlMeta +
                             "\" content=\"" + out.region_code + "\">";
  out.markup = head_markup(output->root);
  for (document::MarkupValue& m : schema_org_markup(output->root))
    out.markup.push_back(std::move(m));
  return out;
}

}  // namespace nianbao::html_import
