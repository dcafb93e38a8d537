#!/usr/bin/env python3
"""Makes report.xlsx: the tables of the 淮北市人民政府办公室 2020 report (report.json) typed into a
spreadsheet the way an office does it by hand — in the layout of the published report, not in
nianbao's template: caption rows "第二十条第（一）项", header rows, merged cells, labels as printed
(tests/data/corpus/huaibei-office-2020.txt), numbers partly stored as text with the no-break
spaces the Word tables carried, a header broken over two lines. Table 二 is on one sheet; tables
三 and 四 share another, one below the other. The prose of report.json is on a sheet "正文" (part
heading | paragraph, one paragraph a row) and the agency and contact on "基本信息", as in
nianbao's fill-in template, so that the workbook is the whole report: `nianbao check` gives the
same findings for it as for report.json (tests/spreadsheet/example_xlsx.py checks this).

`nianbao convert report.xlsx -o out.json` gives the tables of report.json (tests/spreadsheet
checks this). Run with Debian's python3-openpyxl:  python3 make_report_xlsx.py [output.xlsx]
"""
import datetime
import json
import os
import sys

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

NBSP = "\u00a0"
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")


def put(ws, row, col, value, merge_to=None, bold=False, center=False):
    """Writes a cell (1-based), boxed; merge_to=(last_row, last_col) merges it over a range."""
    cell = ws.cell(row=row, column=col, value=value)
    last_row, last_col = merge_to or (row, col)
    for r in range(row, last_row + 1):
        for c in range(col, last_col + 1):
            ws.cell(row=r, column=c).border = BOX
    cell.alignment = CENTER if center else WRAP
    if bold:
        cell.font = Font(bold=True)
    if merge_to:
        ws.merge_cells(start_row=row, start_column=col, end_row=last_row, end_column=last_col)
    return cell


def title(ws, row, text, width):
    cell = ws.cell(row=row, column=1, value=text)
    cell.font = Font(bold=True, size=13)
    cell.alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def table_two(ws, top):
    """Table 二 (gov-2019): five items, each a caption row, a header row and its rows."""
    items = [
        ("第二十条第（一）项", ["本年新\n制作数量", "本年新\n公开数量", "对外公开总数量"],
         [("规章", [0, 0, 2]), ("规范性文件", [35, 35, 405])]),
        ("第二十条第（五）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
         [("行政许可", [0, 0, 0]), ("其他对外管理服务事项", [2, 0, 0])]),
        ("第二十条第（六）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
         [("行政处罚", [0, 0, 0]), ("行政强制", [0, 0, 0])]),
        ("第二十条第（八）项", ["上一年项目数量", "本年增/减"],
         [("行政事业性收费", [0, 0])]),
        ("第二十条第（九）项", ["采购项目数量", "采购总金额"],
         [("政府集中采购", [5, 299.8])]),
    ]
    r = top
    for caption, headers, rows in items:
        put(ws, r, 1, caption, merge_to=(r, 4), bold=True)
        r += 1
        put(ws, r, 1, "信息内容", center=True)
        for j, h in enumerate(headers):
            # As in the Word table, the last header of a narrower item spans the rest of the line.
            last = 4 if j == len(headers) - 1 else 2 + j
            put(ws, r, 2 + j, h, merge_to=(r, last) if last > 2 + j else None, center=True)
        r += 1
        for label, values in rows:
            put(ws, r, 1, label)
            for j, v in enumerate(values):
                last = 4 if j == len(values) - 1 else 2 + j
                put(ws, r, 2 + j, v, merge_to=(r, last) if last > 2 + j else None)
            r += 1
    return r


# Table 三 as printed: (group, subgroup, label, the seven numbers). The outcome rows carry their
# numbers as text with no-break spaces, as they came out of the Word file.
def t(*cells):
    return list(cells)


TABLE_THREE = [
    (None, None, "一、本年新收政府信息公开申请数量", [36, 0, 0, 0, 0, 0, 36]),
    (None, None, "二、上年结转政府信息公开申请数量", [0, 0, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", None, "（一）予以公开", [10, 0, 0, 0, 0, 0, 10]),
    ("三、本年度办理结果", None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
     [1, 0, 0, 0, 0, 0, 1]),
    ("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密",
     t(NBSP + "0", NBSP + "0", NBSP + "0", "0" + NBSP, "0", NBSP + "0", "0" + NBSP)),
    ("三、本年度办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开",
     t(NBSP + "0", NBSP + "0", NBSP + "0", "0" + NBSP, NBSP + "0", NBSP + "0", "0" + NBSP)),
    ("三、本年度办理结果", "（三）不予公开", "3.危及“三安全一稳定”",
     t(NBSP + "0", NBSP + "0", NBSP + "0", "0" + NBSP, NBSP + "0", "0" + NBSP, "0" + NBSP)),
    ("三、本年度办理结果", "（三）不予公开", "4.保护第三方合法权益", [0, 0, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", "（三）不予公开", "5.属于三类内部事务信息", [0, 0, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", "（三）不予公开", "6.属于四类过程性信息", [0, 0, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", "（三）不予公开", "7.属于行政执法案卷", [0, 0, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", "（三）不予公开", "8.属于行政查询事项", [0, 0, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息",
     t(NBSP + "24", NBSP + "0", "0" + NBSP, NBSP + "0", "0" + NBSP, NBSP + "0", "24")),
    ("三、本年度办理结果", "（四）无法提供", "2.没有现成信息需要另行制作", [0, 0, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", "（四）无法提供", "3.补正后申请内容仍不明确", [0, 0, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", "（五）不予处理", "1.信访举报投诉类申请", [0, 0, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", "（五）不予处理", "2.重复申请", [0, 0, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", "（五）不予处理", "3.要求提供公开出版物", [0, 0, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", "（五）不予处理", "4.无正当理由大量反复申请", [0, 0, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息",
     [0, 0, 0, 0, 0, 0, 0]),
    ("三、本年度办理结果", None, "（六）其他处理",
     t(NBSP + "1", NBSP + "0", "0" + NBSP, NBSP + "0", "0" + NBSP, "0" + NBSP, "1" + NBSP)),
    ("三、本年度办理结果", None, "（七）总计", [36, 0, 0, 0, 0, 0, 36]),
    (None, None, "四、结转下年度继续办理", [0, 0, 0, 0, 0, 0, 0]),
]


def runs(values):
    """(start, end, value) of the runs of equal consecutive values (None runs skipped)."""
    out, start = [], 0
    for i in range(1, len(values) + 1):
        if i == len(values) or values[i] != values[start]:
            if values[start] is not None:
                out.append((start, i - 1, values[start]))
            start = i
    return out


def table_three(ws, top):
    put(ws, top, 1, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        merge_to=(top + 2, 3), center=True)
    put(ws, top, 4, "申请人情况", merge_to=(top, 10), center=True)
    put(ws, top + 1, 4, "自然人", merge_to=(top + 2, 4), center=True)
    put(ws, top + 1, 5, "法人或其他组织", merge_to=(top + 1, 9), center=True)
    put(ws, top + 1, 10, "总计", merge_to=(top + 2, 10), center=True)
    for j, label in enumerate(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]):
        put(ws, top + 2, 5 + j, label, center=True)
    first = top + 3
    for i, (group, subgroup, label, values) in enumerate(TABLE_THREE):
        r = first + i
        label_col = 1 + (group is not None) + (subgroup is not None)
        put(ws, r, label_col, label, merge_to=(r, 3) if label_col < 3 else None)
        for j, v in enumerate(values):
            put(ws, r, 4 + j, v)
    for start, end, group in runs([row[0] for row in TABLE_THREE]):
        put(ws, first + start, 1, group, merge_to=(first + end, 1), center=True)
    for start, end, sub in runs([row[1] for row in TABLE_THREE]):
        put(ws, first + start, 2, sub, merge_to=(first + end, 2), center=True)
    return first + len(TABLE_THREE)


def table_four(ws, top):
    """Table 四: 15 numbers in one line under three header rows."""
    put(ws, top, 1, "行政复议", merge_to=(top + 1, 5), center=True)
    put(ws, top, 6, "行政诉讼", merge_to=(top, 15), center=True)
    put(ws, top + 1, 6, "未经复议直接起诉", merge_to=(top + 1, 10), center=True)
    put(ws, top + 1, 11, "复议后起诉", merge_to=(top + 1, 15), center=True)
    for g in range(3):
        for j, label in enumerate(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]):
            put(ws, top + 2, 1 + 5 * g + j, label, center=True)
    for c in range(15):
        put(ws, top + 3, 1 + c, 0)
    return top + 4


HERE = os.path.dirname(os.path.abspath(__file__))
# The part headings of gov-2019 (plugins/formats/gov-2019/gov-2019.format.json), by section key.
HEADINGS = {
    "preamble": "前言",
    "overview": "一、总体情况",
    "proactive": "二、主动公开政府信息情况",
    "applications": "三、收到和处理政府信息公开申请情况",
    "review_litigation": "四、政府信息公开行政复议、行政诉讼情况",
    "problems": "五、存在的主要问题及改进情况",
    "other": "六、其他需要报告的事项",
}
KINDS = {"government": "本级政府", "department": "政府部门", "township": "乡镇（街道）", "other": "其他"}


def prose(ws, report):
    """The template's prose sheet: a header row 部分 | 段落, then one paragraph a row."""
    put(ws, 1, 1, "部分", bold=True)
    put(ws, 1, 2, "段落", bold=True)
    r = 2
    for key, heading in HEADINGS.items():
        for paragraph in report["sections"].get(key, []):
            put(ws, r, 1, heading)
            put(ws, r, 2, paragraph)
            r += 1
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 100


def metadata(ws, report):
    """The template's metadata sheet: a label and its value on each row."""
    rows = [("格式", report["format"]), ("报告年度", report["year"]),
            ("机关名称", report["agency"]["name"]), ("机关类型", KINDS[report["agency"]["kind"]]),
            ("行政区划代码", report["agency"]["region_code"]),
            ("联系电话", report["contact"]["phone"]), ("联系地址", report["contact"]["address"]),
            ("邮政编码", report["contact"]["postcode"])]
    if "published" in report:
        rows.append(("公开日期", report["published"]))
    for i, (label, value) in enumerate(rows):
        put(ws, 1 + i, 1, label, bold=True)
        put(ws, 1 + i, 2, str(value))
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 40


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "report.xlsx")
    wb = Workbook()
    ws = wb.active
    ws.title = "主动公开"
    title(ws, 1, "淮北市人民政府办公室（外事办公室）2020年政府信息公开工作年度报告", 4)
    title(ws, 2, "二、主动公开政府信息情况", 4)
    table_two(ws, 3)
    ws.column_dimensions["A"].width = 24
    for col in "BCD":
        ws.column_dimensions[col].width = 14

    ws = wb.create_sheet("依申请公开及复议诉讼")
    title(ws, 1, "三、收到和处理政府信息公开申请情况", 10)
    end = table_three(ws, 2)
    title(ws, end + 1, "四、政府信息公开行政复议、行政诉讼情况", 15)
    table_four(ws, end + 2)
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 12
    ws.column_dimensions["C"].width = 36

    with open(os.path.join(HERE, "report.json"), encoding="utf-8") as f:
        report = json.load(f)
    prose(wb.create_sheet("正文"), report)
    metadata(wb.create_sheet("基本信息"), report)

    # Fixed document dates, so that running the script again gives the same workbook.
    when = datetime.datetime(2021, 1, 20, 9, 0, 0)
    wb.properties.created = when
    wb.properties.modified = when
    wb.properties.creator = "淮北市人民政府办公室"
    wb.save(out)


if __name__ == "__main__":
    main()
