"""Conversions between mechlab's JSON and Python values.

mechlab writes every exact number as {"exact": "p/q", "decimal": x}; those
become fractions.Fraction (certified irrationals, {"exact": "a*sqrt(b)", "lower",
"upper", ...}, stay dicts).  Rectangular numeric tables (lists of equal-length
lists of numbers) become numpy arrays: dtype=object holding Fractions when the
entries are exact, float otherwise.
"""

from __future__ import annotations

from fractions import Fraction
from numbers import Rational as _Rational
from typing import Any

import numpy as np

_EXACT_KEYS = frozenset(("exact", "decimal"))


def _exact(value: Any) -> Fraction | None:
    """The Fraction of {"exact": "p/q", "decimal": x, ...}; None for anything else
    (also for certified irrationals such as "2025/1168*sqrt(1393)", kept as dicts
    with their "lower" and "upper" bounds)."""
    if not (isinstance(value, dict) and _EXACT_KEYS <= value.keys()):
        return None
    if not set(value) <= _EXACT_KEYS | {"lower", "upper"}:
        return None
    try:
        return Fraction(value["exact"])
    except (TypeError, ValueError):
        return None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, Fraction)) and not isinstance(value, bool)


def _table(rows: list) -> np.ndarray | None:
    """A numpy array for a rectangular numeric table, else None."""
    if not rows or not all(isinstance(r, list) and r for r in rows):
        return None
    width = len(rows[0])
    if any(len(r) != width for r in rows):
        return None
    if not all(_is_number(x) for r in rows for x in r):
        return None
    exact = any(isinstance(x, Fraction) for r in rows for x in r)
    return np.array(rows, dtype=object if exact else float)


def from_json(value: Any, *, tables: bool = True) -> Any:
    """mechlab JSON → Python: Fractions for exact numbers, arrays for tables."""
    exact = _exact(value)
    if exact is not None:
        return exact
    if isinstance(value, dict):
        return {k: from_json(v, tables=tables) for k, v in value.items()}
    if isinstance(value, list):
        items = [from_json(v, tables=tables) for v in value]
        if tables:
            array = _table(items)
            if array is not None:
                return array
        return items
    return value


def to_plain(value: Any) -> Any:
    """Python value → plain containers (arrays become lists, Fractions stay)."""
    if isinstance(value, np.ndarray):
        return [to_plain(v) for v in value.tolist()]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    return value


def to_json(value: Any) -> Any:
    """Python value → model JSON: Fractions as "p/q" strings, arrays as lists.

    Model readers accept a rational as a JSON number or as a "p/q" string, so a
    Fraction goes in exactly.
    """
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, np.ndarray):
        return to_json(value.tolist())
    if isinstance(value, np.generic):
        return to_json(value.item())
    if isinstance(value, Fraction) or (isinstance(value, _Rational) and not isinstance(value, int)):
        f = Fraction(value)
        return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    raise TypeError(f"cannot write {type(value).__name__} into a mechlab model")


def option_text(value: Any) -> str:
    """A keyword argument's value as the command-line text the verb expects."""
    if isinstance(value, Fraction):
        return to_json(value)
    if isinstance(value, (list, tuple)):
        return ",".join(option_text(v) for v in value)
    return str(value)
