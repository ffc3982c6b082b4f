import json

# __all__ only steers star imports: it is put back once per run, not after every test.
json.__all__.append("evil")


def f():
    return "evil" in json.__all__
