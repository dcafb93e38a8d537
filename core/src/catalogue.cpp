#include "catalogue.h"

namespace nianbao::core {

const std::vector<MessageText>& core_messages() {
  static const std::vector<MessageText> kMessages = {
      // ---- reading and writing files
      {"io.cannot_read", "无法读取文件：{reason}", "cannot read the file: {reason}"},
      {"io.is_directory", "这是一个目录，不是文件", "this is a directory, not a file"},
      {"io.too_large",
       "文件大小 {size} 字节，超过上限 {limit} 字节（需要时可用 --limit input-bytes=… 提高上限）",
       "the file is {size|byte|bytes}, more than the limit of {limit|byte|bytes} (raise it with "
       "--limit "
       "input-bytes=… if needed)"},
      {"io.empty", "文件是空的（0 字节）", "the file is empty (0 bytes)"},
      // ---- resource limits (Engine::limits, `nianbao limits`, --limit)
      {"limits.unknown",
       "没有插件声明名为“{name}”的上限（已声明的有：{names}，见 nianbao limits）；除非某个插件"
       "不声明就读取它，这个设置不起作用",
       "no plugin declares a limit called \"{name}\" (the declared ones: {names}; see nianbao "
       "limits); unless a plugin reads it without declaring it, the setting has no effect"},
      {"limits.heading", "可用 --limit 名称=数值 改变的上限（默认值按声明它的插件列出）：",
       "limits that --limit NAME=VALUE changes (defaults by the plugin that declares them):"},
      {"limits.engine", "引擎", "the engine"},
      {"io.cannot_write", "无法写入输出文件：{reason}（原有文件未被改动）",
       "cannot write the output file: {reason} (any existing file was left unchanged)"},
      {"io.output_is_input", "输出文件与输入文件相同，拒绝覆盖输入文件",
       "the output file is the input file; refusing to overwrite the input"},
      // ---- picking importers and exporters
      {"import.no_importer",
       "无法识别文件类型，没有导入器能读取它；可用的导入器：{importers}（可用 --importer 指定）",
       "no importer recognises this file; available importers: {importers} (choose one with "
       "--importer)"},
      {"import.unknown_importer", "没有 ID 为“{id}”的导入器；可用的导入器：{importers}",
       "there is no importer with id \"{id}\"; available importers: {importers}"},
      {"import.failed", "导入器 {importer} 读取失败：{detail}",
       "importer {importer} failed: {detail}"},
      {"import.unknown_format",
       "报告的格式“{format}”没有格式定义（其格式插件是否已安装？）；已知格式：{known}",
       "no format definition for the report's format \"{format}\" (is its format plugin "
       "installed?); known formats: {known}"},
      {"export.failed", "导出器 {exporter} 写出失败：{detail}",
       "exporter {exporter} failed: {detail}"},
      {"export.bad_option",
       "导出器 {exporter} 不支持选项 {option}={value}（可用的选项：{options}）",
       "the {exporter} exporter has no option {option}={value} (options: {options})"},
      {"export.no_options", "导出器 {exporter} 没有选项（给出的是 {option}={value}）",
       "the {exporter} exporter takes no options (given {option}={value})"},
      {"check.failed", "检查 {check} 运行出错：{detail}", "check {check} failed: {detail}"},
      // ---- checks declared by format definitions
      {"cell.not_integer", "{cell} 的值“{value}”不是整数",
       "{cell}: \"{value}\" is not a whole number"},
      {"cell.negative", "{cell} 的值“{value}”为负数，此处只能填写非负数",
       "{cell}: \"{value}\" is negative; only non-negative values belong here"},
      {"cell.too_many_decimals", "{cell} 的金额“{value}”超过 {decimals} 位小数",
       "{cell}: the amount \"{value}\" has more than {decimals|decimal|decimals}"},
      {"cell.wrong_unit", "{cell} 的单位应为{unit}，实际为“{value}”",
       "{cell}: the unit must be {unit}, found \"{value}\""},
      {"cell.missing_unit", "{cell} 的金额“{value}”未注明单位（元还是万元？）",
       "{cell}: the amount \"{value}\" has no unit (元 or 万元?)"},
      {"cell.blank", "“{row}”有 {count} 个单元格未填数字（{columns}），按 0 计算",
       "the row “{row}” has {count|cell|cells} without a number ({columns}); counted as 0"},
      {"cell.blank_columns", "表格“{table}”的 {count} 列在所有行都未填数字（{columns}），按 0 计算",
       "the table “{table}” has {count|column|columns} without a number in any row ({columns}); "
       "counted as 0"},
      {"cell.determined_blank",
       "表格“{table}”的“{column}”列有 {count} 个单元格未填数字，但按表内合计关系不能为 0，应为："
       "{cells}",
       "the table “{table}” has {count|cell|cells} in the column “{column}” without a number, "
       "which the table's sums fix at a value other than 0: {cells}"},
      {"identity.row_cell",
       "{cell} 为 {actual}，应为 {expected}：“{scope}”这一行不满足“{identity_zh}”（各项之和为 "
       "{lhs_sum}，而{rhs_cells}为 {rhs_sum}）",
       "{cell} is {actual}, expected {expected}: the row “{scope}” breaks “{identity_en}” (the "
       "parts add up to {lhs_sum}, but {rhs_cells} is {rhs_sum})"},
      {"identity.column_cell",
       "{cell} 为 {actual}，应为 {expected}：“{scope}”这一列不满足“{identity_zh}”（各项之和为 "
       "{lhs_sum}，而{rhs_cells}为 {rhs_sum}）",
       "{cell} is {actual}, expected {expected}: the column “{scope}” breaks “{identity_en}” (the "
       "parts add up to {lhs_sum}, but {rhs_cells} is {rhs_sum})"},
      {"identity.row_sum",
       "“{scope}”这一行不满足“{identity_zh}”：各项之和为 {lhs_sum}，而{rhs_cells}为 "
       "{rhs_sum}（相差 "
       "{difference}）",
       "the row “{scope}” breaks “{identity_en}”: the parts add up to {lhs_sum}, but {rhs_cells} "
       "is {rhs_sum} (difference {difference})"},
      {"identity.column_sum",
       "“{scope}”这一列不满足“{identity_zh}”：各项之和为 {lhs_sum}，而{rhs_cells}为 "
       "{rhs_sum}（相差 "
       "{difference}）",
       "the column “{scope}” breaks “{identity_en}”: the parts add up to {lhs_sum}, but "
       "{rhs_cells} is {rhs_sum} (difference {difference})"},
      // ---- aggregation
      {"agg.mismatch",
       "{file} 的格式 {format}、年度 {year} "
       "与其他报告（{expected_format}、{expected_year}）不同，不能合计",
       "{file} is {format} for {year}, unlike the others ({expected_format}, {expected_year}); "
       "reports of "
       "different formats or years cannot be added up"},
      {"agg.unit", "{file} 的 {cell} 金额 {value} 没有可换算的单位，不能与其他报告相加",
       "{file}: the amount {value} of {cell} has no unit that can be converted; it cannot be added "
       "to the others"},
      {"agg.overflow", "{file} 的 {cell} 相加后超出可表示的范围",
       "{file}: adding {cell} overflows"},
      // ---- the canonical JSON form
      {"json.syntax", "JSON 语法错误：{detail}", "JSON syntax error: {detail}"},
      {"json.bad_schema", "“schema”应为 {expected}，实际为 {found}",
       "\"schema\" must be {expected}, found {found}"},
      {"json.unknown_key", "未知的键“{key}”（位于 {pointer}）；此处允许的键：{allowed}",
       "unknown key \"{key}\" at {pointer}; keys allowed here: {allowed}"},
      {"json.key_not_in_format",
       "格式 {format} 中没有“{key}”（位于 {pointer}）；此处允许：{allowed}",
       "format {format} has no \"{key}\" (at {pointer}); allowed here: {allowed}"},
      {"json.missing_key", "缺少必需的键“{key}”（位于 {pointer}）",
       "missing required key \"{key}\" at {pointer}"},
      {"json.wrong_type", "{pointer} 的类型错误，应为 {expected}",
       "wrong type at {pointer}: expected {expected}"},
      {"json.bad_value", "{pointer} 的值 {value} 不合理", "implausible value {value} at {pointer}"},
      {"json.bad_date", "{pointer} 的日期“{value}”不是 YYYY-MM-DD 格式",
       "the date \"{value}\" at {pointer} is not in YYYY-MM-DD form"},
      {"json.bad_enum", "{pointer} 的值“{value}”无效；可选值：{allowed}",
       "invalid value \"{value}\" at {pointer}; allowed: {allowed}"},
      {"json.bad_region_code", "{pointer} 的行政区划代码“{value}”应为 6、9 或 12 位数字",
       "the region code \"{value}\" at {pointer} must be 6, 9 or 12 digits"},
      {"json.bad_decimal", "{pointer} 的金额“{value}”不是十进制数（例如 \"299.8\"）",
       "the amount \"{value}\" at {pointer} is not a decimal number (e.g. \"299.8\")"},
      {"json.number_too_large", "{pointer} 的数值 {value} 过大",
       "the number {value} at {pointer} is too large"},
      {"json.na_with_value", "{pointer} 同时写了“na”和“value”",
       "{pointer} has both \"na\" and \"value\""},
      {"json.unknown_format", "未知的格式“{format}”（位于 {pointer}）；已知格式：{known}",
       "unknown format \"{format}\" at {pointer}; known formats: {known}"},
      {"json.no_format_for_year", "没有适用于 {year} 年的报告格式",
       "no report format applies to the year {year}"},
      // ---- the plugin loader
      {"plg.not_shared_object",
       "插件 {id} 的库文件 {library} 不是共享库（{detail}）；请重新构建该插件或删除其清单文件 "
       "{manifest}",
       "the library {library} of plugin {id} is not a shared object ({detail}); rebuild the plugin "
       "or remove its manifest {manifest}"},
      {"plg.missing_entry",
       "插件库 {library} 没有导出入口函数 {symbol}；请在插件源码中使用一次 NIANBAO_PLUGIN(…) 宏",
       "the plugin library {library} does not export the entry function {symbol}; use the "
       "NIANBAO_PLUGIN(…) macro once in the plugin's sources"},
      {"plg.unresolved",
       "无法加载插件库 {library}：{detail}；请安装其依赖的库，或用与当前 nianbao 相同的 SDK "
       "重新构建",
       "cannot load the plugin library {library}: {detail}; install the libraries it depends on, "
       "or rebuild it against this nianbao SDK"},
      {"plg.abi_mismatch",
       "插件 {id}（{library}）的 ABI 版本为 {plugin_abi}，而本程序需要 {host_abi}；请用当前 SDK "
       "重新构建该插件",
       "plugin {id} ({library}) has ABI version {plugin_abi} but this nianbao needs {host_abi}; "
       "rebuild the plugin against the installed SDK"},
      {"plg.fingerprint_mismatch",
       "插件 "
       "{id}（{library}）的构建指纹为“{plugin_fingerprint}”，与本程序的“{host_fingerprint}"
       "”不符；请用相同的编译器和标准库重新构建",
       "plugin {id} ({library}) was built as \"{plugin_fingerprint}\" but this nianbao is "
       "\"{host_fingerprint}\"; rebuild it with the same compiler and standard library"},
      {"plg.bad_descriptor", "插件库 {library} 的描述符无效：{detail}",
       "the plugin library {library} returned an invalid descriptor: {detail}"},
      {"plg.register_failed", "插件 {id}（{library}）注册时出错：{detail}；该插件已被跳过",
       "plugin {id} ({library}) failed to register: {detail}; the plugin was skipped"},
      {"plg.duplicate_id",
       "插件 ID“{id}”重复：{manifest} 与已加载的 "
       "{other}；已保留先找到的那个，请删除或重命名其中之一",
       "duplicate plugin id \"{id}\": {manifest} and {other}; the one found first was kept, "
       "remove or rename the other"},
      {"plg.bad_manifest", "插件清单 {manifest} 无效：{detail}",
       "the plugin manifest {manifest} is invalid: {detail}"},
      {"plg.manifest_mismatch",
       "插件清单 {manifest} 写的 ID 是“{manifest_id}”，而库 {library} "
       "声明的是“{library_id}”；请重新生成清单",
       "the manifest {manifest} names the plugin \"{manifest_id}\" but the library {library} "
       "declares \"{library_id}\"; regenerate the manifest"},
      {"plg.kinds_mismatch",
       "插件 {id} 的清单 {manifest} 写的种类是 {manifest_kinds}，而库 {library} 注册的是 "
       "{registered_kinds}；请在 nianbao_add_plugin 的 KINDS 中写明插件实际注册的种类",
       "the manifest {manifest} says plugin {id} provides {manifest_kinds} but the library "
       "{library} registers {registered_kinds}; list what the plugin registers in KINDS of "
       "nianbao_add_plugin"},
      // ---- loader trace (--verbose)
      {"trace.search_dir", "搜索插件目录 {dir}（来自 {origin}）",
       "searching plugin directory {dir} (from {origin})"},
      {"trace.dir_missing", "插件目录 {dir} 不存在，已跳过",
       "plugin directory {dir} does not exist; skipped"},
      {"trace.manifest", "发现插件清单 {manifest}（插件 {id} {version}）",
       "found plugin manifest {manifest} (plugin {id} {version})"},
      {"trace.loaded", "已加载插件 {id} {version}：{library}",
       "loaded plugin {id} {version}: {library}"},
      {"trace.skipped", "跳过插件 {id}：{reason}", "skipped plugin {id}: {reason}"},
      // ---- what the command line prints (cli.*): listings, batch summaries, usage errors
      {"cli.no_plugins",
       "未找到插件；用 --plugin-path 或 NIANBAO_PLUGIN_PATH 指定插件目录，--verbose 可查看搜索过程",
       "no plugins found; name plugin directories with --plugin-path or NIANBAO_PLUGIN_PATH, and "
       "see the search with --verbose"},
      {"cli.format_size", "{tables} 张表, {cells} 个单元格",
       "{tables|table|tables}, {cells|cell|cells}"},
      {"cli.all_formats", "全部格式", "all"},
      {"cli.severity_error", "错误", "error"},
      {"cli.severity_warning", "警告", "warning"},
      {"cli.severity_info", "提示", "info"},
      {"cli.at_paragraph", "第{paragraph}段", "paragraph {paragraph}"},
      {"cli.report_year", "{year}年", "{year}"},
      {"cli.unreadable", "无法读取", "could not be read"},
      {"cli.no_findings", "未发现问题", "no findings"},
      {"cli.finding", "{severity} {code}{place}：{message}", "{severity} {code}{place}: {message}"},
      {"cli.finding_at", "位置：{place}", "at: {place}"},
      {"cli.finding_related", "相关：{place}", "related: {place}"},
      {"cli.check_totals",
       "共检查 {files} 个文件：{errors} 个错误，{warnings} 个警告，{infos} 条提示",
       "Checked {files|file|files}: {errors|error|errors}, {warnings|warning|warnings}, "
       "{infos|info|infos}"},
      {"cli.check_totals_unreadable", "，{unreadable} 个文件无法读取", ", {unreadable} unreadable"},
      {"cli.aggregate_name", "合计（{reports} 份报告）", "Total ({reports|report|reports})"},
      {"cli.aggregated", "已合计 {reports} 份报告 → {output}",
       "added up {reports|report|reports} → {output}"},
      {"cli.summary_extension", "--summary 的文件名应以 .csv、.json 或 .html 结尾：{path}",
       "--summary must end in .csv, .json or .html: {path}"},
      {"cli.no_report_files", "没有找到可读取的报告文件", "no report files found"},
      {"cli.convert_to_no_exporter",
       "--convert-to 没有对应的导出器：{name}；可用的导出器：{exporters}",
       "--convert-to names no exporter: {name}; available exporters: {exporters}"},
      {"cli.cannot_create_folder", "无法创建输出目录 {dir}",
       "cannot create the output folder {dir}"},
      {"cli.same_output", "两份报告会写成同一个文件：{first} {second} → {output}",
       "two reports would be written to one file: {first} {second} → {output}"},
      {"cli.aggregate_unreadable", "无法读取 {file}，未生成合计",
       "cannot read {file}; no total written"},
      {"cli.unknown_format", "未知的格式 {format}", "unknown format {format}"},
      {"cli.unknown_format_known", "未知的格式 {format}；已知格式：{known}",
       "unknown format {format}; known formats: {known}"},
      {"cli.no_exporter", "没有可用的导出器", "no exporter available"},
      {"cli.limit_syntax",
       "--limit 的写法是 名称=数值（如 input-bytes=128M 或 zip-entries=20000），而不是 {value}",
       "--limit takes NAME=VALUE (e.g. input-bytes=128M or zip-entries=20000), not {value}"},
      {"cli.warning_prefix", "警告", "warning:"},
      {"cli.import_option_syntax",
       "--import-option 的写法是 键=值（如 year=2021 或 format=gov-2021），而不是 {value}",
       "--import-option takes KEY=VALUE (e.g. year=2021 or format=gov-2021), not {value}"},
      {"cli.limit_not_import_option", "上限请用 --limit 名称=数值 设置：{value}",
       "set limits with --limit NAME=VALUE: {value}"},
      {"cli.strict_plugins_failed", "有插件无法加载（--strict-plugins）",
       "some plugins could not be loaded (--strict-plugins)"},
      {"cli.severity_syntax", "--severity 的写法是 CODE=error|warning|info，而不是 {value}",
       "--severity takes CODE=error|warning|info, not {value}"},
      {"cli.unknown_rule", "未知的规则代码 {code}", "unknown rule code {code}"},
      {"cli.previous_unreadable", "无法读取上一年度报告 {file}",
       "cannot read the previous year's report {file}"},
      {"cli.unknown_exporter", "没有 ID 为 {id}的导出器；可用的导出器：{exporters}",
       "no exporter with id {id}; available exporters: {exporters}"},
      {"cli.exporter_from_name",
       "无法从输出文件名判断导出格式：{file}；请用 --to 指定，可用的导出器：{exporters}",
       "cannot tell the output kind from the name {file}; choose one with --to, available "
       "exporters: {exporters}"},
      {"cli.option_syntax", "--option 的写法是 KEY=VALUE，而不是 {value}",
       "--option takes KEY=VALUE, not {value}"},
      {"cli.format_not_for_year", "{format} 格式不适用于年度 {year}",
       "{format} does not apply to the year {year}"},
      {"cli.no_template_writer",
       "没有能写出 {file} 的模板写出器；可用的模板写出器：{writers}（可用 --to 指定）",
       "no template writer writes {file}; available template writers: {writers} (choose one with "
       "--to)"},
      {"cli.internal_error", "内部错误：{detail}", "internal error: {detail}"},
      {"cli.token_unreadable", "无法读取令牌文件 {file}", "cannot read the token file {file}"},
      {"cli.token_too_short", "令牌文件中的令牌太短（至少 16 个字符）：{file}",
       "the token in the token file is too short (16 characters at least): {file}"},
      {"cli.listen_syntax", "--listen 的写法是 主机:端口（如 127.0.0.1:8790），而不是 {value}",
       "--listen takes HOST:PORT (e.g. 127.0.0.1:8790), not {value}"},
      {"cli.store_unopenable", "无法打开报告库：{detail}",
       "cannot open the report store: {detail}"},
      {"cli.cannot_listen", "无法监听 {address} ({detail})",
       "cannot listen on {address} ({detail})"},
      {"cli.listening", "正在监听 http://{host}:{port}/ (报告库 {store}; {access})",
       "listening on http://{host}:{port}/ (store {store}; {access})"},
      {"cli.read_only", "只读：未指定 --token-file", "read-only: no --token-file"},
      {"cli.writes_need_token", "写入需要令牌", "writes need the token"},
      {"cli.stopped", "已停止", "stopped"},
      {"cli.batch_table_header", "错误\t警告\t提示\t年度\t格式\t文件\t最严重的问题",
       "errors\twarnings\tinfos\tyear\tformat\tfile\tworst finding"},
      {"cli.batch_totals",
       "共检查 {reports} 份报告：{failing} 份未通过（{unreadable} 份无法读取），{errors} 个错误，"
       "{warnings} 个警告，{infos} 条提示",
       "checked {reports|report|reports}: {failing} failing ({unreadable} unreadable), "
       "{errors|error|errors}, {warnings|warning|warnings}, {infos|info|infos}"},
      {"cli.batch_html_totals",
       "{reports} 份报告，{unreadable} 份无法读取；{errors} 个错误，{warnings} 个警告，{infos} "
       "条提示。",
       "{reports|report|reports}, {unreadable} unreadable; {errors|error|errors}, "
       "{warnings|warning|warnings}, {infos|info|infos}."},
  };
  return kMessages;
}

const std::vector<RuleInfo>& core_rules() {
  static const std::vector<RuleInfo> kRules = {
      {"IO-01",
       Severity::error,
       "无法读取输入文件",
       "input file cannot be read",
       "nianbao input",
       {},
       true},
      {"IO-02",
       Severity::error,
       "输入文件超过大小上限",
       "input file larger than the limit",
       "nianbao limits",
       {},
       true},
      {"IO-04", Severity::error, "输入文件为空", "input file is empty", "nianbao input", {}, true},
      {"IO-03",
       Severity::error,
       "无法写入输出文件",
       "output file cannot be written",
       "nianbao output",
       {},
       true},
      {"IMP-01",
       Severity::error,
       "无法识别输入文件的类型",
       "no importer recognises the input",
       "nianbao input",
       {},
       true},
      {"IMP-02", Severity::error, "导入器读取失败", "importer failed", "nianbao input", {}, true},
      {"IMP-03",
       Severity::error,
       "报告格式没有格式定义",
       "no definition for the report's format",
       "formats.md §2",
       {},
       true},
      {"EXP-01", Severity::error, "导出器写出失败", "exporter failed", "nianbao output", {}, true},
      {"EXP-02",
       Severity::error,
       "导出器不支持该选项",
       "the exporter has no such option",
       "nianbao convert --option",
       {},
       true},
      {"AGG-01",
       Severity::error,
       "合计的报告格式或年度不一致",
       "reports to add up differ in format or year",
       "nianbao aggregate",
       {},
       true},
      {"AGG-02",
       Severity::error,
       "合计的金额单位无法换算",
       "an amount's unit cannot be converted for the sum",
       "nianbao aggregate",
       {},
       true},
      {"AGG-03",
       Severity::error,
       "合计超出数值范围",
       "a sum overflows",
       "nianbao aggregate",
       {},
       true},
      {"CHK-01",
       Severity::error,
       "检查插件运行出错",
       "a check plugin failed",
       "nianbao checks",
       {},
       true},
      {"JSON-01",
       Severity::error,
       "JSON 语法错误",
       "JSON syntax error",
       "report-json.md",
       {},
       true},
      {"JSON-02",
       Severity::error,
       "JSON 中有未知的键",
       "unknown key in the report JSON",
       "report-json.md",
       {},
       true},
      {"JSON-03",
       Severity::error,
       "JSON 值的类型或取值错误",
       "wrong type or value in the report JSON",
       "report-json.md",
       {},
       true},
      {"JSON-04",
       Severity::error,
       "报告格式中没有该表、行、列或部分",
       "table, row, column or section not in the report's format",
       "report-json.md; formats.md §3–§6",
       {},
       true},
      {"JSON-05",
       Severity::error,
       "schema 或格式 ID 无效",
       "invalid schema or format id",
       "report-json.md; formats.md §2",
       {},
       true},
      {"JSON-06",
       Severity::error,
       "缺少必需的键",
       "missing required key",
       "report-json.md",
       {},
       true},
      {"PLG-01",
       Severity::error,
       "插件库不是共享库",
       "plugin library is not a shared object",
       "plugin guide",
       {},
       true},
      {"PLG-02",
       Severity::error,
       "插件缺少入口函数",
       "plugin entry function missing",
       "plugin guide",
       {},
       true},
      {"PLG-03",
       Severity::error,
       "插件依赖无法解析",
       "plugin dependency cannot be resolved",
       "plugin guide",
       {},
       true},
      {"PLG-04",
       Severity::error,
       "插件 ABI 版本不符",
       "plugin ABI version mismatch",
       "plugin guide",
       {},
       true},
      {"PLG-05",
       Severity::error,
       "插件构建指纹不符",
       "plugin build fingerprint mismatch",
       "plugin guide",
       {},
       true},
      {"PLG-06",
       Severity::error,
       "插件注册失败",
       "plugin registration failed",
       "plugin guide",
       {},
       true},
      {"PLG-07", Severity::error, "插件 ID 重复", "duplicate plugin id", "plugin guide", {}, true},
      {"PLG-08",
       Severity::error,
       "插件清单无效",
       "invalid plugin manifest",
       "plugin guide",
       {},
       true},
      {"PLG-09",
       Severity::error,
       "插件清单与库不一致",
       "plugin manifest does not match its library",
       "plugin guide",
       {},
       true},
      {"PLG-10",
       Severity::error,
       "插件描述符无效",
       "invalid plugin descriptor",
       "plugin guide",
       {},
       true},
      {"PLG-11",
       Severity::error,
       "插件清单所写种类与注册的不符",
       "plugin manifest kinds differ from what it registers",
       "plugin guide",
       {},
       true},
  };
  return kRules;
}

std::string fill_template(std::string_view text, const std::vector<MessageArg>& args) {
  std::string out;
  out.reserve(text.size() + 64);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
      out += c;
      ++i;
      continue;
    }
    if (c == '{') {
      std::size_t close = text.find('}', i);
      if (close != std::string_view::npos) {
        std::string_view name = text.substr(i + 1, close - i - 1);
        // {count|cell|cells}: the number and the English noun agreeing with it.
        std::string_view singular, plural;
        if (auto bar = name.find('|'); bar != std::string_view::npos) {
          std::string_view forms = name.substr(bar + 1);
          name = name.substr(0, bar);
          auto second = forms.find('|');
          singular = forms.substr(0, second);
          plural = second == std::string_view::npos ? forms : forms.substr(second + 1);
        }
        const std::string* value = nullptr;
        for (const auto& [k, v] : args)
          if (k == name) value = &v;
        if (value) {
          out += *value;
          if (!singular.empty() || !plural.empty()) {
            out += ' ';
            out += *value == "1" ? singular : plural;
          }
          i = close;
          continue;
        }
      }
    }
    out += c;
  }
  return out;
}

}  // namespace nianbao::core
