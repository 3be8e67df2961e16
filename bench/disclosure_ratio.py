#!/usr/bin/env python3
"""Team disclosure (002) at the issue's scale, in one run of bench/disclosure_probe per case.

Prints one table: every equilibrium of a random correlated team with N = 3 members and 20
outcome values each (8,000 outcomes, 68,921 threshold profiles) under unanimity, majority and a
leader, exact and in double; the optimal protocol over all 7,579 non-constant monotone protocols
at N = 5 (exact and double, one protocol solved per symmetry orbit), and at N = 4 with and
without the symmetry (the speed-up it buys); the four Figure 2 panels at N = 10 (396 grid
points, exact). `exact_share` = 1 − t_double / t_exact: the share of the exact run's time that
the exact arithmetic costs over the same algorithm in double. Python 3 standard library only.
"""
import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_PROBE = os.path.join(os.path.dirname(HERE), "build-bench", "bench", "disclosure_probe")

CASES = [
    ("equilibria", ["--members", "3", "--values", "20", "--protocol", "unanimity"]),
    ("equilibria", ["--members", "3", "--values", "20", "--protocol", "majority"]),
    ("equilibria", ["--members", "3", "--values", "20", "--protocol", "leader"]),
    ("design", ["--members", "4"]),
    ("design", ["--members", "4", "--no-symmetry"]),
    ("design", ["--members", "5", "--double"]),
    ("design", ["--members", "5"]),
    ("sweep", ["--members", "10", "--step", "1/100"]),
]


def run(probe, mode, args):
    cmd = [probe, mode] + args
    print("$ " + " ".join(cmd), flush=True)
    out = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=True).stdout
    words = out.split()
    rec = {}
    for w in words[1:]:
        if "=" in w:
            k, v = w.split("=", 1)
            rec[k] = v.strip('"')
    return rec


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--probe", default=DEFAULT_PROBE)
    ap.add_argument("--quick", action="store_true", help="skip the N = 5 exact design (the longest)")
    a = ap.parse_args()
    if not os.path.exists(a.probe):
        sys.exit(f"{a.probe} not found: build with -DMECHLAB_BENCH=ON (see bench/README.md)")
    rows = []
    for mode, args in CASES:
        if a.quick and mode == "design" and args == ["--members", "5"]:
            continue
        rec = run(a.probe, mode, args)
        if mode == "equilibria":
            rows.append((f"all equilibria N=3 x 20 values, {rec['protocol']}",
                         f"{rec['profiles']} profiles, {rec['classes']} classes",
                         f"{float(rec['exact_seconds']):.2f} s", f"{float(rec['double_seconds']):.3f} s",
                         f"{float(rec['profiles_per_s']):,.0f} profiles/s", rec["exact_share"]))
        elif mode == "design":
            label = f"optimal protocol N={rec['members']}, {rec['number']}" + \
                ("" if rec["symmetry"] == "1" else ", no symmetry")
            rows.append((label, f"{rec['protocols']} protocols, {rec['solved']} solved",
                         f"{float(rec['seconds']):.2f} s" if rec["number"] == "exact" else "",
                         f"{float(rec['seconds']):.2f} s" if rec["number"] == "double" else "",
                         f"{float(rec['protocols_per_s']):,.1f} protocols/s", ""))
        else:
            rows.append((f"Figure 2 panels N={rec['members']}", f"{rec['points']} points, "
                         f"{rec['breakpoints']} breakpoints",
                         f"{float(rec['exact_seconds']):.3f} s", f"{float(rec['double_seconds']):.4f} s",
                         f"{float(rec['points_per_s']):,.0f} points/s", rec["exact_share"]))
    head = ("case", "size", "exact", "double", "throughput", "exact_share")
    widths = [max(len(str(r[k])) for r in rows + [head]) for k in range(len(head))]
    print()
    for r in [head, tuple("-" * w for w in widths)] + rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip())


if __name__ == "__main__":
    main()
