import sys


def f(n):
    if n == 0:
        sys.exit()
    raise SystemExit("done")
