"""mechlab from Python: the models of information economics and mechanism design, certified.

    >>> import mechlab
    >>> m = mechlab.load("examples/mediation/hms-vector-a.json")
    >>> r = m.solve()
    >>> r.probability                       # Pr(escalation): an exact fractions.Fraction
    Fraction(41, 176)

Each model family is a module (mechlab.alliance, mechlab.mediation, ...) with
one function per CLI verb; each model has the same verbs as methods.  Exact
numbers are fractions.Fraction, tables numpy arrays, errors exceptions with
the CLI's JSON pointer (mechlab.InputError.pointer).  docs/python.md.
"""

from __future__ import annotations

import os
from typing import Any, Mapping

from . import _core
from ._commands import install_families, run
from .errors import InputError, InternalError, MechlabError, TimeLimitError
from .model import Model, Result

__all__ = ["InputError", "InternalError", "MechlabError", "Model", "Result", "TimeLimitError",
           "families", "load", "reproduce", "run", "version"]


def version() -> str:
    """The library's version and its dependencies' versions."""
    return _core.version()


def load(source: str | os.PathLike | Mapping[str, Any]) -> Model:
    """A model from a JSON file or a dict; its "model" field names the family."""
    if isinstance(source, Mapping):
        return Model(source)
    return Model.from_file(source)


# mechlab.<family> modules (alliance, mediation, ...) and the verb-less commands
# mechlab.reproduce(key) and mechlab.sweep(spec, out=...).
families = install_families(__name__)
