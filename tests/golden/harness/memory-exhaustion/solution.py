import numpy as np


def big():
    return np.ones(10**10).sum()
