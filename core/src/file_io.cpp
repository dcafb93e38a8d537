// Reading inputs whole and writing outputs atomically: a failed write never leaves a truncated
// file behind, and inputs are only ever opened for reading.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "nianbao/engine.h"

namespace fs = std::filesystem;

namespace nianbao {
namespace {

[[noreturn]] void io_error(const std::string& code, const std::string& message_id,
                           const std::string& path, std::vector<MessageArg> args) {
  Diagnostic d;
  d.code = code;
  d.severity = Severity::error;
  d.message_id = message_id;
  d.args = std::move(args);
  d.location.source.file = path;
  d.plugin = "core";
  throw InputError(std::move(d));
}

}  // namespace

std::string read_file(const std::string& path, std::size_t max_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) io_error("IO-01", "io.cannot_read", path, {{"reason", std::strerror(errno)}});
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    io_error("IO-01", "io.cannot_read", path, {{"reason", std::strerror(err)}});
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    io_error("IO-01", "io.is_directory", path, {});
  }
  if (S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) > max_bytes) {
    ::close(fd);
    io_error("IO-02", "io.too_large", path,
             {{"size", std::to_string(st.st_size)}, {"limit", std::to_string(max_bytes)}});
  }
  std::string data;
  if (S_ISREG(st.st_mode)) data.reserve(static_cast<std::size_t>(st.st_size));
  char buffer[64 * 1024];
  for (;;) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      io_error("IO-01", "io.cannot_read", path, {{"reason", std::strerror(err)}});
    }
    if (n == 0) break;
    if (data.size() + static_cast<std::size_t>(n) > max_bytes) {
      ::close(fd);
      io_error("IO-02", "io.too_large", path,
               {{"size", "> " + std::to_string(max_bytes)}, {"limit", std::to_string(max_bytes)}});
    }
    data.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return data;
}

AtomicOutput::AtomicOutput(std::string path) : path_(std::move(path)) {
  fs::path target(path_);
  fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  temp_ = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  fd_ = ::mkstemp(temp_.data());
  if (fd_ < 0) io_error("IO-03", "io.cannot_write", path_, {{"reason", std::strerror(errno)}});
}

AtomicOutput::~AtomicOutput() {
  if (fd_ >= 0) {
    ::close(fd_);
    ::unlink(temp_.c_str());
  }
}

void AtomicOutput::write(std::string_view bytes) {
  const char* p = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    ssize_t n = ::write(fd_, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      io_error("IO-03", "io.cannot_write", path_, {{"reason", std::strerror(errno)}});
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

void AtomicOutput::commit() {
  // mkstemp creates 0600; give the output the usual permissions for a new file.
  mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fchmod(fd_, 0666 & ~mask) != 0 || ::fsync(fd_) != 0)
    io_error("IO-03", "io.cannot_write", path_, {{"reason", std::strerror(errno)}});
  int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(temp_.c_str());
    io_error("IO-03", "io.cannot_write", path_, {{"reason", std::strerror(err)}});
  }
  if (::rename(temp_.c_str(), path_.c_str()) != 0) {
    int err = errno;
    ::unlink(temp_.c_str());
    io_error("IO-03", "io.cannot_write", path_, {{"reason", std::strerror(err)}});
  }
}

void write_file_atomically(const std::string& path, std::string_view bytes) {
  AtomicOutput out(path);
  out.write(bytes);
  out.commit();
}

}  // namespace nianbao
