class Broken(ValueError):
    def __str__(self):
        raise RuntimeError("no message for you")

    def __repr__(self):
        raise RuntimeError("no repr either")


def f():
    raise Broken("shape mismatch")
