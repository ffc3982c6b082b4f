import numpy as np

calls = 0
BIAS = np.ones(2)


def step(x):
    global calls
    calls += 1
    x += BIAS  # mutates the caller's array
    BIAS[:] += 1  # and the module's constant
    return x
