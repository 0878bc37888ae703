"""Times Python's serpent.loads on a payload file, for comparison with
BenchmarkDecodeLarge. Usage: /usr/bin/python3 python_bench.py PAYLOAD [ROUNDS]
Prints one line: the best round's seconds and MB/s."""
import sys
import time

import serpent

data = open(sys.argv[1], "rb").read()
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
best = None
for _ in range(rounds):
    t0 = time.perf_counter()
    serpent.loads(data)
    dt = time.perf_counter() - t0
    best = dt if best is None or dt < best else best
print("%.4f s %.2f MB/s" % (best, len(data) / best / 1e6))
