// Claims about the exact core: the arithmetic every other claim stands on.
#include <fmt/format.h>

#include "mechlab/catalog/claim.hpp"
#include "mechlab/core/distribution.hpp"

namespace mechlab::catalog {

namespace {

CheckResult decimal_literals_are_exact(Progress& /*progress*/) {
  const Rational tenth = parse_rational("0.1");
  const Rational milli = parse_rational("1e-3");
  const Rational quarter = parse_rational("-0.25");
  const bool ok = tenth == Rational(1, 10) && milli == Rational(1, 1000) &&
                  quarter == Rational(-1, 4) && tenth * 3 == Rational(3, 10) &&
                  0.1 * 3 != 0.3;  // what doubles would have said instead
  return {ok,
          fmt::format("0.1 -> {}, 1e-3 -> {}, -0.25 -> {}; 3 x 0.1 = {} exactly", to_string(tenth),
                      to_string(milli), to_string(quarter), to_string(Rational(tenth * 3)))};
}

// A correlated prior over two agents' types: P(L,L) = 3/8, P(L,H) = 1/8,
// P(H,L) = 1/8, P(H,H) = 3/8. Bayes: P(t2 = H | t1 = H) = (3/8) / (1/2) = 3/4.
CheckResult bayes_on_correlated_prior(Progress& /*progress*/) {
  const IndexSpace space({{"t1", {"L", "H"}}, {"t2", {"L", "H"}}});
  const Distribution<Rational> prior(
      space, {Rational(3, 8), Rational(1, 8), Rational(1, 8), Rational(3, 8)});
  const Fixing given{0, 1};
  const auto posterior = prior.conditional(std::span<const Fixing>(&given, 1));
  const std::size_t t1 = 0;
  const auto marginal = prior.marginal(std::span<const std::size_t>(&t1, 1));
  const bool ok = posterior && (*posterior)[1] == Rational(3, 4) &&
                  (*posterior)[0] == Rational(1, 4) && marginal[0] == Rational(1, 2);
  return {ok, fmt::format("P(t2=H | t1=H) = {}, P(t1=L) = {}",
                          posterior ? to_string((*posterior)[1]) : "undefined",
                          to_string(marginal[0]))};
}

}  // namespace

void add_core_claims(Registry& registry) {
  registry.add({"core/exact-decimals", "mechlab core (docs/formats.md)",
                "Decimal literals in model files mean their exact decimal value: 0.1 = 1/10, "
                "1e-3 = 1/1000, -0.25 = -1/4.",
                Expected::holds, "", decimal_literals_are_exact});
  registry.add({"core/bayes-correlated", "mechlab core (docs/core.md)",
                "Conditionals of a correlated prior are exact Bayes posteriors: with P(LL) = P(HH) "
                "= 3/8 and P(LH) = P(HL) = 1/8, P(t2=H | t1=H) = 3/4.",
                Expected::holds, "", bayes_on_correlated_prior});
}

}  // namespace mechlab::catalog
