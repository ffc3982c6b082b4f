import numpy as np

print("about to fail")
W = np.ones((2, 3)) @ np.ones((2, 3))


def f():
    return 1
