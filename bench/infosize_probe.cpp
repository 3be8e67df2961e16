// Informational size at scale (003 spec §3.4–3.11, §4.6), for bench/infosize_ratio.py.
//
//   infosize_probe replica [--rho 9/10] [--n-min 2] [--n-max 20] [--brute-max N]
//                          [--brute-stop 20] [--brute-limit 120] [--mem-mib 6144]
//   infosize_probe random  [--agents 3] [--signals 12] [--states 4] [--alternatives 3]
//                          [--seed 1] [--weight-max 9] [--value-max 10] [--limit 600]
//                          [--mem-mib 6144] [--skip-certify] [--skip-brute-pbe]
//
// Every phase runs in a forked child, so that its peak RSS (ru_maxrss from wait4) is its
// own; a child is killed at its time limit (SIGALRM) and gets RLIMIT_AS = --mem-mib. The
// child sends its results back as exact text ("key value" lines); the parent compares them.
//
// replica: for each n, `replica_point` (exchangeable aggregation over counts, O(n)
// big-rational operations; repeated until 0.2 s and averaged) against the brute force: the
// general dense code on the same model, `instances::section2(ρ, n agents with one value type
// (1,1))` (2^n signal profiles, Problem tables of size n²·2^n) followed by `measure_agent` for
// agent 0 (ν, Λ, E). Exact equality of ν, Λ, E is checked. The brute force runs for n up to
// --brute-max (default --n-max) and stops after the first point slower than --brute-stop s or
// stopped by a limit. One line per n:
//   replica n=.. profiles=.. exchangeable_s=.. reps=.. exchangeable_peak_kib=.. brute_build_s=..
//   brute_measure_s=.. brute_s=.. brute_peak_kib=.. ratio=.. ratio_measure=.. nu=.. lambda=..
//   expected_move=.. agree=yes|no|-  brute=ok|skipped|time_limit|memory_limit
// then `replica_sweep ...` (one replica_sweep(ρ, n-min, n-max) call) and `baseline ...` (the
// peak RSS of a child that does nothing: what fork alone costs).
//
// random: instances::random_instance (trivial decomposition, types = signals). Phases:
//   summarize  summarize(instance): ν, Λ, E, S for every agent and signal pair;
//   certify    certify(instance): the one-stage, PBE and pointwise levels, scales, budget;
//   gains      stage_one_report for every (i, t_i, r_i): the PBE and pointwise levels alone;
//   brute      the same quantities from the definitions, independent of the library's
//              algorithms (it reads only the instance's tables P, v, ρ, Q(a_{-i} | a_i)):
//              ν by scanning g(ε) = Σ_{d > ε} m at every candidate ε ∈ {0} ∪ {d} ∪ {g(d)}
//              (O(K²) per pair), E = Σ m d, Λ = 2 − 2 q·q'/(‖q‖‖q'‖); V, G^PW by the formulas
//              of spec §3.9, and G^PBE by grouping t_{-i} by the posted π and evaluating the
//              ties-in-favour payoff Σ_k max_{c ∈ argmax u + W'_k} payoff_k(c) at every vertex of
//              the arrangement {u(c) − u(c') = W'_k(c') − W'_k(c)} (exact; |C| <= 3 only).
// Lines: `random_sizes ...`, `random_phase name=.. seconds=.. peak_kib=.. status=..`,
// `random_compare quantity=.. mechlab_phase=.. mechlab_s=.. brute_s=.. ratio=.. compared=..
// agree=yes|no`.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <new>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "mechlab/core/certified_real.hpp"
#include "mechlab/core/rational.hpp"
#include "mechlab/core/rng.hpp"
#include "mechlab/infosize/certify.hpp"
#include "mechlab/infosize/instances.hpp"
#include "mechlab/infosize/measure.hpp"
#include "mechlab/infosize/replica.hpp"
#include "mechlab/infosize/summary.hpp"
#include "mechlab/infosize/two_stage.hpp"
#include "probe_timing.hpp"

namespace {

using mechlab::Rational;
using mechlab::bench::Clock;
namespace info = mechlab::infosize;
using Results = std::map<std::string, std::string>;  // "key" -> exact value as text

using mechlab::bench::seconds_since;

// ---------------------------------------------------------------------------------------------
// Running a phase in a child process.

struct ChildRun {
  std::string status = "ok";  // ok | time_limit | memory_limit | failed
  Results results;
  long peak_kib = 0;  // the child's own ru_maxrss
};

bool write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t w = write(fd, text.data() + done, text.size() - done);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    done += static_cast<std::size_t>(w);
  }
  return true;
}

// Runs `body` in a child with a wall-time limit (SIGALRM) and an address-space limit; the
// child's Results come back through a pipe.
ChildRun in_child(const std::function<void(Results&)>& body, unsigned limit_seconds, long mem_mib) {
  std::fflush(stdout);
  int fds[2];
  if (pipe(fds) != 0) {
    std::perror("pipe");
    std::exit(2);
  }
  const pid_t pid = fork();
  if (pid < 0) {
    std::perror("fork");
    std::exit(2);
  }
  if (pid == 0) {
    close(fds[0]);
    if (mem_mib > 0) {
      const rlim_t bytes = static_cast<rlim_t>(mem_mib) * 1024 * 1024;
      const rlimit lim{bytes, bytes};
      setrlimit(RLIMIT_AS, &lim);
    }
    alarm(limit_seconds);
    int code = 0;
    Results out;
    try {
      body(out);
    } catch (const std::bad_alloc&) {
      code = 3;
    } catch (const std::exception& e) {
      out["error"] = e.what();
      code = 4;
    }
    std::string text;
    for (const auto& [key, value] : out) text += key + '\t' + value + '\n';
    write_all(fds[1], text);
    close(fds[1]);
    _exit(code);
  }
  close(fds[1]);
  std::string text;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t r = read(fds[0], buffer, sizeof buffer);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    text.append(buffer, static_cast<std::size_t>(r));
  }
  close(fds[0]);
  int status = 0;
  rusage usage{};
  while (wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  ChildRun run;
  run.peak_kib = usage.ru_maxrss;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    const auto tab = line.find('\t');
    if (tab != std::string::npos) run.results[line.substr(0, tab)] = line.substr(tab + 1);
  }
  if (WIFSIGNALED(status)) {
    // GMP aborts when an allocation fails under RLIMIT_AS.
    run.status = WTERMSIG(status) == SIGALRM                                  ? "time_limit"
                 : WTERMSIG(status) == SIGABRT || WTERMSIG(status) == SIGKILL ? "memory_limit"
                                                                              : "failed";
  } else if (WEXITSTATUS(status) == 3) {
    run.status = "memory_limit";
  } else if (WEXITSTATUS(status) != 0) {
    run.status = "failed";
  }
  return run;
}

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", s);
  return buf;
}

double as_double(const Results& r, const std::string& key) {
  const auto it = r.find(key);
  return it == r.end() ? 0.0 : std::atof(it->second.c_str());
}

std::string get(const Results& r, const std::string& key) {
  const auto it = r.find(key);
  return it == r.end() ? "-" : it->second;
}

std::string real_text(const mechlab::CertifiedReal& x) {
  if (auto q = x.rational()) return mechlab::to_string(*q);
  std::string text = x.exact() ? x.exact_text() : x.text();
  std::replace(text.begin(), text.end(), ' ', '_');  // one word in the key=value output
  return text;
}

// ---------------------------------------------------------------------------------------------
// Command line.

// The options of both modes (each mode takes only its own).
struct Args {
  // replica
  std::string rho = "9/10";
  std::size_t n_min = 2;
  std::size_t n_max = 20;
  std::size_t brute_max = 1000;
  double brute_stop = 20;
  unsigned brute_limit = 120;
  // random
  info::instances::RandomShape shape{
      .agents = 3, .signals = 12, .states = 4, .alternatives = 3, .weight_max = 9, .value_max = 10};
  long seed = 1;
  unsigned limit = 600;
  bool skip_certify = false;
  bool skip_brute_pbe = false;
  // both
  long mem_mib = 6144;
};

// ---------------------------------------------------------------------------------------------
// replica mode.

int run_replica(const Args& args) {
  Rational rho(args.rho);
  rho.canonicalize();
  const std::size_t n_min = args.n_min;
  const std::size_t n_max = args.n_max;
  const std::size_t brute_max = args.brute_max;
  const double brute_stop = args.brute_stop;
  const unsigned brute_limit = args.brute_limit;
  const long mem_mib = args.mem_mib;

  const ChildRun baseline = in_child([](Results&) {}, 10, 0);
  bool brute_on = true;
  std::size_t agreed = 0;
  std::size_t compared = 0;
  for (std::size_t n = n_min; n <= n_max; ++n) {
    const ChildRun ex = in_child(
        [&](Results& out) {
          info::ReplicaPoint p;
          std::size_t reps = 0;
          const auto t0 = Clock::now();
          double elapsed = 0;
          while (reps == 0 || elapsed < 0.2) {
            p = info::replica_point(rho, n);
            ++reps;
            elapsed = seconds_since(t0);
          }
          out["seconds"] = seconds_text(elapsed / static_cast<double>(reps));
          out["reps"] = std::to_string(reps);
          out["nu"] = mechlab::to_string(p.nu);
          out["lambda"] = mechlab::to_string(p.lambda);
          out["expected_move"] = mechlab::to_string(p.expected_move);
          out["nu_double"] = std::to_string(mechlab::NumberTraits<Rational>::to_double(p.nu));
        },
        600, mem_mib);
    const double ex_s = as_double(ex.results, "seconds");
    std::string brute_status = "skipped";
    ChildRun br;
    if (brute_on && n <= brute_max) {
      br = in_child(
          [&](Results& out) {
            auto t0 = Clock::now();
            const std::vector<std::vector<info::instances::ValuePair>> values(
                n, {{Rational(1), Rational(1)}});
            const info::Instance<Rational> instance = info::instances::section2(rho, values);
            out["build_seconds"] = seconds_text(seconds_since(t0));
            t0 = Clock::now();
            const info::AgentMeasure<Rational> m = info::measure_agent(instance.signals, 0);
            out["measure_seconds"] = seconds_text(seconds_since(t0));
            out["nu"] = mechlab::to_string(m.nu);
            out["lambda"] = m.lambda ? real_text(*m.lambda) : "inf";
            out["expected_move"] = mechlab::to_string(m.expected_move);
          },
          brute_limit, mem_mib);
      brute_status = br.status;
      if (br.status == "ok") {
        const double total =
            as_double(br.results, "build_seconds") + as_double(br.results, "measure_seconds");
        if (total > brute_stop) brute_on = false;
      } else {
        brute_on = false;
      }
    }
    std::printf("replica n=%zu profiles=%.0f exchangeable_s=%.6g reps=%s exchangeable_peak_kib=%ld",
                n, static_cast<double>(1ULL << n), ex_s, get(ex.results, "reps").c_str(),
                ex.peak_kib);
    std::string agree = "-";
    if (brute_status == "ok") {
      const double build = as_double(br.results, "build_seconds");
      const double measure = as_double(br.results, "measure_seconds");
      const bool same = ex.status == "ok" && get(br.results, "nu") == get(ex.results, "nu") &&
                        get(br.results, "lambda") == get(ex.results, "lambda") &&
                        get(br.results, "expected_move") == get(ex.results, "expected_move");
      agree = same ? "yes" : "no";
      ++compared;
      agreed += same ? 1 : 0;
      std::printf(
          " brute_build_s=%.6g brute_measure_s=%.6g brute_s=%.6g brute_peak_kib=%ld ratio=%.4g "
          "ratio_measure=%.4g",
          build, measure, build + measure, br.peak_kib, (build + measure) / ex_s, measure / ex_s);
      if (!same) {
        std::printf(" brute_nu=%s brute_lambda=%s brute_expected_move=%s",
                    get(br.results, "nu").c_str(), get(br.results, "lambda").c_str(),
                    get(br.results, "expected_move").c_str());
      }
    } else if (brute_status != "skipped") {
      std::printf(" brute_peak_kib=%ld", br.peak_kib);
    }
    std::printf(" nu=%s nu_double=%s lambda=%s expected_move=%s agree=%s brute=%s\n",
                get(ex.results, "nu").c_str(), get(ex.results, "nu_double").c_str(),
                get(ex.results, "lambda").c_str(), get(ex.results, "expected_move").c_str(),
                agree.c_str(), brute_status.c_str());
    std::fflush(stdout);
  }
  const ChildRun sweep = in_child(
      [&](Results& out) {
        const auto t0 = Clock::now();
        const auto points = info::replica_sweep(rho, n_min, n_max);
        out["seconds"] = seconds_text(seconds_since(t0));
        out["points"] = std::to_string(points.size());
      },
      600, mem_mib);
  std::printf(
      "replica_sweep rho=%s n_min=%zu n_max=%zu seconds=%s points=%s peak_kib=%ld status=%s\n",
      mechlab::to_string(rho).c_str(), n_min, n_max, get(sweep.results, "seconds").c_str(),
      get(sweep.results, "points").c_str(), sweep.peak_kib, sweep.status.c_str());
  std::printf("replica_agreement compared=%zu agreed=%zu\n", compared, agreed);
  std::printf("baseline peak_kib=%ld\n", baseline.peak_kib);
  return compared == agreed ? 0 : 1;
}

// ---------------------------------------------------------------------------------------------
// random mode: the brute force.

std::string key3(const char* what, std::size_t i, std::size_t a, std::size_t b) {
  return std::string(what) + "[" + std::to_string(i) + "," + std::to_string(a) + "," +
         std::to_string(b) + "]";
}

Rational abs_of(const Rational& x) { return x < 0 ? Rational(-x) : x; }

// ν, E and Λ of agent i from the definitions.
void brute_measure(const info::SignalStructure<Rational>& s, std::size_t i, Results& out) {
  const std::size_t count = s.signal_count(i);
  // q[a_i][k]: Q(a_{-i} | a_i) for the k-th profile with a_i (profiles in index order).
  std::vector<std::vector<std::size_t>> with(count);
  for (std::size_t a = 0; a < s.profile_count(); ++a) with[s.profiles.digit(a, i)].push_back(a);
  Rational nu_max(-1);
  Rational e_max(-1);
  for (std::size_t truth = 0; truth < count; ++truth) {
    for (std::size_t lie = 0; lie < count; ++lie) {
      if (lie == truth) continue;
      std::vector<std::pair<Rational, Rational>> points;  // (d, m)
      Rational e;
      for (const std::size_t a : with[truth]) {
        const Rational m = s.belief(i, a);
        if (m == 0) continue;
        const auto x = s.rho(a);
        const auto y = s.rho(s.profiles.with_digit(a, i, lie));
        Rational d;
        for (std::size_t th = 0; th < s.states; ++th) d += abs_of(Rational(x[th] - y[th]));
        e += m * d;
        points.emplace_back(d, m);
      }
      const auto g = [&](const Rational& eps) {
        Rational sum;
        for (const auto& [d, m] : points) {
          if (d > eps) sum += m;
        }
        return sum;
      };
      std::vector<Rational> candidates{Rational(0)};
      for (const auto& [d, m] : points) {
        candidates.push_back(d);
        candidates.push_back(g(d));
      }
      std::optional<Rational> nu;
      for (const Rational& c : candidates) {
        if ((!nu || c < *nu) && g(c) <= c) nu = c;
      }
      out[key3("nu", i, truth, lie)] = mechlab::to_string(*nu);
      out[key3("E", i, truth, lie)] = mechlab::to_string(e);
      if (*nu > nu_max) nu_max = *nu;
      if (e > e_max) e_max = e;
    }
  }
  out["nu[" + std::to_string(i) + "]"] = mechlab::to_string(nu_max);
  out["E[" + std::to_string(i) + "]"] = mechlab::to_string(e_max);
  // Λ = min over unordered pairs of 2 − 2 q·q' / sqrt(‖q‖²‖q'‖²).
  const auto dot = [&](std::size_t u, std::size_t v) {
    Rational sum;
    for (const std::size_t a : with[u]) {
      sum += s.belief(i, a) * s.belief(i, s.profiles.with_digit(a, i, v));
    }
    return sum;
  };
  std::vector<Rational> norm2(count);
  for (std::size_t u = 0; u < count; ++u) norm2[u] = dot(u, u);
  std::optional<mechlab::CertifiedReal> lambda;
  for (std::size_t u = 0; u < count; ++u) {
    for (std::size_t v = u + 1; v < count; ++v) {
      const mechlab::CertifiedReal l =
          mechlab::CertifiedReal(Rational(2)) -
          mechlab::CertifiedReal(Rational(2)) * (mechlab::CertifiedReal(dot(u, v)) /
                                                 mechlab::CertifiedReal::sqrt(norm2[u] * norm2[v]));
      if (!lambda || mechlab::real_compare(l, *lambda) < 0) lambda = l;
    }
  }
  if (lambda) out["lambda[" + std::to_string(i) + "]"] = real_text(*lambda);
}

// max over vertices u of the arrangement of Σ_k max_{c ∈ argmax_c u(c) + others[k][c]}
// payoff[k][c]; u(0) = 0 (adding a constant to u changes nothing). |C| <= 3.
Rational brute_best_reply(const std::vector<std::vector<Rational>>& others,
                          const std::vector<std::vector<Rational>>& payoff) {
  const std::size_t cs = others.front().size();
  const auto value_at = [&](const std::vector<Rational>& u) {
    Rational total;
    for (std::size_t k = 0; k < others.size(); ++k) {
      Rational top = u[0] + others[k][0];
      for (std::size_t c = 1; c < cs; ++c) top = std::max(top, Rational(u[c] + others[k][c]));
      std::optional<Rational> best;
      for (std::size_t c = 0; c < cs; ++c) {
        if (u[c] + others[k][c] == top && (!best || payoff[k][c] > *best)) best = payoff[k][c];
      }
      total += *best;
    }
    return total;
  };
  if (cs == 1) return value_at({Rational(0)});
  // Lines u(c) − u(c') = others[k][c'] − others[k][c].
  std::vector<Rational> xs;  // u(1) = others[k][0] − others[k][1]
  std::vector<Rational> ys;  // u(2) = others[k][0] − others[k][2]
  std::vector<Rational> ds;  // u(1) − u(2) = others[k][2] − others[k][1]
  for (const auto& o : others) {
    xs.emplace_back(o[0] - o[1]);
    if (cs == 3) {
      ys.emplace_back(o[0] - o[2]);
      ds.emplace_back(o[2] - o[1]);
    }
  }
  for (auto* v : {&xs, &ys, &ds}) {
    std::sort(v->begin(), v->end());
    v->erase(std::unique(v->begin(), v->end()), v->end());
  }
  std::optional<Rational> best;
  const auto consider = [&](std::vector<Rational> u) {
    const Rational v = value_at(u);
    if (!best || v > *best) best = v;
  };
  if (cs == 2) {
    for (const Rational& x : xs) consider({Rational(0), x});
    return *best;
  }
  for (const Rational& x : xs) {
    for (const Rational& y : ys) consider({Rational(0), x, y});
    for (const Rational& d : ds) consider({Rational(0), x, Rational(x - d)});
  }
  for (const Rational& y : ys) {
    for (const Rational& d : ds) consider({Rational(0), Rational(y + d), y});
  }
  return *best;
}

// V, G^PW and G^PBE for every (i, t_i, r_i ≠ f_i(t_i)) from spec §3.9.
void brute_gains(const info::Instance<Rational>& instance, bool with_pbe, Results& out,
                 std::size_t& largest_set) {
  const auto& p = instance.problem;
  const auto& s = instance.signals;
  const std::size_t n = p.agent_count();
  const std::size_t cs = p.alternative_count();
  const std::size_t states = p.state_count();
  const auto expected = [&](std::size_t j, std::size_t c, std::size_t type,
                            std::span<const Rational> pi) {
    Rational sum;
    for (std::size_t th = 0; th < states; ++th) sum += p.value(j, c, th, type) * pi[th];
    return sum;
  };
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t ti = 0; ti < p.type_count(i); ++ti) {
      const std::size_t truth = s.d.f[i][ti];
      std::vector<std::size_t> profiles;
      for (std::size_t t = 0; t < p.profile_count(); ++t) {
        if (p.profiles.digit(t, i) == ti && p.p_profile[t] != 0) profiles.push_back(t);
      }
      // V(t_i).
      Rational value;
      for (const std::size_t t : profiles) {
        const auto pi = s.rho(s.signal_profile(p.profiles, t));
        std::optional<Rational> all;
        std::optional<Rational> rest;
        for (std::size_t c = 0; c < cs; ++c) {
          Rational sum_all;
          Rational sum_rest;
          for (std::size_t j = 0; j < n; ++j) {
            const Rational v = expected(j, c, p.profiles.digit(t, j), pi);
            sum_all += v;
            if (j != i) sum_rest += v;
          }
          if (!all || sum_all > *all) all = sum_all;
          if (!rest || sum_rest > *rest) rest = sum_rest;
        }
        value += p.belief(i, t) * (*all - *rest);
      }
      for (std::size_t r = 0; r < s.signal_count(i); ++r) {
        if (r == truth) continue;
        Rational pw;
        // Groups of t_{-i} by the posted π' = ρ(f_{-i}(t_{-i}), r_i).
        std::map<std::vector<Rational>,
                 std::pair<std::vector<std::vector<Rational>>, std::vector<std::vector<Rational>>>>
            groups;
        for (const std::size_t t : profiles) {
          const std::size_t a = s.signal_profile(p.profiles, t);
          const auto pi_true = s.rho(a);
          const auto pi_post = s.rho(s.profiles.with_digit(a, i, r));
          const Rational w = p.belief(i, t);
          std::vector<Rational> others(cs);
          std::vector<Rational> x(cs);
          for (std::size_t c = 0; c < cs; ++c) {
            x[c] = expected(i, c, ti, pi_true);
            for (std::size_t j = 0; j < n; ++j) {
              if (j != i) others[c] += expected(j, c, p.profiles.digit(t, j), pi_post);
            }
          }
          const Rational top_others = *std::max_element(others.begin(), others.end());
          std::vector<Rational> payoff(cs);
          Rational best_pw;
          for (std::size_t c = 0; c < cs; ++c) {
            payoff[c] = w * (x[c] + others[c] - top_others);
            if (c == 0 || payoff[c] > best_pw) best_pw = payoff[c];
          }
          pw += best_pw;
          auto& g = groups[std::vector<Rational>(pi_post.begin(), pi_post.end())];
          g.first.push_back(std::move(others));
          g.second.push_back(std::move(payoff));
        }
        out[key3("V", i, ti, r)] = mechlab::to_string(value);
        out[key3("pointwise", i, ti, r)] = mechlab::to_string(Rational(pw - value));
        if (with_pbe) {
          Rational pbe;
          for (const auto& [pi, g] : groups) {
            largest_set = std::max(largest_set, g.first.size());
            pbe += brute_best_reply(g.first, g.second);
          }
          out[key3("pbe", i, ti, r)] = mechlab::to_string(Rational(pbe - value));
        }
      }
    }
  }
}

int run_random(const Args& args) {
  const info::instances::RandomShape& shape = args.shape;
  const long seed = args.seed;
  const unsigned limit = args.limit;
  const long mem_mib = args.mem_mib;
  const bool brute_pbe = shape.alternatives <= 3 && !args.skip_brute_pbe;
  const auto make = [&] {
    mechlab::Rng rng = mechlab::make_rng(static_cast<std::uint64_t>(seed));
    return info::instances::random_instance(rng, shape);
  };

  const ChildRun baseline = in_child([](Results&) {}, 10, 0);
  const ChildRun build = in_child(
      [&](Results& out) {
        const auto t0 = Clock::now();
        const info::Instance<Rational> instance = make();
        out["seconds"] = seconds_text(seconds_since(t0));
        out["profiles"] = std::to_string(instance.problem.profile_count());
        out["signal_profiles"] = std::to_string(instance.signals.profile_count());
        std::size_t constraints = 0;
        for (std::size_t i = 0; i < shape.agents; ++i) {
          constraints += instance.problem.type_count(i) * (instance.signals.signal_count(i) - 1);
        }
        out["constraints"] = std::to_string(constraints);
        // Distinct posted posteriors |Π|, computed once per instance (as certify does).
        const auto t1 = Clock::now();
        out["posteriors"] = std::to_string(info::posted_posteriors(instance.signals).pi.size());
        out["posted_posteriors_s"] = seconds_text(seconds_since(t1));
      },
      limit, mem_mib);

  const ChildRun summary = in_child(
      [&](Results& out) {
        const info::Instance<Rational> instance = make();
        const auto t0 = Clock::now();
        const info::SizeSummary<Rational> sum = info::summarize(instance);
        out["seconds"] = seconds_text(seconds_since(t0));
        for (const auto& m : sum.agents) {
          const std::string i = std::to_string(m.agent);
          out["nu[" + i + "]"] = mechlab::to_string(m.nu);
          out["E[" + i + "]"] = mechlab::to_string(m.expected_move);
          if (m.lambda) out["lambda[" + i + "]"] = real_text(*m.lambda);
          for (const auto& pair : m.pairs) {
            out[key3("nu", m.agent, pair.truth, pair.lie)] = mechlab::to_string(pair.nu);
            out[key3("E", m.agent, pair.truth, pair.lie)] = mechlab::to_string(pair.expected_move);
          }
        }
      },
      limit, mem_mib);

  ChildRun cert;
  if (!args.skip_certify) {
    cert = in_child(
        [&](Results& out) {
          const info::Instance<Rational> instance = make();
          const auto t0 = Clock::now();
          const info::Certificate<Rational> c = info::certify(instance);
          out["seconds"] = seconds_text(seconds_since(t0));
          std::size_t sets = 0;
          std::size_t nodes = 0;
          for (const auto& k : c.constraints) {
            sets += k.information_sets;
            nodes += k.nodes;
            out[key3("V", k.agent, k.type, k.report)] = mechlab::to_string(k.value);
            out[key3("pbe", k.agent, k.type, k.report)] = mechlab::to_string(k.pbe);
            out[key3("pointwise", k.agent, k.type, k.report)] = mechlab::to_string(k.pointwise);
          }
          out["information_sets"] = std::to_string(sets);
          out["nodes"] = std::to_string(nodes);
          out["eps_pbe"] = real_text(c.pbe.value);
          out["eps_pw"] = real_text(c.pointwise.value);
          out["eps_1"] = real_text(c.one_stage.value);
        },
        limit, mem_mib);
  }

  // The PBE and pointwise levels alone (no one-stage level, path check, scales or budget).
  const ChildRun gains = in_child(
      [&](Results& out) {
        const info::Instance<Rational> instance = make();
        const auto t0 = Clock::now();
        const auto& p = instance.problem;
        const auto posted = info::posted_posteriors(instance.signals);
        std::size_t on_path = 0;
        std::size_t largest = 0;
        for (std::size_t i = 0; i < p.agent_count(); ++i) {
          for (std::size_t ti = 0; ti < p.type_count(i); ++ti) {
            const std::size_t truth = instance.signals.d.f[i][ti];
            const Rational value = info::truthful_value(p, i, ti);
            for (std::size_t r = 0; r < instance.signals.signal_count(i); ++r) {
              if (r == truth) continue;
              const auto rep = info::stage_one_report(instance, posted, i, ti, r,
                                                      info::kDefaultNodeLimit, false);
              for (const auto& set : rep.sets) {
                if (!set.on_path) continue;
                ++on_path;
                largest = std::max(largest, set.consistent.size());
              }
              out[key3("V", i, ti, r)] = mechlab::to_string(value);
              out[key3("pbe", i, ti, r)] = mechlab::to_string(Rational(rep.pbe - value));
              out[key3("pointwise", i, ti, r)] =
                  mechlab::to_string(Rational(rep.pointwise - value));
            }
          }
        }
        out["seconds"] = seconds_text(seconds_since(t0));
        out["on_path_sets"] = std::to_string(on_path);
        out["largest_set"] = std::to_string(largest);
      },
      limit, mem_mib);

  const ChildRun brute_m = in_child(
      [&](Results& out) {
        const info::Instance<Rational> instance = make();
        const auto t0 = Clock::now();
        for (std::size_t i = 0; i < shape.agents; ++i) brute_measure(instance.signals, i, out);
        out["seconds"] = seconds_text(seconds_since(t0));
      },
      limit, mem_mib);

  const ChildRun brute_g = in_child(
      [&](Results& out) {
        const info::Instance<Rational> instance = make();
        const auto t0 = Clock::now();
        std::size_t largest = 0;
        brute_gains(instance, brute_pbe, out, largest);
        out["seconds"] = seconds_text(seconds_since(t0));
        out["largest_set"] = std::to_string(largest);
      },
      limit, mem_mib);

  std::printf(
      "random_sizes agents=%zu signals=%zu states=%zu alternatives=%zu seed=%ld weight_max=%ld "
      "type_profiles=%s signal_profiles=%s constraints=%s posted_posteriors=%s "
      "information_sets=%s on_path_sets=%s largest_set=%s bb_nodes=%s build_s=%s "
      "posted_posteriors_s=%s\n",
      shape.agents, shape.signals, shape.states, shape.alternatives, seed, shape.weight_max,
      get(build.results, "profiles").c_str(), get(build.results, "signal_profiles").c_str(),
      get(build.results, "constraints").c_str(), get(build.results, "posteriors").c_str(),
      get(cert.results, "information_sets").c_str(), get(gains.results, "on_path_sets").c_str(),
      get(gains.results, "largest_set").c_str(), get(cert.results, "nodes").c_str(),
      get(build.results, "seconds").c_str(), get(build.results, "posted_posteriors_s").c_str());
  const std::vector<std::pair<std::string, const ChildRun*>> phases = {
      {"build", &build}, {"summarize", &summary},     {"certify", &cert},
      {"gains", &gains}, {"brute_measure", &brute_m}, {"brute_gains", &brute_g}};
  for (const auto& [name, run] : phases) {
    if (name == "certify" && args.skip_certify) continue;
    std::printf("random_phase name=%s seconds=%s peak_kib=%ld status=%s%s%s\n", name.c_str(),
                get(run->results, "seconds").c_str(), run->peak_kib, run->status.c_str(),
                run->results.count("error") != 0 ? " error=" : "",
                run->results.count("error") != 0 ? run->results.at("error").c_str() : "");
  }
  std::printf("random_scales eps_1=%s eps_pbe=%s eps_pw=%s\n", get(cert.results, "eps_1").c_str(),
              get(cert.results, "eps_pbe").c_str(), get(cert.results, "eps_pw").c_str());

  // Compare the keys both sides have, by prefix.
  bool all_agree = true;
  const auto compare = [&](const std::string& quantity, const std::vector<std::string>& prefixes,
                           const ChildRun& lib, const std::string& lib_name,
                           const ChildRun& brute) {
    std::size_t compared = 0;
    std::size_t mismatches = 0;
    std::string first;
    for (const auto& [key, value] : lib.results) {
      if (std::none_of(prefixes.begin(), prefixes.end(),
                       [&key = key](const std::string& pre) { return key.rfind(pre, 0) == 0; })) {
        continue;
      }
      const auto it = brute.results.find(key);
      if (it == brute.results.end()) continue;
      ++compared;
      if (it->second != value) {
        if (mismatches++ == 0) first = key + ":" + value + "!=" + it->second;
      }
    }
    const double lib_s = as_double(lib.results, "seconds");
    const double brute_s = as_double(brute.results, "seconds");
    const bool ok = compared > 0 && mismatches == 0;
    all_agree = all_agree && ok;
    std::printf(
        "random_compare quantity=%s mechlab_phase=%s mechlab_s=%.6g brute_s=%.6g ratio=%.4g "
        "compared=%zu mismatches=%zu agree=%s%s%s\n",
        quantity.c_str(), lib_name.c_str(), lib_s, brute_s, lib_s > 0 ? brute_s / lib_s : 0.0,
        compared, mismatches, ok ? "yes" : "no", first.empty() ? "" : " first=", first.c_str());
  };
  compare("nu_lambda_E", {"nu", "E", "lambda"}, summary, "summarize", brute_m);
  const std::vector<std::string> gain_keys = brute_pbe
                                                 ? std::vector<std::string>{"V", "pbe", "pointwise"}
                                                 : std::vector<std::string>{"V", "pointwise"};
  compare(brute_pbe ? "V_pw_pbe" : "V_pw", gain_keys, gains, "gains", brute_g);
  if (!args.skip_certify) {
    compare(brute_pbe ? "V_pw_pbe" : "V_pw", gain_keys, cert, "certify", brute_g);
  }
  if (!brute_pbe) std::printf("random_note brute_pbe=skipped (needs |C| <= 3)\n");
  std::printf("baseline peak_kib=%ld\n", baseline.peak_kib);
  return all_agree ? 0 : 1;
}

int run(int argc, char** argv) {
  CLI::App app{"Informational size at scale (003): the replica sweep and a random instance."};
  app.require_subcommand(1);
  Args args;
  CLI::App* replica = app.add_subcommand("replica", "replica_point against the dense code");
  replica->add_option("--rho", args.rho, "ρ (a fraction)")->capture_default_str();
  replica->add_option("--n-min", args.n_min)->capture_default_str();
  replica->add_option("--n-max", args.n_max)->capture_default_str();
  replica->add_option("--brute-max", args.brute_max, "brute force up to this n");
  replica
      ->add_option("--brute-stop", args.brute_stop, "stop the brute force after a point slower (s)")
      ->capture_default_str();
  replica->add_option("--brute-limit", args.brute_limit, "kill one brute point after (s)")
      ->capture_default_str();
  CLI::App* random = app.add_subcommand("random", "summarize, certify, gains against brute force");
  random->add_option("--agents", args.shape.agents)->capture_default_str();
  random->add_option("--signals", args.shape.signals)->capture_default_str();
  random->add_option("--states", args.shape.states)->capture_default_str();
  random->add_option("--alternatives", args.shape.alternatives)->capture_default_str();
  random->add_option("--weight-max", args.shape.weight_max)->capture_default_str();
  random->add_option("--value-max", args.shape.value_max)->capture_default_str();
  random->add_option("--seed", args.seed)->capture_default_str();
  random->add_option("--limit", args.limit, "seconds per phase")->capture_default_str();
  random->add_flag("--skip-certify", args.skip_certify);
  random->add_flag("--skip-brute-pbe", args.skip_brute_pbe);
  for (CLI::App* mode : {replica, random}) {
    mode->add_option("--mem-mib", args.mem_mib, "RLIMIT_AS of every phase")->capture_default_str();
  }
  CLI11_PARSE(app, argc, argv);
  return replica->parsed() ? run_replica(args) : run_random(args);
}

}  // namespace

int main(int argc, char** argv) {
  return mechlab::bench::guarded_main("infosize_probe", 2, [&] { return run(argc, argv); });
}
