"""measure.py OUT CMD [ARG...]: run CMD and write "wall_s user_s sys_s maxrss_kib" to OUT.

The figures are CMD's own (os.wait4 reports the child's rusage), so the cost
of this wrapper is not in them; the wall time runs from fork to exit. CMD's
stdout goes to /dev/null unless MEASURE_STDIN/MEASURE_STDOUT name files.
Exits with CMD's status.
"""
import os
import subprocess
import sys
import time


def main():
    out, cmd = sys.argv[1], sys.argv[2:]
    stdin = open(os.environ["MEASURE_STDIN"], "rb") if os.environ.get("MEASURE_STDIN") else subprocess.DEVNULL
    stdout = open(os.environ.get("MEASURE_STDOUT") or os.devnull, "wb")
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=stdin, stdout=stdout)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    with open(out, "w") as f:
        f.write("%.6f %.6f %.6f %d\n" % (wall, ru.ru_utime, ru.ru_stime, ru.ru_maxrss))
    sys.exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()
