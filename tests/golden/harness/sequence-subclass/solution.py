from collections import namedtuple

Pair = namedtuple("Pair", "a b")


class Liar(tuple):
    def __len__(self):
        return 2

    def __iter__(self):
        return iter([1, 2])

    def __getitem__(self, index):
        return [1, 2][index]

    def __eq__(self, other):
        return True


def f(honest=False):
    return Pair(1, 2) if honest else Liar((7, 8, 9))
