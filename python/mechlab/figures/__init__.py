"""Every figure the specs name, drawn from mechlab's own verbs (issue 9).

``python3 -m mechlab.figures --out DIR`` writes one PNG per figure; each
figure has a data function (exact Fractions where the verb gives them) and a
draw function.  Numbers typed in here are only the papers' own values, drawn
for comparison and labelled as the paper's.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend)

def _source_roots() -> list[str]:
    """Where the repository's examples/ may be: $MECHLAB_SOURCE_DIR, the source tree this
    package sits in (python/mechlab/figures), the source of the build tree it was copied to
    (build/python/mechlab/figures, CMakeCache.txt's CMAKE_HOME_DIRECTORY), the working directory."""
    up = os.path.abspath(os.path.join(os.path.dirname(__file__), *[os.pardir] * 3))
    roots = [os.environ.get("MECHLAB_SOURCE_DIR", ""), up]
    try:
        with open(os.path.join(up, "CMakeCache.txt"), encoding="utf-8") as cache:
            roots += [line.split("=", 1)[1].strip() for line in cache
                      if line.startswith("CMAKE_HOME_DIRECTORY:")]
    except OSError:
        pass
    return [r for r in roots if r] + [os.getcwd()]


def example(relative: str) -> str:
    """Path of examples/<relative> (figures that start from a shipped model)."""
    for root in _source_roots():
        path = os.path.join(root, "examples", relative)
        if os.path.exists(path):
            return path
    raise FileNotFoundError(f"examples/{relative}: set MECHLAB_SOURCE_DIR to the repository")


def num(value: Any) -> float | None:
    """A plotted number: Fractions, plain numbers, and irrational values
    ({"decimal", "exact": "9/160*sqrt(1393)", "lower", "upper"}) by their decimal."""
    if value is None:
        return None
    if isinstance(value, dict):
        return None if value.get("decimal") is None else float(value["decimal"])
    return float(value)


def grid(lo: Fraction, hi: Fraction, points: int) -> list[Fraction]:
    """The verbs' uniform grid (first, last, points), exactly."""
    if points == 1:
        return [lo]
    return [lo + (hi - lo) * k / (points - 1) for k in range(points)]


def save(fig, out_dir: str, name: str) -> str:
    """PNG without a timestamp or version in its metadata, so a re-run gives the same file."""
    path = os.path.join(out_dir, name + ".png")
    fig.tight_layout()
    fig.savefig(path, dpi=110, metadata={"Software": None}, bbox_inches="tight")
    plt.close(fig)
    return path


@dataclass(frozen=True)
class Figure:
    name: str           # the file's stem, e.g. "000-figure1"
    title: str          # what the spec calls it
    draw: Callable[[str, bool], str]  # (out_dir, quick) -> path written


def registry() -> list[Figure]:
    from . import alliances, disclosure, dynamic, infosize
    return [*alliances.FIGURES, *disclosure.FIGURES, *infosize.FIGURES, *dynamic.FIGURES]
