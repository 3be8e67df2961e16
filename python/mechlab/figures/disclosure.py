"""002 (disclosure): Figure 1, the three equilibrium types on a 2×2 outcome grid, and
Figure 2, the optimal consensus K* against one deviation parameter (T7)."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np

import mechlab

from . import Figure, plt, save

# Figure 1's setting: two members, binary outcomes, i.i.d. uniform (the paper's images are
# lost; the spec infers the colouring), under the three protocols the caption names.
BINARY_PANEL = {
    "model": "disclosure", "version": 1, "members": ["1", "2"],
    "outcomes": {"1": [0, 1], "2": [0, 1]},
    "prior": {"table": ["1/4", "1/4", "1/4", "1/4"]},
    "protocols": [{"unilateral": True}, {"leader": "1"}, {"unanimity": True}],
}
PANEL_TITLES = {"unilateral": "(a) both can disclose unilaterally",
                "leader 1": "(b) one can (leader 1)", "unanimity": "(c) neither can (unanimity)"}


def figure1_data(quick: bool = False) -> list[dict]:
    """Per protocol: the pure equilibrium that conceals most (largest P(no disclosure)),
    its concealed cells {(ω_1, ω_2): d}, ω^ND and P(ND), and how many equilibria exist."""
    r = mechlab.Model(BINARY_PANEL).equilibria()
    panels = []
    for p in r.equilibria:
        pure = [e for e in p["equilibria"] if not e["mixed"]]
        e = max(pure, key=lambda e: e["prob_no_disclosure"])
        concealed = {(c["outcome"]["1"], c["outcome"]["2"]): c["disclosure"]
                     for c in e["concealed"]}
        panels.append({"protocol": p["protocol"], "kind": e["kind"], "concealed": concealed,
                       "prob_no_disclosure": e["prob_no_disclosure"],
                       "posterior": e["posterior"], "count": p["count"],
                       "exhaustive": p["exhaustive"]})
    return panels


def _fraction_text(value) -> str:
    return str(F(value))


def draw_figure1(out_dir: str, quick: bool) -> str:
    panels = figure1_data(quick)
    fig, axes = plt.subplots(1, len(panels), figsize=(4 * len(panels), 4.4))
    outcomes = [F(0), F(1)]
    for ax, p in zip(np.atleast_1d(axes), panels):
        # 1 − d: grey where the cell is concealed, white where it is disclosed.
        shade = np.array([[1 - float(p["concealed"].get((w1, w2), 1)) for w2 in outcomes]
                          for w1 in outcomes])
        ax.imshow(shade, cmap="Greys", vmin=0, vmax=1.6, origin="lower")
        for i, w1 in enumerate(outcomes):
            for j, w2 in enumerate(outcomes):
                d = p["concealed"].get((w1, w2))
                ax.text(j, i, "disclosed" if d is None else f"concealed\nd = {_fraction_text(d)}",
                        ha="center", va="center", fontsize=9)
        ax.set_xticks([0, 1], ["ω₂ = L (0)", "ω₂ = H (1)"])
        ax.set_yticks([0, 1], ["ω₁ = L (0)", "ω₁ = H (1)"])
        post = p["posterior"]
        nd = ("—" if post is None else
              "(" + ", ".join(_fraction_text(post[m]) for m in ("1", "2")) + ")")
        ax.set_title(f"{PANEL_TITLES.get(p['protocol'], p['protocol'])}\n{p['kind']} equilibrium",
                     fontsize=10)
        ax.set_xlabel(f"ω^ND = {nd},  P(ND) = {_fraction_text(p['prob_no_disclosure'])}\n"
                      f"{p['count']} equilibria (exhaustive: {p['exhaustive']})", fontsize=9)
    fig.suptitle("002 Figure 1: three equilibrium types (N = 2, binary outcomes, uniform prior)\n"
                 "each panel: the pure equilibrium concealing most (equilibria verb); "
                 "grey = concealed, white = disclosed", fontsize=11)
    return save(fig, out_dir, "002-figure1")


PARAMETERS = [("qj0", "(a) P(h_j | e_{N∖i})"), ("p0", "(b) p(e_{N∖i})"),
              ("qi0", "(c) P(h_i | e_{N∖i})"), ("qT0", "(d) P(h_T | e_{N∖i})")]


def figure2_data(quick: bool = False) -> dict:
    """{(N, parameter): (x values, K* lists, breakpoints)} from the sweep verb (T7 baseline)."""
    sizes = [4] if quick else [4, 6, 10]
    step = F(1, 10) if quick else F(1, 100)
    out = {}
    for n in sizes:
        for parameter, _ in PARAMETERS:
            r = _sweep(n, parameter, step)
            out[(n, parameter)] = ([p["x"] for p in r.points], [p["k_star"] for p in r.points],
                                   r.breakpoints)
    return out


def _sweep(n: int, parameter: str, step: F):
    # "from" is a Python keyword: pass the verb's --from through **options.
    return mechlab.disclosure.sweep(**{"members": n, "parameter": parameter,
                                       "from": F(1, 100), "to": F(99, 100), "step": step})


def draw_figure2(out_dir: str, quick: bool) -> str:
    data = figure2_data(quick)
    sizes = sorted({n for n, _ in data})
    fig, axes = plt.subplots(2, 2, figsize=(11, 8))
    styles = ["-", "--", ":"]
    for ax, (parameter, label) in zip(axes.flat, PARAMETERS):
        for n, style in zip(sizes, styles):
            xs, ks, breaks = data[(n, parameter)]
            # A tie (several K*) would show as its smallest; the spec finds none on this grid.
            ax.step([float(x) for x in xs], [min(k) for k in ks], where="post", ls=style,
                    lw=1.8, label=f"N = {n}")
        # Under A3, effort raises each parameter: x above its e_N level violates A3.
        baseline = 0.5 if parameter == "p0" else 0.51
        ax.axvspan(baseline, 1, color="grey", alpha=0.15, label="above the e_N level (violates A3)")
        ax.set_xlabel(label.split(" ", 1)[1])
        ax.set_ylabel("optimal consensus K*")
        ax.set_title(label, fontsize=10)
        ax.set_xlim(0, 1)
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.legend(fontsize=7)
    fig.suptitle("002 Figure 2: optimal consensus K* against one parameter under e_{N∖i}\n"
                 "(T7 baseline p = 1/2, q = 0.51; the paper states no N: shown N = "
                 + ", ".join(map(str, sizes)) + ")", fontsize=11)
    return save(fig, out_dir, "002-figure2")


FIGURES = [
    Figure("002-figure1", "002 Figure 1: three equilibrium types (2×2 disclosure grids)",
           draw_figure1),
    Figure("002-figure2", "002 Figure 2: optimal consensus K* vs one deviation parameter",
           draw_figure2),
]
