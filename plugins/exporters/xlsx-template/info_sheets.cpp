#include "info_sheets.h"

#include "grid/template_labels.h"

namespace nianbao::xlsx_template {

std::string InfoSheetsWriter::metadata_value(std::string_view key) const {
  if (key == "format") return report_.format;
  if (key == "agency.name") return report_.agency.name;
  if (key == "agency.region_code") return report_.agency.region_code;
  if (key == "contact.phone") return report_.contact.phone;
  if (key == "contact.address") return report_.contact.address;
  if (key == "contact.postcode") return report_.contact.postcode;
  if (key == "agency.kind")
    for (const auto& k : grid::kAgencyKinds)
      if (k.kind == report_.agency.kind) return std::string(k.label);
  return {};
}

void InfoSheetsWriter::write_metadata() {
  std::string name = sheet_name(std::string(grid::kMetadataSheetName), used_names_);
  lxw_worksheet* ws = workbook_add_worksheet(wb_, name.c_str());
  if (!ws) cannot_write("add_worksheet " + name);
  worksheet_set_column(ws, 0, 0, 18, nullptr);
  worksheet_set_column(ws, 1, 1, 60, nullptr);
  merge(ws, 0, 0, 0, 1, format_.name + "（" + format_.basis + "）填报模板", styles_.title);
  worksheet_set_row(ws, 0, 30, nullptr);
  merge(ws, 1, 0, 1, 1,
        "各表按国办格式排列：黄色单元格填写，灰色单元格为合计；“正文”表每行一段。填好后用 "
        "nianbao check 文件.xlsx 检查。",
        styles_.note);
  worksheet_set_row(ws, 1, 32, nullptr);
  int r = 2;
  for (const auto& field : grid::kMetadataFields) {
    const auto row = static_cast<lxw_row_t>(r);
    check(worksheet_write_string(ws, row, 0, std::string(field.label).c_str(), styles_.meta_label),
          "write_string");
    lxw_data_validation v{};
    std::vector<std::string> choices;
    std::vector<char*> list;
    std::string message;
    if (field.key == "format") {
      check(worksheet_write_string(ws, row, 1, report_.format.c_str(), styles_.meta_fixed),
            "write_string");
    } else if (field.key == "year") {
      check(worksheet_write_number(ws, row, 1, report_.year, styles_.meta_value), "write_number");
      v.validate = LXW_VALIDATION_TYPE_INTEGER;
      v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
      v.minimum_number = format_.year_from;
      v.maximum_number = format_.year_to.value_or(2100);
      message = "统计年度（不是公开的年份）。";
    } else if (field.key == "published") {
      if (report_.published.size() == 10) {
        lxw_datetime dt{std::stoi(report_.published.substr(0, 4)),
                        std::stoi(report_.published.substr(5, 2)),
                        std::stoi(report_.published.substr(8, 2)),
                        0,
                        0,
                        0};
        check(worksheet_write_datetime(ws, row, 1, &dt, styles_.meta_date), "write_datetime");
      } else {
        check(worksheet_write_blank(ws, row, 1, styles_.meta_date), "write_blank");
      }
      v.validate = LXW_VALIDATION_TYPE_DATE;
      v.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN;
      v.value_datetime = {1990, 1, 1, 0, 0, 0};
      message = "报告公开的日期，如 2025-01-20。";
    } else if (field.key == "agency.kind") {
      for (const auto& k : grid::kAgencyKinds)
        choices.emplace_back(k.label);
      for (auto& c : choices)
        list.push_back(c.data());
      list.push_back(nullptr);
      v.validate = LXW_VALIDATION_TYPE_LIST;
      v.value_list = list.data();
      message = "从列表中选择。";
      std::string value = metadata_value(field.key);
      check(worksheet_write_string(ws, row, 1, value.c_str(), styles_.meta_value), "write_string");
    } else {
      std::string value = metadata_value(field.key);
      check(worksheet_write_string(ws, row, 1, value.c_str(), styles_.meta_value), "write_string");
    }
    if (v.validate) {
      std::string title = std::string(field.label);
      v.ignore_blank = LXW_VALIDATION_ON;
      v.show_error = LXW_VALIDATION_ON;
      v.show_input = LXW_VALIDATION_ON;
      v.input_title = title.data();
      v.input_message = message.data();
      v.error_title = title.data();
      v.error_message = message.data();
      check(worksheet_data_validation_cell(ws, row, 1, &v), "data_validation");
    }
    ++r;
  }
  lxw_protection protection{};
  protection.format_columns = 1;
  protection.format_rows = 1;
  worksheet_protect(ws, nullptr, &protection);
  worksheet_activate(ws);
  print_setup(ws, false);
}

void InfoSheetsWriter::write_prose() {
  std::string name = sheet_name(std::string(grid::kProseSheetName), used_names_);
  lxw_worksheet* ws = workbook_add_worksheet(wb_, name.c_str());
  if (!ws) cannot_write("add_worksheet " + name);
  worksheet_set_column(ws, 0, 0, 36, nullptr);
  worksheet_set_column(ws, 1, 1, 100, nullptr);
  check(worksheet_write_string(ws, 0, 0, std::string(grid::kProseSectionHeader).c_str(),
                               styles_.prose_head),
        "write_string");
  check(worksheet_write_string(ws, 0, 1, std::string(grid::kProseParagraphHeader).c_str(),
                               styles_.prose_head),
        "write_string");
  int r = 1;
  for (const auto& s : format_.sections) {
    const std::string heading = s.heading.empty() ? std::string(grid::kPreambleLabel) : s.heading;
    const Section* section = report_.find_section(s.key);
    std::vector<std::string> paragraphs;
    if (section)
      for (const auto& p : section->paragraphs)
        paragraphs.push_back(p.text);
    if (paragraphs.empty()) paragraphs.emplace_back();  // a row to write in
    for (const auto& p : paragraphs) {
      const auto row = static_cast<lxw_row_t>(r++);
      check(worksheet_write_string(ws, row, 0, heading.c_str(), styles_.prose_section),
            "write_string");
      if (p.empty())
        check(worksheet_write_blank(ws, row, 1, styles_.prose_text), "write_blank");
      else
        check(worksheet_write_string(ws, row, 1, p.c_str(), styles_.prose_text), "write_string");
    }
  }
  merge(ws, r + 1, 0, r + 1, 1,
        "每行一段：A 列写部分标题（同一部分可只在第一行写），B 列写段落。可插入行。", styles_.note);
  print_setup(ws, false);
}

}  // namespace nianbao::xlsx_template
