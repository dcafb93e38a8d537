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
      {"import.unknown_option",
       "导入器 {importer} 不支持选项 {option}={value}，已忽略（可用的选项：{options}）",
       "the {importer} importer has no option {option}={value}; it is ignored (options: "
       "{options})"},
      {"import.no_options", "导入器 {importer} 没有选项，已忽略 {option}={value}",
       "the {importer} importer takes no options; {option}={value} is ignored"},
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
      {"cli.batch_progress", "已检查 {done}/{total}（每秒 {rate} 份）",
       "{done}/{total} checked ({rate}/s)"},
      {"cli.converted", "{input} → {output}（{exporter}，{bytes} 字节）",
       "{input} → {output} ({exporter}, {bytes|byte|bytes})"},
      // The HTML batch summary: the page's title and its column headings (tab-separated).
      {"cli.batch_html_title", "nianbao 批量检查", "nianbao batch"},
      {"cli.batch_html_header", "文件\t报告主体\t年度\t格式\t错误\t警告\t提示\t最严重的问题",
       "file\tagency\tyear\tformat\terrors\twarnings\tinfos\tworst finding"},
      // ---- --help (cli.help.*): descriptions of the commands, options and flags, and the
      // footers; option names, defaults and examples are the same in both languages
      {"cli.help.usage", "用法", "Usage"},
      {"cli.help.options_label", "选项", "OPTIONS"},
      {"cli.help.subcommand_label", "命令", "SUBCOMMAND"},
      {"cli.help.subcommands_label", "命令", "SUBCOMMANDS"},
      {"cli.help.positionals", "参数", "Positionals"},
      {"cli.help.options_group", "选项", "Options"},
      {"cli.help.subcommands_group", "命令", "Subcommands"},
      {"cli.help.required", "必需", "REQUIRED"},
      {"cli.help.needs", "需要", "Needs"},
      {"cli.help.excludes", "不能与之同用", "Excludes"},
      {"cli.help.help_flag", "显示本帮助并退出", "Print this help message and exit"},
      {"cli.help.run_with_help", "加上 --help 运行可查看用法。",
       "Run with --help for more information."},
      {"cli.help.version_flag", "显示版本并退出", "Display program version information and exit"},
      {"cli.help.description", "nianbao — 政府信息公开工作年度报告：核对数字，转换形式，发布。\n",
       "nianbao — 政府信息公开工作年度报告 (government information disclosure annual reports):\n"
       "check the numbers, convert between forms, publish.\n"},
      {"cli.help.plugin_path",
       "先在此目录中查找插件（可重复）；然后是 NIANBAO_PLUGIN_PATH，最后是安装目录",
       "Directory to search for plugins first (repeatable); then NIANBAO_PLUGIN_PATH, then "
       "the install directory"},
      {"cli.help.strict_plugins", "有插件无法加载时以退出码 2 结束",
       "Exit with code 2 when any plugin fails to load"},
      {"cli.help.verbose", "显示查找过的每个插件目录和每个决定",
       "Show every plugin directory searched and every decision"},
      {"cli.help.limit",
       "在本次运行中提高（或降低）一项资源上限，如 --limit input-bytes=128M（可重复；可用 K、M、G "
       "后缀）。",
       "Raise (or lower) a resource limit for this run, e.g. --limit input-bytes=128M "
       "(repeatable; K, M, G suffixes). "},
      {"cli.help.limit_declared", "引擎和已找到的插件声明的上限及其默认值：{limits}。",
       "Declared by the engine and the plugins found, with their defaults: {limits}. "},
      {"cli.help.limit_more",
       "`nianbao limits` 列出每项上限限制什么（docs/limits.md）。触及上限的错误会指明是哪一项",
       "`nianbao limits` lists what each bounds (docs/limits.md). An error that hits a limit "
       "names it"},
      {"cli.help.import_option",
       "传给导入器的选项，如 --import-option year=2021 或 --import-option format=gov-2021："
       "文件未写明年度时，确定同时符合两种国家格式的表格（可重复；读取文件的导入器不支持的选项给出"
       "警告 IMP-04 并忽略）",
       "An option for the importers, e.g. --import-option year=2021 or --import-option "
       "format=gov-2021: settles tables that fit both national formats when the file "
       "states no year (repeatable; an option the importer reading the file does not take is "
       "warned of, IMP-04, and ignored)"},
      {"cli.help.lang", "消息的语言：zh（默认）或 en", "Language of messages: zh (default) or en"},
      {"cli.help.footer",
       "退出码：0 没有达到 --fail-on 级别的问题；1 有达到 --fail-on 级别的问题；\n"
       "        2 用法错误、输入无法读取，或（使用 --strict-plugins 时）有插件无法加载。\n"
       "运行 `nianbao COMMAND --help` 查看某个命令的选项和示例。",
       "Exit codes: 0 no findings at or above --fail-on; 1 findings at or above --fail-on;\n"
       "            2 usage error, unreadable input, or (with --strict-plugins) a plugin failed.\n"
       "Run `nianbao COMMAND --help` for a command's options and examples."},
      {"cli.help.importer", "使用此导入器，而不是自动识别",
       "Use this importer instead of detecting one"},
      {"cli.help.json", "输出 JSON", "Print JSON"},
      {"cli.help.enable", "启用一条规则（可重复）", "Turn on a rule (repeatable)"},
      {"cli.help.disable", "停用一条规则（可重复）", "Turn off a rule (repeatable)"},
      {"cli.help.check", "检查报告：结构、算术关系、正文与表格是否一致",
       "Check reports: structure, arithmetic, prose against tables"},
      {"cli.help.check.files", "报告文件（JSON，以及导入器插件能读取的各种文件）",
       "Report files (JSON, and every kind an importer plugin reads)"},
      {"cli.help.check.previous", "同一机构上一年度的报告，用于跨年度规则（XY-…）",
       "The same agency's report of the previous year, for the cross-year rules (XY-…)"},
      {"cli.help.check.output_format", "text（默认）、json 或 sarif",
       "text (default), json or sarif"},
      {"cli.help.check.output", "把检查结果写入 FILE，而不是标准输出",
       "Write the findings to FILE instead of standard output"},
      {"cli.help.check.fail_on",
       "有问题至少达到此严重程度时以退出码 1 结束：error（默认）、warning、info、none",
       "Exit with 1 when a finding is at least this severe: error (default), warning, "
       "info, none"},
      {"cli.help.check.enable", "启用一条默认关闭的规则（可重复）",
       "Turn on a rule that is off by default (repeatable)"},
      {"cli.help.check.severity", "改变一条规则的严重程度，如 CEL-05=error（可重复）",
       "Change a rule's severity, e.g. CEL-05=error (repeatable)"},
      {"cli.help.check.footer",
       "示例：\n"
       "  nianbao check examples/huaibei-2020/report.json\n"
       "  nianbao check --lang en --fail-on warning report.json\n"
       "  nianbao check 2022.json --previous 2021.json --output-format sarif -o findings.sarif\n"
       "  nianbao check reports/*.json --disable CEL-02 --severity CEL-05=error",
       "Examples:\n"
       "  nianbao check examples/huaibei-2020/report.json\n"
       "  nianbao check --lang en --fail-on warning report.json\n"
       "  nianbao check 2022.json --previous 2021.json --output-format sarif -o findings.sarif\n"
       "  nianbao check reports/*.json --disable CEL-02 --severity CEL-05=error"},
      {"cli.help.convert", "把报告转换为另一种形式（输出的种类由扩展名决定）",
       "Convert a report to another form (the output kind follows the extension)"},
      {"cli.help.convert.input", "要读取的报告", "The report to read"},
      {"cli.help.convert.output", "要写出的文件（原子写入）",
       "The file to write (written atomically)"},
      {"cli.help.convert.to", "扩展名不能说明时，导出器的 ID（见 `nianbao plugins`）",
       "Exporter id, when the extension does not say (see `nianbao plugins`)"},
      {"cli.help.convert.option", "导出器选项 KEY=VALUE（可重复）",
       "Exporter option KEY=VALUE (repeatable)"},
      {"cli.help.convert.reference_docx",
       "DOCX 输出：从这个 Word 文件取样式、字体、页面设置、页眉和页脚（类似 pandoc 的 "
       "--reference-doc）",
       "DOCX output: take styles, fonts, page setup, headers and footers from this Word "
       "file (like pandoc's --reference-doc)"},
      {"cli.help.convert.with_findings",
       "检查报告，并把检查结果交给导出器（platform-xml 把它们写成 <diagnostics>）",
       "Check the report and give the findings to the exporter (platform-xml writes them "
       "as <diagnostics>)"},
      {"cli.help.convert.footer",
       "示例：\n"
       "  nianbao convert examples/huaibei-2020/report.json -o copy.json\n"
       "  nianbao convert report.json -o out.txt --to json\n"
       "  nianbao convert report.json -o 年报.docx --reference-docx 模板.docx\n"
       "  nianbao convert report.json -o report.xml --with-findings",
       "Examples:\n"
       "  nianbao convert examples/huaibei-2020/report.json -o copy.json\n"
       "  nianbao convert report.json -o out.txt --to json\n"
       "  nianbao convert report.json -o 年报.docx --reference-docx 模板.docx\n"
       "  nianbao convert report.json -o report.xml --with-findings"},
      {"cli.help.batch", "一次检查许多报告（会搜索文件夹），并行进行",
       "Check many reports at once (folders are searched), in parallel"},
      {"cli.help.batch.paths", "报告文件和文件夹", "Report files and folders"},
      {"cli.help.batch.jobs", "工作线程数（默认：每个处理器核心一个）",
       "Worker threads (default: one per core)"},
      {"cli.help.batch.previous_dir", "上一年度的报告：每份报告与其机构上一年度的报告配对",
       "Last year's reports: each report is paired with its agency's report of the year before"},
      {"cli.help.batch.summary", "每份报告一行：FILE.csv、FILE.json 或 FILE.html",
       "One row per report: FILE.csv, FILE.json or FILE.html"},
      {"cli.help.batch.findings", "所有报告的所有问题，写成 JSON（nianbao.diagnostics/1）",
       "Every finding of every report as JSON (nianbao.diagnostics/1)"},
      {"cli.help.batch.fail_on", "报告有问题至少达到此严重程度即为未通过（默认 error）",
       "A report fails with a finding at least this severe (default error)"},
      {"cli.help.batch.severity", "改变一条规则的严重程度（可重复）",
       "Change a rule's severity (repeatable)"},
      {"cli.help.batch.quiet", "不显示进度", "No progress display"},
      {"cli.help.batch.convert_to",
       "同时用此导出器（ID，或 .docx 这样的扩展名）把每份可读取的报告写入 --output-dir",
       "Also write every readable report with this exporter (id, or an extension "
       "such as .docx) into --output-dir"},
      {"cli.help.batch.output_dir", "--convert-to 的输出文件夹（会创建）：每份报告用各自的名字",
       "Folder for --convert-to (created): each report under its own name"},
      {"cli.help.batch.footer",
       "无法读取的文件是一行未通过的记录，不会使整批失败。有报告未通过时退出码为 1。\n"
       "示例：\n"
       "  nianbao batch 2025年报/ --summary 汇总.csv --findings 问题.json\n"
       "  nianbao batch reports/2025 --previous-dir reports/2024 --jobs 2 --summary summary.html\n"
       "  nianbao batch 2025年报/ --convert-to .docx --output-dir 2025年报-docx/",
       "A file that cannot be read is one failed row, not a failed batch. Exit code 1 when any "
       "report fails.\n"
       "Examples:\n"
       "  nianbao batch 2025年报/ --summary 汇总.csv --findings 问题.json\n"
       "  nianbao batch reports/2025 --previous-dir reports/2024 --jobs 2 --summary summary.html\n"
       "  nianbao batch 2025年报/ --convert-to .docx --output-dir 2025年报-docx/"},
      {"cli.help.aggregate", "把许多机构的报告合计为本地区的一份报告",
       "Add up many agencies' reports into one report for the region"},
      {"cli.help.aggregate.paths", "报告文件和文件夹（同一格式、同一年度）",
       "Report files and folders (same format and year)"},
      {"cli.help.aggregate.output", "本地区的报告（种类由扩展名决定；默认 JSON）",
       "The region's report (its kind follows the extension; JSON by default)"},
      {"cli.help.aggregate.agency", "本地区报告的名称，如 某某市人民政府",
       "Name of the region's report, e.g. 某某市人民政府"},
      {"cli.help.aggregate.region_code", "本地区的行政区划代码",
       "Administrative division code of the region"},
      {"cli.help.aggregate.footer",
       "示例：\n"
       "  nianbao aggregate 各部门/ -o 全市合计.json --agency 某市人民政府 --region-code 340600",
       "Example:\n"
       "  nianbao aggregate 各部门/ -o 全市合计.json --agency 某市人民政府 --region-code 340600"},
      {"cli.help.template", "写出某一格式各表的填报模板（如 XLSX 工作簿）",
       "Write a fill-in template of a format's tables (e.g. an XLSX workbook)"},
      {"cli.help.template.format", "格式 ID，如 gov-2021（见 `nianbao formats`）",
       "Format id, e.g. gov-2021 (see `nianbao formats`)"},
      {"cli.help.template.year", "模板上印的报告年度（默认：上一年）",
       "Report year printed in the template (default: last year)"},
      {"cli.help.template.output", "要写出的文件", "The file to write"},
      {"cli.help.template.to", "扩展名不能说明时，模板写出器的 ID",
       "Template writer id, when the extension does not say"},
      {"cli.help.template.footer",
       "示例：\n"
       "  nianbao template --format gov-2021 --year 2025 -o 模板.xlsx\n"
       "  nianbao template --format gov-2019 -o template-2020.xlsx --year 2020",
       "Examples:\n"
       "  nianbao template --format gov-2021 --year 2025 -o 模板.xlsx\n"
       "  nianbao template --format gov-2019 -o template-2020.xlsx --year 2020"},
      {"cli.help.plugins", "根据清单列出找到的插件，不加载它们",
       "List the plugins found, from their manifests, without loading them"},
      {"cli.help.plugins.load",
       "加载每个插件并显示结果（已加载或失败，附加载器的诊断）；其他命令只在需要时才加载插件",
       "Load every plugin and show what became of it (loaded or failed, with the "
       "loader's diagnostics); other commands load a plugin only when they need it"},
      {"cli.help.plugins.footer",
       "示例：\n"
       "  nianbao plugins\n"
       "  nianbao plugins --load\n"
       "  nianbao --plugin-path ./my-plugins plugins --json --verbose",
       "Examples:\n"
       "  nianbao plugins\n"
       "  nianbao plugins --load\n"
       "  nianbao --plugin-path ./my-plugins plugins --json --verbose"},
      {"cli.help.formats", "列出报告格式及其适用的年度",
       "List the report formats and the years they apply to"},
      {"cli.help.formats.footer", "示例：\n  nianbao formats", "Example:\n  nianbao formats"},
      {"cli.help.rules", "输出规则目录：检查可能报告的每个代码",
       "Print the rule catalogue: every code a check can report"},
      {"cli.help.rules.format", "只列出适用于此格式的规则",
       "Only the rules that apply to this format"},
      {"cli.help.rules.footer",
       "示例：\n"
       "  nianbao rules\n"
       "  nianbao rules --format gov-2021 --json --lang en",
       "Examples:\n"
       "  nianbao rules\n"
       "  nianbao rules --format gov-2021 --json --lang en"},
      {"cli.help.limits",
       "列出 --limit NAME=VALUE 可改变的资源上限：每个名称、其默认值（按声明它的插件）及其限制的"
       "内容。会加载所有插件",
       "List the resource limits --limit NAME=VALUE changes: each name, its default (by the "
       "plugin that declares it) and what it bounds. Loads every plugin"},
      {"cli.help.limits.footer",
       "示例：\n"
       "  nianbao limits\n"
       "  nianbao limits --json --lang en",
       "Examples:\n"
       "  nianbao limits\n"
       "  nianbao limits --json --lang en"},
      {"cli.help.serve", "运行 HTTP 服务：通过 HTTP 检查和转换，以及一个报告库",
       "Run the HTTP service: check and convert over HTTP, and a store of reports"},
      {"cli.help.serve.listen", "监听的地址和端口（默认 127.0.0.1:8790）",
       "Address and port to listen on (default 127.0.0.1:8790)"},
      {"cli.help.serve.data",
       "报告库的文件夹（默认：$XDG_DATA_HOME/nianbao 或 ~/.local/share/nianbao）",
       "Folder of the report store (default: $XDG_DATA_HOME/nianbao or "
       "~/.local/share/nianbao)"},
      {"cli.help.serve.token_file", "存放每次写入所需的持有者令牌的文件；没有它则拒绝写入",
       "File holding the bearer token every write needs; without it writes are refused"},
      {"cli.help.serve.workers", "应答请求的线程数（默认 8）",
       "Threads answering requests (default 8)"},
      {"cli.help.serve.cors", "允许此来源的浏览器页面调用 API",
       "Allow browser pages of this origin to call the API"},
      {"cli.help.serve.request_timeout", "请求体最多可用多少秒传完（默认 30）",
       "Seconds a request body may take to arrive (default 30)"},
      {"cli.help.serve.footer",
       "请求体的大小受 --limit input-bytes 限制（默认 64M）。SIGTERM 或 Ctrl-C "
       "会在进行中的请求都应答后停止服务。docs/server.md 说明了 API。\n"
       "示例：\n"
       "  nianbao serve\n"
       "  nianbao serve --listen 127.0.0.1:8790 --data /srv/nianbao --token-file "
       "/etc/nianbao/token\n"
       "  nianbao --lang en --limit input-bytes=16M serve --workers 16 --cors "
       "https://platform.example",
       "The body of a request is bounded by --limit input-bytes (default 64M). SIGTERM or Ctrl-C "
       "stops the server once the requests in progress are answered. docs/server.md describes "
       "the API.\n"
       "Examples:\n"
       "  nianbao serve\n"
       "  nianbao serve --listen 127.0.0.1:8790 --data /srv/nianbao --token-file "
       "/etc/nianbao/token\n"
       "  nianbao --lang en --limit input-bytes=16M serve --workers 16 --cors "
       "https://platform.example"},
      // ---- errors of the HTTP service (server/server.cpp) that are catalogue messages
      {"server.no_template_writer", "没有模板写出器插件（声明写出模板的导出器）",
       "no template writer plugin (an exporter that declares it writes templates)"},
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
      {"IMP-04",
       Severity::warning,
       "导入器不支持该选项",
       "the importer has no such option",
       "nianbao --import-option",
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
