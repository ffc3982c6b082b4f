import numpy as np


def f():
    return np.array([1, 2)
