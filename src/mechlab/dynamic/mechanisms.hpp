// The mechanisms of 004 §3.4–3.7 as transfer rules over one efficient policy:
// GUM (any order, random order drawn once, the order-averaged symmetric /
// Shapley version of App. H), the Balanced Team Mechanism (A5; public state
// first by default, eq. (28) literally for reproduction), the
// Bergemann–Välimäki Dynamic Pivot Mechanism (A6, N sub-economy programmes),
// the paper's eq. (27), App. F's "DPM" (GUM with the agent processed last),
// and the static AGV and VCG (T = 1).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mechlab/core/rational.hpp"
#include "mechlab/dynamic/efficient.hpp"
#include "mechlab/dynamic/model.hpp"
#include "mechlab/dynamic/transfers.hpp"

namespace mechlab::dynamic {

enum class MechanismKind {
  gum,          // "gum": eq. (10) in the order of MechanismOptions::order
  gum_shapley,  // "gum-shapley": y averaged over all N! orders (App. H), sampled beyond
  btm,          // "btm": A5 with the public state processed first (the default BTM)
  btm_literal,  // "btm-literal": eq. (28) as printed (θ_t^0 integrated out)
  dpm,          // "dpm": Bergemann–Välimäki, y^i = −p^i with the sub-economy values W^{−i}
  eq27,         // "eq27": y^i = Σ_{j≠i}(G^j[{0..N}] − G^j[{0..N}∖{i}])
  appf_dpm,     // "appf-dpm": GUM's y^i with i processed last (App. F (113)–(115))
  agv,          // "agv": static AGV (T = 1), eqs. (79)–(81)
  vcg,          // "vcg": static Clarke pivot (T = 1)
};

// "gum", "gum-shapley", "btm", "btm-literal", "dpm", "eq27", "appf-dpm", "agv", "vcg".
std::string_view mechanism_name(MechanismKind kind);
std::optional<MechanismKind> parse_mechanism(std::string_view name);
// All kinds, in the order above.
const std::vector<MechanismKind>& all_mechanisms();

struct MechanismOptions {
  // GUM processing order (a permutation of 0..N-1); empty: problem.order.
  std::vector<std::size_t> order;
  // gum-shapley: the exact Shapley formula of App. H (2^N coalitions, which
  // equals the average over all N! orders) when N <= exact_shapley_agents,
  // otherwise GUM averaged over `order_samples` orders drawn once with `seed`
  // (spec §6: sample beyond N = 10).
  std::size_t exact_shapley_agents = 10;
  std::size_t order_samples = 1000;
  std::uint64_t seed = 1;
};

// Why a mechanism does not apply to a problem (N = 1 for BTM, T != 1 for AGV
// and VCG, ...), or nullopt when it does.
template <class T>
std::optional<std::string> not_applicable(const Problem<T>& problem, MechanismKind kind);

// The transfer rule of `kind`. The rule refers to `problem` and `efficient`
// (they must outlive it) and owns its own precomputations (the DPM's
// sub-economy values). Throws InputError("/agents" or "/periods", ...) when
// not_applicable() says so, and at "/order" or "/order_samples" for options
// that are not a permutation of the agents or leave no order to sample.
template <class T>
TransferRule<T> make_transfer_rule(const Problem<T>& problem, const Efficient<T>& efficient,
                                   MechanismKind kind, const MechanismOptions& options = {});

// The orders gum-shapley averages over when N > exact_shapley_agents
// (drawn with options.seed), empty when the exact formula is used.
std::vector<std::vector<std::size_t>> shapley_sample_orders(std::size_t agents,
                                                            const MechanismOptions& options);

// A6: the sub-economy without agent i, W_t^{−i}(θ) at [i][t][θ] (agent i's
// payoffs dropped, the same kernels; agent i's component is carried along).
template <class T>
std::vector<std::vector<std::vector<T>>> solve_sub_economies(const Problem<T>& problem);

// A5's incentive terms g_t^i(p, c) for i = 0..N-1 (public state first unless
// `literal`).
template <class T>
std::vector<T> btm_incentives(const Problem<T>& problem, const Efficient<T>& efficient,
                              std::size_t t, std::size_t p, std::size_t c, bool literal);

}  // namespace mechlab::dynamic
