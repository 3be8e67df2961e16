#!/usr/bin/env python3
"""Informational size at scale: mechlab vs. brute-force enumeration, in one run.

Runs bench/infosize_probe (see the comment at its top) in both modes and prints one summary:

1. `infosize_probe replica --rho R --n-max N`: for each n the exchangeable `replica_point`
   (O(n) big-rational operations) against the general dense code on the same Section 2 model
   (`instances::section2` with n agents + `measure_agent`: 2^n signal profiles, Problem tables
   of n^2 2^n rationals), exact agreement of nu, Lambda, E, and the ratio brute / exchangeable.
   The brute force stops after the first n slower than --brute-stop seconds, or at a limit.
2. `infosize_probe random --agents 3 --signals 12 --states 4 --alternatives 3 --seed S`:
   summarize() and certify() against brute force from the definitions (nu by scanning g at
   every candidate epsilon, V / G^PW / G^PBE by the formulas and a vertex enumeration of the
   best-reply arrangement), seconds, peak RSS, agreement, ratios.

Every phase runs in a forked child of the probe, so each peak RSS is that phase's own.
Python 3 standard library only.
"""
import argparse
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_PROBE = os.path.join(os.path.dirname(HERE), "build-bench", "bench", "infosize_probe")


def run(cmd):
    print("$ " + " ".join(cmd), flush=True)
    p = subprocess.run(cmd, stdout=subprocess.PIPE, text=True)
    lines = []
    for line in p.stdout.splitlines():
        words = line.split()
        if not words:
            continue
        rec = {"kind": words[0]}
        for w in words[1:]:
            if "=" in w:
                k, v = w.split("=", 1)
                rec[k] = v
        lines.append(rec)
    return p.returncode, lines


def mib(kib):
    return f"{float(kib) / 1024:.1f}" if kib not in (None, "-") else "-"


def fmt_s(x):
    if x in (None, "-"):
        return "-"
    x = float(x)
    return f"{x:.3g}" if x < 1e-3 else f"{x:.4f}" if x < 1 else f"{x:.2f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("probe", nargs="?", default=DEFAULT_PROBE)
    ap.add_argument("--rho", default="9/10")
    ap.add_argument("--n-max", type=int, default=20)
    ap.add_argument("--brute-max", type=int, default=None)
    ap.add_argument("--brute-stop", type=float, default=20, help="stop the brute force after "
                    "the first n slower than this (seconds)")
    ap.add_argument("--brute-limit", type=int, default=120, help="kill one brute point after (s)")
    ap.add_argument("--mem-mib", type=int, default=6144, help="RLIMIT_AS of every phase")
    ap.add_argument("--agents", type=int, default=3)
    ap.add_argument("--signals", type=int, default=12)
    ap.add_argument("--states", type=int, default=4)
    ap.add_argument("--alternatives", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--weight-max", type=int, default=9)
    ap.add_argument("--limit", type=int, default=600, help="seconds per random-mode phase")
    ap.add_argument("--skip-replica", action="store_true")
    ap.add_argument("--skip-random", action="store_true")
    args = ap.parse_args()

    load = os.getloadavg()
    print(f"load average at start: {load[0]:.2f} on {os.cpu_count()} CPUs")
    t_start = time.monotonic()
    status = 0

    if not args.skip_replica:
        cmd = [args.probe, "replica", "--rho", args.rho, "--n-max", str(args.n_max),
               "--brute-stop", str(int(args.brute_stop)), "--brute-limit", str(args.brute_limit),
               "--mem-mib", str(args.mem_mib)]
        if args.brute_max is not None:
            cmd += ["--brute-max", str(args.brute_max)]
        rc, lines = run(cmd)
        status |= rc
        print(f"\nReplica economy, rho = {args.rho}: exchangeable replica_point vs. the dense "
              "general code (section2 + measure_agent, agent 0)\n")
        print("| n | 2^n profiles | exchangeable s | brute build s | brute measure s | brute s "
              "| ratio brute/exch | ratio measure/exch | exch peak MiB | brute peak MiB "
              "| nu | agree |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
        last_brute = None
        for r in lines:
            if r["kind"] != "replica":
                continue
            b = r.get("brute")
            if b == "ok":
                last_brute = int(r["n"])
            brute_s = r.get("brute_s", "-") if b == "ok" else ("not run" if b == "skipped"
                                                               else b)
            ratio = f"{float(r['ratio']):.3g}x" if "ratio" in r else "-"
            ratio_m = f"{float(r['ratio_measure']):.3g}x" if "ratio_measure" in r else "-"
            print(f"| {r['n']} | {float(r['profiles']):.0f} | {fmt_s(r['exchangeable_s'])} | "
                  f"{fmt_s(r.get('brute_build_s'))} | {fmt_s(r.get('brute_measure_s'))} | "
                  f"{fmt_s(brute_s) if b == 'ok' else brute_s} | {ratio} | {ratio_m} | "
                  f"{mib(r['exchangeable_peak_kib'])} | {mib(r.get('brute_peak_kib'))} | "
                  f"{float(r['nu_double']):.6g} | {r['agree']} |")
        for r in lines:
            if r["kind"] == "replica_sweep":
                print(f"\nreplica_sweep(rho, {r['n_min']}, {r['n_max']}) in one call: "
                      f"{fmt_s(r['seconds'])} s, peak {mib(r['peak_kib'])} MiB")
            elif r["kind"] == "replica_agreement":
                print(f"exact agreement of nu, Lambda, E: {r['agreed']} of {r['compared']} n")
            elif r["kind"] == "baseline":
                print(f"(peak RSS of an idle forked child: {mib(r['peak_kib'])} MiB)")
        print(f"largest n brute-forced: {last_brute}")

    if not args.skip_random:
        cmd = [args.probe, "random", "--agents", str(args.agents), "--signals",
               str(args.signals), "--states", str(args.states), "--alternatives",
               str(args.alternatives), "--seed", str(args.seed), "--weight-max",
               str(args.weight_max), "--limit", str(args.limit), "--mem-mib", str(args.mem_mib)]
        rc, lines = run(cmd)
        status |= rc
        for r in lines:
            if r["kind"] == "random_sizes":
                print(f"\nRandom correlated instance {r['agents']} agents x {r['signals']} "
                      f"signals x {r['states']} states x {r['alternatives']} alternatives, "
                      f"seed {r['seed']}, weights 1..{r['weight_max']} (trivial decomposition):")
                print(f"  |T| = |A| = {r['signal_profiles']} profiles, {r['constraints']} "
                      f"stage-1 constraints, |Pi| = {r['posted_posteriors']} posted posteriors, "
                      f"{r['information_sets']} information sets ({r['on_path_sets']} on path, "
                      f"largest {r['largest_set']} profiles), {r['bb_nodes']} best-reply nodes; one "
                      f"posted_posteriors() call {fmt_s(r['posted_posteriors_s'])} s (stage_one_report "
                      f"makes one per constraint)\n")
        print("| phase | seconds | peak MiB | status |")
        print("|---|---|---|---|")
        for r in lines:
            if r["kind"] == "random_phase":
                print(f"| {r['name']} | {fmt_s(r['seconds'])} | {mib(r['peak_kib'])} | "
                      f"{r['status']}{' ' + r['error'] if 'error' in r else ''} |")
        print("\n| quantities | mechlab phase | mechlab s | brute s | ratio brute/mechlab "
              "| values compared | agree |")
        print("|---|---|---|---|---|---|---|")
        for r in lines:
            if r["kind"] == "random_compare":
                print(f"| {r['quantity']} | {r['mechlab_phase']} | {fmt_s(r['mechlab_s'])} | "
                      f"{fmt_s(r['brute_s'])} | {float(r['ratio']):.3g}x | {r['compared']} | "
                      f"{r['agree']}{' (' + r['first'] + ')' if 'first' in r else ''} |")
        for r in lines:
            if r["kind"] == "random_scales":
                print(f"\nscales: eps*_1 = {r['eps_1']}, eps*_PBE = {r['eps_pbe']}, "
                      f"eps*_PW = {r['eps_pw']}")
            elif r["kind"] == "random_note":
                print(" ".join(f"{k}={v}" for k, v in r.items() if k != "kind"))

    print(f"\nTotal script time: {time.monotonic() - t_start:.0f} s")
    return 0 if status == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
