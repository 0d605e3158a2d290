#!/usr/bin/env python3
"""EXPLAIN (ANALYZE, BUFFERS) of each statement a page sends, from a run's captured pgbench script.

    bench/load/explain.py OUT/sql/PAGE.sql DB [psql options...]     e.g. -h 127.0.0.1 -U postgres
    bench/load/explain.py --generic OUT/sql/PAGE.sql DB [psql options...]

Per statement (transaction control left out): execution and planning time in ms and the shared buffers it
touched (hit + read) and the rows its scans read (returned or removed by a filter or recheck, times their loops;
bitmap index scans count their matches), from the second of two runs (the first warms the cache); the statements sorted by time,
with the first words of each. The text plans go to PAGE.plans.txt next to the script. A transaction's settings
(`set local …`, `select set_config(…)`: the search's plan cache mode and trigram thresholds) are not explained but
run before each later statement of the same transaction, so those are planned as the app's are.
"""

import json
import re
import subprocess
import sys

CONTROL = re.compile(r"^\s*(begin|commit|rollback|set session characteristics|set transaction)\b", re.I)
SETTING = re.compile(r"^\s*(set\s|select\s+set_config\s*\()", re.I)


def psql(db, opts, sql, settings=()):
    """Runs one statement in a transaction rolled back (EXPLAIN ANALYZE executes writes too), after the
    transaction's settings (their output goes to /dev/null)."""
    before = "".join(f"\\o /dev/null\n{s};\n\\o\n" for s in settings)
    return subprocess.run(["psql", "-X", "-qAt", "-v", "ON_ERROR_STOP=1", *opts, "-d", db],
                          input=f"begin;\n{before}{sql};\nrollback;\n", capture_output=True, text=True,
                          check=True).stdout


def buffers(plan):
    return plan.get("Shared Hit Blocks", 0) + plan.get("Shared Read Blocks", 0)


def rows_read(plan):
    """Rows the plan's scans produced or threw away (filter, index recheck), over all their loops."""
    n = 0
    if "Scan" in plan["Node Type"] and plan["Node Type"] not in ("CTE Scan", "Subquery Scan", "Function Scan"):
        n = (plan.get("Actual Rows", 0) + plan.get("Rows Removed by Filter", 0)
             + plan.get("Rows Removed by Index Recheck", 0)) * plan.get("Actual Loops", 1)
    return n + sum(rows_read(p) for p in plan.get("Plans", []))


def page_statements(script):
    """The statements of a captured pgbench script, each with the settings its transaction made before it."""
    statements = []
    settings = []
    for s in (s.strip() for s in re.split(r";\n", open(script).read())):
        if not s:
            continue
        if CONTROL.match(s):
            settings = []
        elif SETTING.match(s):
            settings = settings + [s]
        else:
            statements.append((s, settings))
    return statements


TIMESTAMP = re.compile(r"^'\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?[+-]\d\d(:\d\d)?'$")


def generic(script, db, opts):
    prepared = json.load(open(re.sub(r"\.sql$", "", script) + ".prepared.json"))
    rows, plans, settings = [], [], []
    for i, p in enumerate((p for p in prepared if not CONTROL.match(p["sql"])), 1):
        sql = p["sql"]
        if SETTING.match(sql):
            # Its parameters (the trigram thresholds) as literals: the settings run before "prepare".
            settings = settings + [re.sub(r"\$(\d+)\b", lambda m: p["params"][m.group(1)], sql)]
            continue
        n = max([int(k) for k in p["params"]] or [0])
        args = ", ".join(p["params"][str(k)] + ("::timestamptz" if TIMESTAMP.match(p["params"][str(k)]) else "")
                         if p["params"].get(str(k), "NULL") != "NULL" else "NULL" for k in range(1, n + 1))
        execute = f"execute s({args})" if n else "execute s"
        out = {}
        try:
            for mode in ("force_custom_plan", "force_generic_plan"):
                setup = list(settings) + [f"prepare s as {sql}", f"set local plan_cache_mode = {mode}"]
                explain = "explain (analyze, buffers, format json) " + execute
                psql(db, opts, explain, setup)
                result = json.loads(psql(db, opts, explain, setup))[0]
                out[mode] = (result["Execution Time"], buffers(result["Plan"]))
                if mode == "force_generic_plan":
                    plans.append(f"-- statement {i} (generic plan)\n{sql};\n-- {execute}\n"
                                 + psql(db, opts, "explain (analyze, buffers) " + execute, setup))
        except subprocess.CalledProcessError as e:
            rows.append((0, 0, 0, 0, i, "not prepared: " + e.stderr.strip().splitlines()[-1][:60] + " " + " ".join(sql.split())[:60]))
            continue
        c, g = out["force_custom_plan"], out["force_generic_plan"]
        rows.append((g[0], c[0], g[1], c[1], i, " ".join(sql.split())[:110]))
    with open(re.sub(r"\.sql$", "", script) + ".generic.txt", "w") as f:
        f.write("\n".join(plans))
    print(f"{script}: {len(rows)} statements, custom {sum(r[1] for r in rows):.1f} ms, generic {sum(r[0] for r in rows):.1f} ms")
    print("| # | generic ms | custom ms | generic buffers | custom buffers | statement |")
    print("| --- | --- | --- | --- | --- | --- |")
    for g, c, gb, cb, i, head in sorted(rows, reverse=True):
        print(f"| {i} | {g:.2f} | {c:.2f} | {gb} | {cb} | `{head.replace('|', '¦')}` |")


def main():
    if sys.argv[1] == "--generic":
        return generic(sys.argv[2], sys.argv[3], sys.argv[4:])
    script, db, opts = sys.argv[1], sys.argv[2], sys.argv[3:]
    statements = page_statements(script)
    rows = []
    plans = []
    for i, (sql, settings) in enumerate(statements, 1):
        explain = "explain (analyze, buffers, format json) " + sql
        psql(db, opts, explain, settings)
        result = json.loads(psql(db, opts, explain, settings))[0]
        plan = result["Plan"]
        rows.append((result["Execution Time"], result["Planning Time"], buffers(plan), rows_read(plan), i,
                     " ".join(sql.split())[:110]))
        plans.append(f"-- statement {i}\n{sql};\n" + psql(db, opts, "explain (analyze, buffers) " + sql, settings))
    with open(re.sub(r"\.sql$", "", script) + ".plans.txt", "w") as f:
        f.write("\n".join(plans))
    total = sum(r[0] for r in rows)
    print(f"{script}: {len(rows)} statements, {total:.1f} ms execution in all")
    print("| # | execution ms | planning ms | buffers | rows scanned | statement |")
    print("| --- | --- | --- | --- | --- | --- |")
    for ms, plan_ms, buf, scanned, i, head in sorted(rows, reverse=True):
        print(f"| {i} | {ms:.2f} | {plan_ms:.2f} | {buf} | {scanned:.0f} | `{head.replace('|', '¦')}` |")


if __name__ == "__main__":
    main()
