#include "json_positions.h"

#include <algorithm>
#include <iterator>

namespace nianbao::json {
namespace {

// An input iterator over the text that records the offset of the last character the lexer read.
// At each SAX event that is the end of the token just scanned (or one character of lookahead),
// which lies on the token's line.
class TrackingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  TrackingIterator() = default;
  TrackingIterator(const char* p, const char* base, std::size_t* last)
      : p_(p), base_(base), last_(last) {}
  reference operator*() const {
    *last_ = static_cast<std::size_t>(p_ - base_);
    return *p_;
  }
  TrackingIterator& operator++() {
    ++p_;
    return *this;
  }
  TrackingIterator operator++(int) {
    auto copy = *this;
    ++p_;
    return copy;
  }
  bool operator==(const TrackingIterator& o) const { return p_ == o.p_; }
  bool operator!=(const TrackingIterator& o) const { return p_ != o.p_; }

 private:
  const char* p_ = nullptr;
  const char* base_ = nullptr;
  std::size_t* last_ = nullptr;
};

class Handler : public nlohmann::json_sax<Value> {
 public:
  // Without `last` (parse_without_positions), nothing about positions is recorded.
  Handler(Document& doc, std::string_view text, const std::size_t* last, const Limits& limits)
      : doc_(doc), last_(last), limits_(limits) {
    line_starts_.push_back(0);
    if (!last_) return;
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') line_starts_.push_back(i + 1);
  }

  bool null() override { return add(Value(nullptr)); }
  bool boolean(bool v) override { return add(Value(v)); }
  bool number_integer(number_integer_t v) override { return add(Value(v)); }
  bool number_unsigned(number_unsigned_t v) override { return add(Value(v)); }
  bool number_float(number_float_t v, const string_t&) override { return add(Value(v)); }
  bool string(string_t& v) override { return add(Value(std::move(v))); }
  bool binary(binary_t&) override { return fail("binary values are not JSON"); }

  bool start_object(std::size_t) override {
    if (!add(Value::object())) return false;
    return push();
  }
  bool key(string_t& k) override {
    Frame& f = stack_.back();
    if (f.value->contains(k)) return fail("duplicate key \"" + k + "\"");
    f.key = k;
    if (last_) f.key_line = current_line();
    return true;
  }
  bool end_object() override {
    stack_.pop_back();
    return true;
  }
  bool start_array(std::size_t) override {
    if (!add(Value::array())) return false;
    return push();
  }
  bool end_array() override {
    stack_.pop_back();
    return true;
  }
  bool parse_error(std::size_t, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    // nlohmann's message carries "at line L, column C"; keep it, and take L/C from our offsets.
    error_ = ex.what();
    const std::string prefix = "[json.exception.parse_error.101] ";
    if (error_.rfind(prefix, 0) == 0) error_ = error_.substr(prefix.size());
    if (last_) {
      error_line_ = current_line();
      error_character_ = current_character();
    }
    return false;
  }

  void throw_if_failed() const {
    if (!error_.empty()) throw SyntaxError(error_line_, error_character_, error_);
  }

 private:
  struct Frame {
    Value* value;
    std::string pointer;
    std::string key;
    int key_line = 0;
  };

  int current_line() const {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), *last_);
    return static_cast<int>(it - line_starts_.begin());
  }
  int current_character() const {
    auto line = static_cast<std::size_t>(current_line());
    return static_cast<int>(*last_ - line_starts_[line - 1] + 1);
  }

  bool fail(const std::string& message) {
    error_ = message;
    if (last_) {
      error_line_ = current_line();
      error_character_ = current_character();
    }
    return false;
  }

  bool add(Value v) {
    if (++count_ > limits_.max_values)
      return fail("more than " + std::to_string(limits_.max_values) + " values");
    if (stack_.empty()) {
      doc_.root = std::move(v);
      last_added_ = &doc_.root;
      last_pointer_.clear();
      if (last_) doc_.lines[""] = current_line();
      return true;
    }
    Frame& f = stack_.back();
    if (!last_) {
      if (f.value->is_object()) {
        last_added_ = &((*f.value)[f.key] = std::move(v));
      } else {
        f.value->push_back(std::move(v));
        last_added_ = &f.value->back();
      }
      return true;
    }
    if (f.value->is_object()) {
      last_pointer_ = pointer_append(f.pointer, f.key);
      last_added_ = &((*f.value)[f.key] = std::move(v));
      doc_.lines[last_pointer_] = f.key_line;
    } else {
      last_pointer_ = pointer_append(f.pointer, std::to_string(f.value->size()));
      f.value->push_back(std::move(v));
      last_added_ = &f.value->back();
      doc_.lines[last_pointer_] = current_line();
    }
    return true;
  }
  bool push() {
    if (static_cast<int>(stack_.size()) >= limits_.max_depth)
      return fail("nesting deeper than " + std::to_string(limits_.max_depth) + " levels");
    stack_.push_back(Frame{last_added_, last_pointer_, {}, 0});
    return true;
  }

  Document& doc_;
  const std::size_t* last_;
  Limits limits_;
  std::vector<std::size_t> line_starts_;
  std::vector<Frame> stack_;
  Value* last_added_ = nullptr;
  std::string last_pointer_;
  std::size_t count_ = 0;
  std::string error_;
  int error_line_ = 0;
  int error_character_ = 0;
};

}  // namespace

std::string pointer_append(const std::string& pointer, std::string_view key) {
  std::string out = pointer;
  out += '/';
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

Document parse(std::string_view text, const Limits& limits) {
  Document doc;
  std::size_t last = 0;
  Handler handler(doc, text, &last, limits);
  TrackingIterator first(text.data(), text.data(), &last);
  TrackingIterator end(text.data() + text.size(), text.data(), &last);
  bool ok = Value::sax_parse(first, end, &handler, nlohmann::detail::input_format_t::json, true);
  handler.throw_if_failed();
  if (!ok) throw SyntaxError(0, 0, "malformed JSON");
  return doc;
}

Document parse_without_positions(std::string_view text, const Limits& limits) {
  Document doc;
  Handler handler(doc, text, nullptr, limits);
  bool ok = Value::sax_parse(text.data(), text.data() + text.size(), &handler,
                             nlohmann::detail::input_format_t::json, true);
  handler.throw_if_failed();
  if (!ok) throw SyntaxError(0, 0, "malformed JSON");
  return doc;
}

}  // namespace nianbao::json
