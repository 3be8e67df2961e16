// Renderers for the pure-equilibria report: JSON (every number exact) and text.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "mechlab/mechanism/game.hpp"

namespace mechlab::mechanism {

template <class T>
nlohmann::json equilibria_json(const StrategicGame<T>& game, const PureEquilibria<T>& result);

template <class T>
std::string equilibria_text(const StrategicGame<T>& game, const PureEquilibria<T>& result);

extern template nlohmann::json equilibria_json(const StrategicGame<Rational>&,
                                               const PureEquilibria<Rational>&);
extern template nlohmann::json equilibria_json(const StrategicGame<double>&,
                                               const PureEquilibria<double>&);
extern template std::string equilibria_text(const StrategicGame<Rational>&,
                                            const PureEquilibria<Rational>&);
extern template std::string equilibria_text(const StrategicGame<double>&,
                                            const PureEquilibria<double>&);

}  // namespace mechlab::mechanism
