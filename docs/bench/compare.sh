#!/usr/bin/env bash
# compare.sh: every row of issues 7, 10 and 14 in one run. pyrosh against
# Python Pyro4 4.82 (or, with PYRO=5, Python Pyro5 5.15's client and
# daemon) and against the floor (a raw client on a blocking socket,
# docs/bench/floor), side by side, on one machine. It starts
# docs/bench/server.py and the Go demo daemon on free ports, builds pyrosh
# (static, as users get it), runs each comparison RUNS times alternating
# pyrosh with Python or the floor, and prints the medians against the
# targets with met yes/NO:
#
#   0. the floor: client CPU per call (bench -c 1, piped script) and the
#      one-off call, pyrosh / floor
#   1-2. one-off call and sequential calls, pyrosh / Python
#   2. concurrency 4 against the Python daemon (pyrosh, Python's 4 threads,
#      4 floor processes) and the Go daemon
#   3. big(100000) as JSON: wall time and peak RSS
#   4. peak RSS / payload for all five serializers at 100k (docs/bench/rss.sh)
#   5. BenchmarkDecodeLarge of all five codecs: wall MB/s, MB per CPU
#      second and allocations per record (docs/bench/decode_cpu.sh)
#   6. keystroke to screen p50/p99 (BenchmarkKeystrokeToScreen, 1000 keys)
#   7. completion over 10k methods
#
# Not run by CI: figures depend on the machine and its load. About 4 to 5
# minutes on a quiet 2-core machine (FULL=1: a few more).
#
#   docs/bench/compare.sh            # RUNS=5 by default
#   RUNS=7 docs/bench/compare.sh
#   FULL=1 docs/bench/compare.sh     # peak RSS at 300k records too
#   DECODE_ROUNDS=5 docs/bench/compare.sh   # rounds per codec (3)
#   PYRO=5 docs/bench/compare.sh     # against Python Pyro5 (from $PYROSH_PYRO5_PATH, default /opt/pyro5)
#
# Needs /usr/bin/python3 with Pyro4 (or Pyro5), serpent and msgpack, go on
# PATH and /usr/bin/time. In the floor rows the python column holds the
# floor's own figure, in brackets. The floor speaks Pyro4: with PYRO=5 its
# rows against the Python daemon are skipped; the peak RSS rows always use
# a Pyro4 daemon.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PY=/usr/bin/python3
RUNS=${RUNS:-5}
PYRO=${PYRO:-4}
if [[ $PYRO == 5 ]]; then
	# Pyro5 lives outside the system's packages (.ci/install-pyro5.sh) and
	# refuses to import with an unknown PYRO_* variable set.
	for v in $(env | awk -F= '/^PYRO_/ {print $1}'); do unset "$v"; done
	export PYTHONPATH=${PYROSH_PYRO5_PATH:-/opt/pyro5} BENCH_PYRO=5
	IMPORT="import Pyro5.api as P"
else
	IMPORT="import Pyro4 as P"
fi
CALLS=5000
BIGN=100000
# FULL=1 adds the 300,000-record peak RSS rows (slow: Python's client).
RSS_SIZES=100000
[[ -z ${FULL:-} ]] || RSS_SIZES="100000 300000"
DECODE_ROUNDS=${DECODE_ROUNDS:-3}
TMP=$(mktemp -d)
SRV=
DEMO=

cleanup() {
	exec 3>&- 2>/dev/null || true
	if [[ -n $SRV ]]; then kill "$SRV" 2>/dev/null || true; fi
	if [[ -n $DEMO ]]; then kill "$DEMO" 2>/dev/null || true; fi
	rm -rf "$TMP"
}
trap cleanup EXIT

say() { printf '[%4ds] %s\n' "$SECONDS" "$*" >&2; } # SECONDS: since the start

# measure, median, freeport, build_static, start_python_daemon, start_demo
. "$HERE/lib.sh"
field() { awk -v i="$2" '{print $i}' "$1"; }
calc() { awk "BEGIN {printf \"%.6g\", $*}"; }
# num X [DECIMALS]: X rounded for the table
num() { awk "BEGIN {printf \"%.${2:-1}f\", $1}"; }
jsonfield() { "$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
# server CPU seconds so far (utime+stime of the daemon process)
srvcpu() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.4f", ($14+$15)/hz}' "/proc/$SRV/stat"; }

ROWS=()
# row MEASURE PYROSH PYTHON RATIO TARGET MET
row() { ROWS+=("$(printf '%-46s|%14s|%14s|%9s|%-26s|%s' "$@")"); }
met() { if awk "BEGIN {exit !($1)}"; then echo yes; else echo NO; fi; }

say "building pyrosh and the floor client"
build_static "$TMP/pyrosh" .
build_static "$TMP/floor" ./docs/bench/floor
PYROSH=$TMP/pyrosh
FLOOR=$TMP/floor

say "starting the Python Pyro$PYRO daemon"
start_python_daemon || exit 1
say "daemon $URI (pid $SRV)"
"$PYROSH" call "$URI" hello >/dev/null
HOSTPORT=${URI#*@}

say "starting the Go demo daemon"
start_demo "$PYROSH" || exit 1
GOURI=PYRO:Example@127.0.0.1:$DEMOPORT

# 0. The floor (issue 14): docs/bench/floor, a raw client on a blocking
# socket with precomputed frames, against the same daemons. Client CPU per
# call (user+sys of the whole process, start-up included, over CALLS calls).
say "0/7 the floor: $CALLS echo(1) calls, $RUNS runs each, alternating"
awk -v n="$CALLS" 'BEGIN {for (i = 0; i < n; i++) print "obj.echo(1)"}' >"$TMP/script.txt"
cpu_per_call() { calc "($(field "$1" 2)+$(field "$1" 3))/$CALLS*1e6"; }
fg=() bg=() sg=() fp=() bp=() f1=() p1=()
for _ in $(seq "$RUNS"); do
	measure "$TMP/m" "$FLOOR" "127.0.0.1:$DEMOPORT" Example echo "$CALLS" 1
	fg+=("$(cpu_per_call "$TMP/m")")
	measure "$TMP/m" "$PYROSH" bench -n "$CALLS" --warmup 0 "$GOURI" 'echo(1)'
	bg+=("$(cpu_per_call "$TMP/m")")
	MEASURE_STDIN=$TMP/script.txt measure "$TMP/m" "$PYROSH" "$GOURI"
	sg+=("$(cpu_per_call "$TMP/m")")
	# The one-off call against the Go daemon: the floor speaks Pyro4 only.
	measure "$TMP/m" "$FLOOR" "127.0.0.1:$DEMOPORT" Example hello 1
	f1+=("$(field "$TMP/m" 1)")
	measure "$TMP/m" "$PYROSH" call "$GOURI" hello
	p1+=("$(field "$TMP/m" 1)")
	[[ $PYRO == 4 ]] || continue
	measure "$TMP/m" "$FLOOR" "$HOSTPORT" Bench echo "$CALLS" 1
	fp+=("$(cpu_per_call "$TMP/m")")
	measure "$TMP/m" "$PYROSH" bench -n "$CALLS" --warmup 0 "$URI" 'echo(1)'
	bp+=("$(cpu_per_call "$TMP/m")")
done
FG=$(median "${fg[@]}") BG=$(median "${bg[@]}") SG=$(median "${sg[@]}")
F1=$(median "${f1[@]}") P1=$(median "${p1[@]}")
# Ratios per run (each pair measured side by side), then their median.
ratios() { local -n xs=$1 ys=$2; local i out=(); for i in "${!xs[@]}"; do out+=("$(calc "${xs[$i]}/${ys[$i]}")"); done; median "${out[@]}"; }
RBG=$(ratios bg fg) RSG=$(ratios sg fg) R1=$(ratios p1 f1)
frow() { ROWS+=("$(printf '%-46s|%14s|%14s|%9s|%-26s|%s' "$@")"); }
frow "Go daemon, bench -c 1: CPU us/call (floor)" "$(num "$BG")" "($(num "$FG"))" "$(num "$RBG" 2)x" "pyrosh <= 1.3x floor" "$(met "$RBG <= 1.3")"
frow "Go daemon, piped script: CPU us/call (floor)" "$(num "$SG")" "($(num "$FG"))" "$(num "$RSG" 2)x" "pyrosh <= 1.3x floor" "$(met "$RSG <= 1.3")"
if [[ $PYRO == 4 ]]; then
	FP=$(median "${fp[@]}") BP=$(median "${bp[@]}") RBP=$(ratios bp fp)
	frow "Python daemon, bench -c 1: CPU us/call (floor)" "$(num "$BP")" "($(num "$FP"))" "$(num "$RBP" 2)x" "pyrosh <= 1.3x floor" "$(met "$RBP <= 1.3")"
fi
frow "Go daemon, one-off call hello: wall ms (floor)" "$(num "$P1*1000" 2)" "($(num "$F1*1000" 2))" "$(num "$R1" 2)x" "pyrosh <= 1.5x floor" "$(met "$R1 <= 1.5")"

# 1. One-off call: process start, connect, handshake, call, exit.
say "1/7 one-off call, $RUNS runs each"
a=() b=()
for _ in $(seq "$RUNS"); do
	measure "$TMP/m" "$PYROSH" call "$URI" hello
	a+=("$(field "$TMP/m" 1)")
	measure "$TMP/m" "$PY" -c "$IMPORT; print(P.Proxy('$URI').hello())"
	b+=("$(field "$TMP/m" 1)")
done
A=$(median "${a[@]}") B=$(median "${b[@]}")
row "one-off call hello: wall ms" "$(num "$A*1000")" "$(num "$B*1000")" "$(num "$B/$A")x" "pyrosh <= 1/10 of Python" "$(met "$B/$A >= 10")"

# Protocol detection: auto against the protocol given. Against Pyro4 the
# first guess is right (no extra round trip); against Pyro5 a new process
# guesses Pyro4, is answered with a Pyro5 CONNECTFAIL and dials once more.
say "   one-off call, --protocol auto against --protocol $PYRO, $RUNS runs each"
a=() f=()
for _ in $(seq "$RUNS"); do
	measure "$TMP/m" "$PYROSH" --protocol auto call "$URI" hello
	a+=("$(field "$TMP/m" 1)")
	measure "$TMP/m" "$PYROSH" --protocol "$PYRO" call "$URI" hello
	f+=("$(field "$TMP/m" 1)")
done
A=$(median "${a[@]}") F=$(median "${f[@]}")
row "  pyrosh auto | pyrosh --protocol $PYRO: ms" "$(num "$A*1000" 2)" "$(num "$F*1000" 2)" "$(num "$A/$F" 2)x" "auto adds nothing when right" "-"

# 2. 5,000 sequential echo(1) calls in one client process.
say "2/7 $CALLS sequential echo(1) calls, $RUNS runs each"
bc=() br=() sc=() sr=() pc=() pr=() sv=()
for _ in $(seq "$RUNS"); do
	s0=$(srvcpu)
	MEASURE_STDOUT=$TMP/b.json measure "$TMP/m" "$PYROSH" bench -o json -n "$CALLS" --warmup 0 "$URI" 'echo(1)'
	s1=$(srvcpu)
	sv+=("$(calc "($s1-$s0)/$CALLS*1e6")")
	bc+=("$(calc "($(field "$TMP/m" 2)+$(field "$TMP/m" 3))/$CALLS*1e6")")
	br+=("$(jsonfield "$TMP/b.json" calls_per_second)")
	"$PY" "$HERE/client.py" loop "$URI" "$CALLS" >"$TMP/p.out"
	pr+=("$(field "$TMP/p.out" 1)")
	pc+=("$(calc "$(field "$TMP/p.out" 2)*1e6")")
	MEASURE_STDIN=$TMP/script.txt measure "$TMP/m" "$PYROSH" "$URI"
	sc+=("$(calc "($(field "$TMP/m" 2)+$(field "$TMP/m" 3))/$CALLS*1e6")")
	sr+=("$(calc "$CALLS/$(field "$TMP/m" 1)")")
done
BC=$(median "${bc[@]}") BR=$(median "${br[@]}") SC=$(median "${sc[@]}") SR=$(median "${sr[@]}")
PC=$(median "${pc[@]}") PR=$(median "${pr[@]}") SV=$(median "${sv[@]}")
row "echo(1) x$CALLS, bench: client CPU us/call" "$(num "$BC")" "$(num "$PC")" "$(num "$PC/$BC" 2)x" "pyrosh <= 1/10 of Python" "$(met "$PC/$BC >= 10")"
row "echo(1) x$CALLS, piped shell: CPU us/call" "$(num "$SC")" "$(num "$PC")" "$(num "$PC/$SC" 2)x" "pyrosh <= 1/10 of Python" "$(met "$PC/$SC >= 10")"
row "echo(1) x$CALLS, bench: calls/s" "$(num "$BR" 0)" "$(num "$PR" 0)" "$(num "$BR/$PR" 2)x" "(see the server limit)" "-"
row "echo(1) x$CALLS, piped shell: calls/s" "$(num "$SR" 0)" "$(num "$PR" 0)" "$(num "$SR/$PR" 2)x" "(start-up included)" "-"
row "  daemon CPU us/call during the bench" "$(num "$SV")" "" "" "limit ~ 1e6/this calls/s" "-"

say "   saturating the daemon: bench --concurrency 4, Python's 4 threads and the floor x4, $RUNS runs"
# floorx HOSTPORT OBJECT N: 4 floor processes at once, N/4 echo(1) calls
# each; prints calls/s (wall from the first start to the last exit).
floorx() {
	local t0=$EPOCHREALTIME pids=() i
	for i in 1 2 3 4; do
		"$FLOOR" "$1" "$2" echo $(($3 / 4)) 1 >/dev/null &
		pids+=($!)
	done
	wait "${pids[@]}"
	calc "$3/($EPOCHREALTIME-$t0)"
}
cr=() cv=() tr=() tv=() xr=() xv=() gr=() gx=() kr=() kv=() qr=() qv=()
PINNED=0
[[ $(nproc) -ge 2 ]] && command -v taskset >/dev/null && PINNED=1
for _ in $(seq "$RUNS"); do
	s0=$(srvcpu)
	"$PYROSH" bench -o json -n 20000 --warmup 0 --concurrency 4 "$URI" 'echo(1)' >"$TMP/c.json"
	s1=$(srvcpu)
	cv+=("$(calc "($s1-$s0)/20000*1e6")")
	cr+=("$(jsonfield "$TMP/c.json" calls_per_second)")
	s0=$(srvcpu)
	tr+=("$("$PY" "$HERE/client.py" threads "$URI" 20000 4)")
	s1=$(srvcpu)
	tv+=("$(calc "($s1-$s0)/20000*1e6")")
	if [[ $PYRO == 4 ]]; then
		s0=$(srvcpu)
		xr+=("$(floorx "$HOSTPORT" Bench 20000)")
		s1=$(srvcpu)
		xv+=("$(calc "($s1-$s0)/20000*1e6")")
	fi
	# The same two clients with the daemon's threads on CPU 0 and the
	# client on CPU 1: what is left when the scheduler cannot spread the
	# daemon's GIL waiters over an idle CPU (docs/performance.md).
	if [[ $PINNED == 1 ]]; then
		taskset -a -p -c 0 "$SRV" >/dev/null
		s0=$(srvcpu)
		taskset -c 1 "$PYROSH" bench -o json -n 20000 --warmup 0 --concurrency 4 "$URI" 'echo(1)' >"$TMP/c.json"
		s1=$(srvcpu)
		kv+=("$(calc "($s1-$s0)/20000*1e6")")
		kr+=("$(jsonfield "$TMP/c.json" calls_per_second)")
		s0=$(srvcpu)
		qr+=("$(taskset -c 1 "$PY" "$HERE/client.py" threads "$URI" 20000 4)")
		s1=$(srvcpu)
		qv+=("$(calc "($s1-$s0)/20000*1e6")")
		taskset -a -p -c "0-$(($(nproc) - 1))" "$SRV" >/dev/null
	fi
	"$PYROSH" bench -o json -n 40000 --warmup 0 --concurrency 4 "$GOURI" 'echo(1)' >"$TMP/c.json"
	gr+=("$(jsonfield "$TMP/c.json" calls_per_second)")
	gx+=("$(floorx "127.0.0.1:$DEMOPORT" Example 40000)")
done
CR=$(median "${cr[@]}") CV=$(median "${cv[@]}") TR=$(median "${tr[@]}") TV=$(median "${tv[@]}")
row "daemon limit: bench --concurrency 4 calls/s" "$(num "$CR" 0)" "$(num "$TR" 0)" "$(num "$CR/$TR" 2)x" "pyrosh >= Python (4 thr.)" "$(met "$CR >= $TR")"
row "  daemon CPU us/call at concurrency 4" "$(num "$CV")" "$(num "$TV")" "" "(connect and handshake in)" "-"
if [[ $PYRO == 4 ]]; then
	XR=$(median "${xr[@]}") XV=$(median "${xv[@]}")
	frow "  the same, floor x4 processes: calls/s" "$(num "$CR" 0)" "($(num "$XR" 0))" "$(num "$CR/$XR" 2)x" "(any 4 fast clients)" "-"
	frow "  daemon CPU us/call under the floor x4" "$(num "$CV")" "($(num "$XV"))" "" "(docs/performance.md)" "-"
fi
if [[ $PINNED == 1 ]]; then
	KR=$(median "${kr[@]}") KV=$(median "${kv[@]}") QR4=$(median "${qr[@]}") QV4=$(median "${qv[@]}")
	row "  daemon on CPU 0, client on 1: calls/s" "$(num "$KR" 0)" "$(num "$QR4" 0)" "$(num "$KR/$QR4" 2)x" "(the daemon's GIL: see" "-"
	row "  and its daemon CPU us/call" "$(num "$KV")" "$(num "$QV4")" "" " docs/performance.md)" "-"
fi
GR=$(median "${gr[@]}") GX=$(median "${gx[@]}")
frow "Go daemon, bench -c 4: calls/s (floor x4)" "$(num "$GR" 0)" "($(num "$GX" 0))" "$(num "$GR/$GX" 2)x" "as fast as before (c >= 4)" "-"
row "sequential calls/s as % of that limit" "$(num "$BR/$CR*100" 0)%" "$(num "$PR/$CR*100" 0)%" "" "pyrosh within 10% of limit" "$(met "$BR/$CR >= 0.9")"

# 3. A large result: big(100000) with serpent, printed as JSON.
say "3/7 big($BIGN) as JSON to /dev/null, $RUNS runs each"
"$PY" "$HERE/client.py" floor "$BIGN" >"$TMP/floor.out"
PAYLOAD=$(field "$TMP/floor.out" 3)
SHARE=$(calc "$(field "$TMP/floor.out" 1)+$(field "$TMP/floor.out" 2)")
a=() b=() r=() pm=()
for _ in $(seq "$RUNS"); do
	measure "$TMP/m" "$PYROSH" call -o json "$URI" "big($BIGN)"
	a+=("$(field "$TMP/m" 1)")
	r+=("$(field "$TMP/m" 4)")
	measure "$TMP/m" "$PY" "$HERE/client.py" big "$URI" "$BIGN"
	b+=("$(field "$TMP/m" 1)")
	pm+=("$(field "$TMP/m" 4)")
done
A=$(median "${a[@]}") B=$(median "${b[@]}") R=$(median "${r[@]}") PM=$(median "${pm[@]}")
row "big($BIGN): wall s" "$(num "$A" 2)" "$(num "$B" 2)" "$(num "$B/$A")x" ">= 20x faster than Python" "$(met "$B/$A >= 20")"
row "  server's share: build + serpent.dumps s" "$(num "$SHARE" 2)" "$(num "$SHARE" 2)" "" "(a floor for both)" "-"
row "  payload MB (serpent)" "$(num "$PAYLOAD/1e6" 2)" "" "" "" "-"
row "  peak RSS MB" "$(num "$R*1024/1e6")" "$(num "$PM*1024/1e6")" "$(num "$R*1024/$PAYLOAD")x payload" "pyrosh <= 4x payload" "$(met "$R*1024 <= 4*$PAYLOAD")"

# 4. Peak RSS per serializer (issue 14 item 4): docs/bench/rss.sh, one run
# each (memory does not move with the load), every output format, the
# worst of them per serializer against the uncompressed payload. Always
# against a Pyro4 daemon of its own (the payloads are Pyro4's).
say "4/7 peak RSS of big(N) per serializer and format (sizes $RSS_SIZES)"
if env -u BENCH_PYRO -u PYTHONPATH RAW=1 RUNS=1 PYROSH="$PYROSH" SIZES="$RSS_SIZES" \
	SERIALIZERS="serpent json marshal msgpack pickle" "$HERE/rss.sh" >"$TMP/rss.txt"; then
	for n in $RSS_SIZES; do
		for ser in serpent json marshal msgpack pickle; do
			# worst format: serializer N payload format pyrosh_KiB python_KiB
			read -r pay f k pk < <(awk -v s="$ser" -v n="$n" '$1==s && $2==n && $5>=m {m=$5; l=$3" "$4" "$5" "$6} END {print l}' "$TMP/rss.txt") || true
			[[ -n ${pay:-} ]] || continue
			r=$(calc "$k*1024/$pay")
			if [[ $ser == pickle ]]; then
				row "peak RSS, ${n} pickle: MB (worst: $f)" "$(num "$k*1024/1e6")" "$(num "$pk*1024/1e6")" "$(num "$r")x pay" "<= 4x payload, < Python" "$(met "$r <= 4 && $k < $pk")"
			else
				row "peak RSS, ${n} $ser: MB (worst: $f)" "$(num "$k*1024/1e6")" "$(num "$pk*1024/1e6")" "$(num "$r")x pay" "pyrosh <= 4x payload" "$(met "$r <= 4")"
			fi
		done
	done
else
	say "rss.sh failed: $(tail -n 3 "$TMP/rss.txt")"
	row "peak RSS per serializer" "failed" "" "" "pyrosh <= 4x payload" "NO"
fi

# 5. Decoders (issue 14 item 5): BenchmarkDecodeLarge (100,000 dicts) of
# every codec through docs/bench/decode_cpu.sh: the benchmark's own wall
# MB/s and MB per CPU second (setup subtracted), medians of DECODE_ROUNDS.
# (Until issue 14 this was one serpent row, -benchtime 5x, >= 100 MB/s.)
say "5/7 decoders: BenchmarkDecodeLarge x11, $DECODE_ROUNDS rounds per codec"
mkdir -p "$TMP/codec"
for c in serpent json marshal msgpack pickle; do
	(cd "$ROOT" && go test -c -o "$TMP/codec/$c.test" "./pyro/codec/$c") || say "$c: the test binary did not build"
done
sh "$HERE/decode_cpu.sh" "$TMP/codec" "$DECODE_ROUNDS" >"$TMP/decode.txt" || say "decode_cpu.sh failed"
for c in serpent json marshal msgpack pickle; do
	# codec one ms ms/decode MB cpu allocs allocs/record wall MB/s wall
	read -r mbc al mbw < <(awk -v c="$c" '$1==c {print $5, $7, $9}' "$TMP/decode.txt") || true
	[[ -n ${mbw:-} ]] || { row "decode 100k dicts, $c" "failed" "" "" ">= 150 MB/s" "NO"; continue; }
	row "decode 100k dicts, $c: MB/s (per CPU s)" "$(num "$mbw")" "($(num "$mbc"))" "" ">= 150 MB/s" "$(met "$mbw >= 150")"
	row "  $c allocations per record" "$(num "$al" 2)" "" "" "<= 6" "$(met "$al <= 6")"
done

# 6. The shell's keystroke to screen (issue 14 item 6), in a pty, an
# object of 10,000 methods: the key drawn, and its completion menu.
say "6/7 keystroke to screen, 1000 keys"
(cd "$ROOT" && go test -run '^$' -bench 'KeystrokeToScreen' -benchtime 1000x ./shell/e2e) >"$TMP/keys.txt" || say "the keystroke benchmark failed: $(tail -n 3 "$TMP/keys.txt")"
metric() { awk -v m="$1" '/^BenchmarkKeystrokeToScreen/ {for (i=1;i<=NF;i++) if ($(i+1)==m) print $i}' "$TMP/keys.txt" | head -n1; }
for k in key menu; do
	P50=$(metric "$k-p50-ms") P99=$(metric "$k-p99-ms")
	[[ -n $P99 ]] || { row "keystroke to screen ($k)" "failed" "" "" "p99 <= 2 ms" "NO"; continue; }
	row "keystroke to screen ($k): p99 ms (p50)" "$(num "${P99:-0}" 2)" "($(num "${P50:-0}" 2))" "" "p99 <= 2 ms" "$(met "${P99:-99} <= 2")"
done

# 7. Completion.
say "7/7 completion, 10k methods"
(cd "$ROOT" && go test -run '^$' -bench 'Complete10k' -benchtime 200x ./completion) >"$TMP/complete.txt" || say "the completion benchmark failed"
# The headline is what the shell asks for (sorted metadata, at most 1000
# candidates); the worst case over every variant is shown below it.
CMAX=$(awk '/^BenchmarkComplete10k\/shell/ {for (i=1;i<=NF;i++) if ($(i+1)=="ns/op" && $i>m) m=$i} END {print m/1e6}' "$TMP/complete.txt")
WORST=$(awk '/^BenchmarkComplete10k/ {for (i=1;i<=NF;i++) if ($(i+1)=="ns/op" && $i>m) {m=$i; n=$1}} END {sub(/-[0-9]+$/, "", n); print n}' "$TMP/complete.txt")
WMAX=$(awk '/^BenchmarkComplete10k/ {for (i=1;i<=NF;i++) if ($(i+1)=="ns/op" && $i>m) m=$i} END {print m/1e6}' "$TMP/complete.txt")
if [[ -n $WORST ]]; then
	row "completion, 10k methods (shell): worst ms/key" "$(num "$CMAX" 3)" "" "" "< 1 ms per keystroke" "$(met "$CMAX < 1")"
	row "  any variant, worst ms/key (${WORST#BenchmarkComplete10k/})" "$(num "$WMAX" 3)" "" "" "" "-"
else
	row "completion, 10k methods (shell)" "failed" "" "" "< 1 ms per keystroke" "NO"
fi

printf '\nPython Pyro%s, %s, %s CPUs, load %s, runs %s (medians), %d s\n' "$PYRO" "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$RUNS" "$SECONDS"
printf '%-46s|%14s|%14s|%9s|%-26s|%s\n' "measure" "pyrosh" "python" "ratio" "target" "met"
printf '%s\n' "${ROWS[@]}"
printf '\nraw go test -bench output:\n'
grep -E '^Benchmark' "$TMP/keys.txt" "$TMP/complete.txt" | sed "s|^$TMP/||"
printf '\ndecode_cpu.sh:\n'
cat "$TMP/decode.txt"
printf '\nrss.sh (serializer N payload_bytes format pyrosh_KiB python_KiB):\n'
cat "$TMP/rss.txt"
