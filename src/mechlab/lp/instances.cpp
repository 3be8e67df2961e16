#include "mechlab/lp/instances.hpp"

#include <fmt/format.h>

#include <random>

namespace mechlab::lp::instances {

namespace {
std::optional<Rational> none() { return std::nullopt; }
Rational q(long p, long d = 1) {
  Rational r(p, d);
  r.canonicalize();
  return r;
}
}  // namespace

LinearProgram<Rational> chvatal() {
  LinearProgram<Rational> lp;
  lp.name = "chvatal";
  lp.sense = Sense::maximize;
  for (const auto& [name, c] : {std::pair{"x1", 5}, {"x2", 4}, {"x3", 3}}) {
    lp.add_column(name, q(0), none(), q(c));
  }
  lp.add_row("c1", {{0, q(2)}, {1, q(3)}, {2, q(1)}}, none(), q(5));
  lp.add_row("c2", {{0, q(4)}, {1, q(1)}, {2, q(2)}}, none(), q(11));
  lp.add_row("c3", {{0, q(3)}, {1, q(4)}, {2, q(2)}}, none(), q(8));
  return lp;
}

LinearProgram<Rational> beale() {
  LinearProgram<Rational> lp;
  lp.name = "beale";
  lp.add_column("x4", q(0), none(), q(-3, 4));
  lp.add_column("x5", q(0), none(), q(150));
  lp.add_column("x6", q(0), none(), q(-1, 50));
  lp.add_column("x7", q(0), none(), q(6));
  lp.add_row("r1", {{0, q(1, 4)}, {1, q(-60)}, {2, q(-1, 25)}, {3, q(9)}}, none(), q(0));
  lp.add_row("r2", {{0, q(1, 2)}, {1, q(-90)}, {2, q(-1, 50)}, {3, q(3)}}, none(), q(0));
  lp.add_row("r3", {{2, q(1)}}, none(), q(1));
  return lp;
}

LinearProgram<Rational> klee_minty(int n) {
  LinearProgram<Rational> lp;
  lp.name = fmt::format("klee-minty-{}", n);
  lp.sense = Sense::maximize;
  auto pow10 = [](int e) {
    mpz_class z;
    mpz_ui_pow_ui(z.get_mpz_t(), 10, static_cast<unsigned long>(e));
    return Rational(z);
  };
  for (int j = 1; j <= n; ++j) lp.add_column(fmt::format("x{}", j), q(0), none(), pow10(n - j));
  for (int i = 1; i <= n; ++i) {
    std::vector<Term<Rational>> terms;
    for (int j = 1; j < i; ++j)
      terms.push_back({static_cast<std::size_t>(j - 1), Rational(2 * pow10(i - j))});
    terms.push_back({static_cast<std::size_t>(i - 1), q(1)});
    lp.add_row(fmt::format("r{}", i), std::move(terms), none(), pow10(2 * (i - 1)));
  }
  return lp;
}

LinearProgram<Rational> infeasible_pair() {
  LinearProgram<Rational> lp;
  lp.name = "infeasible-pair";
  lp.add_column("x", q(0), none(), q(1));
  lp.add_column("y", q(0), none(), q(1));
  lp.add_row("at_most_one", {{0, q(1)}, {1, q(1)}}, none(), q(1));
  lp.add_row("at_least_two", {{0, q(1)}, {1, q(1)}}, q(2), none());
  return lp;
}

LinearProgram<Rational> unbounded_wedge() {
  LinearProgram<Rational> lp;
  lp.name = "unbounded-wedge";
  lp.sense = Sense::maximize;
  lp.add_column("x", q(0), none(), q(1));
  lp.add_column("y", q(0), none(), q(1));
  lp.add_row("wedge", {{0, q(1)}, {1, q(-1)}}, none(), q(1));
  return lp;
}

LinearProgram<Rational> random_bounded(int m, int n, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> coef(-9, 9);
  std::uniform_int_distribution<int> slack(0, 20);
  std::bernoulli_distribution present(0.5);
  LinearProgram<Rational> lp;
  lp.name = fmt::format("random-{}x{}-seed{}", m, n, seed);
  lp.sense = Sense::maximize;
  for (int j = 0; j < n; ++j) lp.add_column(fmt::format("x{}", j), q(0), q(10), q(coef(rng)));
  for (int i = 0; i < m; ++i) {
    std::vector<Term<Rational>> terms;
    long at_one = 0;
    for (int j = 0; j < n; ++j) {
      const int a = coef(rng);
      if (a == 0 || !present(rng)) continue;
      terms.push_back({static_cast<std::size_t>(j), q(a)});
      at_one += a;
    }
    lp.add_row(fmt::format("r{}", i), std::move(terms), none(), q(3 * at_one + slack(rng), 3));
  }
  return lp;
}

}  // namespace mechlab::lp::instances
