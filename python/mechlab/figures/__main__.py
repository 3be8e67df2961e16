"""python3 -m mechlab.figures --out DIR [--only NAME ...] [--quick] [--list]"""

from __future__ import annotations

import argparse
import os
import sys
import time

from . import registry


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m mechlab.figures",
                                     description="Regenerates every figure the specs name (PNG).")
    parser.add_argument("--out", help="directory for the PNGs (created if missing)")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="just these figures")
    parser.add_argument("--quick", action="store_true", help="coarse grids (seconds, for tests)")
    parser.add_argument("--list", action="store_true", help="list the figures and exit")
    args = parser.parse_args(argv)

    figures = registry()
    if args.list:
        for f in figures:
            print(f"{f.name}\t{f.title}")
        return 0
    if not args.out:
        parser.error("--out DIR is required (or --list)")
    names = {f.name for f in figures}
    unknown = sorted(set(args.only or []) - names)
    if unknown:
        parser.error(f"no figure {', '.join(unknown)}; --list shows {', '.join(sorted(names))}")
    os.makedirs(args.out, exist_ok=True)
    for f in figures:
        if args.only and f.name not in args.only:
            continue
        start = time.monotonic()
        path = f.draw(args.out, args.quick)
        print(f"{f.name}: {path} ({time.monotonic() - start:.1f} s)", file=sys.stderr, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
