"""Python oracles for pyrosh's Go tests (package pyrotest).

Reads one JSON request from stdin and writes one JSON reply on stdout:

    {"mode": "repr", "exprs": [...]}  ->  {"reprs": [...]} or {"error": ..., "index": i}
    {"mode": "call", "exprs": [...]}  ->  {"results": [{"repr": ...} or {"exc": class, "msg": str(exc)}]}

Calls share one proxy, so they share its connection, as successive calls of a client do.
"""

import collections
import datetime
import decimal
import fractions
import json
import math
import sys
import uuid


def namespace():
    return {"math": math, "decimal": decimal, "datetime": datetime, "uuid": uuid,
            "collections": collections, "fractions": fractions,
            "Decimal": decimal.Decimal, "Fraction": fractions.Fraction}


def do_repr(req):
    out = []
    for i, expr in enumerate(req["exprs"]):
        try:
            out.append(repr(eval(expr, namespace())))
        except Exception as e:
            return {"error": "%s: %s" % (type(e).__name__, e), "index": i}
    return {"reprs": out}


def do_call(req):
    import Pyro4
    import Pyro4.core
    c = Pyro4.config
    c.SERIALIZER = req.get("serializer") or "serpent"
    if req.get("ssl"):
        c.SSL = True
        c.SSL_CACERTS = req.get("ca_cert") or ""
        c.SSL_CLIENTCERT = req.get("client_cert") or ""
        c.SSL_CLIENTKEY = req.get("client_key") or ""
    ns = namespace()
    results = []
    try:
        p = Pyro4.Proxy(req["uri"])
    except Exception as e:   # a malformed URI: every call sees the same error
        return {"results": [{"exc": type(e).__name__, "msg": str(e)} for _ in req["exprs"] or []]}
    with p:
        key = req.get("hmac_key") or ""
        if key:
            p._pyroHmacKey = key.encode("utf-8")
        p._pyroTimeout = req.get("timeout") or 10.0
        ns["p"] = p
        for expr in req["exprs"] or []:
            try:
                result = eval("p." + expr, ns)
                if isinstance(result, Pyro4.core._StreamResultIterator):
                    result = list(result)
                results.append({"repr": repr(result)})
            except Exception as e:
                results.append({"exc": type(e).__name__, "msg": str(e)})
    return {"results": results}


def do_call5(req):
    import Pyro5
    import Pyro5.api
    import Pyro5.client
    c = Pyro5.config
    c.SERIALIZER = req.get("serializer") or "serpent"
    if req.get("ssl"):
        c.SSL = True
        c.SSL_CACERTS = req.get("ca_cert") or ""
        c.SSL_CLIENTCERT = req.get("client_cert") or ""
        c.SSL_CLIENTKEY = req.get("client_key") or ""
    ns = namespace()
    results = []
    try:
        p = Pyro5.api.Proxy(req["uri"])
    except Exception as e:
        return {"results": [{"exc": type(e).__name__, "msg": str(e)} for _ in req["exprs"] or []]}
    with p:
        if req.get("handshake"):
            p._pyroHandshake = eval(req["handshake"], namespace())
        p._pyroTimeout = req.get("timeout") or 10.0
        ns["p"] = p
        for expr in req["exprs"] or []:
            try:
                result = eval("p." + expr, ns)
                if isinstance(result, Pyro5.client._StreamResultIterator):
                    result = list(result)
                results.append({"repr": repr(result)})
            except Exception as e:
                results.append({"exc": type(e).__name__, "msg": str(e)})
    return {"results": results}


def main():
    req = json.loads(sys.stdin.buffer.read())
    if req["mode"] == "repr":
        reply = do_repr(req)
    elif req.get("pyro5"):
        reply = do_call5(req)
    else:
        reply = do_call(req)
    sys.stdout.write(json.dumps(reply, ensure_ascii=True))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
