#!/usr/bin/env bash
# percall.sh: client CPU per sequential call in steady state, pyrosh against
# the floor (docs/bench/floor), against the Go demo daemon (issue 14, item 2).
#
# compare.sh divides a 5,000-call process's CPU by 5,000, start-up included.
# This script runs N calls and 1 call of each client, alternating, RUNS
# times, and reports (CPU(N) - CPU(1)) / (N - 1): the cost of one more call,
# start-up excluded, for `pyrosh bench -c 1`, a piped script of N lines
# `obj.echo(1)`, and the floor. Ratios are per run (each run's clients side by
# side), then their median.
#
#   docs/bench/percall.sh            # N=20000 RUNS=7
#   N=5000 RUNS=9 docs/bench/percall.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PY=/usr/bin/python3
N=${N:-20000}
RUNS=${RUNS:-7}
TMP=$(mktemp -d)
DEMO=
cleanup() {
	if [[ -n $DEMO ]]; then kill "$DEMO" 2>/dev/null || true; fi
	rm -rf "$TMP"
}
trap cleanup EXIT
# measure, freeport, build_static, start_demo
. "$HERE/lib.sh"
build_static "$TMP/pyrosh" .
build_static "$TMP/floor" ./docs/bench/floor
start_demo "$TMP/pyrosh"
PORT=$DEMOPORT
URI=PYRO:Example@127.0.0.1:$PORT
awk -v n="$N" 'BEGIN {for (i = 0; i < n; i++) print "obj.echo(1)"}' >"$TMP/scriptN"
echo 'obj.echo(1)' >"$TMP/script1"
export XDG_STATE_HOME=$TMP/state

cpu() { measure "$TMP/m" "$@" >/dev/null; awk '{print $2+$3}' "$TMP/m"; }
: >"$TMP/all"
for _ in $(seq "$RUNS"); do
	{
		echo "floor $(cpu "$TMP/floor" "127.0.0.1:$PORT" Example echo "$N" 1) $(cpu "$TMP/floor" "127.0.0.1:$PORT" Example echo 1 1)"
		echo "bench $(cpu "$TMP/pyrosh" bench -n "$N" --warmup 0 "$URI" 'echo(1)') $(cpu "$TMP/pyrosh" bench -n 1 --warmup 0 "$URI" 'echo(1)')"
		echo "piped $(MEASURE_STDIN=$TMP/scriptN cpu "$TMP/pyrosh" "$URI") $(MEASURE_STDIN=$TMP/script1 cpu "$TMP/pyrosh" "$URI")"
	} >>"$TMP/all"
done
printf 'per-call CPU, Go demo daemon, %s calls, %s runs, %s UTC, load %s\n' "$N" "$RUNS" "$(date -u +%H:%M)" "$(cut -d' ' -f1-3 /proc/loadavg)"
"$PY" - "$TMP/all" "$N" <<'PYEOF'
import statistics as st, sys
n = int(sys.argv[2])
d = {}
for line in open(sys.argv[1]):
    k, big, one = line.split()
    d.setdefault(k, []).append((float(big), float(one)))
marg = {k: [(b - o) / (n - 1) * 1e6 for b, o in v] for k, v in d.items()}
total = {k: [b / n * 1e6 for b, o in v] for k, v in d.items()}
print("%-6s %22s %22s %10s %10s" % ("client", "us/call, start-up out", "us/call, start-up in", "ratio out", "ratio in"))
for k in ("floor", "bench", "piped"):
    ro = st.median(a / b for a, b in zip(marg[k], marg["floor"]))
    ri = st.median(a / b for a, b in zip(total[k], total["floor"]))
    print("%-6s %22.2f %22.2f %9.2fx %9.2fx" % (k, st.median(marg[k]), st.median(total[k]), ro, ri))
PYEOF
