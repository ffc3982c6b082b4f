import numpy as np


def _helper(x):
    return x * 2


def scores(x):
    if x.size == 0:
        return np.zeros(0)

    def inner(y):
        return y + 1

    return inner(_helper(x))


def summary(x):
    return float(x.sum()), len(x), [x], {"x": x}, x.sum() > 0


class Layer:
    def __init__(self, w):
        self.w = w

    def forward(self, x):
        return x @ self.w

    def _private(self, x):
        return x
