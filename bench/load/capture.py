#!/usr/bin/env python3
"""Turns PostgreSQL's statement log of one request per page into pgbench scripts.

bench/load/run.sh sets log_statement = 'all' on the bench database, then for every page sends the request
REPEAT times, each between two marker statements from psql ("select 'crm-bench-mark begin PAGE N'" and
"... end ...").  This reads the server log from a byte offset and, per page, keeps the window with the
fewest statements (a background job's poll can only add statements), puts each statement's parameters in
as literals (timestamps cast to timestamptz, the one type PostgreSQL cannot infer from context) and writes
OUT/PAGE.sql (a pgbench script: the page's statements in order) and OUT/statements.json (counts).

    capture.py LOG OFFSET DB OUT
"""

import json
import os
import re
import sys

RECORD = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+) \[(\d+)\] (?:(\S*)@(\S*) )?([A-Z]+):  (.*)$")
EXECUTE = re.compile(r"^(?:statement|execute [^:]*?): (.*)$", re.S)
PARAM = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')", re.S)
PLACEHOLDER = re.compile(r"\$(\d+)\b")
MARK = re.compile(r"select 'crm-bench-mark (begin|end) (\S+) (\d+)'")
TIMESTAMP = re.compile(r"^'\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?[+-]\d\d(:\d\d)?'$")
# Transaction control the driver sends: replayed, but not counted as the page's statements.
CONTROL = re.compile(r"^\s*(begin|commit|rollback|set session characteristics|set transaction)\b", re.I)


def records(path, offset, db):
    """(pid, level, message) of the log from offset on, for db, continuation lines joined."""
    current = None
    with open(path, "rb") as f:
        f.seek(offset)
        for raw in f:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            m = RECORD.match(line)
            if m:
                if current:
                    yield current
                current = [m.group(2), m.group(4), m.group(5), m.group(6)] if m.group(4) == db else None
            elif current is not None:
                current[3] += "\n" + (line[1:] if line.startswith("\t") else line)
    if current:
        yield current


def statements(path, offset, db):
    """[(pid, sql with parameters put in, (sql with placeholders, {n: literal}))] in log order."""
    out, pending = [], {}
    for pid, _, level, message in records(path, offset, db):
        if level == "LOG":
            m = EXECUTE.match(message)
            if m:
                out.append([pid, m.group(1), (m.group(1), {})])
                pending[pid] = len(out) - 1
        elif level == "DETAIL" and message.startswith("parameters:") and pid in pending:
            values = {int(n): v for n, v in PARAM.findall(message)}
            i = pending.pop(pid)

            def literal(p):
                v = values.get(int(p.group(1)))
                if v is None:
                    return p.group(0)
                return v + "::timestamptz" if TIMESTAMP.match(v) else v

            out[i][1] = PLACEHOLDER.sub(literal, out[i][1])
            out[i][2] = (out[i][2][0], values)
    return out


def main():
    path, offset, db, out_dir = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    windows, open_window = {}, None
    for pid, sql, prepared in statements(path, offset, db):
        m = MARK.search(sql)
        if m:
            kind, page, n = m.groups()
            if kind == "begin":
                open_window = (page, n)
                windows.setdefault(page, {})[n] = []
            else:
                open_window = None
            continue
        # Hikari's connection check (an empty query) is not the page's.
        if open_window and sql.strip().rstrip(";").strip():
            windows[open_window[0]][open_window[1]].append((sql.strip().rstrip(";"), prepared))
    summary = {}
    for page, by_run in windows.items():
        counts = {n: sum(1 for s, _ in sqls if not CONTROL.match(s)) for n, sqls in by_run.items()}
        best = min(by_run, key=lambda n: (counts[n], len(by_run[n])))
        sqls = by_run[best]
        with open(os.path.join(out_dir, page + ".sql"), "w") as f:
            for s, _ in sqls:
                f.write(s + ";\n")
        # The same statements as the app sent them, placeholders and parameters apart: explain.py
        # --generic prepares them to see the plan a prepared statement takes after five runs.
        with open(os.path.join(out_dir, page + ".prepared.json"), "w") as f:
            json.dump([{"sql": p[0].strip().rstrip(";"), "params": {str(k): v for k, v in p[1].items()}}
                       for s, p in sqls], f, indent=1)
        summary[page] = {"statements": counts[best], "with_transaction_control": len(sqls),
                         "per_run": [counts[n] for n in sorted(by_run, key=int)]}
    with open(os.path.join(out_dir, "statements.json"), "w") as f:
        json.dump(summary, f, indent=1, sort_keys=True)
    for page in sorted(summary):
        print(f"[capture] {page}: {summary[page]['statements']} statements "
              f"(+{summary[page]['with_transaction_control'] - summary[page]['statements']} transaction control; "
              f"runs {summary[page]['per_run']})")


if __name__ == "__main__":
    main()
