// What a published report does not print but its file carries, so that nianbao's own DOCX and
// HTML exports import back losslessly: the exporters write these, the importers read them.
#pragma once

namespace nianbao::report_properties {

/// The administrative division code (行政区划代码) of the agency: a custom document property of
/// a DOCX (docProps/custom.xml, shown by Word under File → Properties → Custom), ...
inline constexpr const char* kRegionCodeDocxProperty = "行政区划代码";
/// ... and `<meta name="region-code" content="340600">` in the head of a web page.
inline constexpr const char* kRegionCodeHtmlMeta = "region-code";

}  // namespace nianbao::report_properties
