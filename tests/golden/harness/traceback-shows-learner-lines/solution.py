import numpy as np


def scores(q, k):
    return q @ k.T


def attention(q, k):
    s = scores(q, k)
    return s / np.sqrt(q.shape[-1])
