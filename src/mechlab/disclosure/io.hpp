// Reading team-disclosure model files ("model": "disclosure"); see
// docs/formats.md ("Model \"disclosure\""). The reader builds the team, the
// protocols' winning coalitions, the effort technology and the costs, and
// checks Assumptions 1 and 2 itself before returning.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mechlab/disclosure/continuous.hpp"
#include "mechlab/disclosure/effort.hpp"
#include "mechlab/disclosure/model.hpp"
#include "mechlab/disclosure/protocol.hpp"
#include "mechlab/io/json.hpp"

namespace mechlab::disclosure {

template <class T>
struct Model {
  std::string name;                           // "name" (optional)
  Team<T> team;                               // F(·; e_N) when an effort technology is given
  std::vector<Protocol> protocols;            // at least one
  std::optional<EffortTechnology<T>> effort;  // "effort": F(·; e_{N∖i}) per member
  std::vector<T> costs;                       // "costs": c_i > 0 (optional)
  // "marginals" instead of "outcomes" and "prior": continuous independent
  // outcomes (spec §3.6); then `team` holds only the member names.
  std::optional<ContinuousTeam<T>> continuous;
};

// Validates everything before any computation; InputError with the JSON pointer.
template <class T>
Model<T> read_model(const io::Node& root, const io::ReadOptions& options = {});

extern template Model<Rational> read_model(const io::Node&, const io::ReadOptions&);
extern template Model<double> read_model(const io::Node&, const io::ReadOptions&);

}  // namespace mechlab::disclosure
