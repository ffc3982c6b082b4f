import numpy as np


class Pretender:
    shape = (3,)
    dtype = np.dtype(float)

    def __array__(self, *args, **kwargs):
        return np.ones(3)


def f():
    return Pretender()
