// The words of the fill-in template that are not part of a format definition: the metadata sheet
// and the prose sheet. The template writer (plugins/exporters/xlsx-template) prints them and the
// importers recognise them, so both include this one list.
#pragma once

#include <string_view>

namespace nianbao::grid {

inline constexpr std::string_view kMetadataSheetName = "基本信息";
inline constexpr std::string_view kProseSheetName = "正文";

/// One field of the metadata sheet: the report's key and the label printed beside it.
struct MetadataField {
  std::string_view key;
  std::string_view label;
};
inline constexpr MetadataField kMetadataFields[] = {
    {"format", "格式"},
    {"year", "报告年度"},
    {"agency.name", "机关名称"},
    {"agency.kind", "机关类型"},
    {"agency.region_code", "行政区划代码"},
    {"published", "公开日期"},
    {"contact.phone", "联系电话"},
    {"contact.address", "联系地址"},
    {"contact.postcode", "邮政编码"},
};

/// The kinds of agency (Agency::kind) and the words the template offers for them.
struct AgencyKindName {
  std::string_view kind;
  std::string_view label;
};
inline constexpr AgencyKindName kAgencyKinds[] = {
    {"government", "本级政府"},
    {"department", "政府部门"},
    {"township", "乡镇（街道）"},
    {"other", "其他"},
};

/// Column headers of the prose sheet: which part, and one paragraph per row.
inline constexpr std::string_view kProseSectionHeader = "部分";
inline constexpr std::string_view kProseParagraphHeader = "段落";
/// What the prose sheet calls the untitled opening part of a report.
inline constexpr std::string_view kPreambleLabel = "前言";

}  // namespace nianbao::grid
