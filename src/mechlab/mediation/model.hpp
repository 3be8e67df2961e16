// The conflict-mediation instance of Balzer & Schneider, "Managing a Conflict"
// (spec 001 §0.2, §2): two ex-ante identical players with K ordered types
// (index 0 = type 1 = strongest), a common prior p, an escalation game that
// maps a belief system B = (β_1, β_2) to the escalation payoffs U_i(m; θ, B),
// and the veto values V(θ) that the participation constraints use.
//
// Indexing: everything is 0-based in code; names shown to a reader ("IC[1](2->1)",
// "F(1,2)") use the paper's 1-based players and types.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "mechlab/core/error.hpp"
#include "mechlab/core/rational.hpp"

namespace mechlab::mediation {

template <class T>
using Matrix = std::vector<std::vector<T>>;

// B = (β_1, β_2): beta[i][m][k] = β_i(k | m), player i's belief about the
// opponent's type k after i reported m and the conflict escalated. A report
// that never escalates (γ_i(m) = 0) is off path: its row is flagged and holds
// no meaningful belief (the prior is stored there only so that a game can be
// evaluated; it never enters a payoff, because y_i(m; θ) = γ_i(m) U_i = 0).
template <class T>
struct BeliefSystem {
  std::array<Matrix<T>, 2> beta;
  std::array<std::vector<bool>, 2> on_path;

  std::size_t types() const { return beta[0].size(); }
};

// U[i][m][θ] = U_i(m; θ, B): the escalation payoff of true type θ of player i
// who reported m (a deviator keeps the on-path belief of report m and best
// responds; spec §0.2 eq. (U)).
template <class T>
using PayoffTable = std::array<Matrix<T>, 2>;

// An escalation game 𝒢 as the designer sees it: a primitive U(B). Games must
// be symmetric (S): U_1(m; θ, (β_1, β_2)) = U_2(m; θ, (β_2, β_1)).
// A belief system outside an escalation game's domain (e.g. the all-pay game
// where B has no monotone equilibrium). An InputError (exit 2 when the model
// itself asks for such B) of its own type, so that pricing, which tries many
// candidate shapes, skips these shapes and counts them instead of stopping.
class GameDomainError : public InputError {
 public:
  using InputError::InputError;
};

template <class T>
class EscalationGame {
 public:
  virtual ~EscalationGame() = default;
  virtual std::size_t types() const = 0;
  virtual std::string name() const = 0;
  // U for every (player, report, true type) at once: a belief-dependent game
  // solves one equilibrium per B, not one per entry.
  virtual PayoffTable<T> payoffs(const BeliefSystem<T>& beliefs) const = 0;
  // The lottery matrix u(θ, θ') when U = Σ_θ' β(θ'|m) u(θ, θ') (ex-post
  // equilibrium behaviour); nullptr for belief-dependent games.
  virtual const Matrix<T>* lottery() const { return nullptr; }
  // V(θ, (p, ρ^V)) when the veto game 𝒱 is this game played with the vetoer
  // believing p and the other player believing ρ^V about the vetoer; nullopt
  // when the game cannot say (the instance then needs explicit veto values).
  virtual std::optional<std::vector<T>> veto_values(const std::vector<T>& /*prior*/,
                                                    const std::vector<T>& /*rho_v*/) const {
    return std::nullopt;
  }
};

// Lottery game (spec §2 preset 1): U_i(m; θ, B) = Σ_θ' β_i(θ'|m) u(θ, θ').
// V(θ) = Σ_θ' p(θ') u(θ, θ') whatever ρ^V is. Also the "table-given" game.
template <class T>
class LotteryGame final : public EscalationGame<T> {
 public:
  explicit LotteryGame(Matrix<T> u, std::string label = "lottery")
      : u_(std::move(u)), label_(std::move(label)) {}
  std::size_t types() const override { return u_.size(); }
  std::string name() const override { return label_; }
  PayoffTable<T> payoffs(const BeliefSystem<T>& beliefs) const override;
  const Matrix<T>* lottery() const override { return &u_; }
  std::optional<std::vector<T>> veto_values(const std::vector<T>& prior,
                                            const std::vector<T>& rho_v) const override;
  const Matrix<T>& u() const { return u_; }

 private:
  Matrix<T> u_;
  std::string label_;
};

// Hörner–Morelli–Squintani simple lottery (Nov-2018 suppl. E.1): u = ½ − c on
// the diagonal, ½ − c + ξ against a weaker type, ½ − c − ξ against a stronger
// one; needs ξ > c ≥ 0.
template <class T>
LotteryGame<T> hms_lottery(std::size_t types, const T& c, const T& xi);

// Bester–Wärneryd linear lottery (the authors' Matlab default):
// u(θ, θ') = q (½ + s (θ' − θ) / (2 (K − 1))), q ∈ (0, 1], s ∈ [0, 1].
template <class T>
LotteryGame<T> bw_linear_lottery(std::size_t types, const T& q, const T& s);

// The linear-quadratic conflict game of spec §2 [ext]: effort a_i ∈ [0, 1],
// u_i = ½ + a_i (1 − a_j) − a_j − a_i² / (4 κ_θi), κ ∈ (0, ¼]. Given B the
// Bayes–Nash efforts solve the 2K×2K linear system
// a_i(θ) = 2 κ_θ (1 − Σ_θ' β_i(θ'|θ) a_j(θ')), and a deviator who reported m
// best-responds: U_i(m; θ, B) = ½ − ā_i(m) + κ_θ (1 − ā_i(m))² with
// ā_i(m) = Σ_θ' β_i(θ'|m) a_j(θ').
template <class T>
class LQConflictGame final : public EscalationGame<T> {
 public:
  explicit LQConflictGame(std::vector<T> kappa) : kappa_(std::move(kappa)) {}
  std::size_t types() const override { return kappa_.size(); }
  std::string name() const override { return "linear-quadratic conflict"; }
  PayoffTable<T> payoffs(const BeliefSystem<T>& beliefs) const override;
  // 𝒱 = 𝒢 played at B = (β_vetoer ≡ p, β_other ≡ ρ^V); V(θ) = U_vetoer(θ; θ).
  std::optional<std::vector<T>> veto_values(const std::vector<T>& prior,
                                            const std::vector<T>& rho_v) const override;
  // The equilibrium efforts a[i][θ] at B.
  std::array<std::vector<T>, 2> efforts(const BeliefSystem<T>& beliefs) const;
  const std::vector<T>& kappa() const { return kappa_; }

 private:
  std::vector<T> kappa_;
};

// A user's own game: any callable B -> U (an equilibrium computed elsewhere).
template <class T>
class FunctionGame final : public EscalationGame<T> {
 public:
  using Payoffs = std::function<PayoffTable<T>(const BeliefSystem<T>&)>;
  FunctionGame(std::size_t types, Payoffs payoffs, std::string label = "user game")
      : types_(types), payoffs_(std::move(payoffs)), label_(std::move(label)) {}
  std::size_t types() const override { return types_; }
  std::string name() const override { return label_; }
  PayoffTable<T> payoffs(const BeliefSystem<T>& beliefs) const override {
    return payoffs_(beliefs);
  }

 private:
  std::size_t types_;
  Payoffs payoffs_;
  std::string label_;
};

enum class Signals { none, public_signals };

// The instance of spec §2. Veto values are explicit (symmetric V(θ)); use
// veto_from_game to fill them from a game and a veto belief ρ^V.
template <class T>
struct Instance {
  std::vector<T> prior;                           // p(θ) > 0, Σ p = 1
  std::shared_ptr<const EscalationGame<T>> game;  // 𝒢
  std::vector<T> veto;                            // V(θ, (p, ρ^V))
  std::optional<std::vector<T>> veto_belief;      // ρ^V when V came from a game
  Signals signals = Signals::public_signals;      // Theorem 2 by default
  bool symmetric = true;                          // Lemma 2's symmetrisation

  std::size_t types() const { return prior.size(); }
  // Throws InputError(pointer, expected, found): K ≥ 2, p > 0 summing to 1,
  // a game with K types, K finite veto values, lottery entries u ≤ 1 with
  // u(θ, θ') + u(θ', θ) ≤ 1 (a fight is inefficient), ρ^V a distribution.
  void validate() const;
};

// V(θ) from the game at ρ^V (throws InputError at "/veto" when the game has no
// veto game of its own).
template <class T>
std::vector<T> veto_from_game(const EscalationGame<T>& game, const std::vector<T>& prior,
                              const std::vector<T>& rho_v);

// "1/2" or "0.5": how model errors print numbers.
template <class T>
std::string number_text(const T& x) {
  return NumberTraits<T>::to_text(x);
}

extern template class LotteryGame<Rational>;
extern template class LQConflictGame<Rational>;
extern template struct Instance<Rational>;
extern template LotteryGame<Rational> hms_lottery(std::size_t, const Rational&, const Rational&);
extern template LotteryGame<Rational> bw_linear_lottery(std::size_t, const Rational&,
                                                        const Rational&);
extern template std::vector<Rational> veto_from_game(const EscalationGame<Rational>&,
                                                     const std::vector<Rational>&,
                                                     const std::vector<Rational>&);
extern template class LotteryGame<double>;
extern template class LQConflictGame<double>;
extern template struct Instance<double>;
extern template LotteryGame<double> hms_lottery(std::size_t, const double&, const double&);
extern template LotteryGame<double> bw_linear_lottery(std::size_t, const double&, const double&);
extern template std::vector<double> veto_from_game(const EscalationGame<double>&,
                                                   const std::vector<double>&,
                                                   const std::vector<double>&);

}  // namespace mechlab::mediation
