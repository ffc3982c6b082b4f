"""A learner's value against an expected one: ``None`` when they match, else a ``Mismatch``.

A mismatch has a kind (``shape``: the wrong type, shape, length or keys; ``dtype``; ``values``),
a one-line message that says what was expected and what came back, and, where a picture or a
text diff helps, a ``detail`` the page draws from (JSON-safe data).

Comparison never calls a method of the learner's object: a learner value is first read into
a plain builtin or ndarray through the base type's own slots (``plain_copy``), and only exact
type checks and NumPy functions on plain data follow.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from types import MappingProxyType
from typing import Any

import numpy as np

from .values import Opaque, Sample

# Default tolerances by dtype, used when a test gives no rtol/atol. A float32 result
# cannot be held to float64's precision: its machine epsilon is about 1.2e-7.
TOLERANCES = MappingProxyType({
    "float16": (1e-2, 1e-3),
    "float32": (1e-4, 1e-5),
    "float64": (1e-7, 1e-9),
})
DEFAULT_TOLERANCE = TOLERANCES["float64"]
# Arrays up to this many elements come with both arrays in the detail (the page's picture).
DETAIL_LIMIT = 4096
# Items of a sequence shown on each side of the first difference.
CONTEXT = 3


class Mismatch:
    """How a value differs from the expected one."""

    __slots__ = ("kind", "message", "detail")

    def __init__(self, kind: str, message: str, detail: dict[str, Any] | None = None) -> None:
        self.kind, self.message, self.detail = kind, message, detail

    def __repr__(self) -> str:
        return f"Mismatch({self.kind!r}, {self.message!r})"


class Rules:
    """A test's tolerances and dtype rule (None, ``"exact"`` or a dtype name)."""

    __slots__ = ("rtol", "atol", "dtype")

    def __init__(self, rtol: float | None = None, atol: float | None = None,
                 dtype: str | None = None) -> None:
        self.rtol, self.atol, self.dtype = rtol, atol, dtype


EXACT = Rules(0.0, 0.0)
DEFAULT_RULES = Rules()
_TYPE_NAME = type.__dict__["__name__"].__get__


def compare(expected: Any, actual: Any, rtol: float | None = None, atol: float | None = None,
            path: str = "result", dtype: str | None = None) -> str | None:
    """The message of :func:`mismatch`, or None when ``actual`` matches ``expected``."""
    found = mismatch(expected, actual, Rules(rtol, atol, dtype), path)
    return None if found is None else found.message


def mismatch(expected: Any, actual: Any, rules: Rules = DEFAULT_RULES, path: str = "result") -> Mismatch | None:
    """How ``actual`` differs from ``expected`` under ``rules``, or None when it matches."""
    actual = _plain(actual)
    if expected is None:
        return None if actual is None else Mismatch("shape", f"{path}: expected None, got {describe(actual)}")
    if actual is None:
        return Mismatch("shape", f"{path}: expected {describe(expected)}, got None")
    if type(expected) is Sample:
        return _compare_sample(expected, actual, rules, path)
    if isinstance(expected, np.generic) or type(expected) in (bool, int, float, complex):
        return _compare_scalars(expected, actual, rules, path)
    if type(expected) is np.ndarray:
        return _compare_arrays(expected, actual, rules, path)
    if type(expected) in (list, tuple):
        return _compare_sequences(expected, actual, rules, path)
    if type(expected) is dict:
        return _compare_dicts(expected, actual, rules, path)
    if type(expected) is str:
        return _compare_strings(expected, actual, rules, path)
    raise TypeError(f"cannot compare with an expected value of type {type(expected).__name__}")


# ---------------------------------------------------------------------------------------
# Reading learner values as plain data

# How to read a subclass of a builtin as the builtin itself, through the base type's own
# slot: a subclass's overridden __eq__, __iter__, __len__ or __float__ is never called.
_BASE_READERS: tuple[tuple[type, Callable[[Any], Any]], ...] = (
    (int, int.__int__), (float, float.__float__), (complex, complex.__complex__),
    (str, str.__str__), (list, lambda v, _get=list.__getitem__, _all=slice(None): _get(v, _all)),
    (tuple, lambda v, _get=tuple.__getitem__, _all=slice(None): _get(v, _all)), (dict, dict.copy))
_NUMERIC_SCALARS = frozenset(t for t in np.sctypeDict.values() if np.dtype(t).kind in "biufc")
_PLAIN = frozenset((bool, int, float, complex, str, list, tuple, dict, np.ndarray, Opaque))


# ``_plain`` and ``plain_copy`` run right after learner code, before the world is put back:
# they use only references bound here (default arguments), never a builtin looked up by name.

def _plain(value: Any, _type: type = type, _plain_types: frozenset = _PLAIN,
           _numeric: frozenset = _NUMERIC_SCALARS, _issubclass: Callable = issubclass,
           _ndarray: type = np.ndarray, _view: Callable = np.ndarray.view,
           _readers: tuple = _BASE_READERS) -> Any:
    """``value`` as a plain builtin, a plain ndarray or a NumPy scalar, if it is one underneath."""
    kind = _type(value)
    if value is None or kind in _plain_types or kind in _numeric:
        return value
    if _issubclass(kind, _ndarray):
        return _view(value, _ndarray)
    for base, read in _readers:
        if _issubclass(kind, base):
            return read(value)
    return value


def _plain_copier(_type: type = type, _plain: Callable = _plain, _numeric: frozenset = _NUMERIC_SCALARS,
                  _ndarray: type = np.ndarray, _copy: Callable = np.ndarray.copy,
                  _items: Callable = dict.items, _opaque: type = Opaque, _issubclass: Callable = issubclass,
                  _metaclass: type = type, _list: type = list, _tuple: type = tuple, _dict: type = dict,
                  _scalars: tuple = (bool, int, float, complex, str, Opaque)) -> Callable[[Any], Any]:
    """``plain_copy``, as a closure over the references it may use (it runs before the world is
    put back, so it looks up no builtin by name, and it recurses through its own closure cell)."""

    def plain_copy(value: Any, depth: int = 0) -> Any:
        """A copy of a learner's value that holds no learner object: builtins, ndarrays, NumPy
        scalars and ``Opaque`` placeholders. Taken before judging, so that no learner code (a
        ``__del__``, a lying ``__eq__``) can run while the value is compared."""
        value = _plain(value)
        kind = _type(value)
        if value is None or kind in _scalars or kind in _numeric:
            return value
        if kind is _ndarray:
            if value.dtype.kind == "O":  # its items are learner objects
                return _opaque(f"an array of shape {value.shape} and dtype object")
            # A view keeps its base alive, and the base may be a learner's object.
            return value if value.base is None else _copy(value)
        if depth > 100:
            return _opaque("a value nested too deep")
        if kind is _list or kind is _tuple:
            return kind([plain_copy(item, depth + 1) for item in value])
        if kind is _dict:
            return {plain_copy(k, depth + 1): plain_copy(v, depth + 1) for k, v in _items(value)}
        if _issubclass(kind, _metaclass):
            return _opaque(f"the class {_TYPE_NAME(value)}")
        return _opaque(f"an object of type {_TYPE_NAME(kind)}")

    return plain_copy


plain_copy = _plain_copier()


# ---------------------------------------------------------------------------------------
# Arrays

def _kind_name(kind: str) -> str:
    return {"b": "bool", "i": "integer", "u": "integer", "f": "floating-point",
            "c": "complex"}.get(kind, "non-numeric")


def _family(kind: str) -> str:
    return "i" if kind == "u" else kind


def _as_plain_array(value: Any) -> np.ndarray | None:
    """A plain ndarray for a plain ndarray or a numeric NumPy scalar (see ``_plain``), else None."""
    if type(value) is np.ndarray:
        return value
    return np.array(value) if type(value) in _NUMERIC_SCALARS else None


def _wanted_dtype(expected: np.dtype, rule: str | None) -> np.dtype | None:
    if rule is None:
        return None
    return expected if rule == "exact" else np.dtype(rule)


def _array_header(expected_shape: tuple[int, ...], expected_dtype: np.dtype, got: np.ndarray | None,
                  actual: Any, rules: Rules, path: str) -> Mismatch | None:
    """Shape first, then the dtype family, then an exact dtype when the test asks for one."""
    if got is None:
        return Mismatch("shape", f"{path}: expected a NumPy array of shape {expected_shape}, "
                                 f"got {describe(actual)}")
    if got.shape != expected_shape:
        return Mismatch("shape", f"{path}: expected shape {expected_shape}, got {got.shape}")
    if _family(got.dtype.kind) != _family(expected_dtype.kind):
        return Mismatch("dtype", f"{path}: expected a {_kind_name(expected_dtype.kind)} array "
                                 f"({expected_dtype}), got dtype {got.dtype}")
    wanted = _wanted_dtype(expected_dtype, rules.dtype)
    if wanted is not None and not same_dtype(got.dtype, wanted):
        return Mismatch("dtype", f"{path}: expected dtype {wanted}, got {got.dtype}")
    return None


# NumPy's index integers are 32 bits in the browser (wasm32) and 64 in CPython: an argsort's
# int32 there is the same answer as int64 here.
_INDEX_WIDTHS = (frozenset({"int32", "int64"}), frozenset({"uint32", "uint64"}))


def same_dtype(got: np.dtype, wanted: np.dtype) -> bool:
    """Equal dtypes, counting 32- and 64-bit integers of one signedness as the same."""
    return got == wanted or any({got.name, wanted.name} <= widths for widths in _INDEX_WIDTHS)


def _compare_arrays(expected: np.ndarray, actual: Any, rules: Rules, path: str) -> Mismatch | None:
    got = _as_plain_array(actual)
    if got is None and expected.ndim == 0 and type(actual) in (int, float, bool, complex):
        got = np.array(actual)
    header = _array_header(expected.shape, expected.dtype, got, actual, rules, path)
    if header is not None or got is None:
        return header
    if expected.dtype.kind in "fc":
        if _same_values(expected, got):  # equal values are within any tolerance
            return None
        rtol, atol = tolerances(expected.dtype, got.dtype, rules)
        return _float_values(expected, got, rtol, atol, path)
    return _exact_values(expected, got, path)


def tolerances(expected: np.dtype, got: np.dtype, rules: Rules) -> tuple[float, float]:
    """The test's tolerances, else the defaults of the less precise of the two dtypes."""
    names = [np.dtype(d.char.lower() if d.kind == "c" else d).name for d in (expected, got)]
    defaults = [TOLERANCES.get(_real_name(n), DEFAULT_TOLERANCE) for n in names]
    default_rtol, default_atol = max(defaults)
    return (default_rtol if rules.rtol is None else rules.rtol,
            default_atol if rules.atol is None else rules.atol)


def _real_name(name: str) -> str:
    return {"complex64": "float32", "complex128": "float64"}.get(name, name)


# Up to this many values, equal arrays are told by their bytes (two copies and a memcmp cost
# less than a ufunc and a reduction); larger ones by one comparison pass.
_BYTES_COMPARE_LIMIT = 4096


# Larger arrays of one dtype are compared as unsigned integers of their width first: equal
# bits are equal values, and integers compare faster than floats (a quarter, in Pyodide).
_BITS = {2: np.uint16, 4: np.uint32, 8: np.uint64}


def _same_values(expected: np.ndarray, got: np.ndarray) -> bool:
    """Whether every value is equal (a cheap test that spares the tolerance's ten passes)."""
    if expected.dtype == got.dtype:
        if expected.size <= _BYTES_COMPARE_LIMIT and expected.tobytes() == got.tobytes():
            return True
        bits = _BITS.get(expected.dtype.itemsize)
        if expected.size > _BYTES_COMPARE_LIMIT and bits is not None and expected.flags.c_contiguous \
                and got.flags.c_contiguous and np.equal(expected.view(bits), got.view(bits)).all():
            return True
    return bool(np.equal(expected, got).all())


def _bad_floats(expected: np.ndarray, got: np.ndarray, rtol: float, atol: float
                ) -> tuple[np.ndarray, np.ndarray]:
    """The mask of values outside tolerance, and the absolute differences."""
    e = expected.astype(np.complex128 if expected.dtype.kind == "c" else np.float64)
    g = got.astype(e.dtype)
    with np.errstate(invalid="ignore", over="ignore"):
        both_nan = np.isnan(e) & np.isnan(g)
        same_inf = np.isinf(e) & (e == g)
        diff = np.abs(g - e)
        # Only finite values get a tolerance: inf's tolerance would be inf, so anything matched it.
        close = np.isfinite(e) & np.isfinite(g) & (diff <= atol + rtol * np.abs(e))
    return ~(both_nan | same_inf | close), diff


def _float_values(expected: np.ndarray, got: np.ndarray, rtol: float, atol: float,
                  path: str) -> Mismatch | None:
    bad, diff = _bad_floats(expected, got, rtol, atol)
    count = int(np.count_nonzero(bad))
    if count == 0:
        return None
    scores = np.where(bad, np.nan_to_num(diff, nan=np.inf), -1.0)
    worst = np.unravel_index(int(np.argmax(scores)), expected.shape) if expected.ndim else ()
    where = f" at index {_index(worst)}" if expected.ndim else ""
    message = (f"{path}: {count} of {expected.size} values differ beyond rtol={rtol:g}, atol={atol:g}; "
               f"largest difference {_num(diff[worst])}{where}: "
               f"expected {_num(expected[worst])}, got {_num(got[worst])}")
    return Mismatch("values", message, _array_detail(expected, got, bad, worst, (rtol, atol)))


def _exact_values(expected: np.ndarray, got: np.ndarray, path: str) -> Mismatch | None:
    bad = expected != got
    count = int(np.count_nonzero(bad))
    if count == 0:
        return None
    first = tuple(int(i) for i in np.argwhere(bad)[0]) if expected.ndim else ()
    where = f"; first at index {_index(first)}" if expected.ndim else ""
    message = (f"{path}: {count} of {expected.size} values differ{where}: "
               f"expected {_num(expected[first])}, got {_num(got[first])}")
    return Mismatch("values", message, _array_detail(expected, got, bad, first, None))


def _array_detail(expected: np.ndarray, got: np.ndarray, bad: np.ndarray, worst: tuple[int, ...],
                  tolerance: tuple[float, float] | None) -> dict[str, Any] | None:
    """Both arrays, flat, and where they differ: what the page draws its picture from."""
    if expected.ndim == 0 or expected.size > DETAIL_LIMIT or expected.dtype.kind == "c":
        return None
    detail: dict[str, Any] = {
        "type": "array", "shape": list(expected.shape),
        "expected": json_numbers(expected), "actual": json_numbers(got),
        "bad": np.flatnonzero(bad).tolist(),
        "worst": int(np.ravel_multi_index(worst, expected.shape))}
    if tolerance is not None:
        detail["rtol"], detail["atol"] = tolerance
    return detail


def json_numbers(array: np.ndarray) -> list[Any]:
    """An array's values, flat, as JSON-safe numbers: NaN and infinities become text."""
    values = array.reshape(-1).tolist()
    if array.dtype.kind == "f" and not np.isfinite(array).all():
        values = [v if math.isfinite(v) else repr(v) for v in values]
    return values


def _compare_sample(expected: Sample, actual: Any, rules: Rules, path: str) -> Mismatch | None:
    got = _as_plain_array(actual)
    header = _array_header(expected.shape, expected.dtype, got, actual, rules, path)
    if header is not None or got is None:
        return header
    values = got.reshape(-1)[expected.index]
    if expected.dtype.kind in "fc":
        rtol, atol = tolerances(expected.dtype, got.dtype, rules)
        bad, diff = _bad_floats(expected.values, values, rtol, atol)
        scores = np.where(bad, np.nan_to_num(diff, nan=np.inf), -1.0)
        beyond = f" beyond rtol={rtol:g}, atol={atol:g}"
    else:
        bad = expected.values != values
        scores, diff, beyond = bad.astype(float), bad.astype(float), ""
    count = int(np.count_nonzero(bad))
    if count == 0:
        return None
    at = int(np.argmax(scores))
    worst = np.unravel_index(int(expected.index[at]), expected.shape)
    return Mismatch("values", f"{path}: {count} of {expected.index.size} sampled values differ{beyond}; "
                              f"at index {_index(worst)}: expected {_num(expected.values[at])}, "
                              f"got {_num(values[at])} (this test checks {expected.index.size} of the "
                              f"{expected.size} values)")


# ---------------------------------------------------------------------------------------
# Scalars

def _compare_scalars(expected: Any, actual: Any, rules: Rules, path: str) -> Mismatch | None:
    want = np.asarray(expected)
    got = _scalar_array(actual)
    if got is None:
        return Mismatch("shape", f"{path}: expected {describe(expected)}, got {describe(actual)}")
    want_family, got_family = _family(want.dtype.kind), _family(got.dtype.kind)
    if (want_family, got_family) in (("f", "i"), ("c", "i"), ("c", "f")) and rules.dtype is None:
        got = got.astype(np.complex128 if want_family == "c" else np.float64)
    elif want_family != got_family:
        return Mismatch("dtype", f"{path}: expected {_scalar_word(want_family)} {_num(expected)}, "
                                 f"got {describe(actual)}")
    wanted = _wanted_dtype(want.dtype, rules.dtype)
    if wanted is not None and not same_dtype(got.dtype, wanted):
        return Mismatch("dtype", f"{path}: expected a {wanted} scalar, got {describe(actual)}")
    if want_family not in "fc":
        if want == got:
            return None
        return Mismatch("values", f"{path}: expected {_num(expected)}, got {_num(got.item())}",
                        _scalar_detail(want, got))
    rtol, atol = tolerances(want.dtype, got.dtype, rules)
    if not _bad_floats(want, got, rtol, atol)[0]:
        return None
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        difference = np.abs(got - want).item()
        relative = difference / abs(want.item()) if want.item() != 0 else math.inf
    return Mismatch("values", f"{path}: expected {_num(expected)}, got {_num(got.item())} "
                              f"(difference {_num(difference)}, relative error {_num(relative)}; "
                              f"rtol={rtol:g}, atol={atol:g})", _scalar_detail(want, got))


def _scalar_detail(want: np.ndarray, got: np.ndarray) -> dict[str, Any]:
    return {"type": "scalar", "expected": _num(want.item()), "actual": _num(got.item())}


def _scalar_word(family: str) -> str:
    return {"b": "a bool", "i": "an integer", "f": "a float", "c": "a complex number"}.get(
        family, "a scalar")


def _scalar_array(value: Any) -> np.ndarray | None:
    """A 0-d plain ndarray for Python and NumPy scalars and 0-d arrays, else None."""
    if type(value) in (bool, int, float, complex):
        return np.asarray(value)
    array = _as_plain_array(value)
    if array is None or array.ndim != 0 or array.dtype.kind not in "biufc":
        return None
    return array


# ---------------------------------------------------------------------------------------
# Strings, sequences and dicts

def _compare_strings(expected: str, actual: Any, rules: Rules, path: str) -> Mismatch | None:
    if type(actual) is not str:
        return Mismatch("shape", f"{path}: expected a str ({_clip(repr(expected))}), got {describe(actual)}")
    if str.__eq__(expected, actual):
        return None
    at = next((i for i, (a, b) in enumerate(zip(expected, actual)) if a != b),
              min(len(expected), len(actual)))
    start = max(0, at - 20)
    detail = {"type": "string", "index": at, "start": start,
              "expected": expected[start:at + 20], "actual": actual[start:at + 20]}
    return Mismatch("values", f"{path}: expected {_clip(repr(expected))}, got {_clip(repr(actual))} "
                              f"(first difference at character {at})", detail)


def _compare_sequences(expected: list | tuple, actual: Any, rules: Rules, path: str) -> Mismatch | None:
    noun = type(expected).__name__
    if type(actual) not in (list, tuple):
        return Mismatch("shape", f"{path}: expected a {noun} of length {len(expected)}, got {describe(actual)}")
    length = "" if len(actual) == len(expected) else \
        f"expected a {noun} of length {len(expected)}, got length {len(actual)}"
    for i in range(min(len(expected), len(actual))):
        found = mismatch(expected[i], actual[i], rules, f"{path}[{i}]")
        if found is None:
            continue
        detail = _sequence_detail(expected, actual, i) if found.detail is None or length else found.detail
        if not length:
            return Mismatch(found.kind, found.message, detail)
        return Mismatch("shape", f"{path}: {length}; first difference: {found.message}", detail)
    if not length:
        return None
    common = min(len(expected), len(actual))
    after = f"after {common} matching item{'s' * (common != 1)}, " if common else ""
    if len(actual) > len(expected):
        extra = len(actual) - common
        tail = f"{after}{extra} more {'comes' if extra == 1 else 'come'}: {_preview(actual[common:])}"
    else:
        missing = len(expected) - common
        tail = f"{after}{missing} {'is' if missing == 1 else 'are'} missing: {_preview(expected[common:])}"
    return Mismatch("shape", f"{path}: {length}; {tail}", _sequence_detail(expected, actual, common))


def _sequence_detail(expected: list | tuple, actual: list | tuple, index: int) -> dict[str, Any]:
    """The items around the first difference, as the learner would print them."""
    start = max(0, index - CONTEXT)
    return {"type": "sequence", "index": index, "start": start,
            "expected": [_show(v) for v in expected[start:index + CONTEXT + 1]],
            "actual": [_show(v) for v in actual[start:index + CONTEXT + 1]]}


def _preview(items: list | tuple) -> str:
    shown = ", ".join(_show(v) for v in items[:CONTEXT])
    return f"[{shown}{', ...' if len(items) > CONTEXT else ''}]"


def _show(value: Any) -> str:
    value = _plain(value)
    if type(value) in (str, int, float, bool, complex) or value is None:
        return _clip(repr(value), 40)
    return describe(value)


def _compare_dicts(expected: dict, actual: Any, rules: Rules, path: str) -> Mismatch | None:
    if type(actual) is not dict:
        return Mismatch("shape", f"{path}: expected a dict, got {describe(actual)}")
    # Keys are matched with mismatch() too: a learner's key may lie in __eq__ and __hash__.
    remaining = list(dict.items(actual))
    missing: list[Any] = []
    differing: list[Mismatch] = []
    for key, want in expected.items():
        found = next((i for i, (k, _) in enumerate(remaining) if mismatch(key, k, EXACT) is None), None)
        if found is None:
            missing.append(key)
            continue
        difference = mismatch(want, remaining.pop(found)[1], rules, f"{path}[{key!r}]")
        if difference is not None:
            differing.append(difference)
    extra = [k for k, _ in remaining]
    if not missing and not extra:
        return differing[0] if differing else None
    parts = [f"missing key{'s' * (len(missing) > 1)} {_keys(missing)}"] if missing else []
    parts += [f"unexpected key{'s' * (len(extra) > 1)} {_keys(extra)}"] if extra else []
    message = f"{path}: " + ", ".join(parts) + (f"; {differing[0].message}" if differing else "")
    detail = {"type": "dict", "missing": [_show(k) for k in missing], "extra": [_show(k) for k in extra],
              "differing": [d.message for d in differing[:CONTEXT]]}
    return Mismatch("shape", message, detail)


def _keys(keys: list[Any]) -> str:
    shown = ", ".join(_show(k) for k in keys[:CONTEXT])
    return shown + (f" and {len(keys) - CONTEXT} more" if len(keys) > CONTEXT else "")


def describe_change(found: Mismatch) -> str:
    """What a call did to an argument, from the mismatch of its value before and after:
    ``2 of 3 values changed; at index (0,) it was 1.0, it is now 2.0``."""
    path, _, message = found.message.partition(": ")
    message = message if "[" not in path else f"{path}: {message}"  # keep where, inside a container
    message = re.sub(r"values differ( beyond rtol=0, atol=0)?", "values changed", message)
    message = re.sub(r"; largest difference \S+ at index", "; at index", message)
    message = re.sub(r"expected (.*), got (.*)$", r"it was \1, it is now \2", message)
    return message


# ---------------------------------------------------------------------------------------
# Words

def describe(value: Any) -> str:
    """A value as a message names it: ``an array of shape (3,) and dtype float64``."""
    if value is None:
        return "None"
    if type(value) is Opaque:
        return value.description
    if type(value) is Sample:
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    array = _as_plain_array(value)
    if array is not None:
        if array.ndim == 0:
            return f"{type_name(value)} {_num(array.item())}"
        return f"an array of shape {array.shape} and dtype {array.dtype}"
    if type(value) in (list, tuple, dict):
        return f"a {type(value).__name__} of length {len(value)}"
    if type(value) in (int, float, bool, complex, str):
        return f"{type(value).__name__} {_clip(repr(value))}"
    return f"an object of type {type_name(value)}"


def type_name(value: Any) -> str:
    """The name of a value's type, read without running a metaclass's code."""
    return _TYPE_NAME(type(value))


def _num(value: Any) -> str:
    """A number as a learner reads it: floats to 7 significant digits, still looking like floats."""
    value = value.item() if isinstance(value, np.generic) else value
    if type(value) is not float:
        return repr(value)
    text = f"{value:.7g}"
    return text if any(c in text for c in ".ena") else text + ".0"


def _index(index: tuple) -> str:
    return "(" + ", ".join(str(int(i)) for i in index) + ("," if len(index) == 1 else "") + ")"


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
