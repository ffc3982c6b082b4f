def checked_rank(rank, d):
    if rank < 1:
        raise ValueError(f"rank must be a positive integer, got {rank}")
    try:
        return d // rank
    except ZeroDivisionError:
        raise
