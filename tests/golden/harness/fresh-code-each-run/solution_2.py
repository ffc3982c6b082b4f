# second run: the helper was deleted from the editor, and nothing of the first run survives
def f(x):
    try:
        return helper(x)
    except NameError:
        pass
    try:
        return saved_helper(x)
    except NameError:
        pass
    from stash import helper as stashed
    return stashed(x)
