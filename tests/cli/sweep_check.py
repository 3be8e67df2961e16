#!/usr/bin/env python3
"""End-to-end checks of `mechlab sweep` (docs/sweep.md).

  sweep_check.py MECHLAB local   serial vs --threads 3: the same lines; a point with an invalid
                                  model is recorded as "invalid" (exit 0); a run SIGKILLed mid-way
                                  (plus a torn last line) then resumed equals an uninterrupted run,
                                  with no duplicate ids; --point-time-limit records "timeout";
                                  --time-limit stops with exit 1 and a rerun completes the same set.
  sweep_check.py MECHLAB mpi     serial vs `mpirun --oversubscribe -n 3`: the same set of lines,
                                  no shard left behind, 2 threads per rank; and a resume under
                                  mpirun of a partial OUT plus a leftover (torn) shard.
"""
import json
import os
import pathlib
import signal
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
ALLIANCE = ROOT / "tests/sweep/alliance-with-invalid.json"
DYNAMIC = ROOT / "tests/sweep/dynamic-small.json"
failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def sweep(mechlab, spec, out, *extra, prefix=(), timeout=300):
    cmd = list(prefix) + [mechlab, "--quiet", "sweep", str(spec), "--out", str(out), "--no-timing"]
    return subprocess.run(cmd + list(extra), capture_output=True, text=True, timeout=timeout)


def lines(path):
    return pathlib.Path(path).read_text().splitlines()


def ids(path):
    return [json.loads(l)["id"] for l in lines(path)]


def local(mechlab, tmp):
    serial = tmp / "serial.jsonl"
    r = sweep(mechlab, ALLIANCE, serial)
    check(r.returncode == 0, f"alliance sweep exits 0 (got {r.returncode}: {r.stderr.strip()})")
    rows = [json.loads(l) for l in lines(serial)]
    check(len(rows) == 40, f"40 lines (got {len(rows)})")
    invalid = [x for x in rows if x["status"] == "invalid"]
    check(len(invalid) == 10 and all(x["parameters"]["/eta"] == 1 for x in invalid),
          "the 10 points with eta = 1 are recorded as invalid")
    check(invalid and invalid[0]["error"] == "invalid input: point 30: /eta: expected an "
          "interdependence η in (0, 1), open, found 1", "the invalid point's message names /eta")
    ok = [x for x in rows if x["status"] == "ok"]
    check(sum(x["summary"]["fully_revealing"] for x in ok) == 7,
          "full revelation at 7 of the 30 valid points")
    check(all("seconds" not in x for x in rows), "--no-timing leaves out seconds")

    threaded = tmp / "threads.jsonl"
    r = sweep(mechlab, ALLIANCE, threaded, "--threads", "3")
    check(r.returncode == 0 and lines(threaded) == lines(serial),
          "--threads 3 writes the same lines (sorted by index at the end)")

    again = sweep(mechlab, ALLIANCE, serial)
    check(again.returncode == 0 and "(0 run now)" in again.stdout and len(lines(serial)) == 40,
          "a rerun of a finished sweep runs nothing and adds nothing")

    # Kill an uninterrupted run's twin mid-way, tear its last line, resume.
    full = tmp / "dynamic-full.jsonl"
    r = sweep(mechlab, DYNAMIC, full, "--threads", "2")
    check(r.returncode == 0 and len(lines(full)) == 120, "the dynamic sweep writes 120 lines")
    killed = tmp / "dynamic-killed.jsonl"
    p = subprocess.Popen([mechlab, "--quiet", "sweep", str(DYNAMIC), "--out", str(killed),
                          "--no-timing", "--threads", "2"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and p.poll() is None:
        if killed.exists() and killed.read_text().count("\n") >= 20:
            break
        time.sleep(0.002)
    p.send_signal(signal.SIGKILL)
    p.wait()
    before = killed.read_text().count("\n")
    check(0 < before < 120, f"SIGKILL stopped the sweep mid-way ({before} of 120 lines)")
    with open(killed, "a") as f:  # what a kill during write(2) could leave
        f.write('{"id":"999-torn","index":9')
    r = sweep(mechlab, DYNAMIC, killed, "--threads", "2")
    got = ids(killed)
    check(r.returncode == 0 and sorted(lines(killed)) == sorted(lines(full)),
          "the resumed run equals the uninterrupted run (torn line dropped)")
    check(len(got) == len(set(got)) == 120, "no id twice after the resume")
    check(f"({120 - before} run now)" in r.stdout, "the resume ran only the missing points")

    timeouts = tmp / "dynamic-timeouts.jsonl"
    r = sweep(mechlab, DYNAMIC, timeouts, "--point-time-limit", "0.0001")
    rows = [json.loads(l) for l in lines(timeouts)]
    check(r.returncode == 0 and len(rows) == 120 and all(
        x["status"] == "timeout" and x["error"] == "stopped: time limit of 0.0001 s reached "
        "(--time-limit)" for x in rows), "--point-time-limit: each point recorded as timeout, exit 0")

    limited = tmp / "dynamic-limited.jsonl"
    r = sweep(mechlab, DYNAMIC, limited, "--time-limit", "0.2")
    n = len(lines(limited))
    check(r.returncode == 1 and "run the same command again to resume" in r.stderr and n < 120,
          f"--time-limit 0.2 stops with exit 1 ({n} lines)")
    r = sweep(mechlab, DYNAMIC, limited)
    check(r.returncode == 0 and lines(limited) == lines(full), "the rerun completes the same set")


def mpi(mechlab, tmp):
    serial = tmp / "serial.jsonl"
    r = sweep(mechlab, DYNAMIC, serial)
    check(r.returncode == 0, "serial dynamic sweep")
    mpirun = ["mpirun", "--oversubscribe", "-n", "3"]
    parallel = tmp / "mpi.jsonl"
    r = sweep(mechlab, DYNAMIC, parallel, prefix=mpirun)
    check(r.returncode == 0, f"mpirun -n 3 exits 0 (got {r.returncode}: {r.stderr.strip()[-300:]})")
    check(sorted(lines(parallel)) == sorted(lines(serial)), "mpirun -n 3 gives the serial set")
    check(not list(tmp.glob("mpi.jsonl.rank*")), "rank 0 merged and removed the shards")
    rows = [json.loads(l) for l in lines(parallel)]
    check(len({x["id"] for x in rows}) == 120, "120 distinct ids")

    alliance_serial, alliance_mpi = tmp / "a-serial.jsonl", tmp / "a-mpi.jsonl"
    sweep(mechlab, ALLIANCE, alliance_serial)
    r = sweep(mechlab, ALLIANCE, alliance_mpi, "--threads", "2", prefix=mpirun)
    check(r.returncode == 0 and lines(alliance_mpi) == lines(alliance_serial),
          "mpirun -n 3 with 2 threads per rank: the same lines, invalid points included")

    # A leftover shard (an interrupted MPI run) and a partial OUT are merged on resume.
    resumed = tmp / "resumed.jsonl"
    all_lines = lines(serial)
    resumed.write_text("\n".join(all_lines[:30]) + "\n")
    pathlib.Path(str(resumed) + ".rank1").write_text("\n".join(all_lines[25:50]) + "\n" + '{"id":"7')
    r = sweep(mechlab, DYNAMIC, resumed, prefix=mpirun)
    check(r.returncode == 0 and lines(resumed) == lines(serial) and "(70 run now)" in r.stdout,
          "resume under mpirun: leftover shard merged, the 70 missing points run, no duplicates")


def main():
    if len(sys.argv) != 3 or sys.argv[2] not in ("local", "mpi"):
        print(__doc__)
        return 2
    mechlab = str(pathlib.Path(sys.argv[1]).resolve())
    with tempfile.TemporaryDirectory(prefix="mechlab-sweep-") as d:
        (local if sys.argv[2] == "local" else mpi)(mechlab, pathlib.Path(d))
    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
