#!/bin/sh
# decode_cpu.sh OLD_DIR NEW_DIR [ROUNDS] — decode throughput per CPU second,
# old against new, for a loaded machine where wall time is noise.
# decode_cpu.sh DIR [ROUNDS] — the same for one set of binaries
# (docs/bench/compare.sh uses it so).
#
# Each DIR holds test binaries built with
#   go test -c -o DIR/CODEC.test ./pyro/codec/CODEC
# for CODEC in serpent json marshal msgpack (pickle if present). For every
# round and codec it runs BenchmarkDecodeLarge (100,000 dicts) with
# -benchtime 1x and 11x, old and new alternating, and takes the CPU time
# (user+sys, /usr/bin/time) of the ten extra decodes: setup cancels out,
# and time the process spends waiting for a core is not counted. Prints
# one line per codec: median CPU ms per decode, old and new, MB per CPU
# second, allocations per record from the 11x run, and the benchmark's
# own wall MB/s of the 11x run (median).
set -eu
old=$1
if [ -d "${2:-}" ]; then
	new=$2 rounds=${3:-5} sides="old new"
else
	new=$1 rounds=${2:-5} sides="one"
fi
one=$old
cpu() { # binary benchtime -> "cpu_seconds ns_per_op MB/s allocs"
	/usr/bin/time -f '%U %S' -o /tmp/decode_cpu.$$ "$1" -test.run '^$' -test.bench 'DecodeLarge$' \
		-test.benchtime "$2" -test.benchmem >/tmp/decode_cpu_out.$$ 2>&1
	read -r u s </tmp/decode_cpu.$$
	line=$(grep '^BenchmarkDecodeLarge' /tmp/decode_cpu_out.$$)
	echo "$u $s $line" | awk '{print $1+$2, $5, $7, $(NF-1)}'
}
for c in serpent json marshal msgpack pickle; do
	[ -x "$old/$c.test" ] && [ -x "$new/$c.test" ] || continue
	for side in $sides; do : >"/tmp/decode_cpu_$side.$$"; done
	for r in $(seq "$rounds"); do
		for side in $sides; do
			eval bin=\$$side/$c.test
			a=$(cpu "$bin" 1x)
			b=$(cpu "$bin" 11x)
			echo "$a $b" | awk '{printf "%.3f %.0f %s %s\n", ($5-$1)/10*1000, $6*$7/1000, $8, $7}' >>"/tmp/decode_cpu_$side.$$"
		done
	done
	for side in $sides; do
		w=$(sort -g -k4 "/tmp/decode_cpu_$side.$$" | awk -v n="$rounds" 'NR==int((n+1)/2){print $4}')
		sort -n "/tmp/decode_cpu_$side.$$" | awk -v n="$rounds" -v c="$c" -v s="$side" -v w="$w" \
			'NR==int((n+1)/2){printf "%-8s %-4s %8.1f ms/decode  %6.1f MB/cpu-s  %5.2f allocs/record  %6.1f MB/s wall\n", c, s, $1, $2/1e6/($1/1000), $3/100000, w}'
	done
done
rm -f /tmp/decode_cpu*.$$
