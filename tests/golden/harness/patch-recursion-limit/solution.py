import sys

sys.setrecursionlimit(60)
sys.setrecursionlimit = lambda limit: None
sys.getrecursionlimit = lambda: 10**9


def depth(n):
    return depth(n + 1)
