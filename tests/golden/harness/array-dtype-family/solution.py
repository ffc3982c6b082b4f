import numpy as np


def halve(x):
    return (x // 2).astype(np.int64)
