#include "mechlab/mechanism/game_io.hpp"

#include <fmt/format.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "mechlab/core/error.hpp"

namespace mechlab::mechanism {

namespace {

// A label in double quotes, with '"' and '\' escaped by a backslash as Gambit does.
std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// Numbers for Gambit files: "p/q" exactly, or the shortest round-trip decimal.
template <class T>
std::string gambit_number(const T& x) {
  return NumberTraits<T>::to_text(x);
}

// Numbers for lrsnash: always an exact integer or fraction.
template <class T>
std::string lrs_number(const T& x) {
  if constexpr (NumberTraits<T>::exact) {
    return to_string(x);
  } else {
    return to_string(rational_from_double(x));
  }
}

// Appends " \"label\"" (one at a time: GCC 12 warns falsely on chained string +).
void append_label(std::string& out, const std::string& label) {
  out += ' ';
  out += quoted(label);
}

}  // namespace

template <class T>
std::string to_efg(const Problem<T>& problem, const Mechanism<T>& mechanism,
                   std::uint64_t memory_limit_bytes, Progress& progress) {
  check_mechanism(problem, mechanism);
  const std::size_t n = problem.agent_count();
  const std::size_t profiles = problem.profile_count();
  // |T| chance branches, each a tree with one leaf per reported profile; a
  // leaf line takes about 16 bytes plus each payoff's text.
  const double leaves = static_cast<double>(profiles) * static_cast<double>(profiles);
  const double bytes = leaves * (24.0 + 24.0 * static_cast<double>(n));
  if (bytes > static_cast<double>(memory_limit_bytes)) {
    throw InputError(
        "/agents",
        fmt::format("an extensive form that fits the memory limit of {} (--memory-limit)",
                    io::format_bytes(static_cast<double>(memory_limit_bytes))),
        fmt::format("{} type profiles, so {:.3g} terminal nodes, needing about {}", profiles,
                    leaves, io::format_bytes(bytes)));
  }
  progress.start("efg export", profiles);
  std::string out =
      fmt::format("EFG 2 R {} {{",
                  quoted(fmt::format("Bayesian game induced by mechanism \"{}\"", mechanism.name)));
  for (const auto& a : problem.env.agents) append_label(out, a);
  out +=
      " }\n\"Chance draws the type profile; each agent then reports at one information set per "
      "own type, observing neither the others' types nor their reports.\"\n\n";
  out += R"(c "" 1 "type profile" {)";
  for (std::size_t t = 0; t < profiles; ++t) {
    append_label(out, problem.profile_name(t));
    out += ' ';
    out += gambit_number(problem.p_profile[t]);
  }
  out += " } 0\n";
  std::size_t outcome = 0;
  for (std::size_t t = 0; t < profiles; ++t) {
    const std::vector<std::size_t> types = problem.profiles.decode(t);
    for (std::size_t r = 0; r < profiles; ++r) {
      const std::vector<std::size_t> reports = problem.profiles.decode(r);
      // Agent i's node opens the subtree whose leaves have reports i..n-1 all 0.
      std::size_t first = n;
      while (first > 0 && reports[first - 1] == 0) --first;
      for (std::size_t i = first; i < n; ++i) {
        out += fmt::format(
            "p \"\" {} {} {} {{", i + 1, types[i] + 1,
            quoted(fmt::format("{} is {}", problem.env.agents[i], problem.env.types[i][types[i]])));
        for (const auto& label : problem.env.types[i]) append_label(out, label);
        out += " } 0\n";
      }
      out += fmt::format(R"(t "" {} "" {{ )", ++outcome);
      for (std::size_t i = 0; i < n; ++i) {
        if (i > 0) out += ", ";
        out += gambit_number(payoff(problem, mechanism, i, r, t));
      }
      out += " }\n";
    }
    progress.advance();
  }
  return out;
}

template <class T>
std::string to_nfg(const StrategicGame<T>& game, const std::string& comment) {
  const std::size_t n = game.player_count();
  std::string out = fmt::format("NFG 1 R {} {{", quoted(game.title));
  for (const auto& p : game.players) append_label(out, p);
  out += " }\n{\n";
  for (const auto& labels : game.strategies) {
    out += "{";
    for (const auto& s : labels) append_label(out, s);
    out += " }\n";
  }
  out += "}\n";
  out += quoted(comment);
  out += "\n\n";
  const std::size_t profiles = game.profile_count();
  for (std::size_t p = 0; p < profiles; ++p) {
    for (std::size_t i = 0; i < n; ++i) {
      if (i > 0) out += ' ';
      out += gambit_number(game.payoff(p, i));
    }
    out += '\n';
  }
  return out;
}

void check_lrs_players(std::size_t players) {
  if (players != 2) {
    throw InputError("--to", "a game with exactly 2 players for lrsnash (--to lrs)",
                     fmt::format("{} player{}", players, players == 1 ? "" : "s"));
  }
}

template <class T>
std::string to_lrs(const StrategicGame<T>& game) {
  check_lrs_players(game.player_count());
  const std::size_t rows = game.strategy_count(0);
  const std::size_t cols = game.strategy_count(1);
  std::string out = fmt::format("{} {}\n", rows, cols);
  for (std::size_t player = 0; player < 2; ++player) {
    out += '\n';
    for (std::size_t r = 0; r < rows; ++r) {
      for (std::size_t c = 0; c < cols; ++c) {
        if (c > 0) out += ' ';
        out += lrs_number(game.payoff(r + c * rows, player));
      }
      out += '\n';
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// The .nfg reader.

namespace {

struct Token {
  enum class Kind { word, label, open, close, comma, end };
  Kind kind = Kind::end;
  std::string text;
  std::size_t line = 1;
};

std::string describe(const Token& t) {
  switch (t.kind) {
    case Token::Kind::end: return "end of file";
    case Token::Kind::open: return "\"{\"";
    case Token::Kind::close: return "\"}\"";
    case Token::Kind::comma: return "\",\"";
    case Token::Kind::label: {
      const std::string shown = t.text.size() > 40 ? t.text.substr(0, 40) + "..." : t.text;
      return "the label " + quoted(shown);
    }
    case Token::Kind::word: break;
  }
  const std::string shown = t.text.size() > 40 ? t.text.substr(0, 40) + "..." : t.text;
  return "\"" + shown + "\"";
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  Token next() {
    if (peeked_) {
      Token t = std::move(*peeked_);
      peeked_.reset();
      return t;
    }
    return scan();
  }
  const Token& peek() {
    if (!peeked_) peeked_ = scan();
    return *peeked_;
  }

  [[noreturn]] static void fail(const Token& t, const std::string& expected) {
    throw InputError(fmt::format("line {}", t.line), expected, describe(t));
  }

 private:
  Token scan() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_])) != 0) {
      if (text_[pos_] == '\n') ++line_;
      ++pos_;
    }
    Token t;
    t.line = line_;
    if (pos_ >= text_.size()) return t;
    const char c = text_[pos_];
    if (c == '{' || c == '}' || c == ',') {
      ++pos_;
      t.kind = c == '{' ? Token::Kind::open : (c == '}' ? Token::Kind::close : Token::Kind::comma);
      t.text = std::string(1, c);
      return t;
    }
    if (c == '"') {
      t.kind = Token::Kind::label;
      ++pos_;
      while (true) {
        if (pos_ >= text_.size()) {
          throw InputError(fmt::format("line {}", t.line),
                           "a closing '\"' for the label opened here", "end of file");
        }
        char d = text_[pos_++];
        if (d == '\n') ++line_;
        if (d == '\\' && pos_ < text_.size() && (text_[pos_] == '"' || text_[pos_] == '\\')) {
          d = text_[pos_++];
        } else if (d == '"') {
          break;
        }
        t.text += d;
      }
      return t;
    }
    t.kind = Token::Kind::word;
    while (pos_ < text_.size()) {
      const char d = text_[pos_];
      if (std::isspace(static_cast<unsigned char>(d)) != 0 || d == '{' || d == '}' || d == ',' ||
          d == '"') {
        break;
      }
      t.text += d;
      ++pos_;
    }
    return t;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::optional<Token> peeked_;
};

Token expect(Lexer& lex, Token::Kind kind, const std::string& expected) {
  Token t = lex.next();
  if (t.kind != kind) Lexer::fail(t, expected);
  return t;
}

Rational number(const Token& t) {
  if (t.kind != Token::Kind::word) {
    Lexer::fail(t, "a payoff (a number such as 3, -1/2 or 0.25)");
  }
  try {
    return parse_rational(t.text);
  } catch (const InputError& e) {
    throw InputError(fmt::format("line {}", t.line), e.expected(), describe(t));
  }
}

std::size_t count(const Token& t, std::size_t max, const std::string& expected) {
  if (t.kind != Token::Kind::word || t.text.empty() || t.text.size() > 18 ||
      t.text.find_first_not_of("0123456789") != std::string::npos) {
    Lexer::fail(t, expected);
  }
  const std::size_t v = std::stoull(t.text);
  if (v > max) Lexer::fail(t, expected);
  return v;
}

}  // namespace

StrategicGame<Rational> read_nfg(std::string_view text, const io::ReadOptions& options) {
  Lexer lex(text);
  StrategicGame<Rational> game;
  {
    const Token t = lex.next();
    if (t.kind != Token::Kind::word || t.text != "NFG") {
      Lexer::fail(t, "\"NFG\" (a Gambit strategic-form file)");
    }
    const Token v = lex.next();
    if (v.kind != Token::Kind::word || v.text != "1") Lexer::fail(v, "the version \"1\"");
    const Token r = lex.next();
    if (r.kind != Token::Kind::word || (r.text != "R" && r.text != "D")) {
      Lexer::fail(r, R"("R" (or the obsolete "D"))");
    }
  }
  game.title = expect(lex, Token::Kind::label, "the game's title in double quotes").text;
  expect(lex, Token::Kind::open, "\"{\" opening the list of players");
  while (lex.peek().kind == Token::Kind::label) game.players.push_back(lex.next().text);
  {
    const Token t = lex.next();
    if (t.kind != Token::Kind::close) Lexer::fail(t, "a player's name in double quotes or \"}\"");
    if (game.players.empty()) Lexer::fail(t, "at least one player");
  }
  const std::size_t n = game.players.size();
  const Token strategies_open =
      expect(lex, Token::Kind::open, "\"{\" opening the strategies (counts or names)");
  std::vector<std::size_t> sizes;
  if (lex.peek().kind == Token::Kind::open) {
    for (std::size_t i = 0; i < n; ++i) {
      expect(lex, Token::Kind::open,
             fmt::format("\"{{\" opening the strategy names of player {} ({} players)", i + 1, n));
      std::vector<std::string> labels;
      while (lex.peek().kind == Token::Kind::label) labels.push_back(lex.next().text);
      const Token t = lex.next();
      if (t.kind != Token::Kind::close) Lexer::fail(t, "a strategy name in double quotes or \"}\"");
      if (labels.empty()) Lexer::fail(t, fmt::format("at least one strategy for player {}", i + 1));
      sizes.push_back(labels.size());
      game.strategies.push_back(std::move(labels));
    }
    expect(lex, Token::Kind::close,
           fmt::format("\"}}\" closing the strategy names: one list per player ({})", n));
  } else {
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t k =
          count(lex.next(), 1'000'000'000,
                fmt::format("the number of strategies of player {} (an integer from 1 to 10^9; {} "
                            "players)",
                            i + 1, n));
      if (k == 0) {
        throw InputError(fmt::format("line {}", strategies_open.line),
                         fmt::format("at least one strategy for player {}", i + 1), "0");
      }
      sizes.push_back(k);
    }
    expect(lex, Token::Kind::close,
           fmt::format("\"}}\" closing the strategy counts: one count per player ({})", n));
  }
  // The declared size, before anything of that size is allocated.
  std::size_t profiles = 1;
  double estimate = 1;
  double label_bytes = 0;
  for (const std::size_t k : sizes) {
    estimate *= static_cast<double>(k);
    label_bytes += static_cast<double>(k) * 48.0;
    profiles = profiles > SIZE_MAX / k ? SIZE_MAX : profiles * k;
  }
  const double bytes = estimate * static_cast<double>(n) * 96.0 + label_bytes;
  if (estimate >= 0x1p62 || bytes > static_cast<double>(options.memory_limit_bytes)) {
    throw InputError(fmt::format("line {}", strategies_open.line),
                     fmt::format("a game whose payoff table fits the memory limit of {} "
                                 "(--memory-limit)",
                                 io::format_bytes(static_cast<double>(options.memory_limit_bytes))),
                     fmt::format("{:.6g} strategy profiles of {} players, needing about {}",
                                 estimate, n, io::format_bytes(bytes)));
  }
  if (game.strategies.empty()) {  // counts: labels "1", "2", ... as Gambit names them
    for (const std::size_t k : sizes) {
      std::vector<std::string> labels;
      labels.reserve(k);
      for (std::size_t s = 0; s < k; ++s) labels.push_back(fmt::format("{}", s + 1));
      game.strategies.push_back(std::move(labels));
    }
  }
  if (lex.peek().kind == Token::Kind::label) lex.next();  // the optional comment

  game.payoffs.reserve(std::min(profiles * n, text.size()));
  if (lex.peek().kind == Token::Kind::open) {
    // Outcome version: { { "name" u_1, u_2, ... } ... } then one outcome per profile.
    lex.next();
    std::vector<std::vector<Rational>> outcomes;
    while (lex.peek().kind == Token::Kind::open) {
      lex.next();
      expect(lex, Token::Kind::label, "the outcome's name in double quotes");
      std::vector<Rational> u;
      for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && lex.peek().kind == Token::Kind::comma) lex.next();
        const Token t = lex.next();
        if (t.kind != Token::Kind::word) {
          Lexer::fail(t, fmt::format("outcome {}'s payoff to player {} (one number per player, {})",
                                     outcomes.size() + 1, i + 1, n));
        }
        u.push_back(number(t));
      }
      const Token t = lex.next();
      if (t.kind != Token::Kind::close) {
        Lexer::fail(
            t, fmt::format("\"}}\" closing outcome {} after {} payoffs", outcomes.size() + 1, n));
      }
      outcomes.push_back(std::move(u));
    }
    expect(lex, Token::Kind::close, R"("{" opening an outcome or "}" closing the outcome list)");
    for (std::size_t p = 0; p < profiles; ++p) {
      const Token t = lex.next();
      const std::size_t k = count(
          t, outcomes.size(),
          fmt::format("the outcome number of strategy profile {} of {} (0 for none, or 1 to {})",
                      p + 1, profiles, outcomes.size()));
      for (std::size_t i = 0; i < n; ++i) {
        game.payoffs.push_back(k == 0 ? Rational(0) : outcomes[k - 1][i]);
      }
    }
  } else {
    for (std::size_t p = 0; p < profiles; ++p) {
      for (std::size_t i = 0; i < n; ++i) {
        const Token t = lex.next();
        if (t.kind != Token::Kind::word) {
          Lexer::fail(t, fmt::format("payoff {} of {} (strategy profiles × players = {} × {})",
                                     p * n + i + 1, profiles * n, profiles, n));
        }
        game.payoffs.push_back(number(t));
      }
    }
  }
  const Token last = lex.next();
  if (last.kind != Token::Kind::end) {
    Lexer::fail(last, fmt::format("the end of the file after {} strategy profiles", profiles));
  }
  return game;
}

StrategicGame<Rational> read_nfg_file(const std::string& path, const io::ReadOptions& options) {
  std::error_code ec;
  const auto bytes = std::filesystem::file_size(path, ec);
  if (ec) throw InputError("", "a readable .nfg file", fmt::format("{} ({})", path, ec.message()));
  // Each payoff's text becomes a Rational of about 64 bytes from at least 2 bytes.
  if (static_cast<double>(bytes) * 32 > static_cast<double>(options.memory_limit_bytes)) {
    throw InputError("",
                     fmt::format("a file that reads within the memory limit of {} (--memory-limit)",
                                 io::format_bytes(static_cast<double>(options.memory_limit_bytes))),
                     fmt::format("{} bytes, needing about {}", bytes,
                                 io::format_bytes(static_cast<double>(bytes) * 32)));
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("", "a readable .nfg file", path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return read_nfg(ss.str(), options);
}

#define MECHLAB_GAME_IO(T)                                                                       \
  template std::string to_efg(const Problem<T>&, const Mechanism<T>&, std::uint64_t, Progress&); \
  template std::string to_nfg(const StrategicGame<T>&, const std::string&);                      \
  template std::string to_lrs(const StrategicGame<T>&);
MECHLAB_GAME_IO(Rational)
MECHLAB_GAME_IO(double)
#undef MECHLAB_GAME_IO

}  // namespace mechlab::mechanism
