import math

import numpy as np


def rms_and_entropy(x, p):
    rms = np.sqrt(np.mean(x * x))
    return rms, -p * math.log(p), np.exp(x, out=x)
