import numpy as np


def normalise_rows(X):
    return X / np.sum(X, 1, keepdims=True)
