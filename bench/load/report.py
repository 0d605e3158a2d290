#!/usr/bin/env python3
"""Markdown table of one bench/load/run.sh run (OUT/results.jsonl, OUT/statements.json), with the
issue's targets checked: p99 <= 100 ms at 8 users (largest account 150 ms, search 50 ms) and the app at
>= 50 % of PostgreSQL's page sets per second at 32 users.

    report.py OUT
"""

import json
import os
import sys


def p99_target(page):
    if page == "account-largest":
        return 150
    if page.startswith("search"):
        return 50
    return 100


def gatling(out, rows):
    """Gatling's summary as it printed it (3.13 writes no stats.json; the per-page figures are in OUT/gatling's HTML)."""
    run = next((r for r in rows if r["kind"] == "gatling"), None)
    path = os.path.join(out, "gatling.log")
    if not run or not os.path.exists(path):
        return
    text = open(path).read()
    start = text.find("---- Global Information")
    if start < 0:
        return
    end = text.find("====", start)
    print(f"Gatling, open model: every page at {run['rate']} new requests/s at once for {run['seconds']} s "
          f"(load average at the end {run['load']}); per page: `gatling/index.html` of the run:")
    print()
    print("```")
    print(text[start:end].strip())
    print("```")
    print()


def main():
    out = sys.argv[1]
    rows = [json.loads(line) for line in open(os.path.join(out, "results.jsonl")) if line.strip()]
    stmts = json.load(open(os.path.join(out, "statements.json"))) if os.path.exists(
        os.path.join(out, "statements.json")) else {}
    meta = next(r for r in rows if r["kind"] == "meta")
    end = next((r for r in rows if r["kind"] == "end"), {})
    heap = next((r["text"] for r in rows if r["kind"] == "heap"), "")
    # The last replay of a page wins (bench/load/replay.sh can be rerun on a run's output).
    pg = {(r["page"], r["c"]): r["tps"] for r in rows if r["kind"] == "pg"}
    print(f"Run {meta['start']} – {end.get('end', '?')} UTC, commit `{meta['commit']}`, {meta['cores']} cores, "
          f"load average before {meta['load_before']}, after {end.get('load_after', '?')}.")
    print(f"Data: {meta['data']}.")
    print(f"Command: `{meta['command']}` (wrk {meta['duration']} s and pgbench {meta['pg_duration']} s per page "
          f"and concurrency; concurrency {meta['concurrency']}).")
    print()
    print("| page (user) | users | statements | app req/s | p50 ms | p95 ms | p99 ms | errors | JVM CPU ms/req "
          "| JIT CPU ms in window | PostgreSQL page sets/s | app / PostgreSQL | load |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    misses = []
    for r in rows:
        if r["kind"] != "app":
            continue
        w, page, c = r["wrk"], r["page"], r["c"]
        rps = w["requests"] / (w["duration_us"] / 1e6)
        cpu = r["cpu_ms"] / w["requests"] if w["requests"] else float("nan")
        if w["requests"] == 0:
            w = dict(w, p50_ms=float("nan"), p95_ms=float("nan"), p99_ms=float("nan"))
        tps = pg.get((page, c))
        ratio = rps / tps if tps else None
        errors = w["errors"] + w["socket_errors"]
        st = stmts.get(page, {}).get("statements", "?")
        mark = ""
        if c == 8 and w["p99_ms"] > p99_target(page):
            mark = " ✗"
            misses.append(f"{page}: p99 {w['p99_ms']:.1f} ms at 8 users (target {p99_target(page)} ms)")
        rmark = ""
        if c == 32 and ratio is not None and ratio < 0.5:
            rmark = " ✗"
            misses.append(f"{page}: app/PostgreSQL {ratio:.2f} at 32 users (target 0.5)")
        if errors:
            misses.append(f"{page}: {errors} errors at {c} users")
        if w["requests"] == 0:
            misses.append(f"{page}: no answer within wrk's 10 s timeout at {c} users")
        print(f"| {page} ({r['user']}) | {c} | {st} | {rps:.1f} | {w['p50_ms']:.1f} | {w['p95_ms']:.1f} | "
              f"{w['p99_ms']:.1f}{mark} | {errors} | {cpu:.1f} | {r.get('jit_ms', '—')} | {tps if tps is not None else '—'} | "
              f"{'%.2f' % ratio if ratio is not None else '—'}{rmark} | {r['load']} |")
    print()
    claims = [r for r in rows if r["kind"] == "app" and r.get("claimed") is not None]
    if claims:
        print("\"Next ticket\" claims per window (the agent's queue refilled before each, "
              f"{claims[0]['queue_size']} tickets): "
              + ", ".join(f"{r['claimed']} of {r['wrk']['requests']} requests at {r['c']} users"
                          + (" (ran dry: the rest found no ticket)" if r['claimed'] >= r['queue_size'] else "")
                          for r in claims) + ".")
        print()
    if misses:
        print("Targets missed in this run:")
        for m in misses:
            print(f"- {m}")
        print()
    gatling(out, rows)
    if heap:
        print("Heap after the run (`jcmd <pid> GC.heap_info`):")
        print()
        print("```")
        print(heap.strip())
        print("```")


if __name__ == "__main__":
    main()
