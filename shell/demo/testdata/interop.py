"""Calls pyrosh's demo daemon through a real Pyro4 or Pyro5 proxy (shell/demo tests).

argv[1] is a JSON object: protocol (4, the default, or 5), serializer, example (URI),
showcase (URI or ""), and for Pyro5 ns_host and ns_port (or none) for the name-server
steps. Prints a JSON object: step name -> repr of the result or "!Class: message".
"""
import json
import sys
import time

req = json.loads(sys.argv[1])
ser = req["serializer"]
if req.get("protocol", 4) == 5:
    import Pyro5.api
    import Pyro5.errors
    Pyro5.config.SERIALIZER = ser
    Pyro5.config.COMMTIMEOUT = 10
    Proxy, batch_of, URI = Pyro5.api.Proxy, Pyro5.api.BatchProxy, Pyro5.api.URI
    remote_traceback = Pyro5.errors.get_pyro_traceback
else:
    import Pyro4
    import Pyro4.util
    Pyro4.config.SERIALIZER = ser
    Pyro4.config.COMMTIMEOUT = 10
    Proxy, batch_of, URI = Pyro4.Proxy, Pyro4.batch, Pyro4.URI
    remote_traceback = Pyro4.util.getPyroTraceback
out = {}


def step(name, fn):
    try:
        out[name] = repr(fn())
    except Exception as e:
        out[name] = "!%s: %s" % (type(e).__name__, e)


values = [None, True, False, 0, -7, 2 ** 70, -2 ** 70, 1.5, -0.0, float("inf"),
          "", "it's", 'q"', "tab\t nl\n bs\\ nul\x00 \u00e9\u20ac\U0001F600",
          (), (1,), (1, "a"), [], [1, [2, [3]]], {}, {"a": 1, "b": [None]}]
if ser != "json":
    values += [complex(1, -2.5)] if ser != "msgpack" else []
    values += [b"\x00\xffab"]
if ser in ("serpent", "marshal"):
    values += [{1, 2}, frozenset({"x"}), {1: "a", (1, 2): "b"}]

ex = Proxy(req["example"])
step("hello", ex.hello)
step("echo_1_a", lambda: ex.echo(1, "a"))
for i, v in enumerate(values):
    step("echo%02d" % i, lambda v=v: ex.echo(v))
step("echo_all", lambda: ex.echo(*values))

if req.get("showcase"):
    p = Proxy(req["showcase"])
    p._pyroBind()
    step("meta", lambda: (sorted(p._pyroMethods), sorted(p._pyroOneway), sorted(p._pyroAttrs)))

    def divide():
        try:
            p.divide(1, 0)
        except ZeroDivisionError as e:
            tb = e._pyroTraceback
            return (type(e).__name__, str(e), tb[0], tb[1].split(",")[0], tb[-1],
                    "".join(remote_traceback()).count("+--- This exception occured remotely"))
    step("divide", divide)
    step("divide_ok", lambda: p.divide(7, 2))
    step("greet", lambda: p.greet("bob", punctuation="?"))
    step("greet_missing", lambda: p.greet())
    step("value", lambda: p.value)

    def set_value():
        p.value = [1, "two"]
        got = p.value
        p.value = 42
        return got
    step("set_value", set_value)
    step("name", lambda: p.name)

    def set_name():
        p.name = "x"
    step("set_name", set_name)
    step("nosuch_attr", lambda: p._pyroInvoke("__getattr__", ("nosuch",), None))
    step("count", lambda: list(p.count(4)))

    def count_early_close():
        it = p.count(100)
        first = next(it)
        it.close()
        return first, p.hello()
    step("count_close", count_early_close)

    def fire():
        before = p.fired()
        p.fire(3)
        deadline = time.time() + 5
        while p.fired() == before and time.time() < deadline:
            time.sleep(0.01)
        return p.fired() - before
    step("fire", fire)

    def child():
        c = p.make_child("kid")
        return type(c).__name__, c._pyroUri.object, c.hello(), c.name
    step("child", child)

    def batch():
        b = batch_of(p)
        b.hello()
        b.echo(1, 2)
        b.divide(1, 0)
        b.hello()
        got = []
        try:
            for r in b():
                got.append(r)
        except Exception as e:
            got.append("!%s: %s" % (type(e).__name__, e))
        return got
    step("batch", batch)
    step("big", lambda: p.big(2))
    step("unknown_method", lambda: p._pyroInvoke("nosuch", (), {}))

    def types():
        d = p.types()
        return sorted(d), repr(d["big_int"]), repr(d["negative_zero"]), repr(d["nan"]), repr(d["str"])
    if ser != "json":
        step("types", types)

    d = Proxy(req["showcase"].replace("Showcase", "Pyro.Daemon", 1))
    step("registered", lambda: "Showcase" in d.registered())
    step("get_metadata", lambda: sorted(d.get_metadata("Showcase")["oneway"]))
    step("unknown_object", lambda: Proxy(req["showcase"].replace("Showcase", "nope", 1)).hello())

if req.get("ns_port"):
    # Pyro5's name-server calls (yplookup, metadata as sets).
    host, port = req["ns_host"], req["ns_port"]
    ns = Pyro5.api.locate_ns(host, port)
    step("ns_ping", ns.ping)
    step("ns_list", lambda: sorted(ns.list()))
    step("ns_list_prefix", lambda: sorted(ns.list(prefix="demo.")))
    step("ns_lookup", lambda: str(ns.lookup("demo.example")))
    step("ns_lookup_meta", lambda: (type(ns.lookup("demo.example", return_metadata=True)[0]).__name__,
                                   sorted(ns.lookup("demo.example", return_metadata=True)[1])))
    step("ns_lookup_unknown", lambda: ns.lookup("nope"))
    step("ns_yplookup", lambda: sorted((k, v[0], sorted(v[1])) for k, v in ns.yplookup(meta_all={"demo"}).items()))
    step("ns_yplookup_any", lambda: ns.yplookup(meta_any={"class:demo.Showcase"}, return_metadata=False))
    step("ns_yplookup_none", lambda: ns.yplookup())
    step("ns_pyroname", lambda: Proxy("PYRONAME:demo.example@%s:%d" % (host, port)).echo(1, "a"))
    step("ns_pyrometa", lambda: Proxy("PYROMETA:class:demo.Showcase@%s:%d" % (host, port)).greet("x"))

    def writes():
        ns.register("test.obj", URI(req["example"]), metadata={"t1"})
        got = [sorted(ns.lookup("test.obj", return_metadata=True)[1])]
        ns.set_metadata("test.obj", ["t2", "t3"])
        got.append(sorted(ns.yplookup(meta_any=["t3"], return_metadata=False)))
        got.append(ns.remove("test.obj"))
        got.append(ns.count())
        return got
    step("ns_writes", writes)

sys.stdout.write(json.dumps(out, sort_keys=True))
