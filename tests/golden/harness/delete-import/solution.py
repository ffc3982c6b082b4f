import builtins

del builtins.__import__


def f(again=False):
    if again:
        builtins.__dict__.pop("__import__", None)
        builtins.__build_class__ = None
    return 0
