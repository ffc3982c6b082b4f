import json


def f():
    return "evil" in json.__all__
