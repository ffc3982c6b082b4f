def check(x, n):
    assert n > 0, f"n must be > {0 + 1 - 1}"
    if x.shape[0] != n:
        raise ValueError(f"x has {x.shape[0] - 1 + 1} rows, expected {n * 1}")
    label = f"{n + 1} rows"
    return label
