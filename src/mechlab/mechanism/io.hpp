// Reading mechanism model files ("model": "mechanism"); see docs/formats.md.
#pragma once

#include <optional>

#include "mechlab/io/json.hpp"
#include "mechlab/mechanism/model.hpp"

namespace mechlab::mechanism {

// The environment part of a model file: states, alternatives, agents (types
// and valuations), prior. Checks sizes against --memory-limit before
// allocating and returns the prepared problem.
template <class T>
Problem<T> read_problem(const io::Node& root, const io::ReadOptions& options = {});

// The "mechanism" object: outcome ("efficient" or a table), transfers ("none",
// "vcg", "gvcg", "agv" or a table), optional "rewards".
template <class T>
Mechanism<T> read_mechanism(const io::Node& node, const Problem<T>& problem,
                            const io::ReadOptions& options = {});

// An outcome table: one entry per type profile, an alternative's label or a
// lottery {"label": probability, ...}; q(c|t) at t·|C| + c. `what` describes
// the accepted values of the node for the error when it is not an array.
template <class T>
std::vector<T> read_outcome_table(const io::Node& node, const Problem<T>& problem,
                                  const io::ReadOptions& options, const std::string& what);

// A whole file: header, problem, and the mechanism when the file has one. The
// "design" object, if any, is left to the design reader (design_io).
template <class T>
struct Model {
  Problem<T> problem;
  std::optional<Mechanism<T>> mechanism;
};

template <class T>
Model<T> read_model(const io::Node& root, const io::ReadOptions& options = {});

}  // namespace mechlab::mechanism
