def check_rank(rank):
    if rank == 0:
        raise ValueError("bad")
    if rank > 64:
        raise OverflowError("rank too large")
    return rank + 1
