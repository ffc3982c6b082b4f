def safe_ratio(a, b, strict=False):
    if b == 0:
        return 0.0
    if strict and a < 0:
        raise ValueError("a must be >= 0 when strict")
    if a > b:
        raise ValueError("a must be <= b")
    else:
        a = a
    return a / b
