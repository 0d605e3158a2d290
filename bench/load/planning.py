#!/usr/bin/env python3
"""Planning time of each statement a page sends, in one warm session, from a run's captured pgbench script.

    bench/load/planning.py OUT/sql/PAGE.sql DB [psql options...]     e.g. -h 127.0.0.1 -U postgres
    knobs: ROUNDS=5 (passes over the page's statements in the one session; the fastest pass per statement counts)

explain.py's planning figure comes from a new connection per statement, so it includes loading the catalog
caches of every table and index the statement names. The replay (pgbench, replay.sh) keeps its connections and
plans every statement again on each page set with warm caches: this prints that figure, EXPLAIN (SUMMARY) without
ANALYZE, each statement in a transaction rolled back after the transaction's settings as explain.py does, plus
how many relations, joins and indexes each statement's plan involves (what planning time grows with).
"""

import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from explain import page_statements  # noqa: E402


def nodes(plan):
    yield plan
    for p in plan.get("Plans", []):
        yield from nodes(p)


def main():
    script, db, opts = sys.argv[1], sys.argv[2], sys.argv[3:]
    rounds = int(os.environ.get("ROUNDS", "5"))
    statements = page_statements(script)
    lines = []
    for _ in range(rounds):
        for sql, sets in statements:
            lines.append("begin;")
            lines += [f"\\o /dev/null\n{s};\n\\o" for s in sets]
            lines.append(f"explain (summary, format json) {sql};")
            lines.append("rollback;")
    out = subprocess.run(["psql", "-X", "-qAt", "-v", "ON_ERROR_STOP=1", *opts, "-d", db],
                         input="\n".join(lines) + "\n", capture_output=True, text=True, check=True).stdout
    docs = []
    decoder = json.JSONDecoder()
    i = 0
    while i < len(out):
        if out[i] in "[{":
            doc, i = decoder.raw_decode(out, i)
            docs.append(doc[0])
        else:
            i += 1
    n = len(statements)
    rows = []
    for k, (sql, _) in enumerate(statements):
        best = min(docs[r * n + k]["Planning Time"] for r in range(rounds))
        plan = docs[k]["Plan"]
        scans = [p for p in nodes(plan) if "Relation Name" in p]
        indexes = {p["Index Name"] for p in nodes(plan) if "Index Name" in p}
        joins = sum(1 for p in nodes(plan) if p["Node Type"] in ("Nested Loop", "Hash Join", "Merge Join"))
        rows.append((best, len(scans), joins, len(indexes), k + 1, " ".join(sql.split())[:100]))
    print(f"{script}: {n} statements, {sum(r[0] for r in rows):.2f} ms planning in all (fastest of {rounds} passes, "
          "one session)")
    print("| # | planning ms | relations scanned | joins | indexes used | statement |")
    print("| --- | --- | --- | --- | --- | --- |")
    for best, scans, joins, indexes, k, head in sorted(rows, reverse=True):
        print(f"| {k} | {best:.2f} | {scans} | {joins} | {indexes} | `{head.replace('|', '¦')}` |")


if __name__ == "__main__":
    main()
