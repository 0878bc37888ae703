"""oneoff.py RUNS NAME=CMD [NAME=CMD ...]: process start-to-exit cost of short commands.

Runs every CMD (a shell-quoted command line, split with shlex) RUNS times,
the commands alternating (a, b, c, a, b, c, ...) so that load from other
processes falls on all of them alike, after one untimed warm-up run each.
Each run is started with posix_spawn and reaped with wait4: the wall time
runs from the spawn to the reaping, user and sys are the child's own. The
commands' output goes to /dev/null; a non-zero exit stops the script.

Prints one line per command: wall ms at the minimum, 10th percentile and
median, CPU (user+sys) ms median, and against the first command the ratio
of the medians of the walls and of the per-run wall ratios (each pair
measured side by side). Compare binaries in the same state: one fresh
from `go build` (written by the linker through a shared mapping) starts
10-25% slower than a `cp` of it, so copy each before timing it
(docs/performance.md, "One-off call start-up"). Used for issue 14's
one-off call row, e.g.

    python3 docs/bench/oneoff.py 200 \\
        floor="floor 127.0.0.1:PORT Example hello 1" \\
        pyrosh="pyrosh call PYRO:Example@127.0.0.1:PORT hello()"
"""
import os
import shlex
import sys
import time


def run(argv, devnull):
    fa = [(os.POSIX_SPAWN_DUP2, devnull, 0), (os.POSIX_SPAWN_DUP2, devnull, 1)]
    t0 = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=fa)
    _, status, ru = os.wait4(pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit("%s: exit status %d" % (shlex.join(argv), os.waitstatus_to_exitcode(status)))
    return wall * 1e3, (ru.ru_utime + ru.ru_stime) * 1e3


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))]


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__.split("\n")[0])
    runs = int(sys.argv[1])
    cmds = []
    for spec in sys.argv[2:]:
        name, _, line = spec.partition("=")
        argv = shlex.split(line)
        if os.sep not in argv[0]:
            import shutil

            argv[0] = shutil.which(argv[0]) or argv[0]
        cmds.append((name, argv))
    devnull = os.open(os.devnull, os.O_RDWR)
    for _, argv in cmds:
        run(argv, devnull)
    wall = {n: [] for n, _ in cmds}
    cpu = {n: [] for n, _ in cmds}
    for _ in range(runs):
        for name, argv in cmds:
            w, c = run(argv, devnull)
            wall[name].append(w)
            cpu[name].append(c)
    base = cmds[0][0]
    print("%-10s %8s %8s %8s %8s %8s %8s" % ("", "min ms", "p10 ms", "p50 ms", "cpu ms", "p50 x", "pairs x"))
    for name, _ in cmds:
        w = wall[name]
        ratio = median(w) / median(wall[base])
        pairs = median([a / b for a, b in zip(w, wall[base])])
        print("%-10s %8.3f %8.3f %8.3f %8.3f %8.2f %8.2f" % (name, min(w), pct(w, 0.1), median(w), median(cpu[name]), ratio, pairs))
    print("load average %.2f %.2f %.2f" % os.getloadavg())


if __name__ == "__main__":
    main()
