def adapter(x, W, A, B, s):
    return x @ W + s * (x @ A) @ B
