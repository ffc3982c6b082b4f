import numpy as np


def relu(x):
    out = np.maximum(x, 0.0)
