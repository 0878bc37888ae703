"""Calls pyrosh's demo daemon through a real Pyro4 proxy (shell/demo tests).

argv[1] is a JSON object: serializer, example (URI), showcase (URI or "").
Prints a JSON object: step name -> repr of the result or "!Class: message".
"""
import json
import sys
import time

import Pyro4
import Pyro4.util

req = json.loads(sys.argv[1])
Pyro4.config.SERIALIZER = req["serializer"]
ser = req["serializer"]
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

ex = Pyro4.Proxy(req["example"])
ex._pyroTimeout = 10
step("hello", ex.hello)
for i, v in enumerate(values):
    step("echo%02d" % i, lambda v=v: ex.echo(v))
step("echo_all", lambda: ex.echo(*values))

if req.get("showcase"):
    p = Pyro4.Proxy(req["showcase"])
    p._pyroTimeout = 10
    p._pyroBind()
    step("meta", lambda: (sorted(p._pyroMethods), sorted(p._pyroOneway), sorted(p._pyroAttrs)))

    def divide():
        try:
            p.divide(1, 0)
        except ZeroDivisionError as e:
            tb = e._pyroTraceback
            return (type(e).__name__, str(e), tb[0], tb[1].split(",")[0], tb[-1],
                    "".join(Pyro4.util.getPyroTraceback()).count("+--- This exception occured remotely"))
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
        b = Pyro4.batch(p)
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

    d = Pyro4.Proxy(req["showcase"].replace("Showcase", "Pyro.Daemon", 1))
    d._pyroTimeout = 10
    step("registered", lambda: "Showcase" in d.registered())
    step("get_metadata", lambda: sorted(d.get_metadata("Showcase")["oneway"]))
    step("unknown_object", lambda: Pyro4.Proxy(req["showcase"].replace("Showcase", "nope", 1)).hello())

sys.stdout.write(json.dumps(out, sort_keys=True))
