import sys


def f():
    return 1


sys.exit(0)
