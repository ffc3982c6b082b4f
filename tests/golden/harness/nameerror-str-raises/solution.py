class Sneaky(NameError):
    def __str__(self):
        raise RuntimeError("no message for you")


def f():
    raise Sneaky("name 'f' is not defined")
