#!/usr/bin/env bash
# rss.sh: peak RSS of `pyrosh call` printing big(N) (N dicts of four
# fields) from a real Python Pyro4 daemon, per serializer and output
# format, against the uncompressed payload and Python Pyro4's own client
# (json.dumps of the result). Issue 14 item 4 / issue 13 item 3: pyrosh's
# peak must stay within 4x the payload.
#
#   docs/bench/rss.sh                         # N=100000 300000, RUNS=3
#   PYROSH=/path/to/pyrosh SIZES="300000" RUNS=1 docs/bench/rss.sh
#   RAW=1 docs/bench/rss.sh    # "serializer N payload_bytes format pyrosh_KiB python_KiB"
#                              # per line, no header (docs/bench/compare.sh reads it)
#   METHOD=bigdict docs/bench/rss.sh          # a dict of N records instead
#
# Peak RSS comes from wait4 (docs/bench/measure.py), the median of RUNS
# runs. Memory does not depend on the machine's load, so one run is
# already a fair figure. Needs /usr/bin/python3 with Pyro4 and msgpack.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PY=/usr/bin/python3
RUNS=${RUNS:-3}
SIZES=${SIZES:-"100000 300000"}
SERIALIZERS=${SERIALIZERS:-"serpent json marshal msgpack pickle"}
FORMATS=${FORMATS:-"repr json pretty"}
METHOD=${METHOD:-big}
TMP=$(mktemp -d)
SRV=

cleanup() {
	exec 3>&- 2>/dev/null || true
	if [[ -n $SRV ]]; then kill "$SRV" 2>/dev/null || true; fi
	rm -rf "$TMP"
}
trap cleanup EXIT

# measure, median, build_static, start_python_daemon
. "$HERE/lib.sh"

if [[ -z ${PYROSH:-} ]]; then
	build_static "$TMP/pyrosh" .
	PYROSH=$TMP/pyrosh
fi

start_python_daemon || exit 1

[[ -n ${RAW:-} ]] || printf '%-8s %7s %9s %-7s %10s %7s %12s\n' serializer N payload format "pyrosh MB" "÷ pay" "Python MB"
for n in $SIZES; do
	for ser in $SERIALIZERS; do
		pay=$("$PY" "$HERE/client.py" payload "$ser" "$n" "$METHOD")
		r=()
		for _ in $(seq "$RUNS"); do
			PYRO_SERIALIZER=$ser measure "$TMP/m" "$PY" "$HERE/client.py" big "$URI" "$n" "$METHOD"
			r+=("$(awk '{print $4}' "$TMP/m")")
		done
		pyk=$(median "${r[@]}")
		for f in $FORMATS; do
			r=()
			for _ in $(seq "$RUNS"); do
				measure "$TMP/m" "$PYROSH" call --serializer "$ser" -o "$f" "$URI" "$METHOD($n)"
				r+=("$(awk '{print $4}' "$TMP/m")")
			done
			k=$(median "${r[@]}")
			if [[ -n ${RAW:-} ]]; then
				echo "$ser $n $pay $f $k $pyk"
				continue
			fi
			awk -v s="$ser" -v n="$n" -v p="$pay" -v f="$f" -v k="$k" -v py="$pyk" 'BEGIN {
				printf "%-8s %7d %7.2fMB %-7s %10.1f %6.1fx %12.1f\n", s, n, p/1e6, f, k*1024/1e6, k*1024/p, py*1024/1e6 }'
		done
	done
done
