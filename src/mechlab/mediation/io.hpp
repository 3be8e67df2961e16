// Reading mediation model files ("model": "mediation"); the format is in
// docs/formats.md ("Mediation models"). The reader builds the Instance of spec
// §2 and checks it with Instance::validate() before returning; every error
// carries the file's JSON pointer ("/prior/1", "/game/u/0/1", "/game/kappa/0",
// "/veto/rho", "/rule/1/0").
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "mechlab/io/json.hpp"
#include "mechlab/mediation/model.hpp"

namespace mechlab::mediation {

// At most this many types in a file: the exact lottery LP has 3K² rows and
// columns (K = 20: 1200 × 1200, about 7 s exact; docs/mediation.md).
inline constexpr std::size_t kMaxTypes = 20;

enum class GameKind { lottery, hms, bw, lq, allpay };
std::string to_string(GameKind kind);

template <class T>
struct MediationModel {
  std::string name;                 // "name" (optional)
  std::vector<std::string> labels;  // "types": K (labels "1".."K") or K labels
  GameKind kind = GameKind::lottery;
  Instance<T> instance;
  // "rule" (optional): an escalation rule γ (K×K, entries in [0, 1]) for
  // `mechlab mediation beliefs`.
  std::optional<Matrix<T>> rule;
};

template <class T>
MediationModel<T> read_mediation(const io::Node& root, const io::ReadOptions& options = {});

extern template MediationModel<Rational> read_mediation(const io::Node&, const io::ReadOptions&);
extern template MediationModel<double> read_mediation(const io::Node&, const io::ReadOptions&);

}  // namespace mechlab::mediation
