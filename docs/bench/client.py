"""The Python Pyro4 (or, with BENCH_PYRO=5, Pyro5) side of docs/bench/compare.sh.

client.py loop URI N   N sequential echo(1) calls over one proxy; prints
                       "calls_per_s cpu_s_per_call" measured around the loop
                       only (time.process_time: this process's user+sys), so
                       interpreter start-up and import are not counted.
client.py threads URI N C
                       N echo(1) calls spread over C threads, each with its
                       own proxy (so C connections, as `pyrosh bench -c C`);
                       prints "calls_per_s".
client.py big URI N [METHOD]
                       json.dumps(proxy.big(N)) written to /dev/null; METHOD
                       bigdict calls bigdict(N), N records under str keys.
client.py payload SER N [METHOD]
                       the size in bytes of big(N)'s (or bigdict(N)'s) RESULT
                       payload in serializer SER, uncompressed, as Pyro4
                       writes it.
client.py floor N      the server's own share of big(N): building the list
                       and serpent.dumps, in this process; prints
                       "build_s dumps_s payload_bytes".
"""
import json
import os
import sys
import time

if os.environ.get("BENCH_PYRO") == "5":
    import Pyro5.api as Pyro  # Proxy, as Pyro4 has it
else:
    import Pyro4 as Pyro


def loop(uri, n):
    p = Pyro.Proxy(uri)
    p._pyroBind()
    p.echo(1)
    c0, t0 = time.process_time(), time.perf_counter()
    for _ in range(n):
        p.echo(1)
    c1, t1 = time.process_time(), time.perf_counter()
    print("%.3f %.9f" % (n / (t1 - t0), (c1 - c0) / n))


def threads(uri, n, c):
    import threading
    ready = threading.Barrier(c + 1)

    def run(k):
        p = Pyro.Proxy(uri)  # made in its thread: Pyro5 proxies belong to one
        p._pyroBind()
        p.echo(1)
        ready.wait()
        for _ in range(k):
            p.echo(1)

    ts = [threading.Thread(target=run, args=(n // c,)) for _ in range(c)]
    for t in ts:
        t.start()
    ready.wait()
    t0 = time.perf_counter()
    for t in ts:
        t.join()
    print("%.3f" % ((n // c) * c / (time.perf_counter() - t0)))


def big(uri, n, method="big"):
    p = Pyro.Proxy(uri)
    with open("/dev/null", "w") as f:
        f.write(json.dumps(getattr(p, method)(n)))


def payload(ser, n, method="big"):
    import Pyro4.util
    v = [{"id": i, "name": "item%d" % i, "score": i * 0.5, "tags": ["a", "b"]} for i in range(n)]
    if method == "bigdict":
        v = {"k%d" % i: r for i, r in enumerate(v)}
    data, _ = Pyro4.util.get_serializer(ser).serializeData(v, compress=False)
    print(len(data))


def floor(n):
    import serpent
    t0 = time.perf_counter()
    v = [{"id": i, "name": "item%d" % i, "score": i * 0.5, "tags": ["a", "b"]} for i in range(n)]
    t1 = time.perf_counter()
    data = serpent.dumps(v, module_in_classname=True)
    t2 = time.perf_counter()
    print("%.6f %.6f %d" % (t1 - t0, t2 - t1, len(data)))


def main():
    cmd = sys.argv[1]
    if cmd == "loop":
        loop(sys.argv[2], int(sys.argv[3]))
    elif cmd == "threads":
        threads(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif cmd == "big":
        big(sys.argv[2], int(sys.argv[3]), *sys.argv[4:5])
    elif cmd == "floor":
        floor(int(sys.argv[2]))
    elif cmd == "payload":
        payload(sys.argv[2], int(sys.argv[3]), *sys.argv[4:5])
    else:
        sys.exit("usage: client.py loop URI N | threads URI N C | big URI N [METHOD] | payload SER N [METHOD] | floor N")


if __name__ == "__main__":
    main()
