"""Runs the same name server calls against pyrosh's demo name server and a
real Pyro4 name server started here (shell/demo tests).

argv[1] is a JSON object: serializer, host, port (the demo name server),
example and showcase (the demo objects' URIs).
Prints a JSON object {"go": steps, "py": steps}: step name -> repr of the
result or "!Class: message", with each name server's location replaced by
NSLOC and metadata lists sorted.
"""
import json
import sys
import threading

import Pyro4
import Pyro4.naming

req = json.loads(sys.argv[1])
ser = req["serializer"]
Pyro4.config.SERIALIZER = ser
Pyro4.config.SERIALIZERS_ACCEPTED = {"serpent", "json", "marshal", "msgpack"}
Pyro4.config.COMMTIMEOUT = 10

pyuri, pydaemon, _ = Pyro4.naming.startNS(host="127.0.0.1", port=0, enableBroadcast=False)
threading.Thread(target=pydaemon.requestLoop, daemon=True).start()
pydaemon.nameserver.register("demo.example", req["example"], metadata={"class:demo.Example", "demo"})
pydaemon.nameserver.register("demo.showcase", req["showcase"], metadata={"class:demo.Showcase", "demo"})


def norm(v):
    """Sorts metadata lists, so that set order does not matter, and shows
    URIs as strings; tuples stay tuples, lists lists."""
    if isinstance(v, dict):
        return {k: norm(x) for k, x in v.items()}
    if isinstance(v, (tuple, list)):
        items = [norm(x) for x in v]
        if len(items) == 2 and isinstance(items[1], list):
            items[1] = sorted(items[1])
        return type(v)(items)
    if isinstance(v, Pyro4.core.URI):
        return "URI " + str(v)
    return v


def run(ns, nsloc, host, port):
    out = {}

    def step(name, fn, class_only=False):
        try:
            r = repr(norm(fn()))
        except Exception as e:
            r = "!" + type(e).__name__
            if not class_only:
                r += ": %s" % e
        out[name] = r.replace(nsloc, "NSLOC")

    step("list", ns.list)
    step("list_meta", lambda: ns.list(return_metadata=True))
    step("prefix", lambda: ns.list(prefix="demo."))
    step("prefix_meta", lambda: ns.list(prefix="demo.", return_metadata=True))
    step("empty_prefix", lambda: ns.list(prefix=""))
    step("regex", lambda: ns.list(regex=r"demo\.s.*"))
    step("regex_anchored", lambda: ns.list(regex="show"))
    step("regex_bad", lambda: ns.list(regex="("), class_only=True)
    step("meta_all", lambda: ns.list(metadata_all=["demo", "class:demo.Example"]))
    step("meta_all_set", lambda: ns.list(metadata_all={"demo"}, return_metadata=True))
    step("meta_any", lambda: ns.list(metadata_any=["class:demo.Showcase", "nope"]))
    step("meta_none", lambda: ns.list(metadata_all=["nope"]))
    step("meta_str", lambda: ns.list(metadata_all="demo"))
    step("two_filters", lambda: ns.list(prefix="a", regex="b"))
    step("two_filters_empty", lambda: ns.list(prefix="", metadata_any=[]))
    step("lookup", lambda: ns.lookup("demo.example"))
    step("lookup_type", lambda: type(ns.lookup("demo.example")).__name__)
    step("lookup_meta", lambda: ns.lookup("demo.showcase", return_metadata=True))
    step("lookup_ns", lambda: ns.lookup("Pyro.NameServer", return_metadata=True))
    step("lookup_unknown", lambda: ns.lookup("nobody"))
    step("count", ns.count)
    step("ping", ns.ping)
    step("register", lambda: ns.register("extra.one", "PYRO:x@127.0.0.1:1", metadata=["m", "n"]))
    step("register_uri", lambda: ns.register("extra.two", Pyro4.URI("PYRO:y@127.0.0.1:2")))
    step("register_safe", lambda: ns.register("extra.one", "PYRO:z@127.0.0.1:3", safe=True))
    step("register_bad_uri", lambda: ns.register("bad", "nonsense"), class_only=True)
    step("register_bad_name", lambda: ns.register(123, "PYRO:x@127.0.0.1:1"))
    step("register_str_meta", lambda: ns.register("bad", "PYRO:x@127.0.0.1:1", metadata="m"))
    step("after_register", lambda: ns.list(prefix="extra.", return_metadata=True))
    step("set_metadata", lambda: ns.set_metadata("extra.two", ["p", "q"]))
    step("set_metadata_unknown", lambda: ns.set_metadata("nobody", ["p"]))
    step("lookup_two", lambda: ns.lookup("extra.two", return_metadata=True))
    step("list_all_meta", lambda: ns.list(return_metadata=True))
    step("remove", lambda: ns.remove("extra.one"))
    step("remove_missing", lambda: ns.remove("extra.one"))
    step("remove_ns", lambda: ns.remove("Pyro.NameServer"))
    step("remove_regex_ns", lambda: ns.remove(regex="Pyro"))
    step("remove_prefix", lambda: ns.remove(prefix="extra."))
    step("count_after", ns.count)
    step("pyroname", lambda: Pyro4.Proxy("PYRONAME:demo.example@%s:%d" % (host, port)).hello())
    step("pyrometa", lambda: Pyro4.Proxy("PYROMETA:class:demo.Showcase@%s:%d" % (host, port)).greet("Ada"))
    step("pyrometa_none", lambda: Pyro4.Proxy("PYROMETA:nope@%s:%d" % (host, port)).hello())
    return out


gons = Pyro4.locateNS(req["host"], req["port"])
pyns = Pyro4.Proxy(pyuri)
result = {
    "go": run(gons, "%s:%d" % (req["host"], req["port"]), req["host"], req["port"]),
    "py": run(pyns, "%s:%d" % (pyuri.host, pyuri.port), pyuri.host, pyuri.port),
}
print(json.dumps(result))
