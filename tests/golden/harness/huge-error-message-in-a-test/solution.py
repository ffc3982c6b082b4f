def f():
    raise ValueError("x" * 30_000_000)
