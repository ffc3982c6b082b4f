def sums(xs, start, stop):
    total = 0
    for i in range(len(xs)):
        total += xs[i]
    for i in range(1, stop):
        total -= i
    for i in range(start, stop, 2):
        total += i
    return total
