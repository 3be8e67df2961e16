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
included), parallel efficiency = (serial seconds / seconds) / workers, and the CPU seconds of the
command (user + system, mpirun and its ranks included) over the serial run's: the work added by
threads or MPI, which other jobs on the machine do not distort the way they distort wall time.
The best of N repeats (default 3) is kept.

The peer: the same verb run as one process per point (what a shell loop over model files does),
on the first 200 points of the serial output (models written by this script from each line's
"parameters"), and the ratio of the serial sweep's points/s to the loop's. Every run's output must equal the serial run's as a set of lines
(--no-timing), else the script fails. OMP_NUM_THREADS=1 so that one worker is one core.
Python 3 standard library only; MECHLAB defaults to build/test/apps/mechlab/mechlab.
"""
import json
import os
import pathlib
import resource
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
    print(f"load average {os.getloadavg()[0]:.2f} before the runs")
    print(f"{'sweep':<20} {'mode':<12} {'points':>6} {'seconds':>8} {'points/s':>9} {'efficiency':>10} "
          f"{'CPU s':>6} {'CPU ratio':>9}")
    failed = False
    with tempfile.TemporaryDirectory(prefix="mechlab-sweep-bench-") as tmp:
        for name, spec, points in SPECS:
            reference = None
            serial_seconds = serial_cpu = None
            for mode, prefix, extra, workers in modes:
                best = best_cpu = None
                for r in range(repeat):
                    out = pathlib.Path(tmp) / f"{spec.stem}-{mode.replace(' ', '')}-{r}.jsonl"
                    cmd = prefix + [str(mechlab), "--quiet", "sweep", str(spec), "--out", str(out),
                                    "--no-timing"] + extra
                    before = resource.getrusage(resource.RUSAGE_CHILDREN)
                    start = time.perf_counter()
                    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
                    seconds = time.perf_counter() - start
                    after = resource.getrusage(resource.RUSAGE_CHILDREN)
                    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
                    if p.returncode != 0:
                        print(f"{name} {mode}: exit {p.returncode}\n{p.stderr}")
                        return 1
                    lines = sorted(out.read_text().splitlines())
                    if len(lines) != points or (reference is not None and lines != reference):
                        print(f"{name} {mode}: output differs from the serial run")
                        failed = True
                    reference = reference or lines
                    best = seconds if best is None else min(best, seconds)
                    best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
                serial_seconds = serial_seconds or best
                serial_cpu = serial_cpu or best_cpu
                efficiency = serial_seconds / best / workers
                print(f"{name:<20} {mode:<12} {points:>6} {best:>8.2f} {points / best:>9.0f} "
                      f"{efficiency:>10.2f} {best_cpu:>6.2f} {best_cpu / serial_cpu:>9.2f}")
            loop_rate = process_per_point(mechlab, spec, reference[:200], env, pathlib.Path(tmp))
            print(f"{name:<20} {'1 process per point (200 points)':<34} {loop_rate:>9.0f} points/s; "
                  f"the sweep (serial) is {points / serial_seconds / loop_rate:.1f}x faster")
    return 1 if failed else 0


def set_pointer(doc, pointer, value):
    tokens = [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]
    for t in tokens[:-1]:
        doc = doc[int(t)] if isinstance(doc, list) else doc[t]
    last = tokens[-1]
    if isinstance(doc, list):
        doc[int(last)] = value
    else:
        doc[last] = value


def process_per_point(mechlab, spec_path, lines, env, tmp):
    spec = json.loads(spec_path.read_text())
    base = json.loads((spec_path.parent / spec["base"]).read_text())
    files = []
    for k, line in enumerate(lines):
        model = json.loads(json.dumps(base))
        for pointer, value in json.loads(line)["parameters"].items():
            set_pointer(model, pointer, value)
        f = tmp / f"point-{k}.json"
        f.write_text(json.dumps(model))
        files.append(f)
    start = time.perf_counter()
    for f in files:
        subprocess.run([str(mechlab), "--json", "--quiet"] + spec["command"] + [str(f)] +
                       spec.get("args", []), env=env, capture_output=True, check=True)
    return len(files) / (time.perf_counter() - start)


if __name__ == "__main__":
    sys.exit(main())
