import tracemalloc

import numpy as np


def f():
    big = np.ones((1000, 1000))
    tracemalloc.stop()
    return big.sum()
