OFFSET = 3


def scaled(x, eps=1e-5, scale=0.5):
    return scale * x[-1] / (x[0] + eps) + 1.0 - OFFSET * 0.0
