"""000 (alliances): Figure 1 (maximal size n̄ against b_d) and Figure 2 (maximal
interdependence η̄ against b_d), each with the paper's condition beside the exact one."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np

import mechlab

from . import Figure, grid, plt, save

# The caption's η = 0.01 and 0.5, and the spec's 0.1 and 0.4.
ETAS = [F(1, 100), F(1, 10), F(2, 5), F(1, 2)]
SIZES = [2, 3, 5, 10]                                # Figure 2's n (spec §5.2 rows)
TABLE_SPREADS = [F(1, 100), F(1, 50), F(1, 20), F(1, 10), F(3, 20), F(1, 5), F(3, 10)]  # §5.2 grid


def _two_player(eta: F, spread: F) -> mechlab.Model:
    # design reads η and the spread [b̲, b̄] = [0, b_d] off the biases; two players suffice.
    return mechlab.Model({"model": "alliance", "version": 1, "eta": eta, "biases": [0, spread]})


def figure1_data(quick: bool = False) -> dict:
    """Per η: b_d grid, Prop. 1's n̄ (eq. 5), Theorem 2's feasible sizes at [0, b_d], and the
    exact (A5) verdict of the hawk family (n−1 players at 0, one at b_d) for each n."""
    points = 6 if quick else 30
    spreads = grid(F(1, 100), F(3, 10), points)
    # The hawk family's A5 verdict for n up to this cap.  At η = 0.01 the sizes reach ~100,
    # where an exact check costs a second per point: that panel runs in double precision.
    exact_cap = {F(1, 2): 14 if quick else 45, F(2, 5): 0 if quick else 45,
                 F(1, 10): 0 if quick else 60, F(1, 100): 0 if quick else 200}
    in_double = {F(1, 100)}
    out = {}
    for eta in ([F(1, 2)] if quick else ETAS):
        max_size, feasible = [], []
        for spread in spreads:
            r = _two_player(eta, spread).design()
            max_size.append(r.max_size)
            feasible.append(list(r.feasible_sizes))
        exact = {}
        misses = 0
        for n in range(2, exact_cap[eta] + 1):
            r = mechlab.alliance.region(n=n, eta_from=eta, eta_to=eta, eta_points=1,
                                        points=points, spread_from=F(1, 100),
                                        spread_to=F(3, 10), floating=eta in in_double)
            exact[n] = [bool(p["exact"]) for p in r.points]
            # The region need not be monotone in n: stop only after several empty sizes.
            misses = misses + 1 if not any(exact[n]) else 0
            if misses >= 4:
                break
        out[eta] = {"spreads": spreads, "max_size": max_size, "feasible": feasible,
                    "exact": exact, "double": eta in in_double}
    return out


def draw_figure1(out_dir: str, quick: bool) -> str:
    data = figure1_data(quick)
    fig, axes = plt.subplots(2, 2, figsize=(11, 8.5), squeeze=False)
    for ax, eta in zip(axes.flat, ETAS):
        if eta not in data:
            ax.set_visible(False)
            continue
        d = data[eta]
        x = [float(s) for s in d["spreads"]]
        if d["exact"]:
            xs, ns = zip(*[(x[k], n) for n, row in d["exact"].items()
                           for k, ok in enumerate(row) if ok])
            how = "A5 in double precision" if d["double"] else "A5"
            ax.scatter(xs, ns, s=14, marker="s", color="#9ecae1", zorder=1,
                       label=f"exact ({how}), hawk family: n−1 at 0, one at b_d")
        ax.step(x, [float(v) if v is not None else np.nan for v in d["max_size"]], where="mid",
                color="black", lw=2, zorder=3, label="paper: Prop. 1 / eq. (5)")
        thm2 = [max(f) if f else np.nan for f in d["feasible"]]
        ax.step(x, thm2, where="mid", color="#d62728", lw=1.3, ls="--", zorder=4,
                label="Theorem 2 exactly, biases in [0, b_d]")
        gaps = [(x[k], n) for k, f in enumerate(d["feasible"]) if f
                for n in range(2, max(f)) if n not in f]
        if gaps:
            ax.scatter(*zip(*gaps), marker="x", color="#d62728", s=12, zorder=4,
                       label="size below the max that Theorem 2 rejects")
        # The paper's caption, drawn as the paper's: n̄(0.1) = 4 at η = 0.5, 31 at η = 0.01.
        caption = {F(1, 2): 4, F(1, 100): 31}.get(eta)
        if caption is not None:
            ax.plot([0.1], [caption], "o", mfc="none", mec="green", ms=9, mew=2, zorder=5,
                    label=f"paper's caption: n̄ = {caption} at b_d = 0.1")
        ax.set_yscale("log" if eta < F(1, 5) else "linear")
        ax.set_title(f"η = {float(eta):g}")
        ax.set_xlabel("cohesiveness b_d = b̄ − b̲")
        ax.set_ylabel("maximal alliance size n̄")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7)
    fig.suptitle("000 Figure 1: maximal alliance size n̄ against cohesiveness b_d\n"
                 "(the exact region is one composition, the hawk family; Theorem 2 and eq. (5) "
                 "take the most favourable one)", fontsize=11)
    return save(fig, out_dir, "000-figure1")


def figure2_data(quick: bool = False) -> dict:
    """Per n: the region verb's (η, b_d) grid (eq. (5) and exact A5, hawk family) and
    design's Lemma 2 η̄ at the spec's §5.2 spreads (exact Fractions; None when none)."""
    points = 12 if quick else 60
    spreads = [F(1, 10)] if quick else TABLE_SPREADS
    out = {}
    for n in ([3, 5] if quick else SIZES):
        r = mechlab.alliance.region(n=n, points=points, spread_from=0, spread_to=F(3, 10))
        lemma2 = {}
        for spread in spreads:
            biases = [0] * (n - 1) + [spread]
            d = mechlab.Model({"model": "alliance", "version": 1, "eta": F(1, 2),
                               "biases": biases}).design()
            lemma2[spread] = d.max_interdependence
        out[n] = {"points": r.points, "counts": r.counts, "lemma2": lemma2}
    return out


def draw_figure2(out_dir: str, quick: bool) -> str:
    data = figure2_data(quick)
    fig, axes = plt.subplots(2, 2, figsize=(11, 8.5), squeeze=False)
    colours = {(True, True): "#c7e9c0", (False, False): "white",
               (False, True): "#3182bd", (True, False): "#fb6a4a"}
    labels = {(True, True): "eq. (5) and exact hold", (False, True): "exact only (paper misses it)",
              (True, False): "eq. (5) only (exact fails)"}
    for ax, n in zip(axes.flat, SIZES):
        if n not in data:
            ax.set_visible(False)
            continue
        d = data[n]
        for key, colour in colours.items():
            pts = [(float(p["spread"]), float(p["eta"])) for p in d["points"]
                   if (bool(p["eq5"]), bool(p["exact"])) == key]
            if pts and key in labels:
                ax.scatter(*zip(*pts), s=9, marker="s", color=colour, label=labels[key],
                           edgecolors="none")
        # eq. (5)'s boundary on the grid is the Lemma 2 curve; design gives it exactly.
        top: dict[float, float] = {}
        for p in d["points"]:
            if p["eq5"]:
                top[float(p["spread"])] = max(top.get(float(p["spread"]), 0.0), float(p["eta"]))
        if top:
            ax.plot(*zip(*sorted(top.items())), "k-", lw=1.2,
                    label="paper: eq. (5) boundary (grid)")
        curve = sorted((float(s), float(v)) for s, v in d["lemma2"].items() if v is not None)
        if curve:
            ax.plot(*zip(*curve), "ko", ms=5, label="paper: Lemma 2 η̄ (design, exact)")
        c = d["counts"]
        ax.set_title(f"n = {n}: exact-only {c['exact_only']}, eq. (5)-only "
                     f"{c['eq5_holds_exact_fails']} of {c['points']} points", fontsize=9)
        ax.set_xlabel("cohesiveness b_d")
        ax.set_ylabel("interdependence η")
        ax.set_xlim(0, 0.3)
        ax.set_ylim(0, 1)
        ax.legend(fontsize=7, loc="lower left")
    fig.suptitle("000 Figure 2: maximal interdependence η̄ against b_d, per n\n"
                 "(region verb, hawk family: n−1 players at 0, one at b_d)", fontsize=11)
    return save(fig, out_dir, "000-figure2")


FIGURES = [
    Figure("000-figure1",
           "000 Figure 1: maximal alliance size n̄ vs b_d (eq. 5, Theorem 2, exact)", draw_figure1),
    Figure("000-figure2",
           "000 Figure 2: maximal interdependence η̄ vs b_d (Lemma 2, exact region)", draw_figure2),
]
