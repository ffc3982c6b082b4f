import numpy as np


def update(w, grad, lr=0.1, *, mask=None, name="w"):
    """Docstring first: the write goes after it."""
    def step(v):
        return v - lr * grad
    return np.where(mask, step(w), w) if mask is not None else step(w)


class Model:
    def __init__(self, weight):
        self.weight = weight

    @staticmethod
    def check(array, length):
        return array.shape == (length,)

    def one_liner(self, x): return x
