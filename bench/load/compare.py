#!/usr/bin/env python3
"""Before → after table of two bench/load/run.sh runs on the same data set (each OUT/results.jsonl): per page
and concurrency both runs have, p50 and p99, PostgreSQL page sets/s, app ÷ PostgreSQL, JVM CPU ms/request and the
CPU time of the JIT's compiler threads in the window (—: not recorded; stop 31's first run recorded
jstat's elapsed compile time instead).

    compare.py BEFORE_OUT AFTER_OUT
"""

import json
import os
import sys


def load(out):
    rows = [json.loads(line) for line in open(os.path.join(out, "results.jsonl")) if line.strip()]
    pg = {(r["page"], r["c"]): r["tps"] for r in rows if r["kind"] == "pg"}
    app = {}
    for r in rows:
        if r["kind"] != "app":
            continue
        w = r["wrk"]
        rps = w["requests"] / (w["duration_us"] / 1e6)
        tps = pg.get((r["page"], r["c"]))
        app[(r["page"], r["c"])] = {
            "user": r["user"],
            "p50": w["p50_ms"] if w["requests"] else None,
            "p99": w["p99_ms"] if w["requests"] else None,
            "pg": tps,
            "ratio": rps / tps if tps else None,
            "cpu": r["cpu_ms"] / w["requests"] if w["requests"] else None,
            "jit": r.get("jit_ms"),
        }
    return app


def fmt(v, digits=1):
    return "—" if v is None else f"{v:.{digits}f}"


def main():
    before, after = load(sys.argv[1]), load(sys.argv[2])
    print("| page (user) | users | p50 ms before → after | p99 ms before → after | PostgreSQL page sets/s before → after "
          "| app ÷ PostgreSQL before → after | JVM CPU ms/req before → after | JIT CPU ms in window before → after |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for key in sorted(after, key=lambda k: (k[1], list(after).index(k))):
        if key not in before:
            continue
        b, a = before[key], after[key]
        page, c = key
        print(f"| {page} ({a['user']}) | {c} | {fmt(b['p50'])} → {fmt(a['p50'])} | {fmt(b['p99'])} → {fmt(a['p99'])} | "
              f"{fmt(b['pg'])} → {fmt(a['pg'])} | {fmt(b['ratio'], 2)} → {fmt(a['ratio'], 2)} | "
              f"{fmt(b['cpu'])} → {fmt(a['cpu'])} | {fmt(b['jit'], 0)} → {fmt(a['jit'], 0)} |")


if __name__ == "__main__":
    main()
