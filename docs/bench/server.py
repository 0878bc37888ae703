"""A Pyro4 (or, with BENCH_PYRO=5, Pyro5) daemon for docs/bench/compare.sh.

Serves one object, "Bench", on 127.0.0.1 and a free port (or --port N),
prints "URI PYRO:Bench@127.0.0.1:PORT" when it is ready, and runs until it
is killed or its stdin closes.
"""
import argparse
import os
import sys
import threading

if os.environ.get("BENCH_PYRO") == "5":
    import Pyro5.api as Pyro  # expose, Daemon, Proxy and config, as Pyro4 has them
else:
    import Pyro4 as Pyro


@Pyro.expose
class Bench(object):
    def hello(self):
        return "hello"

    def echo(self, *args):
        return args

    def big(self, n):
        return [{"id": i, "name": "item%d" % i, "score": i * 0.5, "tags": ["a", "b"]} for i in range(n)]

    def bigdict(self, n):
        return {"k%d" % i: {"id": i, "name": "item%d" % i, "score": i * 0.5, "tags": ["a", "b"]} for i in range(n)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--servertype", default="thread", choices=["thread", "multiplex"])
    opts = ap.parse_args()
    Pyro.config.SERVERTYPE = opts.servertype
    if hasattr(Pyro.config, "SERIALIZERS_ACCEPTED"):  # Pyro5 accepts them all
        # pickle too: rss.sh measures it (SERIALIZERS=pickle); a local bench daemon only.
        Pyro.config.SERIALIZERS_ACCEPTED = {"serpent", "json", "marshal", "msgpack", "pickle"}
    daemon = Pyro.Daemon(host="127.0.0.1", port=opts.port)
    uri = daemon.register(Bench(), "Bench")
    threading.Thread(target=daemon.requestLoop, daemon=True).start()
    print("URI %s" % uri, flush=True)
    # Leave when the parent closes our stdin (or dies).
    sys.stdin.buffer.read()
    os._exit(0)


if __name__ == "__main__":
    main()
