import numpy as np


def f(x):
    return (x * np.sqrt(4)).astype(np.float64)  # float32 in, float64 out
