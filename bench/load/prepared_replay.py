#!/usr/bin/env python3
"""A page's statements as the app sends them, for pgbench: the capture's PAGE.prepared.json turned into a script
whose parameters stay parameters (":name", their values as pgbench -D options, printed). With -M prepared each
statement is prepared once per connection and the plan cache chooses custom or generic plans as it does for the
app's server-side prepared statements (pgjdbc prepareThreshold 5), honouring a transaction's plan_cache_mode.
replay.sh's literal scripts can't show that: without parameters every plan is generic (-M prepared) or every
statement is planned on each run (-M simple).

    bench/load/prepared_replay.py OUT/sql/PAGE.prepared.json PAGE.sql > PAGE.defs
    eval pgbench -n -M prepared -r -c 1 -T 8 -f PAGE.sql $(cat PAGE.defs) -h 127.0.0.1 -U postgres DB

The to_char format 'HH24:MI:SS' is written 'HH24"x"MI"x"SS' (pgbench would take ":MI" for a variable); an
empty string stays a literal (pgbench -D takes no empty value)."""
import json, re, sys, shlex
src, dst = sys.argv[1], sys.argv[2]
tag = re.sub(r'\W', '', dst.split('/')[-1].split('.')[0])[:6]
lines, defs = [], []
for i, p in enumerate(json.load(open(src))):
    sql = p["sql"].replace('HH24:MI:SS', 'HH24"x"MI"x"SS')
    def sub(m):
        k = m.group(1)
        v = p["params"][k]
        assert v.startswith("'") and v.endswith("'"), v
        if v == "''":
            return v  # pgbench -D takes no empty value: the empty list of ids found stays a literal
        name = f"{tag}{i}_{k}"
        defs.append(f"{name}={v[1:-1].replace(chr(39)*2, chr(39))}")
        return ":" + name
    sql = re.sub(r"\$(\d+)\b", sub, sql)
    lines.append(" ".join(sql.split()) + ";")
open(dst, "w").write("\n".join(lines) + "\n")
print(" ".join("-D " + shlex.quote(d) for d in defs))
