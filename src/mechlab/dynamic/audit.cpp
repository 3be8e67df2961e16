#include "mechlab/dynamic/audit.hpp"

#include <fmt/format.h>

#include <limits>
#include <map>
#include <memory>
#include <span>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "mechlab/core/error.hpp"
#include "mechlab/dynamic/evaluate.hpp"

namespace mechlab::dynamic {

namespace {

std::uint64_t saturating_mul(std::uint64_t a, std::uint64_t b) {
  if (a != 0 && b > std::numeric_limits<std::uint64_t>::max() / a) {
    return std::numeric_limits<std::uint64_t>::max();
  }
  return a * b;
}

std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) {
  return b > std::numeric_limits<std::uint64_t>::max() - a
             ? std::numeric_limits<std::uint64_t>::max()
             : a + b;
}

// Distinct agents below n, in the given order.
std::vector<std::size_t> checked_agents(const std::vector<std::size_t>& agents, std::size_t n,
                                        const std::string& where) {
  std::vector<bool> seen(n, false);
  for (std::size_t m = 0; m < agents.size(); ++m) {
    if (agents[m] >= n || seen[agents[m]]) {
      throw InputError(fmt::format("{}/{}", where, m), fmt::format("distinct agents 0..{}", n - 1),
                       fmt::format("{}", agents[m]));
    }
    seen[agents[m]] = true;
  }
  return agents;
}

// A (cell offset, probability) pair: one component's (or a group's) part of a
// profile of Θ_{t+1}.
template <class T>
using Part = std::pair<std::size_t, T>;

template <class T>
struct Choice {
  std::size_t report = 0;  // the members' report, a cell of Θ_{t+1}^L
  T best = T(0);           // its value, followed by the optimal play
  T truthful = T(0);       // the truthful report's value, followed by the optimal play
};

// The coalition MDP of spec §3.9. States of period t are (θ̂_t, θ_t^L) at
// J[t][θ̂_t · |Θ_t^L| + ℓ]; members' type profiles ℓ are mixed-radix over the
// members in query order. The expectation over the next members' types is
// taken last: the opt over reports does not depend on the members' current
// true types (they matter only through the kernel), so it is computed once
// per (θ̂_t, θ_{t+1}^0, θ_{t+1}^L).
template <class T>
class CoalitionMdp {
 public:
  CoalitionMdp(const Problem<T>& problem, const Efficient<T>& efficient,
               const TransferRule<T>& rule, const CoalitionQuery& query, Progress* progress)
      : problem_(problem),
        efficient_(efficient),
        rule_(rule),
        query_(query),
        progress_(progress),
        n_(problem.agent_count()),
        horizon_(problem.horizon()) {
    members_ = checked_agents(query.members, n_, "/coalition/members");
    if (members_.empty()) throw InputError("/coalition/members", "at least one agent", "none");
    objective_ = query.objective.empty()
                     ? members_
                     : checked_agents(query.objective, n_, "/coalition/objective");
    std::vector<bool> in(n_, false);
    for (const std::size_t i : members_) in[i] = true;
    for (std::size_t i = 0; i < n_; ++i) {
      if (!in[i]) outsiders_.push_back(i);
    }
  }

  CoalitionResult<T> solve(std::uint64_t max_states) {
    check_size(max_states);
    if (progress_ != nullptr) progress_->check();
    index_members();
    J_.resize(horizon_ + 1);
    truth_J_.resize(horizon_ + 1);
    cache_.resize(horizon_ + 1);
    J_[horizon_].assign(problem_.states[horizon_].size() * member_count_[horizon_], T(0));
    truth_J_[horizon_] = J_[horizon_];
    for (std::size_t step = 1; step <= horizon_; ++step) backward(horizon_ - step);

    const std::size_t theta0 = problem_.theta0;
    const std::size_t start = theta0 * member_count_[0] + member_cell(0, theta0);
    T first = T(0);
    for (const std::size_t j : objective_) {
      first +=
          problem_.payoff(0, j, problem_.states[0].digit(theta0, j + 1), efficient_.chi[0][theta0]);
    }
    CoalitionResult<T> result;
    result.query = query_;
    result.value = first + J_[0][start];
    result.truthful = first + truth_J_[0][start];
    result.gain = result.value - result.truthful;
    if (sign_of(result.gain) != 0) result.deviation = witness(result);
    return result;
  }

 private:
  struct Step {
    std::size_t x = 0;
    std::vector<Part<T>> publics;    // θ_{t+1}^0
    std::vector<Part<T>> outsiders;  // θ_{t+1}^O, from their reports (= their truth)
    // rows[m][a] = μ_t^k(· | θ̂_t^0, a, x) for member m (k its component).
    std::vector<std::vector<const std::vector<T>*>> rows;
    std::vector<std::size_t> reachable;  // ℓ' of Θ_{t+1}^L reachable from some ℓ
  };

  void check_size(std::uint64_t max_states) const {
    std::uint64_t count = 0;
    for (std::size_t t = 0; t <= horizon_; ++t) {
      std::uint64_t members = 1;
      for (const std::size_t i : members_)
        members = saturating_mul(members, problem_.type_count(t, i + 1));
      count = saturating_add(count, saturating_mul(problem_.states[t].size(), members));
    }
    if (count > max_states) {
      throw InputError(
          "/periods",
          fmt::format("at most {} coalition states Σ_t |Θ_t|·|Θ_t^L| (--max-states)", max_states),
          fmt::format("{} states", count));
    }
  }

  void index_members() {
    for (std::size_t t = 0; t <= horizon_; ++t) {
      stride_.push_back(problem_.states[t].strides());
      std::size_t count = 1;
      for (const std::size_t i : members_) count *= problem_.type_count(t, i + 1);
      member_count_.push_back(count);
      std::vector<std::vector<std::size_t>> digits(count);
      std::vector<std::size_t> offsets(count, 0);
      for (std::size_t l = 0; l < count; ++l) {
        digits[l].assign(members_.size(), 0);
        std::size_t rest = l;
        for (std::size_t m = members_.size(); m-- > 0;) {
          const std::size_t radix = problem_.type_count(t, members_[m] + 1);
          digits[l][m] = rest % radix;
          rest /= radix;
          offsets[l] += digits[l][m] * stride_[t][members_[m] + 1];
        }
      }
      member_digits_.push_back(std::move(digits));
      member_offset_.push_back(std::move(offsets));
    }
  }

  // The members' part ℓ of a profile of period t.
  std::size_t member_cell(std::size_t t, std::size_t cell) const {
    std::size_t l = 0;
    for (const std::size_t i : members_) {
      l = l * problem_.type_count(t, i + 1) + problem_.states[t].digit(cell, i + 1);
    }
    return l;
  }

  Step step(std::size_t t, std::size_t previous) const {
    const IndexSpace& now = problem_.states[t];
    Step s;
    s.x = efficient_.chi[t][previous];
    const std::size_t public_state = now.digit(previous, 0);
    const std::vector<T>& pub = problem_.kernel_row(t, 0, public_state, 0, s.x);
    for (std::size_t b = 0; b < pub.size(); ++b) {
      if (pub[b] != T(0)) s.publics.emplace_back(b * stride_[t + 1][0], pub[b]);
    }
    s.outsiders = {{0, T(1)}};
    for (const std::size_t i : outsiders_) {
      const std::vector<T>& row =
          problem_.kernel_row(t, i + 1, public_state, now.digit(previous, i + 1), s.x);
      std::vector<Part<T>> grown;
      for (const auto& [offset, prob] : s.outsiders) {
        for (std::size_t b = 0; b < row.size(); ++b) {
          if (row[b] != T(0)) grown.emplace_back(offset + b * stride_[t + 1][i + 1], prob * row[b]);
        }
      }
      s.outsiders = std::move(grown);
    }
    std::vector<std::vector<bool>> reach(members_.size());
    for (std::size_t m = 0; m < members_.size(); ++m) {
      const std::size_t k = members_[m] + 1;
      reach[m].assign(problem_.type_count(t + 1, k), false);
      for (std::size_t a = 0; a < problem_.type_count(t, k); ++a) {
        const std::vector<T>& row = problem_.kernel_row(t, k, public_state, a, s.x);
        s.rows.resize(members_.size());
        s.rows[m].push_back(&row);
        for (std::size_t b = 0; b < row.size(); ++b) {
          if (row[b] != T(0)) reach[m][b] = true;
        }
      }
    }
    for (std::size_t l = 0; l < member_count_[t + 1]; ++l) {
      bool ok = true;
      for (std::size_t m = 0; m < members_.size() && ok; ++m)
        ok = reach[m][member_digits_[t + 1][l][m]];
      if (ok) s.reachable.push_back(l);
    }
    return s;
  }

  // Pr(θ_{t+1}^L = next | θ_t^L = l) under the step's decision.
  T member_prob(const Step& s, std::size_t t, std::size_t l, std::size_t next) const {
    T prob = T(1);
    for (std::size_t m = 0; m < members_.size(); ++m) {
      prob *= (*s.rows[m][member_digits_[t][l][m]])[member_digits_[t + 1][next][m]];
      if (prob == T(0)) break;
    }
    return prob;
  }

  // Σ_{j∈Obj} y_t^j(p, c), calling the rule once per pair.
  const T& objective_transfer(std::size_t t, std::size_t p, std::size_t c) {
    const std::uint64_t key = static_cast<std::uint64_t>(p) * problem_.states[t].size() + c;
    auto found = cache_[t].find(key);
    if (found != cache_[t].end()) return found->second;
    const std::vector<T> y = rule_(t, p, c);
    if (y.size() != n_) {
      throw InternalError(
          fmt::format("transfer rule returned {} entries at t = {} (want {})", y.size(), t, n_));
    }
    T sum = T(0);
    for (const std::size_t j : objective_) sum += y[j];
    return cache_[t].emplace(key, std::move(sum)).first->second;
  }

  // The objective's value of reporting members' profile r in period t + 1,
  // given θ̂_t = previous, the public part, the members' true types `next` and
  // the outsiders' law, followed by the play whose values are `J` (a table
  // of period t + 1).
  T value(std::size_t t, std::size_t previous, std::size_t pub, std::size_t next, std::size_t r,
          std::span<const Part<T>> outsiders, const std::vector<T>& J) {
    const std::size_t u = t + 1;
    const IndexSpace& space = problem_.states[u];
    T total = T(0);
    for (const auto& [offset, prob] : outsiders) {
      const std::size_t truth = pub + member_offset_[u][next] + offset;
      const std::size_t c = pub + member_offset_[u][r] + offset;
      const std::size_t x = efficient_.chi[u][c];
      T v = objective_transfer(u, previous, c) + J[c * member_count_[u] + next];
      for (const std::size_t j : objective_)
        v += problem_.payoff(u, j, space.digit(truth, j + 1), x);
      total += prob * v;
    }
    return total;
  }

  bool better(const T& a, const T& b) const {
    if (nearly_equal(a, b)) return false;
    return query_.minimise ? a < b : a > b;
  }

  // The optimal members' report at a node; the truth unless another report is
  // strictly better.
  Choice<T> decide(std::size_t t, std::size_t previous, std::size_t pub, std::size_t next,
                   std::span<const Part<T>> outsiders) {
    Choice<T> ch;
    ch.report = next;
    ch.truthful = value(t, previous, pub, next, next, outsiders, J_[t + 1]);
    ch.best = ch.truthful;
    for (std::size_t r = 0; r < member_count_[t + 1]; ++r) {
      if (r == next) continue;
      T v = value(t, previous, pub, next, r, outsiders, J_[t + 1]);
      if (better(v, ch.best)) {
        ch.best = std::move(v);
        ch.report = r;
      }
    }
    return ch;
  }

  void backward(std::size_t t) {
    const std::size_t states = problem_.states[t].size();
    const std::size_t here = member_count_[t];
    J_[t].assign(states * here, T(0));
    truth_J_[t].assign(states * here, T(0));
    for (std::size_t previous = 0; previous < states; ++previous) {
      if (progress_ != nullptr) progress_->advance();
      const Step s = step(t, previous);
      const std::size_t width = s.reachable.size();
      std::vector<T> best(s.publics.size() * width, T(0));
      std::vector<T> truthful(s.publics.size() * width, T(0));
      for (std::size_t b = 0; b < s.publics.size(); ++b) {
        const std::size_t pub = s.publics[b].first;
        for (std::size_t w = 0; w < width; ++w) {
          const std::size_t next = s.reachable[w];
          if (query_.see_outsiders) {
            for (const auto& [offset, prob] : s.outsiders) {
              const std::vector<Part<T>> seen = {{offset, T(1)}};
              best[b * width + w] += prob * decide(t, previous, pub, next, seen).best;
            }
          } else {
            best[b * width + w] = decide(t, previous, pub, next, s.outsiders).best;
          }
          truthful[b * width + w] =
              value(t, previous, pub, next, next, s.outsiders, truth_J_[t + 1]);
        }
      }
      for (std::size_t l = 0; l < here; ++l) {
        T sum = T(0);
        T sum_truthful = T(0);
        for (std::size_t b = 0; b < s.publics.size(); ++b) {
          for (std::size_t w = 0; w < width; ++w) {
            const T prob = s.publics[b].second * member_prob(s, t, l, s.reachable[w]);
            if (prob == T(0)) continue;
            sum += prob * best[b * width + w];
            sum_truthful += prob * truthful[b * width + w];
          }
        }
        J_[t][previous * here + l] = std::move(sum);
        truth_J_[t][previous * here + l] = std::move(sum_truthful);
      }
    }
  }

  // Forward under the optimal play: every reached node with a strict gain
  // from lying goes to result.lies; the witness is the most probable one of
  // the first period that has any.
  std::optional<Deviation<T>> witness(CoalitionResult<T>& result) {
    std::optional<Deviation<T>> first;
    std::map<std::pair<std::size_t, std::size_t>, T> mass;  // (θ̂_t, ℓ) -> probability
    mass[{problem_.theta0, member_cell(0, problem_.theta0)}] = T(1);
    for (std::size_t t = 0; t < horizon_; ++t) {
      std::map<std::pair<std::size_t, std::size_t>, T> next_mass;
      // (previous, truth, report) -> (probability, gain)
      std::map<std::tuple<std::size_t, std::size_t, std::size_t>, std::pair<T, T>> found;
      auto it = mass.begin();
      while (it != mass.end()) {
        if (progress_ != nullptr) progress_->advance();
        const std::size_t previous = it->first.first;
        const Step s = step(t, previous);
        // Decisions at this θ̂_t, by (public part, members' next types, outsider index).
        std::map<std::tuple<std::size_t, std::size_t, std::size_t>, Choice<T>> choices;
        auto choose = [&](std::size_t b, std::size_t next, std::size_t o) -> const Choice<T>& {
          const std::size_t key_o = query_.see_outsiders ? o : 0;
          auto hit = choices.find({b, next, key_o});
          if (hit != choices.end()) return hit->second;
          const std::size_t pub = s.publics[b].first;
          Choice<T> ch;
          if (query_.see_outsiders) {
            const std::vector<Part<T>> seen = {{s.outsiders[o].first, T(1)}};
            ch = decide(t, previous, pub, next, seen);
          } else {
            ch = decide(t, previous, pub, next, s.outsiders);
          }
          return choices.emplace(std::tuple{b, next, key_o}, std::move(ch)).first->second;
        };
        for (; it != mass.end() && it->first.first == previous; ++it) {
          const std::size_t l = it->first.second;
          for (std::size_t b = 0; b < s.publics.size(); ++b) {
            const std::size_t pub = s.publics[b].first;
            for (const std::size_t next : s.reachable) {
              const T prob = it->second * s.publics[b].second * member_prob(s, t, l, next);
              if (prob == T(0)) continue;
              for (std::size_t o = 0; o < s.outsiders.size(); ++o) {
                const Choice<T>& ch = choose(b, next, o);
                const T weight = prob * s.outsiders[o].second;
                const std::size_t offset = s.outsiders[o].first;
                const std::size_t report = pub + member_offset_[t + 1][ch.report] + offset;
                next_mass[{report, next}] += weight;
                if (ch.report == next) continue;
                const std::size_t truth = pub + member_offset_[t + 1][next] + offset;
                auto& entry = found[{previous, truth, report}];
                entry.first += weight;
                entry.second = ch.best - ch.truthful;
              }
            }
          }
        }
      }
      const auto deviation = [t](const auto& entry) {
        Deviation<T> d;
        d.t = t + 1;
        std::tie(d.previous, d.truth, d.report) = entry.first;
        d.probability = entry.second.first;
        d.gain = entry.second.second;
        return d;
      };
      if (!found.empty() && !first) {
        auto pick = found.begin();
        for (auto f = found.begin(); f != found.end(); ++f) {
          if (f->second.first > pick->second.first) pick = f;
        }
        first = deviation(*pick);
      }
      for (const auto& entry : found) {
        if (result.lies.size() < kListedLies) result.lies.push_back(deviation(entry));
        ++result.lie_count;
      }
      mass = std::move(next_mass);
    }
    return first;
  }

  const Problem<T>& problem_;
  const Efficient<T>& efficient_;
  const TransferRule<T>& rule_;
  CoalitionQuery query_;
  Progress* progress_;
  std::size_t n_;
  std::size_t horizon_;
  std::vector<std::size_t> members_;
  std::vector<std::size_t> outsiders_;
  std::vector<std::size_t> objective_;
  std::vector<std::vector<std::size_t>> stride_;                      // [t][k]
  std::vector<std::size_t> member_count_;                             // |Θ_t^L|
  std::vector<std::vector<std::vector<std::size_t>>> member_digits_;  // [t][ℓ][m]
  std::vector<std::vector<std::size_t>> member_offset_;      // [t][ℓ]: ℓ's part of a cell
  std::vector<std::vector<T>> J_;                            // optimal values
  std::vector<std::vector<T>> truth_J_;                      // values under truth-telling
  std::vector<std::unordered_map<std::uint64_t, T>> cache_;  // [t]: Σ_{j∈Obj} y_t^j(p, c)
};

// The rule with every (t, p, c) it is asked for remembered: the audit's
// MDPs ask for overlapping pairs.
template <class T>
TransferRule<T> remembered(const Problem<T>& problem, const TransferRule<T>& rule) {
  std::vector<std::uint64_t> base = {0, 0};
  for (std::size_t t = 1; t <= problem.horizon(); ++t) {
    base.push_back(base.back() + static_cast<std::uint64_t>(problem.states[t - 1].size()) *
                                     problem.states[t].size());
  }
  std::vector<std::size_t> sizes;
  for (const auto& space : problem.states) sizes.push_back(space.size());
  auto table = std::make_shared<std::unordered_map<std::uint64_t, std::vector<T>>>();
  return [table, base, sizes, rule](std::size_t t, std::size_t p, std::size_t c) {
    const std::uint64_t key = base[t] + static_cast<std::uint64_t>(p) * sizes[t] + c;
    auto found = table->find(key);
    if (found == table->end()) found = table->emplace(key, rule(t, p, c)).first;
    return found->second;
  };
}

template <class T>
BudgetFinding<T> check_budget(const Problem<T>& problem, const Efficient<T>& efficient,
                              const TransferRule<T>& rule, Progress* progress) {
  BudgetFinding<T> finding;
  T worst_abs = T(0);
  for (std::size_t t = 1; t <= problem.horizon(); ++t) {
    const IndexSpace& prev = problem.states[t - 1];
    const IndexSpace& now = problem.states[t];
    const std::size_t block = now.size() / now.radix(0);
    for (std::size_t p = 0; p < prev.size(); ++p) {
      if (progress != nullptr) progress->advance();
      const std::vector<T>& pub =
          problem.kernel_row(t - 1, 0, prev.digit(p, 0), 0, efficient.chi[t - 1][p]);
      for (std::size_t b = 0; b < pub.size(); ++b) {
        if (pub[b] == T(0)) continue;
        for (std::size_t c = b * block; c < (b + 1) * block; ++c) {
          const std::vector<T> y = rule(t, p, c);
          T sum = T(0);
          for (const T& v : y) sum += v;
          ++finding.pairs;
          if (nearly_equal(sum, T(0))) continue;
          finding.ex_post = false;
          if (abs_of(sum) > worst_abs) {
            worst_abs = abs_of(sum);
            finding.worst = sum;
            finding.t = t;
            finding.previous = p;
            finding.current = c;
          }
        }
      }
    }
  }
  return finding;
}

}  // namespace

template <class T>
CoalitionResult<T> solve_coalition(const Problem<T>& problem, const Efficient<T>& efficient,
                                   const TransferRule<T>& rule, const CoalitionQuery& query,
                                   std::uint64_t max_states, Progress* progress) {
  CoalitionMdp<T> mdp(problem, efficient, rule, query, progress);
  return mdp.solve(max_states);
}

template <class T>
AuditReport<T> audit(const Problem<T>& problem, const Efficient<T>& efficient,
                     const TransferRule<T>& given, const AuditOptions& options,
                     Progress* progress) {
  const std::size_t n = problem.agent_count();
  const TransferRule<T> rule = remembered(problem, given);
  AuditReport<T> report;
  report.guarantees = efficient.guarantees;
  const Evaluation<T> truth = evaluate(problem, efficient, rule);
  report.truthful = truth.utility;
  for (const T& v : truth.variance) report.variance_total += v;

  if (progress != nullptr) progress->start("dynamic audit: budget");
  report.budget = check_budget(problem, efficient, rule, progress);
  for (const T& b : truth.budget) report.budget.ex_ante += b;

  auto run = [&](CoalitionQuery query) {
    return solve_coalition(problem, efficient, rule, query, options.max_states, progress);
  };
  if (progress != nullptr) progress->start("dynamic audit: incentives");
  for (std::size_t i = 0; i < n; ++i) {
    report.bic.push_back(run({{i}, {}, false, false}));
    report.ex_post_ic.push_back(run({{i}, {}, false, true}));
  }
  if (progress != nullptr) progress->start("dynamic audit: coalitions");
  std::vector<std::vector<std::size_t>> coalitions = options.coalitions;
  if (coalitions.empty() && n <= 6) {
    for (std::size_t mask = 1; mask < (std::size_t{1} << n); ++mask) {
      std::vector<std::size_t> members;
      for (std::size_t i = 0; i < n; ++i) {
        if ((mask >> i) & 1U) members.push_back(i);
      }
      if (members.size() >= 2) coalitions.push_back(std::move(members));
    }
  }
  for (std::size_t m = 0; m < coalitions.size(); ++m) {
    try {
      report.coalitions.push_back(run({coalitions[m], {}, false, false}));
    } catch (const InputError& e) {
      if (e.pointer().starts_with("/coalition")) {
        throw InputError(fmt::format("/coalitions/{}", m), e.expected(), e.found());
      }
      throw;
    }
  }
  if (progress != nullptr) progress->start("dynamic audit: worst case");
  if (n >= 2) {
    for (std::size_t i = 0; i < n; ++i) {
      std::vector<std::size_t> others;
      for (std::size_t j = 0; j < n; ++j) {
        if (j != i) others.push_back(j);
      }
      report.worst_case.push_back(run({others, {i}, true, false}));
    }
  }

  std::vector<T> outside(n, T(0));
  if (!options.outside_options.empty()) {
    if (options.outside_options.size() != n) {
      throw InputError("/outside_options", fmt::format("{} numbers (one per agent)", n),
                       fmt::format("{}", options.outside_options.size()));
    }
    for (std::size_t i = 0; i < n; ++i) {
      outside[i] = NumberTraits<T>::from_rational(options.outside_options[i]);
    }
  }
  T total = T(0);
  T total_outside = T(0);
  for (std::size_t i = 0; i < n; ++i) {
    total += report.truthful[i];
    total_outside += outside[i];
  }
  if (total > total_outside || nearly_equal(total, total_outside)) {
    const T share = (total - total_outside) / T(static_cast<long>(n));
    std::vector<T> c(n, T(0));
    for (std::size_t i = 0; i < n; ++i) c[i] = outside[i] - report.truthful[i] + share;
    report.ir_constants = std::move(c);
  }
  return report;
}

#define MECHLAB_INSTANTIATE(T)                                                                  \
  template CoalitionResult<T> solve_coalition(const Problem<T>&, const Efficient<T>&,           \
                                              const TransferRule<T>&, const CoalitionQuery&,    \
                                              std::uint64_t, Progress*);                        \
  template AuditReport<T> audit(const Problem<T>&, const Efficient<T>&, const TransferRule<T>&, \
                                const AuditOptions&, Progress*);
MECHLAB_INSTANTIATE(Rational)
MECHLAB_INSTANTIATE(double)
#undef MECHLAB_INSTANTIATE

}  // namespace mechlab::dynamic
