#!/usr/bin/env python3
"""The dynamic engine at scale (004 spec §7), in one run of bench/dynamic_probe per size.

For each size, one `dynamic_probe` run (see the comment at its top) prints: build + solve time
of the efficient policy and guarantees in double, states processed per second, peak RSS, the
time of one mode contraction of the period-2 tensor against a plain memcpy of the same bytes in
the same run (ratio; the memory-bandwidth limit), and GUM transfers along simulated truthful
paths (pairs per second, largest budget imbalance).

Sizes: `medium` (N = 4 agents, K = 6 types, |X| = 16, T = 20: 1,296 states per period) and,
unless --quick, `issue` (N = 6, K = 10, |X| = 16, T = 20: 10^6 states per period, the issue's
instance). Python 3 standard library only.
"""
import argparse
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_PROBE = os.path.join(os.path.dirname(HERE), "build-bench", "bench", "dynamic_probe")

SIZES = {
    "medium": ["--agents", "4", "--types", "6", "--decisions", "16", "--horizon", "20"],
    "large": ["--agents", "5", "--types", "10", "--decisions", "16", "--horizon", "20"],
    "issue": ["--agents", "6", "--types", "10", "--decisions", "16", "--horizon", "20"],
}


def run(cmd):
    print("$ " + " ".join(cmd), flush=True)
    start = time.time()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, text=True)
    wall = time.time() - start
    recs = []
    for line in p.stdout.splitlines():
        words = line.split()
        if not words:
            continue
        rec = {"kind": words[0]}
        for w in words[1:]:
            if "=" in w:
                k, v = w.split("=", 1)
                rec[k] = v
        recs.append(rec)
    if p.returncode != 0:
        print(f"probe failed with exit code {p.returncode}", file=sys.stderr)
    return p.returncode, recs, wall


def one(recs, kind, **match):
    for r in recs:
        if r["kind"] == kind and all(r.get(k) == v for k, v in match.items()):
            return r
    return {}


def report(name, recs, wall):
    sizes = one(recs, "sizes")
    build = one(recs, "phase", name="build")
    solve = one(recs, "phase", name="solve")
    peak = one(recs, "peak")
    print(f"\n## {name}: N={sizes.get('agents')} K={sizes.get('types')} "
          f"|X|={sizes.get('decisions')} T={sizes.get('horizon')} "
          f"weight_max={sizes.get('weight_max')} threads={sizes.get('threads')}")
    print(f"states per period (reachable) {int(sizes.get('states_per_period', 0)):,}; "
          f"all periods {int(sizes.get('states_total', 0)):,} "
          f"(full boxes {int(sizes.get('full_states_total', 0)):,})")
    bs = float(build.get("seconds", "nan")) + float(solve.get("seconds", "nan"))
    print(f"build {float(build.get('seconds', 'nan')):.3f} s + solve "
          f"{float(solve.get('seconds', 'nan')):.3f} s = {bs:.3f} s; "
          f"{float(solve.get('states_per_s', 'nan')):.4g} states/s, "
          f"{float(solve.get('state_decisions_per_s', 'nan')):.4g} (state, decision) pairs/s; "
          f"peak RSS {int(peak.get('kib', 0)) / 1024:.0f} MiB; probe wall {wall:.1f} s")
    print(f"welfare W_0(θ_0) = {solve.get('welfare')}, C^1 = {solve.get('guarantee0')}, "
          f"tie states {solve.get('ties')}")
    print("\n| mode | elements | bytes | kernel µs | memcpy µs | ratio |")
    print("|------|----------|-------|-----------|-----------|-------|")
    for r in recs:
        if r["kind"] != "kernel":
            continue
        if r.get("mode") == "all":
            print(f"| all | | | {float(r['kernel_s']) * 1e6:.1f} | {float(r['copy_s']) * 1e6:.1f} "
                  f"| {float(r['ratio']):.1f}x |")
        else:
            print(f"| {r['mode']} | {int(r['elements']):,} | {int(r['bytes']):,} | "
                  f"{float(r['kernel_s']) * 1e6:.1f} | {float(r['copy_s']) * 1e6:.1f} | "
                  f"{float(r['ratio']):.1f}x |")
    print("\n| rule | paths | pairs | rule build s | seconds | pairs/s | max budget imbalance |")
    print("|------|-------|-------|--------------|---------|---------|----------------------|")
    for r in recs:
        if r["kind"] == "gum":
            build = float(r.get('build_s', 0))
            print(f"| {r['rule']} | {r['paths']} | {r['pairs']} | {build:.3f} | {float(r['seconds']):.3f} | "
                  f"{float(r['pairs_per_s']):.4g} | {r['max_budget_imbalance']} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("probe", nargs="?", default=DEFAULT_PROBE)
    ap.add_argument("--quick", action="store_true", help="the medium size only (seconds)")
    ap.add_argument("--sizes", default=None, help="comma-separated from: " + ", ".join(SIZES))
    ap.add_argument("--paths", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--weight-max", type=int, default=2)
    args = ap.parse_args()
    names = args.sizes.split(",") if args.sizes else (
        ["medium"] if args.quick else ["medium", "issue"])
    load = os.getloadavg()
    print(f"load average at start: {load[0]:.2f} on {os.cpu_count()} CPUs")
    failed = 0
    for name in names:
        cmd = [args.probe] + SIZES[name] + ["--paths", str(args.paths), "--seed", str(args.seed),
                                            "--weight-max", str(args.weight_max)]
        code, recs, wall = run(cmd)
        failed += code != 0
        report(name, recs, wall)
    load = os.getloadavg()
    print(f"\nload average at end: {load[0]:.2f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
