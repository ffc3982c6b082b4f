import numpy as np


def stats(x):
    history = [x[:i] for i in range(1, len(x))]
    return {"mean": float(x.mean()), "extremes": (float(x.min()), float(x.max())),
            "history": history}
