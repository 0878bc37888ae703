# lib.sh: what compare.sh, percall.sh and rss.sh share. Source it after
# setting HERE (this folder), ROOT (the repository), PY (/usr/bin/python3)
# and TMP (a scratch folder the caller removes). start_python_daemon and
# start_demo set SRV and DEMO: the caller's EXIT trap kills them.

# measure OUT CMD...: CMD's wall, user, sys seconds and peak RSS (KiB) in OUT.
measure() { "$PY" "$HERE/measure.py" "$@"; }

# median X...: the median of the numbers given.
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# freeport: a TCP port on 127.0.0.1 free at the time of asking.
freeport() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# build_static OUT PACKAGE: a static build of PACKAGE (relative to ROOT),
# copied once linked. cmd/link writes through a shared mapping, and a
# binary run from those page-cache pages starts 10-25% slower than the same
# bytes written by cp, as go install or a download writes them
# (docs/performance.md, "One-off call start-up").
build_static() {
	(cd "$ROOT" && CGO_ENABLED=0 go build -o "$1.link" "$2") && cp "$1.link" "$1"
}

# start_python_daemon: docs/bench/server.py in the background, alive while
# file descriptor 3 stays open. Sets SRV (its pid) and URI; fails with the
# daemon's output when no URI comes within 15 seconds. The caller sets the
# environment (PYTHONPATH, PYRO_*) the daemon needs; PYRO_SERIALIZER, which
# callers set for Python's client, is not passed on.
start_python_daemon() {
	mkfifo "$TMP/srv.in"
	env -u PYRO_SERIALIZER "$PY" "$HERE/server.py" <"$TMP/srv.in" >"$TMP/srv.out" 2>&1 &
	SRV=$!
	exec 3>"$TMP/srv.in"
	for _ in $(seq 150); do
		grep -q '^URI ' "$TMP/srv.out" && break
		sleep 0.1
	done
	URI=$(awk '/^URI /{print $2}' "$TMP/srv.out")
	[[ -n $URI ]] || { echo "daemon did not start: $(cat "$TMP/srv.out")" >&2; return 1; }
}

# start_demo PYROSH: `PYROSH demo --serve` on a free port. Sets DEMO (its
# pid) and DEMOPORT; fails when it does not answer a call within 10 seconds.
start_demo() {
	DEMOPORT=$(freeport)
	"$1" demo --serve --port "$DEMOPORT" --ns-port "$(freeport)" >"$TMP/demo.out" 2>&1 &
	DEMO=$!
	for _ in $(seq 100); do
		grep -qs 'serving' "$TMP/demo.out" && break
		sleep 0.1
	done
	"$1" call "PYRO:Example@127.0.0.1:$DEMOPORT" hello >/dev/null ||
		{ echo "demo daemon did not start: $(cat "$TMP/demo.out")" >&2; return 1; }
}
