#!/usr/bin/env python3
"""What the exact certificate costs on top of Clp, and how far it scales.

Part 1 runs lp_bench ONCE with --benchmark_format=json and prints, per size
m = n, the Clp-only time, the certified (Clp + exact rational certificate)
time and their ratio, plus the float-checked solve and the exact part alone.

Part 2 doubles m = n from --start (100) on random_bounded(m, n, --seed) with
lp_size_probe, one process per size, until a certified solve takes longer than
--limit seconds (60) or its peak RSS exceeds --mem-gib GiB (4), and reports the
largest size that passed both. The probe itself stops at the time limit
(mechlab's Progress limit), so a failing size costs about --limit seconds.
--bisect K then refines between the last pass and the first failure.

Python 3 standard library only. Usage:
    bench/lp_certificate_ratio.py [--build-dir build-bench] [--seed 20240601]
                                  [--limit 60] [--mem-gib 4] [--start 100] [--bisect 0]
                                  [--skip-bench] [--skip-probe] [--keep-malloc-memory]
                                  [-- extra lp_bench arguments]
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_BUILD = os.path.join(os.path.dirname(HERE), "build-bench")


# glibc malloc keeps freed memory instead of trimming the heap / unmapping
# big blocks after every Clp solve; see --keep-malloc-memory.
KEEP_MALLOC = "glibc.malloc.mmap_threshold=268435456:glibc.malloc.trim_threshold=1073741824"


def run_bench(binary, extra, keep_malloc):
    cmd = [binary, "--benchmark_format=json"] + extra
    env = dict(os.environ)
    if keep_malloc:
        env["GLIBC_TUNABLES"] = KEEP_MALLOC
    print(("$ GLIBC_TUNABLES=" + KEEP_MALLOC + " " if keep_malloc else "$ ") + " ".join(cmd),
          flush=True)
    t0 = time.monotonic()
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True, env=env).stdout
    wall = time.monotonic() - t0
    return json.loads(out), wall


def parse_runs(report):
    """{size: {benchmark name: entry}} from Google Benchmark's JSON.

    Repeated benchmarks (small sizes) contribute their median aggregate; the
    single-run ones (large sizes) their one iteration entry."""
    sizes = {}
    for entry in report["benchmarks"]:
        if "error_occurred" in entry:
            continue
        m = re.match(r"(BM_\w+)/m=n:(\d+)", entry["name"])
        if not m:
            continue
        kind = entry.get("run_type", "iteration")
        if kind == "aggregate" and entry.get("aggregate_name") != "median":
            continue
        slot = sizes.setdefault(int(m.group(2)), {})
        if kind == "aggregate" or m.group(1) not in slot:
            slot[m.group(1)] = entry
    return sizes


def ms(entry, which="real_time"):
    """Time of one iteration in milliseconds (real_time or cpu_time)."""
    scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}[entry["time_unit"]]
    return entry[which] * scale


def fmt_ms(v):
    return "-" if v is None else (f"{v:.3f}" if v < 10 else f"{v:.1f}")


def print_ratio_table(sizes):
    head = ["m=n", "rows", "cols", "nonzeros", "basis_dim", "clp_iter",
            "clp_only_ms", "certified_ms", "ratio", "ratio_cpu", "float_mode_ms",
            "exact_part_ms", "reps", "certified"]
    rows = []
    for size in sorted(sizes):
        b = sizes[size]
        clp = b.get("BM_ClpOnly")
        cert = b.get("BM_CertifiedExact")
        flt = b.get("BM_CertifiedDouble")
        exact = b.get("BM_ExactBasisOnly")
        ref = cert or clp
        if ref is None:
            continue
        ratio = ratio_cpu = "-"
        if clp and cert:
            ratio = f"{ms(cert) / ms(clp):.1f}x"
            ratio_cpu = f"{ms(cert, 'cpu_time') / ms(clp, 'cpu_time'):.1f}x"
        iters = f"{ref.get('clp_iterations', 0):.0f}"
        if clp and cert and clp.get("clp_iterations") != cert.get("clp_iterations"):
            iters = f"{clp['clp_iterations']:.0f}/{cert['clp_iterations']:.0f}"
        rows.append([
            str(size), f"{ref['rows']:.0f}", f"{ref['columns']:.0f}", f"{ref['nonzeros']:.0f}",
            f"{ref.get('basis_dim', 0):.0f}", iters,
            fmt_ms(ms(clp) if clp else None), fmt_ms(ms(cert) if cert else None), ratio, ratio_cpu,
            fmt_ms(ms(flt) if flt else None), fmt_ms(ms(exact) if exact else None),
            str(ref.get("repetitions", 1)) if ref.get("run_type") == "aggregate" else "1",
            ("yes" if cert["certified"] == 1 else "NO") if cert else "-",
        ])
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)]
    line = lambda cells: "| " + " | ".join(c.rjust(w) for c, w in zip(cells, widths)) + " |"
    print(line(head))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(line(r))


def parse_probe(text):
    fields = dict(kv.split("=", 1) for kv in text.split())
    for key in ("seconds", "cpu_seconds", "clp_seconds", "build_seconds"):
        fields[key] = float(fields[key])
    for key in ("certified", "timed_out", "peak_rss_kib", "basis_dim", "x_den_bits", "nonzeros"):
        fields[key] = int(fields[key])
    return fields


def probe_one(binary, size, seed, limit, mem_kib, mem_gib):
    """Runs lp_size_probe once, prints a table row, returns True if the size passed."""
    cmd = [binary, str(size), str(size), str(seed), str(limit)]
    try:
        # The probe stops itself at `limit`; the outer timeout only guards
        # against a hang outside the solve (instance build, Clp-only run).
        out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True,
                             timeout=limit * 3 + 60).stdout
        r = parse_probe(out)
    except subprocess.TimeoutExpired:
        print(f"| {size} | - | - | - | - | >{limit:g} | - | - | probe killed after {limit * 3 + 60:g} s |")
        return False
    ok_time = not r["timed_out"] and r["seconds"] <= limit
    ok_mem = r["peak_rss_kib"] <= mem_kib
    ok = ok_time and ok_mem and r["certified"] == 1
    if ok:
        verdict = "pass"
    elif not ok_time:
        verdict = f"FAIL: over {limit:g} s (stopped)"
    elif not ok_mem:
        verdict = f"FAIL: over {mem_gib:g} GiB"
    else:
        verdict = f"FAIL: not certified ({r['status']})"
    secs = f">{limit:g}" if r["timed_out"] else f"{r['seconds']:.2f}"
    dim = "-" if r["timed_out"] else str(r["basis_dim"])
    bits = "-" if r["timed_out"] else str(r["x_den_bits"])
    print(f"| {size} | {r['nonzeros']} | {dim} | {bits} | {r['clp_seconds']:.2f} | {secs} | "
          f"{r['cpu_seconds']:.2f} | {r['peak_rss_kib'] / 1024:.0f} | {verdict} |", flush=True)
    return ok


def probe_sizes(binary, seed, limit, mem_gib, start, bisect):
    """Largest passing size of the doubling, then `bisect` bisection steps
    between it and the first failing size. Returns (doubling, refined)."""
    mem_kib = int(mem_gib * 1024 * 1024)
    print(f"\nDoubling m = n from {start} (random_bounded, seed {seed}); "
          f"a size passes if certified within {limit:g} s and {mem_gib:g} GiB peak RSS.")
    print("| m=n | nonzeros | basis_dim | x_den_bits | clp_only_s | certified_s | certified_cpu_s "
          "| peak_rss_MiB | result |")
    print("|-----|----------|-----------|------------|------------|-------------|-----------------"
          "|--------------|--------|")
    largest = None
    size = start
    while probe_one(binary, size, seed, limit, mem_kib, mem_gib):
        largest = size
        size *= 2
    failed = size
    refined = largest
    if largest is not None and bisect > 0:
        print(f"(bisection between {largest} and {failed}, {bisect} step(s))")
        lo, hi = largest, failed
        for _ in range(bisect):
            mid = (lo + hi) // 2
            if mid in (lo, hi):
                break
            if probe_one(binary, mid, seed, limit, mem_kib, mem_gib):
                lo = mid
            else:
                hi = mid
        refined = lo
    return largest, refined


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", default=DEFAULT_BUILD)
    ap.add_argument("--seed", type=int, default=20240601,
                    help="seed of the size search (lp_bench itself always uses 20240601)")
    ap.add_argument("--limit", type=float, default=60.0, help="seconds per certified solve")
    ap.add_argument("--mem-gib", type=float, default=4.0, help="peak RSS limit in GiB")
    ap.add_argument("--start", type=int, default=100, help="first m = n of the doubling")
    ap.add_argument("--bisect", type=int, default=0,
                    help="after the doubling, this many bisection steps between the last "
                         "passing and the first failing size (each costs up to --limit s)")
    ap.add_argument("--skip-bench", action="store_true")
    ap.add_argument("--skip-probe", action="store_true")
    ap.add_argument("--keep-malloc-memory", action="store_true",
                    help="run lp_bench with glibc malloc tunables that stop it returning memory "
                         "to the kernel after each solve; the sub-millisecond sizes otherwise pay "
                         "~10 page faults per Clp solve, whose cost swings up to 10x with load")
    ap.add_argument("bench_args", nargs="*",
                    help="extra arguments for lp_bench (after --), e.g. --benchmark_filter=...")
    args = ap.parse_args()

    bench_bin = os.path.join(args.build_dir, "bench", "lp_bench")
    probe_bin = os.path.join(args.build_dir, "bench", "lp_size_probe")
    t_start = time.monotonic()
    load = os.getloadavg()
    print(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
          f"on {os.cpu_count()} CPUs" +
          ("  (WARNING: machine busy, timings will be inflated)" if load[0] > 0.75 * (os.cpu_count() or 1) else ""))

    if not args.skip_bench:
        report, wall = run_bench(bench_bin, args.bench_args, args.keep_malloc_memory)
        ctx = report.get("context", {})
        print(f"host: {ctx.get('num_cpus')} CPUs @ {ctx.get('mhz_per_cpu')} MHz, "
              f"library build: {ctx.get('library_build_type')}, run took {wall:.0f} s")
        print("instances: random_bounded(m, n, seed 20240601), m = n. Times: real (wall) time "
              "per solve in ms, median of `reps` repetitions; ratio = certified / clp_only in "
              "real time, ratio_cpu the same in CPU time (robust to a busy machine).\n")
        print_ratio_table(parse_runs(report))

    if not args.skip_probe:
        largest, refined = probe_sizes(probe_bin, args.seed, args.limit, args.mem_gib,
                                       args.start, args.bisect)
        if largest is None:
            print(f"\nNo size from {args.start} up passed.")
        else:
            print(f"\nLargest certified size by doubling: m = n = {largest} "
                  f"(seed {args.seed}, within {args.limit:g} s and {args.mem_gib:g} GiB).")
            if args.bisect > 0:
                print(f"After {args.bisect} bisection step(s): m = n = {refined} passes.")

    load = os.getloadavg()
    print(f"\nload average at end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"Total script time: {time.monotonic() - t_start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
