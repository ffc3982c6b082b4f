import numpy as np
from scipy.special import logsumexp


def log_softmax(x):
    row_max = x.max(axis=-1, keepdims=True)
    shifted = x - row_max
    probs = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True)), probs, x - logsumexp(x)
