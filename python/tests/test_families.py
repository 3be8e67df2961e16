"""One or two tests per family, through the Python API on the bundled examples, against the
values the specs state (/work/shared/specs, quoted by section) or the textbook results the catalog
cites (docs/catalog.md)."""

from __future__ import annotations

import json
from fractions import Fraction as F

import pytest

import mechlab


def test_lp_chvatal_optimum_13_with_duals(examples):
    # Chvatal (1983), Ch. 2: max 5x1 + 4x2 + 3x3 has optimum 13 at x = (2, 0, 1), duals (1, 0, 1).
    result = mechlab.load(examples / "lp/chvatal.json").solve()
    assert result.status == "optimal" and result.certified is True
    assert result.objective == 13
    assert [v["value"] for v in result.variables] == [2, 0, 1]
    assert [c["dual"] for c in result.constraints] == [1, 0, 1]


def test_lp_beale_cycling_example(examples):
    # Beale (1955): optimum -1/20 at (x4, x5, x6, x7) = (1/25, 0, 1, 0).
    result = mechlab.lp.solve(examples / "lp/beale.json")
    assert result.objective == F(-1, 20)
    values = {v["name"]: v["value"] for v in result.variables}
    assert [values[f"x{i}"] for i in (4, 5, 6, 7)] == [F(1, 25), 0, 1, 0]


def _cells(result):
    return {c["cell"]: c["probability"] for c in result.cells}


def test_distribution_conditionals_are_bayes_posteriors(examples):
    # core/bayes-correlated: P(LL) = P(HH) = 3/8 and P(LH) = P(HL) = 1/8 for (t1, t2), so
    # P(t2=H | t1=H) = 3/4.  Recomputed here by hand from the file's eight cells.
    path = examples / "distribution/correlated-types.json"
    p = [F(x) for x in json.loads(path.read_text())["probabilities"]]  # order t1, t2, theta
    given_t1_h = _cells(mechlab.distribution.conditional(path, given="t1=H"))
    assert given_t1_h == {"(t2=L, theta=bad)": p[4] * 2, "(t2=L, theta=good)": p[5] * 2,
                          "(t2=H, theta=bad)": p[6] * 2, "(t2=H, theta=good)": p[7] * 2}
    assert given_t1_h["(t2=H, theta=bad)"] + given_t1_h["(t2=H, theta=good)"] == F(3, 4)
    # Two conditions through mechlab.run (see the xfail below for the keyword form).
    args = ["distribution", "conditional", str(path), "--given", "t1=H", "t2=H"]
    both = _cells(mechlab.run(args))
    assert both == {"(theta=bad)": F(1, 3), "(theta=good)": F(2, 3)}


def test_distribution_conditional_with_a_list_of_conditions(examples):
    path = examples / "distribution/correlated-types.json"
    result = mechlab.distribution.conditional(path, given=["t1=H", "t2=H"])
    assert _cells(result) == {"(theta=bad)": F(1, 3), "(theta=good)": F(2, 3)}


def test_mechanism_cremer_mclean_extracts_the_full_surplus(examples):
    # Cremer and McLean (1988), the catalog's instance: revenue 25/11 = the expected surplus.
    result = mechlab.mechanism.design(examples / "mechanism/design-cremer-mclean.json")
    assert result.verdict == "optimal (certified)"
    assert result.expected_revenue == F(25, 11)
    assert result.expected_welfare == F(25, 11)
    assert {a["id"]: a["holds"] for a in result.audit} == {"bayesian_ic": True, "ir_interim": True}


def test_mechanism_vcg_is_the_second_price_auction(examples):
    # Vickrey (1961): three bidders uniform on {1, 2, 3}, revenue E[second-highest value] = 2.
    result = mechlab.mechanism.audit(examples / "mechanism/vcg-three-bidders.json")
    assert result.truthful["expected_revenue"] == 2
    assert result.truthful["efficient_welfare"] == F(8, 3)
    holds = {p["id"]: p["holds"] for p in result.properties}
    assert holds["dsic"] and holds["ir_ex_post"] and holds["efficiency"]
    assert holds["bb_ex_post"] is False  # the seller keeps the revenue


def test_mechanism_myerson_satterthwaite_is_infeasible(examples):
    result = mechlab.mechanism.design(examples / "mechanism/design-myerson-satterthwaite.json")
    assert (result.status, result.certified) == ("infeasible", True)


def test_infosize_tv1_informational_size_and_lambda(examples):
    # 003 spec TV1 at rho = 9/10: nu = 72/365, Lambda = 2048/1393, S = (512/34825) sqrt(1393).
    result = mechlab.infosize.measure(examples / "infosize/section2-auction.json")
    assert [a["agent"] for a in result.agents] == ["1", "2", "3"]
    for agent in result.agents:
        assert agent["nu"] == F(72, 365)
        # A rational with certified bounds is a Fraction; an irrational stays a dict.
        assert agent["lambda"] == F(2048, 1393)
        assert agent["pairs"][0]["power"]["exact"] == "512/34825*sqrt(1393)"


def test_infosize_replica_at_three_agents_is_tv1(examples):
    result = mechlab.infosize.replica(rho=F(9, 10), n_min=3, n_max=3)
    assert result.rho == F(9, 10)
    assert result.lambda_limit == F(64, 41)  # 2(2rho-1)^2 / (rho^2 + (1-rho)^2)
    (point,) = result.points
    assert (point["n"], point["nu"], point["lambda"]) == (3, F(72, 365), F(2048, 1393))


def test_dynamic_example_5_1_btm_coalition_gain(examples):
    # 004 spec §4.2, T = 4: the {b, r} coalition gains 1895/16 under BTM and 0 under GUM.
    result = mechlab.dynamic.compare(examples / "dynamic/example-5-1.json")
    by_name = {m["mechanism"]: m for m in result.mechanisms}
    assert by_name["btm"]["coalition_max_gain"] == F(1895, 16)
    assert by_name["gum"]["coalition_max_gain"] == 0
    # green's guarantee: worst case -425/2 under BTM against C^g = -75/2
    assert by_name["btm"]["guarantee_min_margin"] == F(-425, 2) - F(-75, 2)
    assert by_name["gum"]["guarantee_min_margin"] == 0
    assert all(m["bic_max_gain"] == 0 for m in result.mechanisms)


def _equilibria(result, protocol):
    return next(p["equilibria"] for p in result.equilibria if p["protocol"] == protocol)


def test_disclosure_t3_equilibria(examples):
    # 002 spec T3: consensual interior equilibrium with P(ND) = 10/24, omega^ND = (4/5, 3/10);
    # leader 1's partial equilibrium conceals {omega_1 = 0} with omega^ND = (0, 3/5).
    result = mechlab.disclosure.equilibria(examples / "disclosure/t3-three-values.json")
    (interior,) = [e for e in _equilibria(result, "unanimity") if e["kind"] == "interior"]
    assert interior["prob_no_disclosure"] == F(10, 24)
    assert interior["posterior"] == {"1": F(4, 5), "2": F(3, 10)}
    assert len(interior["concealed"]) == 5
    partial = [e for e in _equilibria(result, "leader 1") if e["kind"] == "partial"]
    assert partial and all(e["posterior"] == {"1": 0, "2": F(3, 5)} for e in partial)
    assert all(e["kind"] == "full" for e in _equilibria(result, "unilateral"))


def test_disclosure_t4_self_improving_gains(examples):
    # 002 spec T4 (self-improving): FD gains (1/2, 1/2), consensual interior (1/4, 1/4),
    # leader 1 partial (1/2, 3/8).
    result = mechlab.disclosure.effort(examples / "disclosure/t4-self-improving.json")
    assert result.effort_type["self_improving"] is True
    gains = {(p["protocol"], e["kind"]): (e["members"]["1"]["gain"], e["members"]["2"]["gain"])
             for p in result.protocols for e in p["equilibria"]}
    assert gains[("unilateral", "full")] == (F(1, 2), F(1, 2))
    assert gains[("unanimity", "interior")] == (F(1, 4), F(1, 4))
    assert gains[("leader 1", "partial")] == (F(1, 2), F(3, 8))


def test_alliance_theorem2_counterexample(examples):
    # 000 spec §4.4: n = 6, eta = 7/10; Theorem 2 fails but all A5 gains are negative.
    result = mechlab.alliance.solve(examples / "alliance/theorem2-counterexample.json")
    assert result.theorem2["holds"] is False and result.theorem2["threshold"] == F(1, 4)
    assert result.exact["fully_revealing"] is True and result.disagree is True
    gains = {g["player"]: (g["signal_0"], g["signal_1"]) for g in result.exact["gains"]}
    assert gains["hawk"] == (F(-17203, 1473746400), F(-154330957, 17684956800))
    for player in "abcde":
        assert gains[player] == (F(-377, 181440), F(-4861901, 2947492800))
    assert result.exact["certificate"]["gain"] == F(-17203, 1473746400)


def test_mediation_vector_a(examples):
    # 001 spec §4 vector A: Pr(G) = 41/176, symmetric gamma, z = (117/440, 93/220).
    result = mechlab.load(examples / "mediation/hms-vector-a.json").solve()
    assert result.probability == F(41, 176)
    assert result.gamma.tolist() == [[1, F(5, 11)], [F(5, 11), 0]]
    assert result.z[0].tolist() == [F(117, 440), F(93, 220)]
    assert result.lagrangian["C"] == F(-41, 320)
    assert sorted(result.binding) == sorted(["PC[1](1)", "IC[1](2->1)", "PC[2](1)", "IC[2](2->1)"])


def test_mediation_vector_b1_top_down(examples):
    # 001 spec §4 B1: Pr(G) = 3/7, the top-down result equals the LP although regularity (i)
    # fails; gamma = 1 on (1,1), (1,2), (2,1), (1,3), (3,1) and 16/21 on (2,2).
    result = mechlab.mediation.topdown(examples / "mediation/bw-vector-b1.json")
    assert result.top_down["probability"] == result.lp_probability == F(3, 7)
    assert result.agrees is True and result.difference == 0
    assert result.top_down["gamma"].tolist() == [[1, 1, 1], [1, F(16, 21), 0], [1, 0, 0]]


def _sweep_spec(examples, tmp_path):
    # 000 spec §4.4: b_6 = 1/20 gives G_6(0) = -17203/1473746400 (full revelation);
    # b_6 = 3/50 gives G_6(0) = +8.325e-6 and full revelation fails.
    spec = {"model": "sweep", "version": 1, "name": "hawk's bias",
            "base": str(examples / "alliance/theorem2-counterexample.json"),
            "command": ["alliance", "solve"],
            "parameters": [{"pointer": "/biases/5", "values": ["1/20", "3/50"]}],
            "keep": {"fully_revealing": "/exact/fully_revealing",
                     "gain": "/exact/certificate/gain/exact"}}
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec))
    return path


def test_sweep_writes_one_line_per_point(examples, tmp_path):
    out = tmp_path / "out.jsonl"
    mechlab.sweep(_sweep_spec(examples, tmp_path), out=out, no_timing=True)
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [(p["index"], p["status"], p["parameters"]) for p in lines] == [
        (0, "ok", {"/biases/5": "1/20"}), (1, "ok", {"/biases/5": "3/50"})]
    assert lines[0]["summary"] == {"fully_revealing": True, "gain": "-17203/1473746400"}
    assert lines[1]["summary"]["fully_revealing"] is False
    gain = F(lines[1]["summary"]["gain"])
    assert gain > 0 and float(gain) == pytest.approx(8.325e-6, rel=1e-4)
    assert all("seconds" not in p for p in lines)
    # Run again: both points are there, nothing reruns, the file is unchanged.
    before = out.read_text()
    mechlab.sweep(_sweep_spec(examples, tmp_path), out=out, no_timing=True)
    assert out.read_text() == before


def test_sweep_returns_its_summary(examples, tmp_path):
    result = mechlab.sweep(_sweep_spec(examples, tmp_path), out=tmp_path / "o.jsonl",
                           no_timing=True)
    assert (result.points, result.done, result.complete) == (2, 2, True)
    assert result.status == {"ok": 2}
