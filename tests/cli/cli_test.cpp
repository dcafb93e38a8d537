// End-to-end tests of the nianbao command: what a user types, what they see, the exit code.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Outcome {
  int code = -1;
  std::string out;
  std::string err;
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("nianbao-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs the CLI with the given arguments (shell-quoted by the caller where needed), without
  // the user's plugin path.
  Outcome run(const std::string& args) {
    std::string cmd = "env -u NIANBAO_PLUGIN_PATH " + std::string(NIANBAO_CLI) + " " + args + " >" +
                      (dir_ / "stdout").string() + " 2>" + (dir_ / "stderr").string() +
                      " </dev/null";
    int status = std::system(cmd.c_str());
    Outcome r;
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(dir_ / "stdout");
    r.err = slurp(dir_ / "stderr");
    return r;
  }
  std::string example() const {
    return std::string(NIANBAO_SOURCE_DIR) + "/examples/huaibei-2020/report.json";
  }
  // A copy of the example with one replacement; returns its path and the 1-based line.
  std::pair<std::string, int> mutated(const std::string& from, const std::string& to) {
    std::string text = slurp(example());
    auto pos = text.find(from);
    EXPECT_NE(pos, std::string::npos);
    text.replace(pos, from.size(), to);
    int line =
        1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n'));
    fs::path p = dir_ / "mutated.json";
    std::ofstream(p, std::ios::binary) << text;
    return {p.string(), line};
  }
  fs::path dir_;
};

}  // namespace

TEST_F(Cli, HelpTeachesAndExitsZero) {
  Outcome r = run("--lang en --help");
  EXPECT_EQ(r.code, 0);
  for (const char* word :
       {"check", "convert", "plugins", "formats", "rules", "Exit codes", "--plugin-path", "--lang"})
    EXPECT_NE(r.out.find(word), std::string::npos) << word;
  Outcome c = run("--lang en check --help");
  EXPECT_EQ(c.code, 0);
  EXPECT_NE(c.out.find("Examples:"), std::string::npos);
  EXPECT_NE(c.out.find("--fail-on"), std::string::npos);
  EXPECT_NE(c.out.find("--output-format"), std::string::npos);
}

// The option column of a --help: the first word of each line that starts with an option.
std::vector<std::string> option_names(const std::string& help) {
  std::vector<std::string> out;
  static const std::regex kOptionLine(R"(^  (-[^ ]+))");
  std::istringstream lines(help);
  for (std::string line; std::getline(lines, line);)
    if (std::smatch m; std::regex_search(line, m, kOptionLine)) out.push_back(m[1]);
  return out;
}

// --help is built from the catalogue in the language of the run: Chinese by default, English with
// --lang en (either spelling, before or after the command); option names and examples are the same.
TEST_F(Cli, HelpSpeaksTheLanguageOfTheRun) {
  const Outcome zh = run("--help");
  const Outcome en = run("--lang en --help");
  const Outcome en_eq = run("--help --lang=en");
  ASSERT_EQ(zh.code, 0);
  ASSERT_EQ(en.code, 0);
  EXPECT_EQ(en_eq.out, en.out);
  for (const char* text :
       {"退出码：0 没有达到 --fail-on 级别的问题", "检查报告：结构、算术关系、正文与表格是否一致",
        "消息的语言：zh（默认）或 en", "用法: nianbao [选项] 命令", "显示本帮助并退出"})
    EXPECT_NE(zh.out.find(text), std::string::npos) << text << "\n" << zh.out;
  for (const char* text : {"Exit codes: 0 no findings at or above --fail-on",
                           "Check reports: structure, arithmetic, prose against tables",
                           "Language of messages: zh (default) or en", "Usage: nianbao [OPTIONS]",
                           "Print this help message and exit"})
    EXPECT_NE(en.out.find(text), std::string::npos) << text << "\n" << en.out;
  EXPECT_EQ(zh.out.find("Exit codes"), std::string::npos) << zh.out;
  // A command line the parser refuses ends with the advice in the language of the run.
  const Outcome refused_zh = run("frobnicate");
  const Outcome refused_en = run("--lang en frobnicate");
  EXPECT_EQ(refused_zh.code, 2);
  EXPECT_EQ(refused_en.code, 2);
  EXPECT_NE(refused_zh.err.find("加上 --help 运行可查看用法。\n"), std::string::npos)
      << refused_zh.err;
  EXPECT_NE(refused_en.err.find("Run with --help for more information.\n"), std::string::npos)
      << refused_en.err;
  EXPECT_EQ(en.out.find("退出码"), std::string::npos) << en.out;
  const std::vector<std::string> names = option_names(zh.out);
  EXPECT_GE(names.size(), 8u) << zh.out;
  EXPECT_EQ(names, option_names(en.out));
  EXPECT_NE(std::find(names.begin(), names.end(), "--import-option"), names.end());

  const Outcome check_zh = run("check --help");
  const Outcome check_en = run("check --help --lang en");
  ASSERT_EQ(check_zh.code, 0);
  ASSERT_EQ(check_en.code, 0);
  EXPECT_NE(check_zh.out.find("示例：\n  nianbao check examples/huaibei-2020/report.json"),
            std::string::npos)
      << check_zh.out;
  EXPECT_NE(check_en.out.find("Examples:\n  nianbao check examples/huaibei-2020/report.json"),
            std::string::npos)
      << check_en.out;
  EXPECT_NE(check_zh.out.find("同一机构上一年度的报告，用于跨年度规则（XY-…）"), std::string::npos)
      << check_zh.out;
  EXPECT_NE(check_en.out.find("The same agency's report of the previous year"), std::string::npos)
      << check_en.out;
  const std::string example_line =
      "  nianbao check 2022.json --previous 2021.json --output-format sarif -o findings.sarif\n";
  EXPECT_NE(check_zh.out.find(example_line), std::string::npos) << check_zh.out;
  EXPECT_NE(check_en.out.find(example_line), std::string::npos) << check_en.out;
  const std::vector<std::string> check_names = option_names(check_zh.out);
  EXPECT_EQ(check_names, option_names(check_en.out));
  for (const char* name : {"-h,--help", "--importer", "--previous", "--output-format",
                           "-o,--output", "--fail-on", "--enable", "--disable", "--severity"})
    EXPECT_NE(std::find(check_names.begin(), check_names.end(), name), check_names.end()) << name;
  // The help flag of a command sits with its other options, under the heading of the language.
  EXPECT_EQ(check_zh.out.find("Options:"), std::string::npos) << check_zh.out;
  EXPECT_NE(check_en.out.find("Options:\n  -h,--help"), std::string::npos) << check_en.out;
}

// The progress lines of a batch (standard error is not a terminal here) and its HTML summary
// speak the language of the run.
TEST_F(Cli, BatchProgressAndHtmlSummaryInTheLanguageOfTheRun) {
  const std::string zh_html = (dir_ / "zh.html").string(), en_html = (dir_ / "en.html").string();
  const Outcome zh = run("batch --summary " + zh_html + " " + example());
  const Outcome en = run("--lang en batch --summary " + en_html + " " + example());
  EXPECT_EQ(zh.code, en.code);
  EXPECT_NE(zh.err.find("nianbao: 已检查 1/1（每秒 "), std::string::npos) << zh.err;
  EXPECT_NE(en.err.find("nianbao: 1/1 checked ("), std::string::npos) << en.err;
  EXPECT_EQ(en.err.find("已检查"), std::string::npos) << en.err;

  const std::string zh_page = slurp(zh_html), en_page = slurp(en_html);
  EXPECT_NE(zh_page.find("<html lang=\"zh-CN\">"), std::string::npos) << zh_page;
  EXPECT_NE(zh_page.find("<th scope=\"col\">最严重的问题</th>"), std::string::npos) << zh_page;
  EXPECT_NE(zh_page.find("1 份报告，0 份无法读取"), std::string::npos) << zh_page;
  EXPECT_NE(en_page.find("<html lang=\"en\">"), std::string::npos) << en_page;
  EXPECT_NE(en_page.find("<th scope=\"col\">file</th><th scope=\"col\">agency</th>"),
            std::string::npos)
      << en_page;
  EXPECT_NE(en_page.find("<th scope=\"col\">worst finding</th>"), std::string::npos) << en_page;
  EXPECT_NE(en_page.find("<p>1 report, 0 unreadable; "), std::string::npos) << en_page;
  EXPECT_EQ(en_page.find("报告主体"), std::string::npos) << en_page;
  EXPECT_EQ(en_page.find("无法读取"), std::string::npos) << en_page;
  // The same row in both.
  EXPECT_EQ(std::count(zh_page.begin(), zh_page.end(), '\n'),
            std::count(en_page.begin(), en_page.end(), '\n'));
}

// `convert -v` says what it wrote in the language of the run.
TEST_F(Cli, ConvertVerboseLineInTheLanguageOfTheRun) {
  const std::string out = (dir_ / "copy.json").string();
  const Outcome zh = run("-v convert " + example() + " -o " + out);
  const Outcome en = run("--lang en -v convert " + example() + " -o " + out);
  ASSERT_EQ(zh.code, 0) << zh.err;
  ASSERT_EQ(en.code, 0) << en.err;
  EXPECT_NE(zh.err.find(" → " + out + "（json，"), std::string::npos) << zh.err;
  EXPECT_NE(zh.err.find(" 字节）\n"), std::string::npos) << zh.err;
  EXPECT_NE(en.err.find(" → " + out + " (json, "), std::string::npos) << en.err;
  EXPECT_NE(en.err.find(" bytes)\n"), std::string::npos) << en.err;
}

TEST_F(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(run("").code, 2);
  EXPECT_EQ(run("frobnicate").code, 2);
  EXPECT_EQ(run("check").code, 2);
  EXPECT_EQ(run("check " + example() + " --output-format xml").code, 2);
  EXPECT_EQ(run("check /no/such/file.json").code, 2);
  Outcome sev = run("check " + example() + " --severity CEL-05");
  EXPECT_EQ(sev.code, 2);
  EXPECT_NE(sev.err.find("CODE=error|warning|info"), std::string::npos);
  EXPECT_EQ(run("check " + example() + " --disable NOPE-99").code, 2);
}

TEST_F(Cli, ConvertOfTheCanonicalExampleIsByteIdentical) {
  std::string out = (dir_ / "x.json").string();
  Outcome r = run("convert " + example() + " -o " + out);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(slurp(out), slurp(example()));
  // Converting again over the existing output replaces it whole.
  std::ofstream(out) << "old content that is longer than nothing";
  EXPECT_EQ(run("convert " + example() + " -o " + out).code, 0);
  EXPECT_EQ(slurp(out), slurp(example()));
}

TEST_F(Cli, ConvertRefusesToOverwriteItsInput) {
  std::string copy = (dir_ / "in.json").string();
  fs::copy_file(example(), copy);
  Outcome r = run("convert " + copy + " -o " + copy);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("输出文件与输入文件相同"), std::string::npos) << r.err;
  EXPECT_EQ(slurp(copy), slurp(example()));
  Outcome via_link =
      run("convert " + copy + " -o " + (dir_ / "." / "in.json").string() + " --lang en");
  EXPECT_EQ(via_link.code, 2);
  EXPECT_NE(via_link.err.find("refusing to overwrite the input"), std::string::npos);
}

TEST_F(Cli, ConvertNeedsAKnownOutputKind) {
  Outcome r = run("convert " + example() + " -o " + (dir_ / "x.unknown").string());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--to"), std::string::npos);
  EXPECT_NE(r.err.find("json (.json)"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "x.unknown"));
  Outcome named =
      run("convert " + example() + " -o " + (dir_ / "x.unknown").string() + " --to json");
  EXPECT_EQ(named.code, 0);
  EXPECT_EQ(slurp(dir_ / "x.unknown"), slurp(example()));
  EXPECT_EQ(run("convert " + example() + " -o " + (dir_ / "y.json").string() + " --to nope").code,
            2);
}

// Every exporter refuses an option it does not take (ExporterBase): those without options of
// their own with the host's EXP-02, the DOCX exporter with its own code; no file is written.
TEST_F(Cli, ExportersRefuseUnknownOptions) {
  for (const std::string to : {"json", "xlsx-template"}) {
    SCOPED_TRACE(to);
    const fs::path out = dir_ / ("x." + to);
    Outcome r = run("--lang en convert " + example() + " -o " + out.string() + " --to " + to +
                    " --option colour=red");
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("EXP-02"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("the " + to + " exporter takes no options (given colour=red)"),
              std::string::npos)
        << r.err;
    EXPECT_FALSE(fs::exists(out));
  }
  Outcome zh =
      run("convert " + example() + " -o " + (dir_ / "y.json").string() + " --option colour=red");
  EXPECT_NE(zh.err.find("导出器 json 没有选项（给出的是 colour=red）"), std::string::npos)
      << zh.err;
  Outcome docx = run("--lang en convert " + example() + " -o " + (dir_ / "x.docx").string() +
                     " --option colour=red");
  EXPECT_EQ(docx.code, 2);
  EXPECT_EQ(docx.err.find("EXP-02"), std::string::npos) << docx.err;
  EXPECT_NE(docx.err.find("colour"), std::string::npos) << docx.err;
  EXPECT_FALSE(fs::exists(dir_ / "x.docx"));
}

// Every importer warns of an import option it does not take (ImporterBase) and reads the file
// all the same: the JSON importer takes none, the importers of tables take format and year; a
// year that is not four digits is said and left out; limits are never taken for options.
TEST_F(Cli, ImportersWarnOfUnknownOptions) {
  const std::string xlsx = std::string(NIANBAO_SOURCE_DIR) + "/examples/huaibei-2020/report.xlsx";
  Outcome json =
      run("--lang en --import-option colour=red check --output-format json " + example());
  EXPECT_EQ(json.code, 1) << json.err;  // the example's own findings, as without the option
  nlohmann::json out = nlohmann::json::parse(json.out);
  int warned = 0;
  for (const auto& d : out["diagnostics"])
    if (d["code"] == "IMP-04") {
      ++warned;
      EXPECT_EQ(d["severity"], "warning");
      EXPECT_EQ(d["plugin"], "json-importer");
      EXPECT_EQ(d["message"], "the json importer takes no options; colour=red is ignored");
      EXPECT_EQ(d["location"]["file"], example());
    }
  EXPECT_EQ(warned, 1) << json.out;
  Outcome plain = run("--lang en check --output-format json " + example());
  EXPECT_EQ(nlohmann::json::parse(plain.out)["diagnostics"].size() + 1, out["diagnostics"].size());

  Outcome table =
      run("--lang en --import-option colour=red --import-option year=20x4 "
          "--limit table-cells=2000000 check --output-format json " +
          xlsx);
  const nlohmann::json table_out = nlohmann::json::parse(table.out);
  std::vector<std::string> messages;
  for (const auto& d : table_out["diagnostics"])
    if (d["code"] == "IMP-04" || d["message_id"] == "grid.bad_year")
      messages.push_back(d["plugin"].get<std::string>() + ": " + d["message"].get<std::string>());
  EXPECT_EQ(messages, (std::vector<std::string>{
                          "xlsx-importer: the xlsx importer has no option colour=red; it is "
                          "ignored (options: format, year)",
                          "xlsx-importer: the import option year=20x4 is not a four-digit year; "
                          "it is ignored"}))
      << table.out;

  Outcome zh = run("--import-option colour=red check " + xlsx);
  EXPECT_NE(zh.out.find("导入器 xlsx 不支持选项 colour=red，已忽略（可用的选项：format, year）"),
            std::string::npos)
      << zh.out;
}

TEST_F(Cli, BadJsonReportsNameTheKeyAndLine) {
  struct Case {
    std::string from, to, code, key;
  };
  for (const Case& c :
       {Case{"\"year\": 2020", "\"yera\": 2020", "JSON-02", "yera"},
        Case{"\"total_published\": 405", "\"total_published\": \"405\"", "JSON-03",
             "total_published"},
        Case{"\"other\": {\"natural_person\": 1", "\"other.fee_unpaid\": {\"natural_person\": 1",
             "JSON-04", "other.fee_unpaid"}}) {
    auto [path, line] = mutated(c.from, c.to);
    Outcome r = run("check " + path);
    EXPECT_EQ(r.code, 2) << c.code;
    EXPECT_NE(r.out.find(c.code), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(path + ":" + std::to_string(line)), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(c.key), std::string::npos) << r.out;
    Outcome converted = run("convert " + path + " -o " + (dir_ / "never.json").string());
    EXPECT_EQ(converted.code, 2);
    EXPECT_FALSE(fs::exists(dir_ / "never.json"));
  }
  auto [path, line] = mutated("\"year\": 2020", "\"yera\": 2020");
  Outcome en = run("--lang en check " + path);
  EXPECT_NE(en.out.find("unknown key \"yera\""), std::string::npos) << en.out;
  Outcome zh = run("check " + path);
  EXPECT_NE(zh.out.find("未知的键“yera”"), std::string::npos) << zh.out;
}

TEST_F(Cli, CheckOutputFormats) {
  auto [bad, line] = mutated("\"year\": 2020", "\"yera\": 2020");
  Outcome json = run("check --output-format json " + bad + " " + example());
  EXPECT_EQ(json.code, 2);
  auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["schema"], "nianbao.diagnostics/1");
  EXPECT_EQ(j["files"].size(), 2u);
  EXPECT_EQ(j["diagnostics"][0]["code"], "JSON-02");
  EXPECT_EQ(j["diagnostics"][0]["location"]["line"], line);
  EXPECT_EQ(j["diagnostics"][0]["location"]["file"], bad);

  Outcome sarif = run("check --output-format sarif -o " + (dir_ / "f.sarif").string() + " " + bad);
  EXPECT_EQ(sarif.code, 2);
  EXPECT_TRUE(sarif.out.empty());
  auto s = nlohmann::json::parse(slurp(dir_ / "f.sarif"));
  EXPECT_EQ(s["version"], "2.1.0");
  EXPECT_EQ(s["runs"][0]["results"][0]["ruleId"], "JSON-02");
  EXPECT_EQ(s["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"],
            line);
}

TEST_F(Cli, PluginsListsFromManifestsWithoutLoading) {
  // The unresolved fixture cannot be loaded; listing must not try.
  Outcome r = run("--plugin-path " + std::string(FIXTURES) + "/unresolved plugins --json");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  auto j = nlohmann::json::parse(r.out);
  std::map<std::string, nlohmann::json> by_id;
  for (const auto& p : j)
    by_id[p["id"]] = p;
  for (const char* id :
       {"json-importer", "json-exporter", "gov-2019", "gov-2021", "fixture-unresolved"}) {
    ASSERT_TRUE(by_id.count(id)) << id;
    EXPECT_EQ(by_id[id]["status"], "available");
    EXPECT_TRUE(fs::path(by_id[id]["library"].get<std::string>()).is_absolute());
  }
  EXPECT_EQ(by_id["gov-2019"]["kinds"], nlohmann::json::array({"format"}));
  EXPECT_EQ(by_id["gov-2019"]["formats"], nlohmann::json::array({"gov-2019"}));
  EXPECT_EQ(by_id["gov-2019"]["years"], "2019-2020");
  EXPECT_EQ(by_id["gov-2021"]["years"], "2021-");
  EXPECT_EQ(by_id["json-importer"]["kinds"], nlohmann::json::array({"importer"}));
  EXPECT_EQ(by_id["json-exporter"]["kinds"], nlohmann::json::array({"exporter"}));
  EXPECT_EQ(by_id["fixture-unresolved"]["origin"], "--plugin-path");
  Outcome text = run("plugins");
  EXPECT_NE(text.out.find("json-importer"), std::string::npos);
  EXPECT_NE(text.out.find("STATUS"), std::string::npos);
}

TEST_F(Cli, BrokenPluginsWarnOrFailWithStrict) {
  std::string broken = "--plugin-path " + std::string(FIXTURES) + "/throwing ";
  std::string out = (dir_ / "x.json").string();
  Outcome lenient = run(broken + "convert " + example() + " -o " + out);
  EXPECT_EQ(lenient.code, 0);
  EXPECT_NE(lenient.err.find("PLG-06"), std::string::npos) << lenient.err;
  EXPECT_EQ(slurp(out), slurp(example()));
  Outcome strict =
      run(broken + "--strict-plugins convert " + example() + " -o " + (dir_ / "y.json").string());
  EXPECT_EQ(strict.code, 2);
  EXPECT_NE(strict.err.find("--strict-plugins"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir_ / "y.json"));
  Outcome verbose = run("-v " + broken + "formats");
  EXPECT_NE(verbose.err.find("搜索插件目录"), std::string::npos);
  EXPECT_NE(verbose.err.find("fixture-throwing"), std::string::npos);
}

TEST_F(Cli, APluginIsLoadedWhenACommandNeedsIt) {
  // fixture-unresolved is an exporter whose library cannot be loaded: a check needs no exporter.
  const std::string broken = "--plugin-path " + std::string(FIXTURES) + "/unresolved ";
  Outcome check = run(broken + "--lang en -v check " + example());
  EXPECT_EQ(check.err.find("PLG-03"), std::string::npos) << check.err;
  EXPECT_NE(check.err.find("loaded plugin json-importer"), std::string::npos) << check.err;
  EXPECT_EQ(check.err.find("loaded plugin xlsx-importer"), std::string::npos) << check.err;
  EXPECT_EQ(check.err.find("loaded plugin docx-exporter"), std::string::npos) << check.err;
  EXPECT_EQ(check.code, run("check " + example()).code);
  // Writing a file needs an exporter: now it is tried, and reported.
  Outcome convert =
      run(broken + "--lang en -v convert " + example() + " -o " + (dir_ / "x.docx").string());
  EXPECT_EQ(convert.code, 0) << convert.err;
  EXPECT_NE(convert.err.find("PLG-03"), std::string::npos) << convert.err;
  EXPECT_NE(convert.err.find("loaded plugin docx-exporter"), std::string::npos) << convert.err;
  EXPECT_EQ(convert.err.find("loaded plugin html-exporter"), std::string::npos) << convert.err;
  // `plugins --load` and --strict-plugins load every plugin.
  Outcome listed = run(broken + "plugins --load --json");
  EXPECT_EQ(listed.code, 0);
  EXPECT_NE(listed.err.find("PLG-03"), std::string::npos) << listed.err;
  std::map<std::string, std::string> status;
  for (const auto& p : nlohmann::json::parse(listed.out))
    status[p["id"]] = p["status"];
  EXPECT_EQ(status["fixture-unresolved"], "failed");
  EXPECT_EQ(status["xlsx-importer"], "loaded");
  Outcome strict = run(broken + "--strict-plugins check " + example());
  EXPECT_EQ(strict.code, 2);
  EXPECT_NE(strict.err.find("PLG-03"), std::string::npos) << strict.err;
  EXPECT_EQ(run(broken + "--strict-plugins plugins").code, 2);
}

// The limits come from what the engine and the plugins declare: `nianbao limits`, the warning
// about a name nobody declares, and --help.
TEST_F(Cli, LimitsAreThoseThePluginsDeclare) {
  Outcome r = run("limits --json");
  ASSERT_EQ(r.code, 0) << r.err;
  std::map<std::string, std::map<std::string, std::uint64_t>> defaults;  // name → plugin → value
  for (const auto& l : nlohmann::json::parse(r.out)) {
    EXPECT_FALSE(l["bounds_zh"].get<std::string>().empty()) << l["name"];
    EXPECT_FALSE(l["bounds_en"].get<std::string>().empty()) << l["name"];
    for (const auto& d : l["defaults"])
      defaults[l["name"]][d["plugin"]] = d["value"];
  }
  EXPECT_EQ(defaults["input-bytes"][""], 64u << 20);
  EXPECT_EQ(defaults["zip-total-bytes"]["xlsx-importer"], 256u << 20);
  EXPECT_EQ(defaults["zip-total-bytes"]["docx-importer"], 128u << 20);
  EXPECT_EQ(defaults["table-cells"].size(), 3u);
  EXPECT_EQ(defaults["xml-bytes"]["platform-xml-importer"], 4u << 20);
  EXPECT_EQ(defaults["text-line-bytes"]["text-importer"], 1u << 20);
  Outcome text = run("--lang en limits");
  EXPECT_EQ(text.code, 0);
  // Each default with the plugins that declare it (in the plugins' search order).
  const std::string zip_total = text.out.substr(text.out.find("zip-total-bytes  "));
  const std::string zip_total_line = zip_total.substr(0, zip_total.find('\n'));
  EXPECT_NE(zip_total_line.find("256M (xlsx-importer)"), std::string::npos) << zip_total_line;
  EXPECT_NE(zip_total_line.find("128M (docx-importer)"), std::string::npos) << zip_total_line;
  EXPECT_NE(text.out.find("table-cells  1000000 (docx-importer, html-importer, xlsx-importer)"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("input-bytes  64M (the engine)"), std::string::npos) << text.out;

  // A misspelt name is said on stderr with the declared names; a declared one is not.
  Outcome typo = run("--lang en --limit tabel-cells=50 check " + example());
  EXPECT_EQ(typo.code, run("check " + example()).code);
  EXPECT_NE(typo.err.find("no plugin declares a limit called \"tabel-cells\""), std::string::npos)
      << typo.err;
  EXPECT_NE(typo.err.find("table-cells"), std::string::npos) << typo.err;
  Outcome known = run("--limit table-cells=5000 check " + example());
  EXPECT_EQ(known.err.find("tabel"), std::string::npos) << known.err;
  EXPECT_EQ(known.err.find("table-cells"), std::string::npos) << known.err;

  // Without --limit, a check still loads only the plugins it needs.
  Outcome lazy = run("--lang en -v check " + example());
  EXPECT_EQ(lazy.err.find("loaded plugin xlsx-importer"), std::string::npos) << lazy.err;

  Outcome help = run("--help");
  EXPECT_NE(help.out.find("zip-total-bytes (128M/256M)"), std::string::npos) << help.out;
  EXPECT_NE(help.out.find("input-bytes (64M)"), std::string::npos) << help.out;
}

TEST_F(Cli, FormatsShowsYears) {
  Outcome r = run("formats");
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("gov-2019   2019–2020"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("gov-2021   2021–"), std::string::npos) << r.out;
  auto j = nlohmann::json::parse(run("formats --json").out);
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["id"], "gov-2019");
  EXPECT_EQ(j[0]["year_to"], 2020);
  EXPECT_TRUE(j[1]["year_to"].is_null());
}

TEST_F(Cli, RulesCatalogue) {
  Outcome r = run("rules --json");
  EXPECT_EQ(r.code, 0);
  auto j = nlohmann::json::parse(r.out);
  std::set<std::string> codes;
  for (const auto& rule : j) {
    codes.insert(rule["code"]);
    EXPECT_FALSE(rule["title_zh"].get<std::string>().empty());
    EXPECT_FALSE(rule["title_en"].get<std::string>().empty());
  }
  for (const char* c : {"JSON-01", "JSON-04", "PLG-06", "IO-03"})
    EXPECT_TRUE(codes.count(c)) << c;
  EXPECT_EQ(run("rules --format gov-2021").code, 0);
  EXPECT_EQ(run("rules --format gov-1999").code, 2);
}

TEST_F(Cli, CheckOfTheBundledExample) {
  // The 淮北 2020 report: the prose swaps two outcome counts (NT-03, twice) and the procurement
  // amount has no unit (CEL-05); its tables are consistent.
  Outcome r = run("check " + example());
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("淮北市人民政府办公室（外事办公室） 2020年 (gov-2019)"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("正文“其他处理的24件”与表三不符：（六）其他处理 为 1 件"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("正文“无法提供的1件”与表三不符：（四）无法提供 为 24 件"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("共检查 1 个文件：2 个错误，1 个警告，0 条提示"), std::string::npos)
      << r.out;
  EXPECT_EQ(r.out.find("T3-"), std::string::npos);
  EXPECT_EQ(r.out.find("T4-"), std::string::npos);
  // Warnings alone do not fail under the default --fail-on error; they do under warning.
  EXPECT_EQ(run("check " + example() + " --disable NT-03").code, 0);
  EXPECT_EQ(run("check " + example() + " --disable NT-03 --fail-on warning").code, 1);
  EXPECT_EQ(run("check " + example() + " --fail-on none").code, 0);
  Outcome en = run("--lang en check " + example());
  EXPECT_NE(en.out.find("the text says “其他处理的24件”, but table 三 （六）其他处理 is 1"),
            std::string::npos)
      << en.out;
}

TEST_F(Cli, CrossYearWithPrevious) {
  std::string corpus = std::string(NIANBAO_SOURCE_DIR) + "/tests/data/corpus/";
  Outcome clean = run("check " + corpus + "pingtan-2022.json --previous " + corpus +
                      "pingtan-2021.json --fail-on warning");
  EXPECT_EQ(clean.code, 0) << clean.out;
  // 2021's 结转下年度 (自然人) altered: XY-01 at 2022's 上年结转 / 自然人.
  std::string text = slurp(corpus + "pingtan-2021.json");
  std::string from = "\"carried_forward\": {\"natural_person\": 1,";
  ASSERT_NE(text.find(from), std::string::npos);
  text.replace(text.find(from), from.size(), "\"carried_forward\": {\"natural_person\": 3,");
  std::ofstream(dir_ / "2021.json") << text;
  Outcome broken = run("check --output-format json " + corpus + "pingtan-2022.json --previous " +
                       (dir_ / "2021.json").string());
  EXPECT_EQ(broken.code, 1);
  auto j = nlohmann::json::parse(broken.out);
  int xy01 = 0;
  for (const auto& d : j["diagnostics"])
    if (d["code"] == "XY-01") {
      ++xy01;
      EXPECT_EQ(d["location"]["row"], "carried_over");
      EXPECT_EQ(d["location"]["column"], "natural_person");
      EXPECT_EQ(d["related"][0]["file"], (dir_ / "2021.json").string());
    }
  EXPECT_EQ(xy01, 1) << broken.out;
}

TEST_F(Cli, EveryWordFromTheCatalogueInChineseOrEnglish) {
  Outcome en = run("--lang en check --disable XX-99 " + example());
  EXPECT_EQ(en.code, 2);
  EXPECT_NE(en.err.find("nianbao: unknown rule code XX-99"), std::string::npos) << en.err;
  Outcome zh = run("check --disable XX-99 " + example());
  EXPECT_NE(zh.err.find("nianbao: 未知的规则代码 XX-99"), std::string::npos) << zh.err;

  Outcome format = run("--lang en template --format nope -o " + (dir_ / "t.xlsx").string());
  EXPECT_EQ(format.code, 2);
  EXPECT_NE(format.err.find("unknown format nope; known formats: gov-2019, gov-2021"),
            std::string::npos)
      << format.err;
  // No template writer writes .txt: a usage error naming the writers, and nothing written.
  Outcome writer = run("--lang en template --format gov-2021 -o " + (dir_ / "t.txt").string());
  EXPECT_EQ(writer.code, 2);
  EXPECT_NE(writer.err.find("no template writer writes"), std::string::npos) << writer.err;
  EXPECT_NE(writer.err.find("xlsx-template (.xlsx)"), std::string::npos) << writer.err;
  EXPECT_FALSE(fs::exists(dir_ / "t.txt"));

  Outcome formats = run("--lang en formats");
  EXPECT_NE(formats.out.find(" tables, "), std::string::npos) << formats.out;
  EXPECT_EQ(formats.out.find("张表"), std::string::npos) << formats.out;
  Outcome batch = run("--lang en batch -q " + example());
  EXPECT_NE(batch.out.find("errors\twarnings\tinfos\tyear"), std::string::npos) << batch.out;
  EXPECT_NE(batch.err.find("checked 1 report: "), std::string::npos) << batch.err;
  Outcome batch_zh = run("batch -q " + example());
  EXPECT_NE(batch_zh.err.find("共检查 1 份报告："), std::string::npos) << batch_zh.err;
}
