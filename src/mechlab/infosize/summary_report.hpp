// Renderers for SizeSummary: JSON (exact values as "p/q", reals with their
// exact surd or certified enclosure) and text tables.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "mechlab/infosize/summary.hpp"

namespace mechlab::infosize {

template <class T>
nlohmann::json to_json(const Instance<T>& instance, const SizeSummary<T>& summary);

// `steps`: also print the g(ε) step function of every pair.
template <class T>
std::string to_text(const Instance<T>& instance, const SizeSummary<T>& summary, bool steps);

// "(2=a1, 3=a2)": a signal profile without agent i.
template <class T>
std::string others_signals(const SignalStructure<T>& s, std::size_t a, std::size_t i);

// Lines that change how a report reads: double precision (--float), and a
// majority reward that can never pay an agent whose signal labels no one shares.
template <class T>
std::string reward_notes(const Instance<T>& instance);

// The validation lines shared by measure and certify reports.
template <class T>
nlohmann::json validation_json(const Instance<T>& instance, const Validation<T>& v);
template <class T>
std::string validation_text(const Instance<T>& instance, const Validation<T>& v);

}  // namespace mechlab::infosize
