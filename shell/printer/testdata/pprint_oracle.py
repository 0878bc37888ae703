# Reads {"cases": [[expr, [width...]]...], "random": N, "seed": S} on stdin
# and prints, as JSON, each value's structure (for the Go test to rebuild
# it), its repr() and its pprint.pformat(v, width=W, sort_dicts=False).
import array, base64, collections, datetime, decimal, fractions, json, pickle, pprint, random, sys, uuid

# The standard library's value types travel as their pickle, which the Go
# test decodes with pyrosh's pickle codec.
STDLIB = (collections.OrderedDict, collections.Counter, collections.defaultdict, collections.deque,
          bytearray, decimal.Decimal, fractions.Fraction, datetime.date, datetime.time,
          datetime.timedelta, datetime.timezone, uuid.UUID, array.array, range, slice)

def tree(v):
    if isinstance(v, STDLIB):
        return {"pickle": base64.b64encode(pickle.dumps(v, 4)).decode()}
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, int):
        return {"i": str(v)}
    if isinstance(v, float):
        return {"f": repr(v)}
    if isinstance(v, complex):
        return {"c": [repr(v.real), repr(v.imag)]}
    if isinstance(v, str):
        return {"s": base64.b64encode(v.encode("utf-8", "surrogatepass")).decode()}
    if isinstance(v, bytes):
        return {"b": base64.b64encode(v).decode()}
    if isinstance(v, tuple):
        return {"t": [tree(x) for x in v]}
    if isinstance(v, list):
        return {"l": [tree(x) for x in v]}
    if isinstance(v, dict):
        return {"d": [[tree(k), tree(x)] for k, x in v.items()]}
    if isinstance(v, frozenset):
        return {"fs": [tree(x) for x in v]}
    if isinstance(v, set):
        return {"set": [tree(x) for x in v]}
    raise TypeError(type(v))

WORDS = ["a", "bb", "hello", "wörld", "日本語", "tab\there", "it's", 'say "hi"',
         "both ' and \"", "line\n", "cr\r\n", "x" * 30, "  ", "\x00\x7f", "\u2028",
         "long " * 12, "\U0001f600", "\\back\\"]

def rstr(r):
    return "".join(r.choice(WORDS) + r.choice(["", " ", "  ", "\n"]) for _ in range(r.randint(0, 8)))

def rscalar(r):
    k = r.randint(0, 9)
    if k == 0: return None
    if k == 1: return r.choice([True, False])
    if k == 2: return r.randint(-10**6, 10**6)
    if k == 3: return r.choice([2**70, -3**50, 0])
    if k == 4: return r.choice([1.5, -0.0, 1e22, 1e-7, float("inf"), 3.141592653589793])
    if k == 5: return complex(r.randint(-3, 3), r.random())
    if k == 6: return bytes(r.randint(0, 255) for _ in range(r.randint(0, 40)))
    return rstr(r)

def rhashable_set(r, frozen):
    kind = r.randint(0, 2)
    n = r.randint(0, 12)
    if kind == 0: items = {r.randint(-50, 50) for _ in range(n)}
    elif kind == 1: items = {rstr(r) for _ in range(n)}
    else: items = {r.choice([None, 1, 2.5, "a", "bb", b"x", (1, "z")]) for _ in range(n)}
    return frozenset(items) if frozen else items

def rvalue(r, depth):
    if depth > 3 or r.random() < 0.35:
        return rscalar(r)
    k = r.randint(0, 5)
    n = r.randint(0, 6)
    if k == 0: return [rvalue(r, depth + 1) for _ in range(n)]
    if k == 1: return tuple(rvalue(r, depth + 1) for _ in range(n))
    if k == 2: return {rscalar_key(r): rvalue(r, depth + 1) for _ in range(n)}
    if k == 3: return rhashable_set(r, False)
    if k == 4: return rhashable_set(r, True)
    return rstr(r) * r.randint(1, 4)

def rscalar_key(r):
    return r.choice([r.randint(0, 99), rstr(r)[:20], (1, 2), None, 2.5])

def main():
    req = json.load(sys.stdin)
    out = []
    values = [(eval(e), ws) for e, ws in req["cases"]]
    r = random.Random(req["seed"])
    for _ in range(req["random"]):
        values.append((rvalue(r, 0), [r.randint(1, 100) for _ in range(3)]))
    for v, ws in values:
        out.append({"tree": tree(v), "repr": repr(v),
                    "pretty": {str(w): pprint.pformat(v, width=w, sort_dicts=False) for w in ws}})
    json.dump(out, sys.stdout)

main()
