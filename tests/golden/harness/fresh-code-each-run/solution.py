import builtins
import sys
import types


def helper(x):
    return x * 2


def f(x):
    return helper(x)


builtins.saved_helper = helper
sys.modules["stash"] = types.ModuleType("stash")
sys.modules["stash"].helper = helper
