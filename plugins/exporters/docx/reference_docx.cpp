// Reading the reference document. It is user input like any other: every read is bounded, every
// part is checked before it is used, and anything wrong is reported as DOCX-01/DOCX-02 naming the
// file and the ZIP entry — never a crash, never a half-written report.
#include "reference_docx.h"

#include <nianbao/engine.h>

#include <algorithm>
#include <map>
#include <sstream>

#include "docx_errors.h"
#include "ooxml.h"
#include "zip/zip_reader.h"

namespace nianbao::docx {

namespace {

constexpr std::size_t kMaxFileBytes = 64u << 20;
// What the reference document's zip archive may hold (see zip::Limits for the rest). A part of a
// few MiB of repetitive XML compresses beyond 500:1 without being a bomb, and 32 MiB bounds it
// anyway: the ratio only counts from 4 MiB on.
constexpr zip::Limits kZipLimits{.max_entries = 10000,
                                 .max_entry_bytes = 32u << 20,
                                 .max_total_bytes = 128u << 20,
                                 .max_ratio = 500,
                                 .ratio_floor_bytes = 4u << 20};
constexpr std::size_t kMaxCopiedBytes = 64u << 20;
constexpr int kMaxXmlDepth = 512;

constexpr const char* kHeaderType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml";
constexpr const char* kFooterType =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml";
constexpr const char* kRelationshipsType =
    "application/vnd.openxmlformats-package.relationships+xml";

struct Relationship {
  std::string id;
  std::string type;
  std::string target;
  bool external = false;
};

bool has_type(const Relationship& rel, std::string_view suffix) {
  return std::string_view(rel.type).ends_with(suffix);
}

std::string lowercase(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

std::string extension_of(std::string_view part) {
  const auto slash = part.rfind('/');
  const auto dot = part.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return {};
  return lowercase(std::string(part.substr(dot + 1)));
}

int line_of(std::string_view data, std::ptrdiff_t offset) {
  const auto end = static_cast<std::size_t>(
      std::clamp<std::ptrdiff_t>(offset, 0, static_cast<std::ptrdiff_t>(data.size())));
  return 1 + static_cast<int>(std::count(data.begin(), data.begin() + end, '\n'));
}

class Package {
 public:
  Package(const std::string& file, const std::string& bytes)
      : file_(file), zip_(bytes, kZipLimits, [this](const zip::Problem& p) { fail(p); }) {}

  const std::string& file() const { return file_; }

  std::optional<std::string> read(const std::string& name) const { return zip_.read(name); }

  std::string require(const std::string& name, const std::string& why) const {
    auto data = read(name);
    if (!data) throw_reference_error(kBadReferenceCode, kMsgMissingPart, file_, name, why);
    return std::move(*data);
  }

  // Parses a part, refusing malformed XML and documents nested deeper than we walk.
  void parse(pugi::xml_document& doc, const std::string& name, const std::string& data) const {
    const pugi::xml_parse_result result =
        doc.load_buffer(data.data(), data.size(), pugi::parse_default, pugi::encoding_auto);
    if (!result) {
      const std::string place = name + ":" + std::to_string(line_of(data, result.offset));
      throw_reference_error(kBadReferenceCode, kMsgBadPart, file_, place, result.description());
    }
    if (max_depth(doc) > kMaxXmlDepth)
      throw_reference_error(kReferenceTooLargeCode, kMsgTooDeep, file_, name,
                            std::to_string(kMaxXmlDepth));
  }

  // The relationships of a part ("" for the package), empty when it has none.
  std::vector<Relationship> relationships(const std::string& part, std::string* rels_name = nullptr,
                                          pugi::xml_document* rels_doc = nullptr) const {
    const std::string name = rels_part_for(part);
    if (rels_name) *rels_name = name;
    std::vector<Relationship> out;
    auto data = read(name);
    if (!data) return out;
    pugi::xml_document local;
    pugi::xml_document& doc = rels_doc ? *rels_doc : local;
    parse(doc, name, *data);
    for (pugi::xml_node n : doc.document_element().children()) {
      if (local_name(n.name()) != "Relationship") continue;
      Relationship rel;
      rel.id = n.attribute("Id").value();
      rel.type = n.attribute("Type").value();
      rel.target = n.attribute("Target").value();
      rel.external = std::string_view(n.attribute("TargetMode").value()) == "External";
      out.push_back(std::move(rel));
    }
    return out;
  }

 private:
  [[noreturn]] void fail(const zip::Problem& problem) const {
    using Kind = zip::Problem::Kind;
    const std::string& entry = problem.entry;
    switch (problem.kind) {
      case Kind::not_a_zip:
        throw_reference_error(kBadReferenceCode, kMsgNotZip, file_, entry, problem.detail);
      case Kind::damaged:
        throw_reference_error(kBadReferenceCode, kMsgBadPart, file_, entry, problem.detail);
      case Kind::unsafe_name:
        throw_reference_error(kBadReferenceCode, kMsgUnsafeEntry, file_, entry, {});
      case Kind::symlink:
        throw_reference_error(kBadReferenceCode, kMsgSymlinkEntry, file_, entry, {});
      case Kind::encrypted:
        throw_reference_error(kBadReferenceCode, kMsgEncryptedEntry, file_, entry, {});
      case Kind::too_many_entries:
        throw_reference_error(kReferenceTooLargeCode, kMsgTooManyEntries, file_, {},
                              std::to_string(problem.limit));
      case Kind::total_too_large:
        throw_reference_error(kReferenceTooLargeCode, kMsgTooLargeTotal, file_, entry,
                              std::to_string(problem.limit));
      case Kind::ratio_too_high:
        throw_reference_error(kReferenceTooLargeCode, kMsgTooCompressed, file_, entry,
                              std::to_string(problem.limit));
      case Kind::entry_too_large:
      case Kind::lying_size:
        break;
    }
    // Declared beyond the limit, or inflating beyond what it declared (which is within it).
    throw_reference_error(
        kReferenceTooLargeCode, kMsgTooLarge, file_, entry,
        std::to_string(problem.kind == Kind::lying_size ? problem.actual : problem.limit));
  }

  std::string file_;
  // Reading counts the bytes read (for the total limit); the package as its users see it does
  // not change.
  mutable zip::Reader zip_;
};

// [Content_Types].xml: the type of each part, by name or by extension.
struct ContentTypes {
  std::map<std::string, std::string> by_extension;  // lowercase extension → type
  std::map<std::string, std::string> by_part;       // lowercase part name (no '/') → type

  void load(const pugi::xml_document& doc) {
    for (pugi::xml_node n : doc.document_element().children()) {
      const std::string_view kind = local_name(n.name());
      if (kind == "Default")
        by_extension[lowercase(n.attribute("Extension").value())] =
            n.attribute("ContentType").value();
      else if (kind == "Override")
        by_part[lowercase(resolve_target("", n.attribute("PartName").value()))] =
            n.attribute("ContentType").value();
    }
  }
};

// Copies the headers and footers of the page setup, with the pictures and links they use,
// under names of our own so they cannot clash with the output's parts.
class HeaderFooterCopier {
 public:
  HeaderFooterCopier(const Package& package, const ContentTypes& types, ReferenceDocument& out)
      : package_(package), types_(types), out_(out) {}

  std::string copy(const std::string& source, bool footer) {
    if (auto it = copied_.find(source); it != copied_.end()) return it->second;
    std::string data = package_.require(source, footer ? "footer" : "header");
    pugi::xml_document doc;
    package_.parse(doc, source, data);
    const std::string_view root = local_name(doc.document_element().name());
    if (root != (footer ? "ftr" : "hdr"))
      throw_reference_error(kBadReferenceCode, kMsgNotWordprocessing, package_.file(), source,
                            std::string(root));
    const int number = footer ? ++footers_ : ++headers_;
    const std::string name =
        std::string("word/") + (footer ? "footer" : "header") + std::to_string(number) + ".xml";
    copied_[source] = name;
    add_part(name, footer ? kFooterType : kHeaderType, std::move(data));

    std::string rels_name;
    pugi::xml_document rels;
    const auto relationships = package_.relationships(source, &rels_name, &rels);
    if (relationships.empty()) return name;
    for (pugi::xml_node n : rels.document_element().children()) {
      if (local_name(n.name()) != "Relationship") continue;
      if (std::string_view(n.attribute("TargetMode").value()) == "External") continue;
      const std::string target = resolve_target(source, n.attribute("Target").value());
      if (target.empty())
        throw_reference_error(kBadReferenceCode, kMsgMissingPart, package_.file(), rels_name,
                              n.attribute("Target").value());
      n.attribute("Target").set_value(relative_to_word(copy_resource(target)).c_str());
    }
    add_part(rels_part_for(name), kRelationshipsType, to_xml(rels));
    return name;
  }

 private:
  // A picture (or other part) a header uses, copied once under word/media/.
  std::string copy_resource(const std::string& source) {
    if (auto it = copied_.find(source); it != copied_.end()) return it->second;
    std::string data = package_.require(source, "header/footer resource");
    const std::string extension = extension_of(source);
    const std::string name = "word/media/reference" + std::to_string(++resources_) +
                             (extension.empty() ? "" : "." + extension);
    copied_[source] = name;
    CopiedPart part;
    part.name = name;
    part.data = std::move(data);
    if (auto it = types_.by_part.find(lowercase(source)); it != types_.by_part.end()) {
      part.content_type = it->second;
    } else if (auto ext = types_.by_extension.find(extension);
               ext != types_.by_extension.end() && !extension.empty()) {
      part.extension = extension;
      part.default_type = ext->second;
    } else {
      part.content_type = "application/octet-stream";
    }
    count(part.data.size(), source);
    out_.parts.push_back(std::move(part));
    return name;
  }

  static std::string relative_to_word(const std::string& name) {
    return name.starts_with("word/") ? name.substr(5) : "/" + name;
  }

  void add_part(const std::string& name, const char* type, std::string data) {
    count(data.size(), name);
    out_.parts.push_back({name, type, {}, {}, std::move(data)});
  }

  void count(std::size_t bytes, const std::string& entry) {
    copied_bytes_ += bytes;
    if (copied_bytes_ > kMaxCopiedBytes)
      throw_reference_error(kReferenceTooLargeCode, kMsgTooLarge, package_.file(), entry,
                            std::to_string(kMaxCopiedBytes));
  }

  const Package& package_;
  const ContentTypes& types_;
  ReferenceDocument& out_;
  std::map<std::string, std::string> copied_;
  int headers_ = 0;
  int footers_ = 0;
  int resources_ = 0;
  std::size_t copied_bytes_ = 0;
};

// Reads a part a relationship of the main document points at, checked as XML.
std::optional<std::string> related_part(const Package& package, const std::string& main,
                                        const std::vector<Relationship>& rels,
                                        std::string_view type_suffix, pugi::xml_document* doc) {
  for (const auto& rel : rels) {
    if (!has_type(rel, type_suffix) || rel.external) continue;
    const std::string name = resolve_target(main, rel.target);
    std::string data = package.require(name.empty() ? rel.target : name,
                                       std::string(type_suffix.substr(1)) + " relationship");
    pugi::xml_document local;
    package.parse(doc ? *doc : local, name, data);
    return data;
  }
  return std::nullopt;
}

bool is_on(pugi::xml_node element, const std::string& w) {
  const std::string_view value = element.attribute(qualify(w, "val").c_str()).value();
  return value.empty() || (value != "0" && value != "false" && value != "off");
}

}  // namespace

ReferenceDocument read_reference_docx(const std::string& path) {
  return read_reference_docx_bytes(path, nianbao::read_file(path, kMaxFileBytes));
}

ReferenceDocument read_reference_docx_bytes(const std::string& path, const std::string& bytes) {
  ReferenceDocument ref;
  ref.file = path;
  const Package package(path, bytes);

  ContentTypes types;
  {
    pugi::xml_document doc;
    const std::string name = "[Content_Types].xml";
    package.parse(doc, name, package.require(name, "OPC content types"));
    types.load(doc);
  }

  std::string main;
  for (const auto& rel : package.relationships("")) {
    if (has_type(rel, "/officeDocument") && !rel.external) main = resolve_target("", rel.target);
  }
  if (main.empty())
    throw_reference_error(kBadReferenceCode, kMsgMissingPart, path, "_rels/.rels",
                          "officeDocument relationship");

  pugi::xml_document document;
  package.parse(document, main, package.require(main, "main document"));
  const pugi::xml_node root = document.document_element();
  std::string w;
  if (!prefix_for(root, kWordNs, w) || local_name(root.name()) != "document")
    throw_reference_error(kBadReferenceCode, kMsgNotWordprocessing, path, main, root.name());
  std::string r;
  const bool has_r = prefix_for(root, kRelNs, r);

  const auto rels = package.relationships(main);
  pugi::xml_document styles;
  ref.styles = related_part(package, main, rels, "/styles", &styles);
  if (ref.styles) {
    std::string sw;
    if (!prefix_for(styles.document_element(), kWordNs, sw) ||
        local_name(styles.document_element().name()) != "styles")
      throw_reference_error(kBadReferenceCode, kMsgNotWordprocessing, path, "styles",
                            styles.document_element().name());
  }
  ref.font_table = related_part(package, main, rels, "/fontTable", nullptr);
  ref.theme = related_part(package, main, rels, "/theme", nullptr);
  ref.numbering = related_part(package, main, rels, "/numbering", nullptr);
  pugi::xml_document settings;
  if (related_part(package, main, rels, "/settings", &settings)) {
    std::string sw;
    if (prefix_for(settings.document_element(), kWordNs, sw)) {
      const pugi::xml_node even =
          settings.document_element().child(qualify(sw, "evenAndOddHeaders").c_str());
      ref.even_and_odd_headers = even && is_on(even, sw);
    }
  }

  // The page setup is the body's last child w:sectPr.
  pugi::xml_node section;
  for (pugi::xml_node n : root.child(qualify(w, "body").c_str()).children())
    if (n.type() == pugi::node_element) section = n;
  if (!section || std::string_view(section.name()) != qualify(w, "sectPr")) return ref;

  HeaderFooterCopier copier(package, types, ref);
  for (pugi::xml_node n : section.children()) {
    const std::string_view kind = n.name();
    const bool header = kind == qualify(w, "headerReference");
    const bool footer = kind == qualify(w, "footerReference");
    if ((!header && !footer) || !has_r) continue;
    const std::string id = n.attribute(qualify(r, "id").c_str()).value();
    const auto rel =
        std::find_if(rels.begin(), rels.end(), [&](const Relationship& x) { return x.id == id; });
    if (rel == rels.end() || rel->external)
      throw_reference_error(kBadReferenceCode, kMsgMissingPart, path, rels_part_for(main),
                            "relationship " + id);
    const std::string type = n.attribute(qualify(w, "type").c_str()).value();
    ref.headers_footers.push_back({footer, type.empty() ? std::string("default") : type,
                                   copier.copy(resolve_target(main, rel->target), footer)});
  }

  // Keep the page setup in our own prefix, without what points at parts we do not copy.
  pugi::xml_document copy;
  pugi::xml_node sect = copy.append_copy(section);
  rename_prefix(sect, w, "w");
  std::vector<pugi::xml_node> drop;
  for (pugi::xml_node n : sect.children()) {
    const std::string_view name = n.name();
    if (name == "w:headerReference" || name == "w:footerReference" || name == "w:printerSettings")
      drop.push_back(n);
  }
  for (pugi::xml_node n : drop)
    sect.remove_child(n);
  keep_only_prefix(sect, "w");
  std::ostringstream text;
  sect.print(text, "", pugi::format_raw);
  ref.section_properties = text.str();
  return ref;
}

}  // namespace nianbao::docx
