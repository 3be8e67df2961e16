#!/usr/bin/env python3
"""Runs the mechlab binary on checked-in inputs and compares with checked-in outputs.

  cli_check.py MECHLAB bad    DIR [--update]   every DIR/*.json (and *.nfg) must be rejected:
      exit code 2 and stderr equal to DIR/NAME.expected ("FILE" stands for the path).
      The command comes from the file name's prefix (lp-* -> "lp solve",
      distribution-* -> "distribution check", mechanism-* -> "mechanism audit",
      design-* -> "mechanism design", game-* -> "mechanism equilibria",
      infosize-* -> "infosize measure", dynamic-* -> "dynamic solve", disclosure-* -> "disclosure
      equilibria", alliance-* -> "alliance solve", mediation-* -> "mediation solve");
      DIR/NAME.args adds options.
  cli_check.py MECHLAB golden DIR [--update]   for every DIR/NAME.args, run mechlab with
      those arguments from the repository root: stdout must equal DIR/NAME.out and the
      exit code DIR/NAME.code (0 when absent).

--update rewrites the expected files instead (review the diff before committing).
"""
import pathlib
import shlex
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
COMMANDS = {"lp": ["lp", "solve"], "distribution": ["distribution", "check"],
            "mechanism": ["mechanism", "audit"], "design": ["mechanism", "design"],
            "game": ["mechanism", "equilibria"], "infosize": ["infosize", "measure"],
            "dynamic": ["dynamic", "solve"],
            "disclosure": ["disclosure", "equilibria"],
            "alliance": ["alliance", "solve"],
            "mediation": ["mediation", "solve"]}


def run(mechlab, args):
    p = subprocess.run([mechlab, "--quiet"] + args, cwd=ROOT, capture_output=True, text=True, timeout=300)
    return p.returncode, p.stdout, p.stderr


def check_bad(mechlab, folder, update):
    failures = 0
    files = sorted(folder.glob("*.json")) + sorted(folder.glob("*.nfg"))
    if not files:
        print(f"no inputs in {folder}")
        return 1
    for f in files:
        prefix = f.name.split("-")[0]
        if prefix not in COMMANDS:
            print(f"{f.name}: unknown prefix {prefix}")
            failures += 1
            continue
        extra = f.with_suffix(".args")
        args = shlex.split(extra.read_text()) if extra.exists() else []
        code, _, err = run(mechlab, COMMANDS[prefix] + args + [str(f)])
        got = err.replace(str(f), "FILE")
        expected_file = f.with_suffix(".expected")
        if update:
            expected_file.write_text(got)
        expected = expected_file.read_text() if expected_file.exists() else "<missing .expected>"
        if code != 2 or got != expected:
            failures += 1
            print(f"FAIL {f.name}: exit {code} (want 2)\n  got:      {got!r}\n  expected: {expected!r}")
        else:
            print(f"ok   {f.name}: {got.strip()}")
    print(f"{len(files)} bad inputs, {failures} failures")
    return 1 if failures else 0


def check_golden(mechlab, folder, update):
    failures = 0
    cases = sorted(folder.glob("*.args"))
    if not cases:
        print(f"no cases in {folder}")
        return 1
    for case in cases:
        args = shlex.split(case.read_text())
        code, out, err = run(mechlab, args)
        out_file, code_file = case.with_suffix(".out"), case.with_suffix(".code")
        if update:
            out_file.write_text(out)
            if code != 0:
                code_file.write_text(f"{code}\n")
            elif code_file.exists():
                code_file.unlink()
        want_code = int(code_file.read_text()) if code_file.exists() else 0
        want_out = out_file.read_text() if out_file.exists() else "<missing .out>"
        if code != want_code or out != want_out:
            failures += 1
            print(f"FAIL {case.stem}: exit {code} (want {want_code}); stderr: {err.strip()}")
            if out != want_out:
                import difflib
                sys.stdout.writelines(difflib.unified_diff(want_out.splitlines(True), out.splitlines(True),
                                                           "expected", "got"))
        else:
            print(f"ok   {case.stem}")
    print(f"{len(cases)} golden cases, {failures} failures")
    return 1 if failures else 0


def main():
    if len(sys.argv) < 4 or sys.argv[2] not in ("bad", "golden"):
        print(__doc__)
        return 2
    mechlab, mode, folder = sys.argv[1], sys.argv[2], pathlib.Path(sys.argv[3])
    update = "--update" in sys.argv[4:]
    return (check_bad if mode == "bad" else check_golden)(mechlab, folder, update)


if __name__ == "__main__":
    sys.exit(main())
