"""004 (collusion-proof dynamic mechanisms): the report card (the paper's Table 1 computed
for Example 5.1) and the transfer comparisons of GUM, BTM and DPM."""

from __future__ import annotations

import copy

import numpy as np

import mechlab

from . import Figure, example, num, plt, save

MECHANISMS = ["dpm", "btm", "gum", "gum-shapley", "btm-literal", "eq27", "appf-dpm"]
PAPER_COLUMNS = ["dpm", "btm", "gum"]  # the columns of the paper's Table 1

# (audit property, the paper's row, the paper's DPM / BTM / GUM entries): Table 1 as printed.
COMPUTED_ROWS = [
    ("Bayesian IC", "existence of an efficient PBE", ("YES", "YES", "YES")),
    ("coalition-proofness", "collusion-proof (Sec. 4.2)", ("NO", "NO", "YES")),
    ("ex post budget balance", "balanced budget", ("NO", "YES", "YES")),
    ("periodic ex post IC", "robustness to observing same-period types", ("YES", "NO", "NO")),
    ("guarantee (worst case − C^i)", "≈ all BNE efficient (Prop. 1)", ("NO", "NO", "YES")),
]
PAPER_ONLY_ROWS = [  # no verb computes these (docs/dynamic.md): the paper's entries only
    ("efficient PBE surviving IEWDS", ("NO", "NO", "YES")),
    ("all PBEs are efficient", ("NO", "NO", "YES")),
    ("exiting and re-entering (Sec. 6.1)", ("YES", "NO", "YES")),
    ("robustness to observing past true types (Sec. 6.2)", ("YES", "NO", "YES")),
    ("private actions (Sec. 6.3)", ("NO", "YES", "YES")),
]
HEADLINE = ("worst", "expected_budget", "max_gain", "min_margin")


def table1_data(quick: bool = False) -> dict:
    """{mechanism: {property: (verdict, headline value)}} from `dynamic audit` on Example 5.1."""
    model = mechlab.load(example("dynamic/example-5-1.json"))
    out = {}
    for mechanism in (PAPER_COLUMNS if quick else MECHANISMS):
        cells = {}
        for p in model.audit(mechanism=mechanism).audit["properties"]:
            value = next((p[k] for k in HEADLINE if k in p), None)
            cells[p["property"]] = (p["verdict"], value)
        out[mechanism] = cells
    return out


def draw_table1(out_dir: str, quick: bool) -> str:
    data = table1_data(quick)
    mechanisms = list(data)
    rows = len(COMPUTED_ROWS) + len(PAPER_ONLY_ROWS)
    fig, ax = plt.subplots(figsize=(2 + 1.55 * len(mechanisms), 0.62 * rows + 1.6))
    colour = {"holds": "#a1d99b", "fails": "#fc9272"}
    for i, (prop, paper_row, paper) in enumerate(COMPUTED_ROWS):
        for j, mechanism in enumerate(mechanisms):
            verdict, value = data[mechanism].get(prop, ("not tested", None))
            ax.add_patch(plt.Rectangle((j, i), 1, 1, color=colour.get(verdict, "#d9d9d9")))
            text = verdict if value is None else f"{verdict}\n{value}"
            ax.text(j + 0.5, i + 0.55, text, ha="center", va="center", fontsize=8)
            if mechanism in PAPER_COLUMNS:
                said = paper[PAPER_COLUMNS.index(mechanism)]
                agrees = (said == "YES") == (verdict == "holds")
                ax.text(j + 0.96, i + 0.1, f"paper: {said}", ha="right", va="top", fontsize=6,
                        color="black" if agrees else "red")
                if not agrees:
                    ax.add_patch(plt.Rectangle((j, i), 1, 1, fill=False, ec="red", lw=2))
    for k, (paper_row, paper) in enumerate(PAPER_ONLY_ROWS):
        i = len(COMPUTED_ROWS) + k
        for j, mechanism in enumerate(mechanisms):
            ax.add_patch(plt.Rectangle((j, i), 1, 1, color="#f0f0f0"))
            said = paper[PAPER_COLUMNS.index(mechanism)] if mechanism in PAPER_COLUMNS else "—"
            ax.text(j + 0.5, i + 0.5, f"paper: {said}\n(not computed)", ha="center",
                    va="center", fontsize=7, color="grey")
    labels = [f"{prop}\n[paper: {row}]" for prop, row, _ in COMPUTED_ROWS] + \
             [f"{row}\n[paper only]" for row, _ in PAPER_ONLY_ROWS]
    ax.set_xlim(0, len(mechanisms))
    ax.set_ylim(rows, 0)
    ax.set_xticks(np.arange(len(mechanisms)) + 0.5, [m.upper() if m in PAPER_COLUMNS else m
                                                     for m in mechanisms])
    ax.xaxis.tick_top()
    ax.set_yticks(np.arange(rows) + 0.5, labels, fontsize=7)
    ax.tick_params(length=0)
    for j in range(len(mechanisms) + 1):
        ax.axvline(j, color="white", lw=2)
    for i in range(rows + 1):
        ax.axhline(i, color="white", lw=2)
    ax.set_title("004 Table 1 computed: report card on Example 5.1 (T = 4), `dynamic audit`\n"
                 "green holds, red fails (headline: worst gain / budget / margin); "
                 "the paper's YES/NO in each corner, red when it disagrees", fontsize=9)
    return save(fig, out_dir, "004-table1")


PATH = "b=1/2,r=1/2; b=1/2,r=1; b=1,r=1; b=1,r=1"
TRANSFER_MECHANISMS = ["gum", "btm", "dpm"]


def example_5_1(periods: int) -> mechlab.Model:
    """Example 5.1 with T = periods: the middle period repeats T−1 times, the payoff is at T,
    the middle kernels cover periods 1..T−2 and the last one period T−1."""
    d = copy.deepcopy(mechlab.load(example("dynamic/example-5-1.json")).to_dict())
    d["name"] = f"Example 5.1 with T = {periods}"
    d["periods"][1]["repeat"] = periods - 1
    for p in d["payoffs"]:
        p["period"] = periods
    kernels = []
    for k in d["kernels"]:
        if "periods" in k:
            k["periods"] = list(range(1, periods - 1))
            if not k["periods"]:
                continue
        elif k["period"] != 0:
            k["period"] = periods - 1
        kernels.append(k)
    d["kernels"] = kernels
    return mechlab.Model(d)


def coalition_gain_data(quick: bool = False) -> dict:
    """{mechanism: [(T, coalition {b, r}'s largest gain, green's guarantee margin)]}."""
    horizons = [4, 6] if quick else [3, 4, 5, 6, 8, 10]
    out = {m: [] for m in TRANSFER_MECHANISMS}
    for T in horizons:
        model = example_5_1(T)
        for m in TRANSFER_MECHANISMS:
            a = model.audit(mechanism=m, coalition="b,r").audit
            margin = next(p["min_margin"] for p in a["properties"] if "min_margin" in p)
            out[m].append((T, a["coalitions"][0]["gain"], margin))
    return out


def transfers_data(quick: bool = False) -> dict:
    """Per mechanism: the transfers y_t^i and budget along PATH (Example 5.1), and compare's
    summary row; plus coalition_gain_data."""
    model = mechlab.load(example("dynamic/example-5-1.json"))
    paths = {m: model.solve(mechanism=m, path=PATH).path["periods"] for m in TRANSFER_MECHANISMS}
    summary = model.compare().mechanisms
    return {"paths": paths, "summary": summary, "coalition": coalition_gain_data(quick)}


def draw_transfers(out_dir: str, quick: bool) -> str:
    d = transfers_data(quick)
    fig = plt.figure(figsize=(15, 9))
    agents = ["b", "r", "g"]
    # Three transfer panels above two wider ones: a 2×6 grid.
    layout = fig.add_gridspec(2, 6)
    top = [fig.add_subplot(layout[0, 2 * k:2 * k + 2]) for k in range(3)]
    for ax, m in zip(top, TRANSFER_MECHANISMS):
        periods = d["paths"][m]
        t = np.array([p["period"] for p in periods], dtype=float)
        for k, agent in enumerate(agents):
            ax.bar(t + (k - 1) * 0.25, [num(p["transfers"][agent]) for p in periods], 0.25,
                   label=f"y_t^{agent}")
        ax.plot(t, [num(p["budget"]) for p in periods], "k_", ms=18, mew=2,
                label="budget Σ_i y_t^i")
        ax.axhline(0, color="grey", lw=0.6)
        ax.set_title(f"{m.upper()}: transfers along the path", fontsize=10)
        ax.set_xlabel("period t")
        ax.set_ylabel("transfer y_t^i")
        ax.legend(fontsize=7)
    gain_ax = fig.add_subplot(layout[1, :3])
    for m, rows in d["coalition"].items():
        gain_ax.plot([r[0] for r in rows], [num(r[1]) for r in rows], "o-", label=m.upper())
    btm = d["coalition"]["btm"]
    if len(btm) >= 2:
        slope = (btm[-1][1] - btm[-2][1]) / (btm[-1][0] - btm[-2][0])
        gain_ax.annotate(f"BTM: +{slope} per period", (btm[-1][0], num(btm[-1][1])),
                         xytext=(-120, -10), textcoords="offset points", fontsize=8)
    gain_ax.set_xlabel("horizon T (Example 5.1 stretched)")
    gain_ax.set_ylabel("coalition {b, r}'s largest gain")
    gain_ax.set_title("coalition gain against T (audit --coalition b,r)", fontsize=10)
    gain_ax.grid(alpha=0.3)
    gain_ax.legend(fontsize=8)
    bar_ax = fig.add_subplot(layout[1, 3:])
    metrics = [("budget_max_abs", "max |budget|"), ("coalition_max_gain", "max coalition gain"),
               ("guarantee_min_margin", "guarantee margin (min)"),
               ("transfer_variance_total", "transfer variance (total)")]
    names = [row["mechanism"] for row in d["summary"]]
    width = 0.8 / len(metrics)
    for k, (key, label) in enumerate(metrics):
        bar_ax.barh(np.arange(len(names)) + k * width,
                    [num(row[key]) for row in d["summary"]], width, label=label)
    bar_ax.set_yticks(np.arange(len(names)) + 0.4, names)
    bar_ax.set_xscale("symlog", linthresh=1)
    bar_ax.axvline(0, color="grey", lw=0.6)
    bar_ax.set_title("`dynamic compare` on Example 5.1 (symlog)", fontsize=10)
    bar_ax.legend(fontsize=7)
    fig.suptitle(f"004 transfer comparisons, Example 5.1 (T = 4), path \"{PATH}\"", fontsize=11)
    return save(fig, out_dir, "004-transfers")


FIGURES = [
    Figure("004-table1", "004 Table 1: report card of every mechanism on Example 5.1", draw_table1),
    Figure("004-transfers", "004 transfer comparisons: GUM vs BTM vs DPM (path, T, compare)",
           draw_transfers),
]
