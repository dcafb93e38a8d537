#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "test_util.h"

using namespace nianbao;
namespace fs = std::filesystem;

namespace {
fs::path temp_dir() {
  fs::path d = fs::temp_directory_path() / ("nianbao-io-" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d;
}
std::string code_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.diagnostic().code;
  }
  return "none";
}
}  // namespace

TEST(FileIo, AtomicWriteReplacesWholeFile) {
  fs::path dir = temp_dir();
  std::string target = (dir / "out.json").string();
  write_file_atomically(target, "first version, longer\n");
  write_file_atomically(target, "second\n");
  EXPECT_EQ(test::slurp(target), "second\n");
  // No temporary files are left behind.
  int files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir))
    ++files;
  EXPECT_EQ(files, 1);
  fs::remove_all(dir);
}

TEST(FileIo, FailedWriteLeavesTheOldFileIntact) {
  // Paths that cannot be written even by root: a parent that is a file, a missing directory.
  fs::path dir = temp_dir();
  std::string target = (dir / "out.json").string();
  write_file_atomically(target, "precious\n");
  EXPECT_EQ(code_of([&] { write_file_atomically((dir / "out.json" / "child").string(), "x"); }),
            "IO-03");
  EXPECT_EQ(code_of([&] { write_file_atomically((dir / "missing-dir" / "x.json").string(), "x"); }),
            "IO-03");
  EXPECT_EQ(test::slurp(target), "precious\n");
  fs::remove_all(dir);
}

TEST(FileIo, ReadErrorsHaveCodes) {
  fs::path dir = temp_dir();
  EXPECT_EQ(code_of([&] { read_file((dir / "nope").string()); }), "IO-01");
  EXPECT_EQ(code_of([&] { read_file(dir.string()); }), "IO-01");
  std::ofstream((dir / "big").string()) << std::string(100, 'x');
  EXPECT_EQ(code_of([&] { read_file((dir / "big").string(), 10); }), "IO-02");
  EXPECT_EQ(read_file((dir / "big").string(), 100).size(), 100u);
  fs::remove_all(dir);
}
