// libxml2 used defensively: the document is parsed from memory with no network access, no DTD
// loading, no entity substitution and libxml2's default limits (depth, text size), and any
// DOCTYPE stops the parser before its internal subset is read — so neither a billion-laughs
// expansion nor an external entity (XXE) can happen. Errors are collected per call through the
// parser's own handler, never through libxml2's global error state.
#include "secure_xml.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlschemastypes.h>

#include <algorithm>
#include <memory>
#include <regex>
#include <stdexcept>
#include <vector>

namespace nianbao::platform_xml {
namespace {

struct Collected {
  std::vector<Problem> problems;
  bool doctype = false;
};

std::string trim_trailing_space(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\r'))
    text.pop_back();
  return text;
}

// libxml2 names every element with its namespace ({urn:nianbao:report:1}row) and lists every
// allowed value of an enumeration (eighty row keys); neither helps a reader find the mistake.
std::string readable(std::string message) {
  message = trim_trailing_space(std::move(message));
  const std::string qualified = "{" + std::string(kNamespace) + "}";
  for (auto at = message.find(qualified); at != std::string::npos; at = message.find(qualified))
    message.erase(at, qualified.size());
  static const std::regex kEnumerationSet(R"(is not an element of the set \{[^}]*\})");
  message = std::regex_replace(message, kEnumerationSet,
                               "is not one of the values the schema allows here");
  return message;
}

bool is_follow_on(const std::string& message) {
  // Reported by libxml2's identity-constraint code after an attribute already failed its type.
  return message.find("No precomputed value available") != std::string::npos;
}

void record(Collected& into, Problem::Kind kind, const xmlError* error) {
  if (!error || error->level == XML_ERR_WARNING) return;
  std::string text = error->message ? error->message : "unknown error";
  if (is_follow_on(text)) return;
  if (!into.problems.empty() && into.problems.front().kind == kind) {
    ++into.problems.front().further;
    return;
  }
  Problem p;
  p.kind = kind;
  p.line = error->line;
  p.column = error->int2;  // the column, for parser errors
  p.detail = readable(text);
  into.problems.push_back(std::move(p));
}

void on_parser_error(void* user, xmlErrorPtr error) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(user);
  auto* into = static_cast<Collected*>(ctxt->_private);
  // After a DOCTYPE the parser is stopped on purpose; what it says then is noise.
  if (into->doctype) return;
  record(*into, Problem::Kind::syntax, error);
}

// Called for `<!DOCTYPE name …` before anything between its brackets is read: the document is
// refused there, so no entity or DTD declaration is ever parsed, let alone expanded or loaded.
void on_doctype(void* user, const xmlChar*, const xmlChar*, const xmlChar*) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(user);
  auto* into = static_cast<Collected*>(ctxt->_private);
  into->doctype = true;
  Problem p;
  p.kind = Problem::Kind::forbidden;
  p.line = ctxt->input ? ctxt->input->line : 0;
  p.detail = "a DOCTYPE declaration";
  into->problems.insert(into->problems.begin(), std::move(p));
  xmlStopParser(ctxt);
}

void on_schema_error(void* user, xmlErrorPtr error) {
  record(*static_cast<Collected*>(user), Problem::Kind::schema, error);
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& ch : out)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return out;
}

// The encoding a document announces, from a byte-order mark or its XML declaration. The format is
// UTF-8; anything else is refused before parsing (the reader after libxml2, pugixml, reads bytes
// as UTF-8 and must see the same text).
// The value of encoding="…" in an XML declaration: the first `encoding`, white space, `=`, white
// space and a quoted value (ended by either quote). Read by hand: std::regex recurses once per
// character and overflows the stack on a long unterminated value (found by fuzzing).
std::optional<std::string_view> declared_encoding(std::string_view declaration) {
  constexpr std::string_view kName = "encoding";
  auto skip_space = [&](std::size_t p) {
    while (p < declaration.size() &&
           std::string_view(" \t\r\n").find(declaration[p]) != std::string_view::npos)
      ++p;
    return p;
  };
  for (std::size_t at = declaration.find(kName); at != std::string_view::npos;
       at = declaration.find(kName, at + 1)) {
    std::size_t p = skip_space(at + kName.size());
    if (p >= declaration.size() || declaration[p] != '=') continue;
    p = skip_space(p + 1);
    if (p >= declaration.size() || (declaration[p] != '"' && declaration[p] != '\'')) continue;
    const std::size_t end = declaration.find_first_of("\"'", p + 1);
    if (end != std::string_view::npos) return declaration.substr(p + 1, end - p - 1);
  }
  return std::nullopt;
}

std::optional<Problem> check_encoding(std::string_view document) {
  auto refuse = [](std::string what) {
    Problem p;
    p.kind = Problem::Kind::encoding;
    p.line = 1;
    p.detail = std::move(what);
    return p;
  };
  if (document.starts_with("\xFE\xFF") || document.starts_with("\xFF\xFE"))
    return refuse("UTF-16 (byte-order mark)");
  if (document.find('\0') != std::string_view::npos)
    return refuse("a NUL byte (UTF-16 or UTF-32?)");
  if (document.starts_with("\xEF\xBB\xBF")) document.remove_prefix(3);
  if (!document.starts_with("<?xml")) return std::nullopt;
  const std::optional<std::string_view> encoding =
      declared_encoding(document.substr(0, document.find("?>")));
  if (!encoding || lower_ascii(std::string(*encoding)) == "utf-8") return std::nullopt;
  return refuse("encoding=\"" + std::string(*encoding) + "\"");
}

struct DocFree {
  void operator()(xmlDocPtr d) const { xmlFreeDoc(d); }
};
struct ParserFree {
  void operator()(xmlParserCtxtPtr c) const { xmlFreeParserCtxt(c); }
};
struct SchemaParserFree {
  void operator()(xmlSchemaParserCtxtPtr c) const { xmlSchemaFreeParserCtxt(c); }
};
struct SchemaFree {
  void operator()(xmlSchemaPtr s) const { xmlSchemaFree(s); }
};
struct ValidatorFree {
  void operator()(xmlSchemaValidCtxtPtr c) const { xmlSchemaFreeValidCtxt(c); }
};

// Never XML_PARSE_NOENT (substitute entities), XML_PARSE_DTDLOAD, XML_PARSE_DTDATTR,
// XML_PARSE_DTDVALID, XML_PARSE_XINCLUDE or XML_PARSE_HUGE (lifts the depth and size limits).
constexpr int kParseOptions = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOWARNING;

}  // namespace

void init_libxml2() {
  xmlInitParser();
  // libxml2 2.9 builds its table of XSD types lazily, on the first schema parsed, without a lock;
  // building it here, once, keeps concurrent imports and exports from racing on it.
  xmlSchemaInitTypes();
}

std::optional<Problem> check_document(std::string_view document, std::string_view xsd,
                                      std::size_t max_bytes) {
  if (document.size() > max_bytes) {
    Problem p;
    p.kind = Problem::Kind::too_large;
    p.detail = std::to_string(document.size());
    return p;
  }
  if (auto p = check_encoding(document)) return p;

  Collected collected;
  std::unique_ptr<xmlParserCtxt, ParserFree> parser(xmlNewParserCtxt());
  if (!parser) throw std::bad_alloc();
  parser->_private = &collected;
  parser->sax->serror = on_parser_error;
  parser->sax->internalSubset = on_doctype;
  std::unique_ptr<xmlDoc, DocFree> doc(xmlCtxtReadMemory(parser.get(), document.data(),
                                                         static_cast<int>(document.size()), nullptr,
                                                         "UTF-8", kParseOptions));
  if (collected.doctype || (doc && (doc->intSubset || doc->extSubset))) {
    if (!collected.doctype) {
      Problem p;
      p.kind = Problem::Kind::forbidden;
      p.detail = "a DOCTYPE declaration";
      return p;
    }
    return collected.problems.front();
  }
  if (!collected.problems.empty()) return collected.problems.front();
  if (!doc || !parser->wellFormed) {
    Problem p;
    p.detail = "the document could not be parsed";
    return p;
  }

  xmlNodePtr root = xmlDocGetRootElement(doc.get());
  std::string ns = root && root->ns && root->ns->href
                       ? reinterpret_cast<const char*>(root->ns->href)
                       : std::string();
  std::string name = root ? reinterpret_cast<const char*>(root->name) : std::string();
  if (ns != kNamespace || name != "report") {
    Problem p;
    p.kind = Problem::Kind::root;
    p.line = root ? static_cast<int>(xmlGetLineNo(root)) : 0;
    p.detail = (ns.empty() ? "" : "{" + ns + "}") + name;
    return p;
  }

  std::unique_ptr<xmlSchemaParserCtxt, SchemaParserFree> schema_parser(
      xmlSchemaNewMemParserCtxt(xsd.data(), static_cast<int>(xsd.size())));
  if (!schema_parser) throw std::bad_alloc();
  Collected schema_errors;
  xmlSchemaSetParserStructuredErrors(schema_parser.get(), on_schema_error, &schema_errors);
  std::unique_ptr<xmlSchema, SchemaFree> schema(xmlSchemaParse(schema_parser.get()));
  if (!schema)
    throw std::runtime_error("the built-in schema " + std::string(kSchemaFile) +
                             " does not parse: " +
                             (schema_errors.problems.empty() ? std::string("unknown error")
                                                             : schema_errors.problems[0].detail));
  std::unique_ptr<xmlSchemaValidCtxt, ValidatorFree> validator(xmlSchemaNewValidCtxt(schema.get()));
  if (!validator) throw std::bad_alloc();
  xmlSchemaSetValidStructuredErrors(validator.get(), on_schema_error, &collected);
  int rc = xmlSchemaValidateDoc(validator.get(), doc.get());
  if (!collected.problems.empty()) return collected.problems.front();
  if (rc != 0) {
    Problem p;
    p.kind = Problem::Kind::schema;
    p.detail = "the schema validator failed (" + std::to_string(rc) + ")";
    return p;
  }
  return std::nullopt;
}

}  // namespace nianbao::platform_xml
