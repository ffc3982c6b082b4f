import numpy as np


def scale(x, factor):
    if factor == 2.0:
        x *= factor                  # changes the caller's array
        return x
    if factor == 3.0:
        return x * factor + 1        # wrong values
    return (x * factor)[:2]          # wrong shape
