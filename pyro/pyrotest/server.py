"""Test server for pyrosh's Go tests (package pyrotest): real Pyro4 daemons and name servers.

Run as `/usr/bin/python3 -u server.py`. The first line on stdin is a JSON object of options;
stdin then stays open as a lifeline: when it reaches EOF the process exits, so a dying test
binary never leaves this daemon behind. The readiness signal is one stdout line:

    READY <location>                  (mode "daemon")
    READY <ns-location> <location>    (mode "ns")

where a location is Pyro4's locationStr: "127.0.0.1:PORT" or "./u:/path/to/socket".
"""

import array
import collections
import datetime
import decimal
import fractions
import json
import os
import sys
import threading
import time
import types
import uuid

import Pyro4
import Pyro4.naming


class CustomError(Exception):
    """A user-defined exception with an extra attribute."""

    def __init__(self, message, code):
        super(CustomError, self).__init__(message, code)
        self.code = code


class Point(object):
    def __init__(self, x, y):
        self.x = x
        self.y = y


# Pyro4's dict_to_class refuses class names containing "__", so "__main__.CustomError" could
# never be read back; a module entry lets pickle find the classes by that name too.
_module = types.ModuleType("testobjects")
for _cls in (CustomError, Point):
    _cls.__module__ = "testobjects"
    setattr(_module, _cls.__name__, _cls)
sys.modules["testobjects"] = _module


@Pyro4.expose
class Example(object):
    """The seed example."""

    def hello(self):
        return "hello"

    def echo(self, *args):
        return args


@Pyro4.expose
class Child(object):
    def __init__(self, name):
        self._name = name

    def hello(self):
        return "child " + self._name


@Pyro4.expose
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

    @Pyro4.oneway
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

    def open_streams(self):
        # How many remote iterators the daemon still holds (closed ones are gone).
        return len(self._pyroDaemon.streaming_responses)

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

    def big(self, n, shape="list"):
        """n small dicts: a list; with shape "dict" a dict of them under the
        keys "k0"..., with "dupdict" that dict between the keys 1 and "1",
        which the json serializer writes as one key twice."""
        records = [{"id": i, "name": "item%d" % i, "score": i * 0.5, "tags": ["a", "b"]} for i in range(n)]
        if shape == "list":
            return records
        d = {1: "first"} if shape == "dupdict" else {}
        d.update(("k%d" % i, r) for i, r in enumerate(records))
        if shape == "dupdict":
            d["1"] = "last"
        return d


# HOSTILE is text a hostile daemon puts where pyrosh prints text: it retitles
# the terminal and clears the screen if printed as it is.
HOSTILE = "\x1b]0;pwned-title\x07\x1b[2J"


def _recursive_list():
    rec = [1, 2]
    rec.append(rec)
    return rec


def _recursive_dict():
    d = {"a": 1}
    d["self"] = d
    return d


def _defaultdict():
    d = collections.defaultdict(list)
    d["a"].append(1)
    return d


# FIDELITY_VALUES are the values Fidelity.value returns by name: the standard
# library's value types as a Python proxy sees them (issue: exact fidelity).
FIDELITY_VALUES = {
    "decimal": lambda: decimal.Decimal("3.14159265358979323846264338327950288"),
    "decimal_special": lambda: [decimal.Decimal("-0"), decimal.Decimal("NaN"), decimal.Decimal("-Infinity"), decimal.Decimal("1E+3")],
    "datetime": lambda: datetime.datetime(2017, 9, 28, 15, 7, 1, 123456),
    "datetime_tz": lambda: datetime.datetime(2017, 9, 28, 15, 7, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=2))),
    "datetime_utc": lambda: datetime.datetime(2017, 9, 28, 15, 7, tzinfo=datetime.timezone.utc),
    "date": lambda: datetime.date(2017, 9, 28),
    "time": lambda: datetime.time(15, 7, 1, 5),
    "time_tz": lambda: datetime.time(15, 7, tzinfo=datetime.timezone(-datetime.timedelta(hours=5, minutes=30), "IST")),
    "timedelta": lambda: datetime.timedelta(days=1, seconds=3, microseconds=500000),
    "timedelta_neg": lambda: datetime.timedelta(days=-1, seconds=5),
    "timezone": lambda: datetime.timezone(datetime.timedelta(hours=1)),
    "uuid": lambda: uuid.UUID("12345678-1234-5678-1234-567812345678"),
    "array": lambda: array.array("i", [1, 2, 3]),
    "array_float": lambda: array.array("d", [1.5, -2.0]),
    "array_unicode": lambda: array.array("u", "hi"),
    "array_empty": lambda: array.array("b"),
    "bytearray": lambda: bytearray(b"\x80abc"),
    "range": lambda: range(0, 3),
    "range_step": lambda: range(10, -5, -3),
    "slice": lambda: slice(1, None, 2),
    "ordereddict": lambda: collections.OrderedDict([("b", 1), ("a", 2)]),
    "ordereddict_empty": lambda: collections.OrderedDict(),
    "deque": lambda: collections.deque([1, 2, 3]),
    "deque_maxlen": lambda: collections.deque([1, 2], maxlen=5),
    "counter": lambda: collections.Counter("abracadabra"),
    "defaultdict": _defaultdict,
    "fraction": lambda: fractions.Fraction(3, 4),
    "complex": lambda: complex(1, -2.5),
    "mixed": lambda: {"when": datetime.date(2020, 1, 2), "amount": decimal.Decimal("1.10"), "ids": [uuid.UUID(int=1)]},
    "recursive_list": _recursive_list,
    "recursive_dict": _recursive_dict,
    "surrogate": lambda: "a\udcffb",
}


class KeyErrorWithAttrs(KeyError):
    pass


@Pyro4.expose
class Fidelity(object):
    """Values and exceptions that must print exactly as Python sees them."""

    def value(self, name):
        return FIDELITY_VALUES[name]()

    def names(self):
        return sorted(FIDELITY_VALUES)

    def pformat(self, name, width):
        import pprint
        return pprint.pformat(FIDELITY_VALUES[name](), width=width, sort_dicts=False)

    def as_json(self, name):
        """The value as pyrosh's -o json writes it: the forms Pyro4's serializers
        send for the standard library's types."""
        import base64

        def default(o):
            if isinstance(o, (decimal.Decimal, uuid.UUID, fractions.Fraction, datetime.timezone)):
                return str(o)
            if isinstance(o, (datetime.date, datetime.time)):
                return o.isoformat()
            if isinstance(o, datetime.timedelta):
                return o.total_seconds()
            if isinstance(o, array.array):
                return o.tounicode() if o.typecode in "uw" else o.tolist()
            if isinstance(o, (bytes, bytearray)):
                return base64.b64encode(o).decode()
            if isinstance(o, (range, slice)):
                return {"start": o.start, "stop": o.stop, "step": o.step}
            if isinstance(o, collections.deque):
                return list(o)
            if isinstance(o, complex):
                return repr(o)
            raise TypeError(type(o))
        return json.dumps(FIDELITY_VALUES[name](), default=default)

    def raise_attrs(self):
        e = KeyError("missing")
        e.code = 404
        e.detail = {"why": "gone"}
        raise e

    def raise_unserializable(self):
        raise ValueError(b"\xff\xfe")

    def hostile(self):
        raise ValueError("message " + HOSTILE)

    def hostile_class(self):
        raise type("Bad" + HOSTILE + "Error", (Exception,), {})("x")

    def huge_traceback(self, lines):
        raise ValueError("\n".join("line %d" % i for i in range(lines)))

    def huge_message(self, size):
        raise ValueError("x" * size)


# A method whose name is hostile text, listed in Fidelity's metadata.
setattr(Fidelity, "m" + HOSTILE, Pyro4.expose(lambda self: 1))


def configure(opts):
    c = Pyro4.config
    c.SERVERTYPE = "thread"
    size = int(opts.get("threadpool_size") or 0)
    c.THREADPOOL_SIZE = size or 64
    c.THREADPOOL_SIZE_MIN = min(size, 8) if size else 8
    c.SERIALIZERS_ACCEPTED = set(opts["serializers"])
    c.COMPRESSION = bool(opts.get("compression"))
    c.MAX_MESSAGE_SIZE = int(opts.get("max_message_size") or 0)
    c.ITER_STREAMING = not opts.get("no_streaming")
    if opts.get("ssl"):
        c.SSL = True
        c.SSL_SERVERCERT = opts["server_cert"]
        c.SSL_SERVERKEY = opts["server_key"]
        c.SSL_CACERTS = opts["ca_cert"]
        c.SSL_REQUIRECLIENTCERT = bool(opts.get("require_client_cert"))


def hmac_key(opts):
    key = opts.get("hmac_key") or ""
    return key.encode("utf-8") if key else None


class HandshakeDaemon(Pyro4.Daemon):
    """A daemon that checks the handshake data, as Pyro4's examples/handshake."""

    expected = None

    def validateHandshake(self, conn, data):
        if data != self.expected:
            raise ValueError("bad handshake data: %r" % (data,))
        return {"greeting": "welcome", "data": data}


class HostileReasonDaemon(Pyro4.Daemon):
    """A daemon whose CONNECTFAIL reason is hostile text."""

    def validateHandshake(self, conn, data):
        raise Pyro4.errors.CommunicationError("go away " + HOSTILE)


def object_daemon(opts):
    cls = Pyro4.Daemon
    if opts.get("handshake") is not None:
        cls = HandshakeDaemon
        cls.expected = opts["handshake"]
    if opts.get("hostile_reason"):
        cls = HostileReasonDaemon
    if opts.get("unix_socket"):
        daemon = cls(unixsocket=opts["unix_socket"])
    else:
        daemon = cls(host="127.0.0.1", port=int(opts.get("port") or 0))
    daemon._pyroHmacKey = hmac_key(opts)
    daemon.register(Example(), "Example")
    daemon.register(Thing(), "Thing")
    daemon.register(Fidelity(), "Fidelity")
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
        _, ns_daemon, _ = Pyro4.naming.startNS(host="127.0.0.1", port=0, enableBroadcast=False,
                                               hmac=hmac_key(opts))
        for reg in opts.get("registrations") or []:
            uri = reg.get("uri") or "PYRO:%s@%s" % (reg["object_id"], daemon.locationStr)
            ns_daemon.nameserver.register(reg["name"], uri, metadata=set(reg.get("metadata") or []))
        loop_in_thread(ns_daemon)
        loop_in_thread(daemon)
        print("READY %s %s" % (ns_daemon.locationStr, daemon.locationStr), flush=True)
    else:
        loop_in_thread(daemon)
        print("READY %s" % daemon.locationStr, flush=True)
    lifeline()


if __name__ == "__main__":
    main()
