def count_in_range(xs, low, high):
    count = 0
    for x in xs:
        if low <= x < high or x == high:
            count += 1
        elif x > high and x != low:
            break
    return count >= len(xs)
