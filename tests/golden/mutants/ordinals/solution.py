def poly(x, flag):
    y = x + x + 1
    if flag:
        z = x * x
    else:
        z = x * x
    return y - z
