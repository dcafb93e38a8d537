// The errors of the DOCX exporter: codes, message ids and the InputErrors that carry them.
#pragma once

#include <nianbao/diagnostic.h>

#include <string>

namespace nianbao::docx {

inline constexpr const char* kPluginId = NIANBAO_PLUGIN_ID;  // from nianbao_add_plugin

/// The reference document cannot be used: not a ZIP, damaged, not a Word document, bad XML.
inline constexpr const char* kBadReferenceCode = "DOCX-01";
/// The reference document is larger than the exporter reads (entries, sizes, XML depth).
inline constexpr const char* kReferenceTooLargeCode = "DOCX-02";
/// An exporter option the DOCX exporter does not have.
inline constexpr const char* kBadOptionCode = "DOCX-03";

inline constexpr const char* kMsgNotZip = "docx.reference_not_zip";
inline constexpr const char* kMsgMissingPart = "docx.reference_missing_part";
inline constexpr const char* kMsgBadPart = "docx.reference_bad_part";
inline constexpr const char* kMsgNotWordprocessing = "docx.reference_not_wordprocessingml";
inline constexpr const char* kMsgTooLarge = "docx.reference_too_large";
inline constexpr const char* kMsgTooManyEntries = "docx.reference_too_many_entries";
inline constexpr const char* kMsgTooLargeTotal = "docx.reference_too_large_total";
inline constexpr const char* kMsgTooCompressed = "docx.reference_too_compressed";
inline constexpr const char* kMsgUnsafeEntry = "docx.reference_unsafe_entry";
inline constexpr const char* kMsgSymlinkEntry = "docx.reference_symlink_entry";
inline constexpr const char* kMsgEncryptedEntry = "docx.reference_encrypted_entry";
inline constexpr const char* kMsgTooDeep = "docx.reference_too_deep";
inline constexpr const char* kMsgBadOption = "docx.bad_option";

/// An InputError about the reference document `file`, at the ZIP entry `entry` (may be empty).
[[noreturn]] inline void throw_reference_error(const char* code, const char* message_id,
                                               const std::string& file, const std::string& entry,
                                               const std::string& detail) {
  Diagnostic d;
  d.code = code;
  d.severity = Severity::error;
  d.message_id = message_id;
  d.arg("file", file).arg("entry", entry).arg("detail", detail);
  d.location.source.file = file;
  d.location.source.pointer = entry;
  d.plugin = kPluginId;
  throw InputError(std::move(d));
}

}  // namespace nianbao::docx
