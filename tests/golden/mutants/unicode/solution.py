def ia3(x, l_v):
    """IA³ rescaling: ß and λ before the code move columns in bytes, not in characters."""
    λ = "µ"; return x * l_v - len(λ)
