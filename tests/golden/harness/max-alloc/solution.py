import numpy as np


def lora_update(x, A, B):
    return x @ (B @ A).T
