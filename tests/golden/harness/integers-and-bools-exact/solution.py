import numpy as np


def argmax_rows(x):
    return np.argmax(x, axis=1) + 1  # off by one
