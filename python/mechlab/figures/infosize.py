"""003 (informational size): plots P1–P3 (ν, Λ, S and the reward scales against ρ and n)
and P7 (each constraint's gain against its incentive power)."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import mechlab

from . import Figure, example, num, plt, save


def _replica(rho: F, n_min: int, n_max: int):
    return mechlab.infosize.replica(rho=rho, n_min=n_min, n_max=n_max)


def _rho_grid(quick: bool, lo: int, hi: int, step: int) -> list[F]:
    # ρ = k/100 over (½, 1); coarse steps for --quick.
    return [F(k, 100) for k in range(lo, hi + 1, 10 if quick else step)]


def p1_data(quick: bool = False) -> dict:
    """ν, Λ and S (the spherical power) of the Section 2 economy (n = 3) at each ρ."""
    rhos = _rho_grid(quick, 51, 99, 1)
    rows = [_replica(rho, 3, 3).points[0] for rho in rhos]
    return {"rho": rhos, "nu": [r["nu"] for r in rows], "lambda": [r["lambda"] for r in rows],
            "power": [r["power"] for r in rows]}


def draw_p1(out_dir: str, quick: bool) -> str:
    d = p1_data(quick)
    x = [float(r) for r in d["rho"]]
    fig, ax = plt.subplots(figsize=(7.5, 5))
    ax.plot(x, [num(v) for v in d["nu"]], label="ν (informational size)")
    ax.plot(x, [num(v) for v in d["lambda"]], label="Λ (variability)")
    ax.plot(x, [num(v) for v in d["power"]], label="S = ½‖q‖₂Λ (spherical incentive power)")
    # ν's three regimes (spec §4.1): kinks at the golden-ratio conjugate and at 2/3.
    for kink, text in (((5 ** 0.5 - 1) / 2, "(√5−1)/2"), (2 / 3, "2/3")):
        ax.axvline(kink, color="grey", ls=":", lw=1)
        ax.text(kink, ax.get_ylim()[1] * 0.95, text, ha="center", fontsize=8, color="grey")
    ax.set_xlabel("signal accuracy ρ")
    ax.set_ylabel("value (n = 3)")
    ax.set_title("003 P1: ν, Λ and S against ρ (Section 2, three agents; replica verb)",
                 fontsize=10)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="center left")
    return save(fig, out_dir, "003-p1")


def section2_model(rho: F, reward: str = "spherical") -> mechlab.Model:
    """The Section 2 auction at accuracy ρ: the shipped model with its joint prior
    ½ρ^m(1−ρ)^(3−m) (m = signals equal to the state; θ slowest, then agents 1, 2, 3)."""
    base = mechlab.load(example("infosize/section2-auction.json"))
    joint = [F(1, 2) * rho ** m * (1 - rho) ** (3 - m)
             for theta in (0, 1) for profile in itertools.product((0, 1), repeat=3)
             for m in [sum(1 for a in profile if a == theta)]]
    return base.with_values({"/prior": {"joint": joint}, "/reward": reward,
                             "/name": f"Section 2 auction at rho = {rho}"})


SCALES = [("one_stage", "ε*_1 (one-stage)"), ("pbe", "ε*_PBE = ε*_PW (independent signals)"),
          ("reference", "ε_ref"), ("nu", "ε_ν"), ("paper", "ε_paper (the proof's bound)")]


def p2_data(quick: bool = False) -> dict:
    """Minimal reward scales of the Section 2 auction at each ρ: spherical (every level)
    and majority (z*_1 and z*_two); decimals, since √ values need not be rational."""
    rhos = _rho_grid(quick, 52, 98, 2)
    out = {"rho": rhos, "spherical": {k: [] for k, _ in SCALES}, "majority": {k: [] for k in
                                                                              ("one_stage", "pbe")}}
    for rho in rhos:
        s = section2_model(rho).certify().json["scales"]
        for key, _ in SCALES:
            out["spherical"][key].append(num(s[key]["value"]) if key in s else None)
        m = section2_model(rho, "majority").certify().json["scales"]
        for key in out["majority"]:
            out["majority"][key].append(num(m[key]["value"]))
    return out


def draw_p2(out_dir: str, quick: bool) -> str:
    d = p2_data(quick)
    x = [float(r) for r in d["rho"]]
    fig, ax = plt.subplots(figsize=(7.5, 5.2))
    for key, label in SCALES:
        ax.semilogy(x, d["spherical"][key], label=f"spherical: {label}")
    ax.semilogy(x, d["majority"]["one_stage"], "k--", label="majority: z*_1")
    ax.semilogy(x, d["majority"]["pbe"], "k:", label="majority: z*_two")
    ax.fill_between(x, d["spherical"]["pbe"], d["spherical"]["paper"], color="grey", alpha=0.12,
                    label="gap ε*_PBE … ε_paper")
    ax.set_xlabel("signal accuracy ρ")
    ax.set_ylabel("minimal reward scale ε")
    ax.set_title("003 P2: minimal reward scales against ρ (Section 2 auction; certify verb)",
                 fontsize=10)
    ax.grid(alpha=0.3, which="both")
    ax.legend(fontsize=7)
    return save(fig, out_dir, "003-p2")


P3_RHOS = [F(3, 5), F(3, 4), F(9, 10)]
P3_FIELDS = [("nu", "ν(n)"), ("lambda", "Λ(n)"), ("belief_norm", "‖q‖₂(n)"),
             ("expected_move", "E‖Δρ‖(n)"), ("eps_ref", "ε_ref(n), M = 1"),
             ("eps_paper", "ε_paper(n), M = 1")]


def p3_data(quick: bool = False) -> dict:
    n_max = 8 if quick else 30
    out = {}
    for rho in P3_RHOS:
        r = _replica(rho, 2, n_max)
        out[rho] = {"n": [p["n"] for p in r.points], "lambda_limit": r.lambda_limit,
                    **{k: [num(p[k]) for p in r.points] for k, _ in P3_FIELDS}}
    return out


def draw_p3(out_dir: str, quick: bool) -> str:
    d = p3_data(quick)
    fig, axes = plt.subplots(1, 3, figsize=(15, 4.8), sharey=True)
    for ax, rho in zip(axes, P3_RHOS):
        for key, label in P3_FIELDS:
            ax.semilogy(d[rho]["n"], d[rho][key], marker=".", label=label)
        ax.axhline(num(d[rho]["lambda_limit"]), color="grey", ls=":",
                   label=f"Λ limit {d[rho]['lambda_limit']}")
        ax.set_title(f"ρ = {rho}")
        ax.set_xlabel("number of agents n")
        ax.grid(alpha=0.3, which="both")
        ax.legend(fontsize=7)
    axes[0].set_ylabel("value (log)")
    fig.suptitle("003 P3: the replica economy against n (replica verb)", fontsize=11)
    return save(fig, out_dir, "003-p3")


P7_MODELS = [("section2-auction.json", "TV2: Section 2 auction"),
             ("section2-value-types.json", "TV4: value types"),
             ("tv5-correlated.json", "TV5: correlated signals")]
LEVELS = [("gain_one_stage", "one_stage", "o", "one-stage"), ("gain_pbe", "pbe", "o", "PBE"),
          ("gain_pointwise", "pointwise", "x", "pointwise")]


def p7_data(quick: bool = False) -> dict:
    return {title: mechlab.load(example("infosize/" + f)).certify() for f, title in P7_MODELS}


def draw_p7(out_dir: str, quick: bool) -> str:
    data = p7_data(quick)
    fig, axes = plt.subplots(1, len(data), figsize=(15, 4.8))
    for ax, (title, r) in zip(axes, data.items()):
        cons = [c for c in r.json["constraints"] if c["defined"]]
        powers = [num(c["power"]) for c in cons]
        top = max(powers) if powers else 1
        for (gain, scale, marker, label), colour in zip(LEVELS, ("C0", "C3", "k")):
            gains = [num(c[gain]) for c in cons]
            if marker == "x":
                ax.scatter(powers, gains, marker=marker, color=colour, label=f"G at {label}")
            else:
                fill = "none" if label == "one-stage" else colour
                ax.scatter(powers, gains, marker=marker, facecolors=fill, edgecolors=colour,
                           label=f"G at {label}")
            s = r.json["scales"][scale]
            if s.get("value") is not None and num(s["value"]) is not None:
                eps = num(s["value"])
                ax.plot([0, top * 1.05], [0, eps * top * 1.05], color=colour, lw=0.8,
                        label=f"ε*_{label} = {eps:.4g}")
        b = r.json["scales"]["pbe"].get("binding")
        if b:
            ax.annotate(f"binding (PBE): agent {b['agent']}, {b['true_type']}→{b['report']}",
                        (num(b["power"]), num(b["gain"])), xytext=(0.05, 0.9),
                        textcoords="axes fraction", fontsize=8,
                        arrowprops={"arrowstyle": "->", "lw": 0.8})
        ax.axhline(0, color="grey", lw=0.6)
        ax.set_title(title, fontsize=10)
        ax.set_xlabel("incentive power S_i(f_i(t_i), r_i)")
        ax.set_ylabel("deviation gain G_i(t_i, r_i)")
        ax.legend(fontsize=6, loc="center left")
    fig.suptitle("003 P7: each stage-1 constraint's gain against its incentive power "
                 "(certify verb); rays y = ε*·S", fontsize=11)
    return save(fig, out_dir, "003-p7")


FIGURES = [
    Figure("003-p1", "003 P1: ν, Λ, S against ρ (three agents)", draw_p1),
    Figure("003-p2", "003 P2: minimal reward scales against ρ (log)", draw_p2),
    Figure("003-p3", "003 P3: replica economy against n, ρ ∈ {0.6, 0.75, 0.9}", draw_p3),
    Figure("003-p7", "003 P7: gain G against incentive power S per constraint", draw_p7),
]
