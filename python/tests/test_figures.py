"""python -m mechlab.figures: the figure list, two cheap figures end to end, and the data
behind Figures 000-2 and 004's transfers against the spec's exact values."""

from __future__ import annotations

import os
import subprocess
import sys
from fractions import Fraction

import pytest

pytest.importorskip("matplotlib")

from mechlab import figures  # noqa: E402
from mechlab.figures import alliances, disclosure, dynamic  # noqa: E402

ALL = ["000-figure1", "000-figure2", "002-figure1", "002-figure2", "003-p1", "003-p2", "003-p3",
       "003-p7", "004-table1", "004-transfers"]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mechlab.figures", *args], capture_output=True,
                          text=True, check=False, env=os.environ.copy())


def test_list_names_every_figure():
    r = _run("--list")
    assert r.returncode == 0, r.stderr
    assert [line.split("\t")[0] for line in r.stdout.splitlines()] == ALL
    assert [f.name for f in figures.registry()] == ALL


def test_quick_only_writes_two_pngs(tmp_path):
    r = _run("--out", str(tmp_path), "--quick", "--only", "002-figure1", "003-p3")
    assert r.returncode == 0, r.stderr
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == ["002-figure1.png", "003-p3.png"]
    for name in written:
        assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # One progress line per figure on stderr (matplotlib may add its own lines, e.g. the
    # font cache on a first run).
    progress = [line.split(":")[0] for line in r.stderr.splitlines()
                if line.startswith(("002-", "003-"))]
    assert progress == ["002-figure1", "003-p3"]


def test_unknown_figure_is_a_usage_error(tmp_path):
    r = _run("--out", str(tmp_path), "--only", "000-figure9")
    assert r.returncode == 2 and "000-figure9" in r.stderr


def test_figure2_lemma2_at_spread_one_tenth():
    # 000 §4.1: η̄(3) = 7/10 and η̄(5) = 33/68 at b_d = 0.1 (Lemma 2).
    data = alliances.figure2_data(quick=True)
    assert data[3]["lemma2"][Fraction(1, 10)] == Fraction(7, 10)
    assert data[5]["lemma2"][Fraction(1, 10)] == Fraction(33, 68)


def test_figure1_panels_are_the_three_types():
    # 002 Figure 1 inferred (spec §5): unilateral full, leader partial with ω^ND = (0, 1/2)
    # and P(ND) = 1/2, unanimity interior with ω^ND = (1/3, 1/3) and P(ND) = 3/4.
    panels = {p["protocol"]: p for p in disclosure.figure1_data()}
    assert [panels[k]["kind"] for k in ("unilateral", "leader 1", "unanimity")] == \
        ["full", "partial", "interior"]
    assert panels["leader 1"]["prob_no_disclosure"] == Fraction(1, 2)
    assert panels["leader 1"]["posterior"] == {"1": 0, "2": Fraction(1, 2)}
    assert panels["unanimity"]["prob_no_disclosure"] == Fraction(3, 4)
    assert panels["unanimity"]["posterior"] == {"1": Fraction(1, 3), "2": Fraction(1, 3)}


def test_btm_coalition_gain_grows_with_the_horizon():
    # 004 spec: coalition {b, r} gains 1895/16 under BTM at T = 4 and 2695/16 at T = 6;
    # GUM is collusion-proof.
    gains = dynamic.coalition_gain_data(quick=True)
    assert [(t, g) for t, g, _ in gains["btm"]] == [(4, Fraction(1895, 16)),
                                                     (6, Fraction(2695, 16))]
    assert all(g == 0 for _, g, _ in gains["gum"])
