import numpy as np


def scale(x, factor):
    return x * factor
