"""Test server for pyrosh's Go tests (package pyrotest): real Pyro5 daemons and name servers.

The Pyro5 twin of server.py: the same objects, the same options and READY lines. Run as
`PYTHONPATH=<Pyro5 install> /usr/bin/python3 -u server5.py` with no PYRO_* variable set (an
unknown one makes `import Pyro5` fail). The first line on stdin is a JSON object of options;
stdin then stays open as a lifeline: when it reaches EOF the process exits, so a dying test
binary never leaves this daemon behind. The readiness signal is one stdout line:

    READY <location>                  (mode "daemon")
    READY <ns-location> <location>    (mode "ns")
    READY <ns-location> <location> <broadcast-location>   (mode "ns" with "broadcast")

where a location is Pyro5's locationStr: "127.0.0.1:PORT" or "./u:/path/to/socket".
"""

import collections
import datetime
import decimal
import json
import os
import sys
import threading
import time
import types
import uuid

import Pyro5
import Pyro5.api
import Pyro5.errors
import Pyro5.nameserver
import Pyro5.server


class CustomError(Exception):
    """A user-defined exception with an extra attribute."""

    def __init__(self, message, code):
        super(CustomError, self).__init__(message, code)
        self.code = code


class Point(object):
    def __init__(self, x, y):
        self.x = x
        self.y = y


# Pyro's dict_to_class refuses class names containing "__", so "__main__.CustomError" could
# never be read back; a module entry lets pickle find the classes by that name too.
_module = types.ModuleType("testobjects")
for _cls in (CustomError, Point):
    _cls.__module__ = "testobjects"
    setattr(_module, _cls.__name__, _cls)
sys.modules["testobjects"] = _module


@Pyro5.api.expose
class Example(object):
    """The seed example."""

    def hello(self):
        return "hello"

    def echo(self, *args):
        return args


@Pyro5.api.expose
class Child(object):
    def __init__(self, name):
        self._name = name

    def hello(self):
        return "child " + self._name


@Pyro5.api.expose
class Thing(object):
    def __init__(self):
        self._value = 42
        self._fired = []
        self._lock = threading.Lock()

    def echo(self, x):
        return x

    def echo_kw(self, *args, **kwargs):
        return [list(args), kwargs]

    def add(self, a, b):
        return a + b

    def divide(self, a, b):
        return a / b

    def fail(self, msg):
        raise ValueError(msg, 42)

    def custom_error(self):
        raise CustomError("custom failure", 7)

    @property
    def value(self):
        return self._value

    @value.setter
    def value(self, v):
        self._value = v

    @property
    def name(self):
        return "thing"

    @Pyro5.api.oneway
    def fire(self, n):
        with self._lock:
            self._fired.append(n)

    def fired(self):
        with self._lock:
            return list(self._fired)

    def count(self, n):
        for i in range(n):
            yield i

    def slow_count(self, n, delay):
        for i in range(n):
            if i:
                time.sleep(delay)
            yield i

    def sleep(self, seconds):
        time.sleep(seconds)
        return seconds

    def make_child(self, name):
        child = Child(name)
        self._pyroDaemon.register(child)
        return child

    def types(self):
        return {
            "none": None,
            "true": True,
            "false": False,
            "big": 2 ** 100,
            "negative": -7,
            "negzero": -0.0,
            "nan": float("nan"),
            "inf": float("inf"),
            "complex": complex(1, -2.5),
            "str": "quote' dquote\" bs\\ nl\n tab\t nul\x00 \u00e9\u20ac\U0001F600",
            "bytes": b"\x00\x01\xffab",
            "tuple": (1, "a", None),
            "tuple1": (1,),
            "list": [1, [2, 3], "x"],
            "dict": {"inner": {1: "int key", (1, 2): "tuple key"}},
            "set": {1, 2, 3},
            "frozenset": frozenset({"a"}),
            "decimal": decimal.Decimal("3.14159265358979323846"),
            "datetime": datetime.datetime(2024, 1, 2, 3, 4, 5, 678900),
            "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
            "object": Point(1, 2),
        }

    def big(self, n):
        return [{"id": i, "name": "item%d" % i, "score": i * 0.5, "tags": ["a", "b"]} for i in range(n)]


def configure(opts):
    c = Pyro5.config
    c.SERVERTYPE = "thread"
    c.THREADPOOL_SIZE = 64
    c.THREADPOOL_SIZE_MIN = 8
    c.COMPRESSION = bool(opts.get("compression"))
    if opts.get("max_message_size"):
        c.MAX_MESSAGE_SIZE = int(opts["max_message_size"])
    c.ITER_STREAMING = not opts.get("no_streaming")
    if opts.get("ssl"):
        c.SSL = True
        c.SSL_SERVERCERT = opts["server_cert"]
        c.SSL_SERVERKEY = opts["server_key"]
        c.SSL_CACERTS = opts["ca_cert"]
        c.SSL_REQUIRECLIENTCERT = bool(opts.get("require_client_cert"))


class TokenDaemon(Pyro5.server.Daemon):
    """Accepts a connection only when the handshake is {'token': <the token>}."""

    token = None

    def validateHandshake(self, conn, data):
        if not isinstance(data, dict) or data.get("token") != self.token:
            raise ValueError("bad token: %r" % (data,))
        return {"welcome": data["token"]}


class HandshakeDaemon(Pyro5.server.Daemon):
    """A daemon that checks the handshake data, as server.py's Pyro4 one."""

    expected = None

    def validateHandshake(self, conn, data):
        if data != self.expected:
            raise ValueError("bad handshake data: %r" % (data,))
        return {"greeting": "welcome", "data": data}


def object_daemon(opts):
    cls = Pyro5.server.Daemon
    if opts.get("handshake") is not None:
        cls = HandshakeDaemon
        cls.expected = opts["handshake"]
    if opts.get("handshake_token"):
        cls = TokenDaemon
        TokenDaemon.token = opts["handshake_token"]
    if opts.get("unix_socket"):
        daemon = cls(unixsocket=opts["unix_socket"])
    else:
        daemon = cls(host="127.0.0.1", port=int(opts.get("port") or 0))
    daemon.register(Example(), "Example")
    daemon.register(Thing(), "Thing")
    return daemon


def lifeline():
    # Block until the parent closes stdin (or dies), then leave at once.
    sys.stdin.buffer.read()
    os._exit(0)


def loop_in_thread(daemon):
    t = threading.Thread(target=daemon.requestLoop, daemon=True)
    t.start()


def main():
    opts = json.loads(sys.stdin.buffer.readline())
    configure(opts)
    daemon = object_daemon(opts)
    if opts.get("mode") == "ns":
        _, ns_daemon, _ = Pyro5.nameserver.start_ns(host="127.0.0.1", port=int(opts.get("ns_port") or 0),
                                                   enableBroadcast=False)
        for reg in opts.get("registrations") or []:
            uri = reg.get("uri") or "PYRO:%s@%s" % (reg["object_id"], daemon.locationStr)
            ns_daemon.nameserver.register(reg["name"], uri, metadata=set(reg.get("metadata") or []))
        loop_in_thread(ns_daemon)
        loop_in_thread(daemon)
        if opts.get("broadcast"):
            # Pyro5's own broadcast responder, on loopback only (start_ns
            # starts none for a 127.x name server).
            bc = Pyro5.nameserver.BroadcastServer(ns_daemon.uriFor(ns_daemon.nameserver), bchost="127.0.0.1", bcport=0)
            bc.runInThread()
            print("READY %s %s %s" % (ns_daemon.locationStr, daemon.locationStr, bc.locationStr), flush=True)
        else:
            print("READY %s %s" % (ns_daemon.locationStr, daemon.locationStr), flush=True)
    else:
        loop_in_thread(daemon)
        print("READY %s" % daemon.locationStr, flush=True)
    lifeline()


if __name__ == "__main__":
    main()
