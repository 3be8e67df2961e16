#!/usr/bin/env python3
"""Automated mechanism design at scale: mechlab vs. the clp and glpsol programs, in one run.

The instance (bench/design_probe.cpp): a single item, 2 bidders with values uniform on
{1..K}, outcome free, DSIC + ex post IR, maximise revenue. K = 38 gives 111,188 rows
(2K^2(K-1) DSIC rows + 3K^2 IR and lottery rows), 7,220 columns, 437,532 nonzeros.

1. `design_probe K float` builds the LP (in doubles, as `mechlab --float` does), writes it
   in CPLEX LP format (lp::to_cplex_lp) and solves it: build / write / Clp / lp::solve seconds.
2. The same .lp file is solved by `clp FILE -dualsimplex` (Debian coinor-clp) and
   `glpsol --lp FILE` (glpk-utils), timed as whole processes (reading the file included).
   Ratio = mechlab total (build + lp::solve) / the other program's total.
3. The exact certificate: `design_probe K exact` for K = 6, 10, 14, ... until one takes longer
   than --limit seconds (stopped by mechlab's own time limit); then, with --exact-at-target,
   one exact attempt at the target K with the same limit.

Every solve's objective is compared with Myerson's closed form E[max(2v1-K, 2v2-K, 0)].
Python 3 standard library only.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_BUILD = os.path.join(os.path.dirname(HERE), "build-dev")


def probe(binary, k, mode, limit, lp_file=None):
    cmd = [binary, str(k), mode, str(limit)] + ([lp_file] if lp_file else [])
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True,
                         timeout=limit * 4 + 120).stdout
    r = dict(kv.split("=", 1) for kv in out.split())
    for key in r:
        try:
            r[key] = float(r[key])
        except ValueError:
            pass
    return r


def timed(cmd, timeout):
    t0 = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                       timeout=timeout)
    return time.monotonic() - t0, p.stdout


def clp_objective(text):
    m = re.findall(r"Optimal objective\s+([-+0-9.eE]+)", text)
    return float(m[-1]) if m else None


def glpsol_objective(text):
    m = re.findall(r"obj =\s+([-+0-9.eE]+)", text)
    return float(m[-1]) if m and "OPTIMAL" in text else None


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", default=DEFAULT_BUILD)
    ap.add_argument("--k", type=int, default=38, help="values per bidder at the target size")
    ap.add_argument("--limit", type=float, default=60.0, help="seconds per exact solve")
    ap.add_argument("--skip-exact", action="store_true")
    ap.add_argument("--exact-at-target", action="store_true",
                    help="also try the exact certificate at the target K (stopped at --limit)")
    ap.add_argument("--glpsol-limit", type=float, default=600.0)
    args = ap.parse_args()

    binary = os.path.join(args.build_dir, "bench", "design_probe")
    load = os.getloadavg()
    print(f"load average at start: {load[0]:.2f} on {os.cpu_count()} CPUs")
    t_start = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        lp_file = os.path.join(tmp, f"design-{args.k}.lp")
        r = probe(binary, args.k, "float", 3600, lp_file)
        print(f"\ninstance K={args.k}: {r['rows']:.0f} rows, {r['columns']:.0f} columns, "
              f"{r['nonzeros']:.0f} nonzeros; LP file {os.path.getsize(lp_file) / 2**20:.1f} MiB; "
              f"expected revenue {r['expected']:.10g}")
        mech_total = r["build_seconds"] + r["solve_seconds"]
        rows = [("mechlab --float: build LP", r["build_seconds"], None),
                ("mechlab --float: Clp alone (in process)", r["clp_seconds"], r["objective"]),
                ("mechlab --float: lp::solve (Clp + checks)", r["solve_seconds"], r["objective"]),
                ("mechlab --float: total (build + lp::solve)", mech_total, r["objective"]),
                ("(writing the .lp file, not in the total)", r["write_seconds"], None)]
        ratios = []
        if shutil.which("clp"):
            secs, out = timed(["clp", lp_file, "-dualsimplex"], 3600)
            rows.append(("clp FILE -dualsimplex (whole process)", secs, clp_objective(out)))
            ratios.append(("mechlab total / clp", mech_total / secs))
        else:
            print("clp not found (Debian package coinor-clp, see scripts/deps)")
        if shutil.which("glpsol"):
            try:
                secs, out = timed(["glpsol", "--lp", lp_file, "--tmlim", str(int(args.glpsol_limit))],
                                  args.glpsol_limit + 60)
                rows.append(("glpsol --lp FILE (whole process)", secs, glpsol_objective(out)))
                ratios.append(("mechlab total / glpsol", mech_total / secs))
            except subprocess.TimeoutExpired:
                rows.append(("glpsol --lp FILE (killed)", args.glpsol_limit + 60, None))
        print("\n| step | seconds | objective |")
        print("|------|---------|-----------|")
        for name, secs, obj in rows:
            o = "-" if obj is None else f"{obj:.10g}" + (
                "" if abs(obj - r["expected"]) < 1e-6 else " (WRONG)")
            print(f"| {name} | {secs:.3f} | {o} |")
        print()
        for name, ratio in ratios:
            print(f"{name}: {ratio:.2f}x")
        print(f"peak RSS of the probe: {r['peak_rss_kib'] / 1024:.0f} MiB")

    if not args.skip_exact:
        print(f"\nExact certificate (lp::solve on LinearProgram<Rational>), stopped at {args.limit:g} s:")
        print("| K | rows | columns | nonzeros | build_s | clp_s | certified solve_s | certified | peak_MiB |")
        print("|---|------|---------|----------|---------|-------|-------------------|-----------|----------|")
        largest = None
        sizes = [k for k in range(6, args.k, 4)] + ([args.k] if args.exact_at_target else [])
        failed = False
        for k in sizes:
            if failed and k != args.k:
                continue  # after the first failure only the target itself is tried
            e = probe(binary, k, "exact", args.limit)
            ok = (e["certified"] == 1 and not e["timed_out"]
                  and abs(e["objective"] - e["expected"]) < 1e-9)
            solve = f">{args.limit:g} (stopped)" if e["timed_out"] else f"{e['solve_seconds']:.2f}"
            print(f"| {k} | {e['rows']:.0f} | {e['columns']:.0f} | {e['nonzeros']:.0f} | "
                  f"{e['build_seconds']:.2f} | {e['clp_seconds']:.2f} | {solve} | "
                  f"{'yes' if ok else 'no'} | {e['peak_rss_kib'] / 1024:.0f} |", flush=True)
            if ok:
                largest = k
            else:
                failed = True
        print(f"\nLargest K certified exactly within {args.limit:g} s: {largest}")
    print(f"Total script time: {time.monotonic() - t_start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
