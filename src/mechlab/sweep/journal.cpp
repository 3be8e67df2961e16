#include "mechlab/sweep/journal.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_set>

#include "mechlab/core/error.hpp"

namespace mechlab::sweep {

using nlohmann::json;

const char* status_name(PointStatus s) {
  switch (s) {
    case PointStatus::ok: return "ok";
    case PointStatus::invalid: return "invalid";
    case PointStatus::timeout: return "timeout";
    case PointStatus::error: return "error";
  }
  return "error";
}

PointResult summarize(const Spec& spec, const json& output) {
  PointResult r;
  r.summary = json::object();
  for (const auto& k : spec.keep) {
    const json::json_pointer p(k.pointer);
    const json* value = nullptr;
    try {
      value = &output.at(p);
    } catch (const json::exception&) {
      value = nullptr;
    }
    if (value != nullptr) {
      r.summary[k.name] = *value;
    } else {
      r.summary[k.name] = nullptr;
      r.missing.push_back(k.name);
    }
  }
  return r;
}

std::string point_line(const Spec& spec, std::uint64_t index, const PointResult& result) {
  json line = {{"id", point_id(spec, index)},
               {"index", index},
               {"parameters", point_parameters(spec, index)},
               {"status", status_name(result.status)},
               {"summary", result.summary.is_null() ? json::object() : result.summary}};
  if (!result.missing.empty()) line["missing"] = result.missing;
  if (result.status != PointStatus::ok) line["error"] = result.message;
  // Microseconds: enough for a rate, and short.
  if (result.seconds) line["seconds"] = std::round(*result.seconds * 1e6) / 1e6;
  return line.dump() + "\n";
}

std::vector<Line> read_lines(const std::string& path, bool repair) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  in.close();
  const std::size_t complete = text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1;
  if (complete < text.size() && repair) std::filesystem::resize_file(path, complete);
  std::vector<Line> lines;
  std::size_t start = 0;
  std::size_t number = 0;
  while (start < complete) {
    const std::size_t end = text.find('\n', start);
    ++number;
    std::string line = text.substr(start, end - start);
    start = end + 1;
    if (line.empty()) continue;
    const std::string where = fmt::format("{}: line {}", path, number);
    json parsed;
    try {
      parsed = io::parse_json(line).root;
    } catch (const InputError& e) {
      throw InputError(where, "a sweep output line (JSON)", e.what());
    }
    if (!parsed.is_object() || !parsed.contains("id") || !parsed["id"].is_string() ||
        !parsed.contains("index") || !parsed["index"].is_number_unsigned()) {
      throw InputError(where, R"(a sweep output line with "id" and "index")",
                       parsed.dump().substr(0, 60));
    }
    const auto status = parsed.find("status");
    lines.push_back(
        {parsed["id"].get<std::string>(), parsed["index"].get<std::uint64_t>(),
         status != parsed.end() && status->is_string() ? status->get<std::string>() : "",
         std::move(line)});
  }
  return lines;
}

Tally tally(const Spec& spec, const std::vector<Line>& lines) {
  // A line is this spec's point iff its id is the one its index has here: one
  // hash per line, no table of every point's id.
  const std::uint64_t n = spec.point_count();
  std::vector<bool> seen(n, false);
  Tally t;
  for (const auto& l : lines) {
    if (l.index >= n || point_id(spec, l.index) != l.id) {
      ++t.stale;
    } else if (!seen[l.index]) {
      seen[l.index] = true;
      ++t.done;
      ++t.by_status[l.status];
    }
  }
  for (std::uint64_t i = 0; i < n; ++i) {
    if (!seen[i]) t.pending.push_back(i);
  }
  return t;
}

Appender::Appender(const std::string& path) : path_(path) {
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-vararg,hicpp-vararg): POSIX open
  fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    throw InputError("--out", "a writable file",
                     fmt::format("{} ({})", path, std::strerror(errno)));
  }
}

Appender::~Appender() {
  if (fd_ >= 0) ::close(fd_);
}

void Appender::append(const std::string& line) {
  const std::lock_guard lock(mutex_);
  // One write(2) for the whole line; the loop only continues after a signal or a full disk.
  std::size_t written = 0;
  while (written < line.size()) {
    const ssize_t n = ::write(fd_, line.data() + written, line.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      throw std::runtime_error(fmt::format("writing {}: {}", path_, std::strerror(errno)));
    }
    written += static_cast<std::size_t>(n);
  }
}

std::string shard_path(const std::string& out, int rank) {
  return fmt::format("{}.rank{}", out, rank);
}

std::vector<std::string> shard_files(const std::string& out) {
  namespace fs = std::filesystem;
  const fs::path p(out);
  const fs::path folder = p.parent_path().empty() ? fs::path(".") : p.parent_path();
  const std::string prefix = p.filename().string() + ".rank";
  std::vector<std::string> shards;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.size() > prefix.size() && name.rfind(prefix, 0) == 0 &&
        name.find_first_not_of("0123456789", prefix.size()) == std::string::npos) {
      shards.push_back((p.parent_path() / name).string());
    }
  }
  std::sort(shards.begin(), shards.end());
  return shards;
}

std::size_t merge_into(const std::string& out, const std::vector<std::string>& shards) {
  std::vector<Line> all = read_lines(out, true);
  for (const auto& s : shards) {
    auto more = read_lines(s, false);
    all.insert(all.end(), std::make_move_iterator(more.begin()),
               std::make_move_iterator(more.end()));
  }
  std::stable_sort(all.begin(), all.end(), [](const Line& a, const Line& b) {
    return a.index != b.index ? a.index < b.index : a.id < b.id;
  });
  std::string text;
  std::unordered_set<std::string> seen;
  std::size_t count = 0;
  for (const auto& l : all) {
    if (!seen.insert(l.id).second) continue;  // the same point from two runs: keep the first
    text += l.text;
    text += '\n';
    ++count;
  }
  const std::string tmp = out + ".merging";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    f << text;
    f.close();
    if (!f) throw InputError("--out", "a writable folder", tmp);
  }
  std::filesystem::rename(tmp, out);
  for (const auto& s : shards) std::filesystem::remove(s);
  return count;
}

}  // namespace mechlab::sweep
