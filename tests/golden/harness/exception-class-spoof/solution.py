class Impostor(Exception):
    @property
    def __class__(self):
        return ValueError


def f():
    raise Impostor("not really a ValueError")
