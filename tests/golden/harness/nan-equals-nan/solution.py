import numpy as np


def safe_log(x):
    with np.errstate(invalid="ignore"):
        return np.log(x)
