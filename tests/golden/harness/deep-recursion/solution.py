def depth(n):
    return depth(n + 1)
