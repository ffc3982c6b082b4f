def windows(a, start, n, k):
    head = a[:n]
    middle = a[start:start + n]
    rest = a[1:]
    grid = a[:, :k]
    return head, middle, rest, grid, a[::2], a[-1]
