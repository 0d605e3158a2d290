#!/bin/bash
# usage: runbench.sh label script.sql transactions [pgbench args...]; prints the median and p90 latency (ms) of the transactions
label=$1; script=$2; n=$3; shift 3
dir=/tmp/writes-bench/logs/$label; rm -rf $dir; mkdir -p $dir; cd $dir
flock -s /work/wt/quiet.lock pgbench -h 127.0.0.1 -U postgres -n -c 1 -t $n -l --log-prefix=tx "$@" -f /tmp/writes-bench/$script crm_writes > pgbench.out 2>&1 || { cat pgbench.out; exit 1; }
awk '{print $3/1000}' tx.* | sort -n | awk -v l=$label '{a[NR]=$1} END {printf "%-28s n=%d median=%.3f ms p90=%.3f ms\n", l, NR, a[int((NR+1)/2)], a[int(NR*0.9)]}'
