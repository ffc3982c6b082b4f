import sys

print("loading solution")


def noisy(n):
    if n < 0:
        print("to stderr", file=sys.stderr)
        print("to the real stdout", file=sys.__stdout__)
        return n
    if n > 10:
        print("x" * n)
        return n
    for i in range(n):
        print("step", i)
    return n
