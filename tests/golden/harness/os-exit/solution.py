import os


def f(low_level=False):
    if low_level:
        import posix
        posix._exit(3)
    os._exit(0)
