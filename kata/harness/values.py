"""Sizes, and expected values encoded as JSON that survives a trip through JavaScript.

Arrays travel as the base64 of their raw little-endian buffer with dtype and shape. An
array larger than ``SAMPLE_ABOVE`` elements travels as a ``Sample``: its shape, dtype and
``SAMPLE_SIZE`` values at fixed, evenly spread positions, which is what a test of a large
output can afford to ship; ``kata check`` verifies wrong solutions and mutants against
exactly what ships.
"""

from __future__ import annotations

import base64
import math
import re
from typing import Any

import numpy as np

SAMPLE_ABOVE = 1024
SAMPLE_SIZE = 256

_BYTE_UNITS = {"b": 1, "kb": 1000, "mb": 1000**2, "gb": 1000**3,
               "kib": 1024, "mib": 1024**2, "gib": 1024**3}
_SIZE_PATTERN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b|b)?\s*$", re.IGNORECASE)
_SAFE_INT = 2**53


# ---------------------------------------------------------------------------------------
# Sizes

def parse_size(text: str | int) -> int:
    """Parse a byte size such as ``"1 MB"``, ``"512 KiB"`` or ``2048`` into bytes."""
    if type(text) is int and text >= 0:
        return text
    match = _SIZE_PATTERN.match(text) if type(text) is str else None
    if not match:
        raise ValueError(f"expected a size such as '1 MB' or '512 KiB', got {text!r}")
    number, unit = match.groups()
    return round(float(number) * _BYTE_UNITS[(unit or "b").lower()])  # "4.35 MB" is 4_350_000


def format_size(size: float) -> str:
    """Format a byte count the way an author writes one: ``48.0 MB``, ``1 MB``, ``140 B``."""
    for unit, factor in (("GB", 1000**3), ("MB", 1000**2), ("kB", 1000)):
        if size >= factor:
            value = size / factor
            return f"{value:g} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{int(size)} B"


class Opaque:
    """A learner object that is no plain value: only what a message says of it is kept."""

    __slots__ = ("description",)

    def __init__(self, description: str) -> None:
        self.description = description


# ---------------------------------------------------------------------------------------
# Samples of large arrays

class Sample:
    """What ships of a large expected array: its shape, dtype and some of its values."""

    __slots__ = ("shape", "dtype", "index", "values")

    def __init__(self, shape: tuple[int, ...], dtype: np.dtype, index: np.ndarray,
                 values: np.ndarray) -> None:
        self.shape, self.dtype, self.index, self.values = shape, dtype, index, values

    @property
    def size(self) -> int:
        return int(np.prod(self.shape, dtype=np.int64))

    @classmethod
    def of(cls, array: np.ndarray) -> Sample:
        index = sample_positions(array.size)
        return cls(array.shape, array.dtype, index, array.reshape(-1)[index].copy())


def sample_positions(size: int) -> np.ndarray:
    """``SAMPLE_SIZE`` flat positions spread evenly over an array, first and last included."""
    return np.unique(np.linspace(0, size - 1, SAMPLE_SIZE).round().astype(np.int64))


# ---------------------------------------------------------------------------------------
# Encoding

def encode(value: Any, sample_above: int | None = None) -> Any:
    """Encode a result (arrays, scalars, containers) as JSON-safe data, losslessly.

    With ``sample_above``, numeric arrays larger than that are encoded as a ``Sample``.
    """
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value if -_SAFE_INT < value < _SAFE_INT else {"$int": str(value)}
    if isinstance(value, float):
        # JavaScript has one number type: a JSON 4.0 comes back from the page as 4, an int.
        # Whole, infinite, NaN and negative-zero floats therefore travel as text.
        plain = math.isfinite(value) and not value.is_integer()
        return value if plain else {"$float": float.__repr__(value)}
    if isinstance(value, np.ndarray):
        if sample_above is not None and value.size > sample_above and value.dtype.kind in "biufc":
            sample = Sample.of(value)
            return {"$sample": {"shape": list(sample.shape), "index": _encode_array(sample.index),
                                "values": _encode_array(sample.values)}}
        return {"$nd": _encode_array(value)}
    if isinstance(value, np.generic):
        return {"$np": _encode_array(np.asarray(value))}
    if isinstance(value, tuple):
        return {"$tuple": [encode(item, sample_above) for item in value]}
    if isinstance(value, list):
        return [encode(item, sample_above) for item in value]
    if isinstance(value, dict):
        return {"$dict": [[encode(k), encode(v, sample_above)] for k, v in value.items()]}
    what = value.description if type(value) is Opaque else f"a value of type {type(value).__name__}"
    raise TypeError(f"cannot freeze {what} as an expected value")


def _encode_array(array: np.ndarray) -> dict[str, Any]:
    if array.dtype.kind not in "biufc":
        raise TypeError(f"cannot freeze an array of dtype {array.dtype} as an expected value")
    data = np.ascontiguousarray(array).astype(array.dtype.newbyteorder("<"), copy=False)
    return {"dtype": array.dtype.str.lstrip("<>|="), "shape": list(array.shape),
            "data": base64.b64encode(data.tobytes()).decode("ascii")}


def decode(data: Any) -> Any:
    """Inverse of :func:`encode`."""
    if isinstance(data, list):
        return [decode(item) for item in data]
    if not isinstance(data, dict):
        return data
    if "$int" in data:
        return int(data["$int"])
    if "$float" in data:
        return float(data["$float"])
    if "$nd" in data:
        return _decode_array(data["$nd"])
    if "$np" in data:
        return _decode_array(data["$np"])[()]
    if "$sample" in data:
        sample = data["$sample"]
        values = _decode_array(sample["values"])
        return Sample(tuple(sample["shape"]), values.dtype, _decode_array(sample["index"]), values)
    if "$tuple" in data:
        return tuple(decode(item) for item in data["$tuple"])
    if "$dict" in data:
        return {decode(k): decode(v) for k, v in data["$dict"]}
    raise ValueError(f"not an encoded value: {data!r}")


def _decode_array(data: dict[str, Any]) -> np.ndarray:
    dtype = np.dtype("<" + data["dtype"]) if data["dtype"][0] in "iufc" else np.dtype(data["dtype"])
    raw = base64.b64decode(data["data"])
    return np.frombuffer(raw, dtype=dtype).astype(dtype.newbyteorder("="), copy=True).reshape(
        data["shape"])
