#!/usr/bin/env python3
"""Throughput and parallel efficiency of `mechlab sweep` (docs/sweep.md, bench/README.md "Sweep").

  bench/sweep_scaling.py [MECHLAB] [--repeat N]

Runs the two example sweeps, examples/sweep/alliance-region.json (1729 points of `alliance solve`)
and examples/sweep/dynamic-report-card.json (400 points of `dynamic audit`), each into a fresh
output file, as
  serial         mechlab sweep SPEC                        (1 process, 1 thread, no MPI)
  threads 2      mechlab sweep SPEC --threads 2
  mpirun -n 1    mpirun -n 1 mechlab sweep SPEC            (MPI start-up and rank 0's service thread)
  mpirun -n 2    mpirun -n 2 mechlab sweep SPEC            (1 thread per rank)
and prints points/s (points / wall seconds of the whole command, start-up and the final merge
included) and parallel efficiency = (serial seconds / seconds) / workers. The best of N repeats
(default 3) is kept. Every run's output must equal the serial run's as a set of lines
(--no-timing), else the script fails. OMP_NUM_THREADS=1 so that one worker is one core.
Python 3 standard library only; MECHLAB defaults to build/test/apps/mechlab/mechlab.
"""
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
SPECS = [("alliance region", ROOT / "examples/sweep/alliance-region.json", 1729),
         ("dynamic report card", ROOT / "examples/sweep/dynamic-report-card.json", 400)]


def main():
    args = sys.argv[1:]
    repeat = 3
    if "--repeat" in args:
        i = args.index("--repeat")
        repeat = int(args[i + 1])
        del args[i:i + 2]
    mechlab = pathlib.Path(args[0] if args else ROOT / "build/test/apps/mechlab/mechlab").resolve()
    env = dict(os.environ, OMP_NUM_THREADS="1", OMPI_ALLOW_RUN_AS_ROOT="1",
               OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    mpirun = shutil.which("mpirun")
    modes = [("serial", [], [], 1), ("threads 2", [], ["--threads", "2"], 2)]
    if mpirun:
        modes += [("mpirun -n 1", [mpirun, "-n", "1"], [], 1),
                  ("mpirun -n 2", [mpirun, "-n", "2"], [], 2)]
    print(f"{os.cpu_count()} cores; {mechlab}; best of {repeat}")
    print(f"{'sweep':<20} {'mode':<12} {'points':>6} {'seconds':>8} {'points/s':>9} {'efficiency':>10}")
    failed = False
    with tempfile.TemporaryDirectory(prefix="mechlab-sweep-bench-") as tmp:
        for name, spec, points in SPECS:
            reference = None
            serial_seconds = None
            for mode, prefix, extra, workers in modes:
                best = None
                for r in range(repeat):
                    out = pathlib.Path(tmp) / f"{spec.stem}-{mode.replace(' ', '')}-{r}.jsonl"
                    cmd = prefix + [str(mechlab), "--quiet", "sweep", str(spec), "--out", str(out),
                                    "--no-timing"] + extra
                    start = time.perf_counter()
                    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
                    seconds = time.perf_counter() - start
                    if p.returncode != 0:
                        print(f"{name} {mode}: exit {p.returncode}\n{p.stderr}")
                        return 1
                    lines = sorted(out.read_text().splitlines())
                    if len(lines) != points or (reference is not None and lines != reference):
                        print(f"{name} {mode}: output differs from the serial run")
                        failed = True
                    reference = reference or lines
                    best = seconds if best is None else min(best, seconds)
                serial_seconds = serial_seconds or best
                efficiency = serial_seconds / best / workers
                print(f"{name:<20} {mode:<12} {points:>6} {best:>8.2f} {points / best:>9.0f} "
                      f"{efficiency:>10.2f}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
