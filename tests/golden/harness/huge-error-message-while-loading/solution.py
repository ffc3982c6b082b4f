raise ValueError("x" * 30_000_000)


def f():
    return 1
