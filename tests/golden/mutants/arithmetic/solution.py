def mean_gap(a, b, n):
    total = a + b - n
    total *= a
    total -= b  # comments are never searched for operators: - + * /
    return total / n // b
