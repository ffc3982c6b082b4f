import numpy as np


def clip(grads, max_norm):
    total = np.sqrt(sum(float((g ** 2).sum()) for g in grads))
    for g in grads:
        g *= min(1.0, max_norm / total)  # scales the caller's arrays
    return grads


def scale(params, factor):
    params["w"] = params["w"] * factor  # replaces an entry of the caller's dict
    return params
