"""Run a learner's code against a problem's tests and say, for each test, what happened.

This one file runs in two places: inside Pyodide in the learner's browser (as the module
``kata_harness``) and in CPython when ``kata check`` or ``mkdocs build`` checks a problem
(as ``kata.harness``). It needs only the standard library and NumPy, so "passes in check"
and "passes in the browser" mean the same thing.

The learner's code is untrusted in the sense that it may be wrong in any way: it may loop,
exit, print things that look like results, return objects whose ``__eq__`` lies, or patch
NumPy and builtins. None of that may turn a wrong answer into a pass. The defences:

- every test executes the learner's code afresh, in a namespace of its own;
- the modules the harness relies on are snapshotted before learner code runs and restored
  after it, before anything is compared;
- comparisons look at exact types and raw array buffers; they never call a method of a
  learner-returned object;
- expected values are decoded only after the learner's call has returned.
"""

from __future__ import annotations

import base64
import builtins
import io
import json
import linecache
import math
import os
import re
import sys
import time
import traceback
import tracemalloc
import types
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.fft
import numpy.linalg
import numpy.random  # noqa: F401  (bound before any snapshot: NumPy imports these lazily)

SOLUTION_FILE = "solution.py"
OUTPUT_LIMIT_PER_TEST = 10_000
OUTPUT_LIMIT_PER_RUN = 50_000
TRUNCATION_MARKER = "\n[output truncated: {hidden} more characters not shown]\n"

# Default tolerances by dtype, used when a test gives no rtol/atol. A float32 result
# cannot be held to float64's precision: its machine epsilon is about 1.2e-7.
TOLERANCES: dict[str, tuple[float, float]] = {
    "float16": (1e-2, 1e-3),
    "float32": (1e-4, 1e-5),
    "float64": (1e-7, 1e-9),
}
DEFAULT_TOLERANCE = TOLERANCES["float64"]

_BYTE_UNITS = {"b": 1, "kb": 1000, "mb": 1000**2, "gb": 1000**3,
               "kib": 1024, "mib": 1024**2, "gib": 1024**3}
_SIZE_PATTERN = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b|b)?\s*$", re.IGNORECASE)


class ExitCalled(BaseException):
    """Raised in place of ``os._exit()`` so that a learner's exit ends a test, not Python."""


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


# ---------------------------------------------------------------------------------------
# Encoding of expected values: JSON that survives a trip through JavaScript unchanged.

_SAFE_INT = 2**53


def encode(value: Any) -> Any:
    """Encode a result (arrays, scalars, containers) as JSON-safe data, losslessly."""
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
        return {"$nd": _encode_array(value)}
    if isinstance(value, np.generic):
        return {"$np": _encode_array(np.asarray(value))}
    if isinstance(value, tuple):
        return {"$tuple": [encode(item) for item in value]}
    if isinstance(value, list):
        return [encode(item) for item in value]
    if isinstance(value, dict):
        return {"$dict": [[encode(k), encode(v)] for k, v in value.items()]}
    raise TypeError(f"cannot freeze a value of type {type(value).__name__} as an expected value")


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


# ---------------------------------------------------------------------------------------
# Comparison. Never calls a method of the learner's object: a learner value is first read
# into a plain builtin or ndarray through the base type's own slots (see ``_plain``), and
# only exact type checks and NumPy functions on plain data follow.

def compare(expected: Any, actual: Any, rtol: float | None = None, atol: float | None = None,
            path: str = "result") -> str | None:
    """Return None when ``actual`` matches ``expected``, else a message saying how it differs."""
    actual = _plain(actual)
    if expected is None:
        return None if actual is None else f"{path}: expected None, got {_describe(actual)}"
    if actual is None:
        return f"{path}: expected {_describe(expected)}, got None"
    if isinstance(expected, np.generic) or type(expected) in (bool, int, float, complex):
        return _compare_scalars(expected, actual, rtol, atol, path)
    if isinstance(expected, np.ndarray):
        return _compare_arrays(expected, actual, rtol, atol, path)
    if type(expected) in (list, tuple):
        return _compare_sequences(expected, actual, rtol, atol, path)
    if type(expected) is dict:
        return _compare_dicts(expected, actual, rtol, atol, path)
    if type(expected) is str:
        return _compare_strings(expected, actual, path)
    raise TypeError(f"cannot compare with an expected value of type {type(expected).__name__}")


# How to read a subclass of a builtin as the builtin itself, through the base type's own
# slot: a subclass's overridden __eq__, __iter__, __len__ or __float__ is never called.
_BASE_READERS: tuple[tuple[type, Callable[[Any], Any]], ...] = (
    (int, int.__int__), (float, float.__float__), (complex, complex.__complex__),
    (str, str.__str__), (list, lambda v: list.__getitem__(v, slice(None))),
    (tuple, lambda v: tuple.__getitem__(v, slice(None))), (dict, dict.copy))


_NUMERIC_SCALARS = frozenset(t for t in np.sctypeDict.values() if np.dtype(t).kind in "biufc")


def _plain(value: Any) -> Any:
    """``value`` as a plain builtin, a plain ndarray or a NumPy scalar, if it is one underneath."""
    kind = type(value)
    if value is None or kind in (bool, int, float, complex, str, list, tuple, dict, np.ndarray):
        return value
    if issubclass(kind, np.ndarray):
        return np.ndarray.view(value, np.ndarray)
    if kind in _NUMERIC_SCALARS:
        return value
    for base, read in _BASE_READERS:
        if issubclass(kind, base):
            return read(value)
    return value


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


def _compare_arrays(expected: np.ndarray, actual: Any, rtol: float | None, atol: float | None,
                    path: str) -> str | None:
    got = _as_plain_array(actual)
    if got is None:
        if expected.ndim == 0 and type(actual) in (int, float, bool, complex):
            got = np.array(actual)
        else:
            return (f"{path}: expected a NumPy array of shape {expected.shape}, "
                    f"got {_describe(actual)}")
    if got.shape != expected.shape:
        return f"{path}: expected shape {expected.shape}, got {got.shape}"
    if _family(got.dtype.kind) != _family(expected.dtype.kind):
        return (f"{path}: expected a {_kind_name(expected.dtype.kind)} array "
                f"({expected.dtype}), got dtype {got.dtype}")
    if expected.dtype.kind in "fc":
        rtol, atol = _tolerances(expected.dtype, got.dtype, rtol, atol)
        return _compare_float_values(expected, got, rtol, atol, path)
    return _compare_exact_values(expected, got, path)


def _tolerances(expected: np.dtype, got: np.dtype, rtol: float | None,
                atol: float | None) -> tuple[float, float]:
    """The test's tolerances, else the defaults of the less precise of the two dtypes."""
    names = [np.dtype(d.char.lower() if d.kind == "c" else d).name for d in (expected, got)]
    defaults = [TOLERANCES.get(_real_name(n), DEFAULT_TOLERANCE) for n in names]
    default_rtol, default_atol = max(defaults)
    return (default_rtol if rtol is None else rtol, default_atol if atol is None else atol)


def _real_name(name: str) -> str:
    return {"complex64": "float32", "complex128": "float64"}.get(name, name)


def _compare_float_values(expected: np.ndarray, got: np.ndarray, rtol: float, atol: float,
                          path: str) -> str | None:
    e = expected.astype(np.complex128 if expected.dtype.kind == "c" else np.float64)
    g = got.astype(e.dtype)
    with np.errstate(invalid="ignore", over="ignore"):
        both_nan = np.isnan(e) & np.isnan(g)
        same_inf = np.isinf(e) & (e == g)
        diff = np.abs(g - e)
        # Only finite values get a tolerance: inf's tolerance would be inf, so anything matched it.
        close = np.isfinite(e) & np.isfinite(g) & (diff <= atol + rtol * np.abs(e))
        bad = ~(both_nan | same_inf | close)
    count = int(np.count_nonzero(bad))
    if count == 0:
        return None
    scores = np.where(bad, np.nan_to_num(diff, nan=np.inf), -1.0)
    worst = np.unravel_index(int(np.argmax(scores)), e.shape) if e.ndim else ()
    where = f" at index {_index(worst)}" if e.ndim else ""
    return (f"{path}: {count} of {e.size} values differ beyond rtol={rtol:g}, atol={atol:g}; "
            f"largest difference {_num(diff[worst])}{where}: "
            f"expected {_num(expected[worst])}, got {_num(got[worst])}")


def _compare_exact_values(expected: np.ndarray, got: np.ndarray, path: str) -> str | None:
    bad = expected != got
    count = int(np.count_nonzero(bad))
    if count == 0:
        return None
    first = tuple(int(i) for i in np.argwhere(bad)[0]) if expected.ndim else ()
    where = f"; first at index {_index(first)}" if expected.ndim else ""
    return (f"{path}: {count} of {expected.size} values differ{where}: "
            f"expected {_num(expected[first])}, got {_num(got[first])}")


def _compare_scalars(expected: Any, actual: Any, rtol: float | None, atol: float | None,
                     path: str) -> str | None:
    want = np.asarray(expected)
    got = _scalar_array(actual)
    if got is None:
        return f"{path}: expected {_describe(expected)}, got {_describe(actual)}"
    want_family, got_family = _family(want.dtype.kind), _family(got.dtype.kind)
    if (want_family, got_family) in (("f", "i"), ("c", "i"), ("c", "f")):
        got = got.astype(np.complex128 if want_family == "c" else np.float64)
    elif want_family != got_family:
        return f"{path}: expected {_scalar_word(want_family)} {_num(expected)}, got {_describe(actual)}"
    if want_family not in "fc":
        return None if want == got else f"{path}: expected {_num(expected)}, got {_num(got.item())}"
    rtol, atol = _tolerances(want.dtype, got.dtype, rtol, atol)
    if _compare_float_values(want, got, rtol, atol, path) is None:
        return None
    with np.errstate(invalid="ignore", over="ignore"):
        difference = _num(np.abs(got - want).item())
    return (f"{path}: expected {_num(expected)}, got {_num(got.item())} "
            f"(difference {difference}, rtol={rtol:g}, atol={atol:g})")


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


def _compare_strings(expected: str, actual: Any, path: str) -> str | None:
    if type(actual) is not str:
        return f"{path}: expected a str ({expected!r}), got {_describe(actual)}"
    if str.__eq__(expected, actual):
        return None
    at = next((i for i, (a, b) in enumerate(zip(expected, actual)) if a != b),
              min(len(expected), len(actual)))
    return (f"{path}: expected {_clip(repr(expected))}, got {_clip(repr(actual))} "
            f"(first difference at character {at})")


def _compare_sequences(expected: list | tuple, actual: Any, rtol: float | None,
                       atol: float | None, path: str) -> str | None:
    if type(actual) not in (list, tuple):
        return f"{path}: expected a {type(expected).__name__} of length {len(expected)}, got {_describe(actual)}"
    if len(actual) != len(expected):
        return (f"{path}: expected a {type(expected).__name__} of length {len(expected)}, "
                f"got length {len(actual)}")
    for i, (want, got) in enumerate(zip(expected, actual)):
        message = compare(want, got, rtol, atol, f"{path}[{i}]")
        if message:
            return message
    return None


def _compare_dicts(expected: dict, actual: Any, rtol: float | None, atol: float | None,
                   path: str) -> str | None:
    if type(actual) is not dict:
        return f"{path}: expected a dict, got {_describe(actual)}"
    # Keys are matched with compare() too: a learner's key may lie in __eq__ and __hash__.
    remaining = list(dict.items(actual))
    for key, want in expected.items():
        found = next((i for i, (k, _) in enumerate(remaining) if compare(key, k, 0.0, 0.0) is None), None)
        if found is None:
            return f"{path}: missing key {key!r}"
        message = compare(want, remaining.pop(found)[1], rtol, atol, f"{path}[{key!r}]")
        if message:
            return message
    if remaining:
        return f"{path}: unexpected key {_show_key(remaining[0][0])}"
    return None


def _show_key(key: Any) -> str:
    key = _plain(key)
    return _clip(repr(key)) if type(key) in (str, int, float, bool) else _describe(key)


def _describe(value: Any) -> str:
    if value is None:
        return "None"
    array = _as_plain_array(value)
    if array is not None:
        if array.ndim == 0:
            return f"{type(value).__name__} {_num(array.item())}"
        return f"an array of shape {array.shape} and dtype {array.dtype}"
    if type(value) in (list, tuple, dict):
        return f"a {type(value).__name__} of length {len(value)}"
    if type(value) in (int, float, bool, complex, str):
        return f"{type(value).__name__} {_clip(repr(value))}"
    return f"an object of type {type(value).__name__}"


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


# ---------------------------------------------------------------------------------------
# Guarding the harness's world against the learner's code.

_HARNESS_MODULES = ["builtins", "math", "json", "json.decoder", "json.encoder", "os", os.name, "io",
                    "sys", "time", "re", "traceback", "linecache", "tracemalloc", "base64",
                    "copy", "functools", "operator", "types", __name__]
_IMMUTABLE_TYPE = 1 << 8  # Py_TPFLAGS_IMMUTABLETYPE: builtin types that refuse new attributes


def _guarded_modules() -> list[Any]:
    """The modules the harness relies on: its own imports and all of NumPy's loaded modules."""
    numpy_modules = [name for name in sys.modules if name == "numpy" or name.startswith("numpy.")]
    return [sys.modules[name] for name in _HARNESS_MODULES + numpy_modules if name in sys.modules]


class _Snapshot:
    """What the harness relies on, as it was: module attributes, and the code of the functions
    and the attributes of the classes they name, so that patching any of them does not last."""

    def __init__(self) -> None:
        modules = _guarded_modules()
        self.modules = [(m.__dict__, dict(m.__dict__)) for m in modules]
        values = [value for m in modules for value in list(m.__dict__.values())]
        self.functions = [(f, f.__code__, f.__defaults__, f.__kwdefaults__) for f in values
                          if type(f) is types.FunctionType]
        self.classes = [(c, dict(c.__dict__)) for c in values
                        if type(c) is type and not c.__flags__ & _IMMUTABLE_TYPE]
        self.sys_modules = dict(sys.modules)
        self.streams = (sys.stdout, sys.stderr, sys.stdin, sys.__stdout__, sys.__stderr__)
        self.hooks = (sys.getrecursionlimit(), sys.gettrace(), sys.getprofile(), np.geterr())

    def restore(self, _dict_items: Callable = dict.items, _set: Callable = dict.__setitem__,
                _del: Callable = dict.__delitem__, _get: Callable = dict.get,
                _list: type = list) -> None:
        """Put everything back, using only references bound before learner code ran."""
        for live, saved in self.modules:
            for key in _list(live):
                if key not in saved and not _is_submodule(_get(live, key)):
                    _del(live, key)
            for key, value in _dict_items(saved):
                if _get(live, key, _MISSING) is not value:
                    _set(live, key, value)
        self._restore_functions_and_classes()
        self._restore_sys()

    def _restore_functions_and_classes(self, _setattr: Callable = type.__setattr__,
                                       _delattr: Callable = type.__delattr__) -> None:
        for function, code, defaults, kwdefaults in self.functions:
            function.__code__, function.__defaults__, function.__kwdefaults__ = code, defaults, kwdefaults
        for cls, saved in self.classes:
            for key in list(cls.__dict__):
                if key not in saved:
                    _delattr(cls, key)
            for key, value in saved.items():
                if cls.__dict__.get(key, _MISSING) is not value:
                    _setattr(cls, key, value)

    def _restore_sys(self) -> None:
        for key in list(sys.modules):
            if key not in self.sys_modules and not _is_imported(sys.modules[key]):
                del sys.modules[key]
        for key, value in self.sys_modules.items():
            if sys.modules.get(key, _MISSING) is not value:
                sys.modules[key] = value
        sys.stdout, sys.stderr, sys.stdin, sys.__stdout__, sys.__stderr__ = self.streams
        limit, trace, profile, numpy_errors = self.hooks
        sys.setrecursionlimit(limit)
        sys.settrace(trace)
        sys.setprofile(profile)
        np.seterr(**numpy_errors)


_MISSING = object()


def _is_submodule(value: object) -> bool:
    """A module that an import registered: kept, since packages bind their submodules lazily."""
    return type(value) is types.ModuleType and _is_imported(value)


def _is_imported(module: object) -> bool:
    """A module the import system loaded, not an object a learner put in ``sys.modules``."""
    spec = getattr(module, "__spec__", None) if type(module) is types.ModuleType else None
    return spec is not None and sys.modules.get(module.__name__) is module


class _Output(io.TextIOBase):
    """A text stream that keeps the first ``limit`` characters and counts the rest."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[str] = []
        self.kept = 0
        self.hidden = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if type(text) is not str:
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        room = self.limit - self.kept
        if room > 0:
            self.parts.append(text[:room])
            self.kept += min(room, len(text))
        self.hidden += max(0, len(text) - max(room, 0))
        return len(text)

    def text(self) -> str:
        body = "".join(self.parts)
        return body + TRUNCATION_MARKER.format(hidden=self.hidden) if self.hidden else body


def _exit_instead(code: int = 0) -> None:
    raise ExitCalled(code)


class _Sandbox:
    """Runs one piece of learner-facing code with output captured and the world restored."""

    def __init__(self, output: _Output, snapshot: _Snapshot | None = None) -> None:
        self.output = output
        self.snapshot = snapshot

    def __enter__(self) -> _Sandbox:
        # Bound now: the learner's code may patch the class. A snapshot taken before a run's
        # first learner code serves all of that run's sandboxes (taking one costs as much as
        # restoring it).
        self.restore = (self.snapshot or _Snapshot()).restore
        # Warnings (NumPy's "overflow encountered in exp") are part of the learner's output.
        self.warnings = warnings.catch_warnings()
        self.warnings.__enter__()
        warnings.simplefilter("default")
        warnings.showwarning = self._show_warning
        sys.stdout = sys.stderr = sys.__stdout__ = sys.__stderr__ = self.output
        sys.stdin = io.StringIO("")
        for module in (os, sys.modules.get(os.name)):
            module._exit = _exit_instead  # type: ignore[union-attr]
        return self

    def __exit__(self, *exc: object) -> None:
        self.warnings.__exit__(None, None, None)
        self.restore()

    def _show_warning(self, message: Warning | str, category: type[Warning], filename: str,
                      lineno: int, file: object = None, line: str | None = None) -> None:
        where = f" ({SOLUTION_FILE}, line {lineno})" if filename == SOLUTION_FILE else ""
        self.output.write(f"{category.__name__}: {message}{where}\n")


# ---------------------------------------------------------------------------------------
# Messages about exceptions, in the learner's terms. Exception types are read with
# type(exc), never exc.__class__, which a learner's exception may fake.

def _raised(exc: BaseException, kinds: type | tuple[type, ...]) -> bool:
    return issubclass(type(exc), kinds)


def explain_exception(exc: BaseException, entry: str = "") -> str:
    """Describe an exception raised by learner code, with only solution.py's frames."""
    if _raised(exc, SystemExit):
        code = "" if exc.code is None else f": {_safe_repr(exc.code)}"
        return f"Your code called exit() (SystemExit{code}): return a value instead."
    if _raised(exc, ExitCalled):
        return "Your code called os._exit(): return a value instead."
    if _raised(exc, KeyboardInterrupt):
        return "Your code raised KeyboardInterrupt: the run was interrupted."
    # How many frames a runaway recursion got through depends on the stack below the learner's
    # code (the harness, pytest, Pyodide), so the count is not shown.
    lines = [re.sub(r"repeated \d+ more times", "repeated many more times", line)
             for line in traceback.format_list(_learner_frames(exc))]
    head = "Traceback (most recent call last):\n" if lines else ""
    text = head + "".join(lines) + _exception_line(exc)
    if _raised(exc, MemoryError):
        text += "\nYour code ran out of memory: is an array far larger than it needs to be?"
    elif _raised(exc, RecursionError):
        text += "\nDoes your recursion have a base case it always reaches?"
    return text


def _learner_frames(exc: BaseException) -> list[traceback.FrameSummary]:
    """The frames of the traceback that are in solution.py: never the harness's own."""
    tb = BaseException.__dict__["__traceback__"].__get__(exc)
    return [f for f in traceback.extract_tb(tb) if f.filename == SOLUTION_FILE]


def _exception_line(exc: BaseException) -> str:
    try:
        return "".join(traceback.format_exception_only(type(exc), exc)).rstrip("\n")
    except BaseException:  # a learner's exception whose __str__ itself fails
        return type(exc).__name__


def _safe_repr(value: Any) -> str:
    return repr(value) if type(value) in (int, str, type(None)) else f"an object of type {type(value).__name__}"


def syntax_error_result(exc: SyntaxError) -> dict[str, Any]:
    """The Result for learner code that does not compile, pointing at line and column."""
    line, column = exc.lineno or 1, exc.offset or 1
    text = (exc.text or "").rstrip("\n")
    indent = len(text) - len(text.lstrip())
    caret = f"\n    {text.strip()}\n    {' ' * max(0, column - 1 - indent)}^" if text.strip() else ""
    message = f"{type(exc).__name__}: {exc.msg} ({SOLUTION_FILE}, line {line}, column {column}){caret}"
    return {"status": "error", "message": message, "tests": [], "duration_ms": 0,
            "location": {"line": line, "column": column}}


# ---------------------------------------------------------------------------------------
# Running tests.

class Outcome:
    """What one execution of a test did: its value or exception, output and peak memory."""

    def __init__(self) -> None:
        self.value: Any = None
        self.error: BaseException | None = None
        self.setup_error: BaseException | None = None
        self.peak: int | None = None  # bytes; -1 when the learner's code stopped the measurement
        self.output = ""
        self.duration_ms = 0.0


def compile_solution(code: str) -> Any:
    """Compile learner code as ``solution.py`` and register its lines for tracebacks."""
    linecache.cache[SOLUTION_FILE] = (len(code), None, code.splitlines(True), SOLUTION_FILE)
    return compile(code, SOLUTION_FILE, "exec", dont_inherit=True)


def load_solution(compiled: Any, output: _Output, snapshot: _Snapshot | None = None
                  ) -> tuple[dict[str, Any], BaseException | None]:
    """Execute compiled learner code in a fresh module namespace."""
    namespace: dict[str, Any] = {"__name__": "solution", "__file__": SOLUTION_FILE,
                                 "__builtins__": builtins}
    with _Sandbox(output, snapshot):
        try:
            exec(compiled, namespace)
        except BaseException as exc:  # the learner's code may raise anything, exits included
            return namespace, exc
    return namespace, None


def execute_test(compiled: Any, entry: str, test: dict[str, Any],
                 output_limit: int = OUTPUT_LIMIT_PER_TEST, snapshot: _Snapshot | None = None) -> Outcome:
    """Run one test against freshly loaded learner code; compare nothing."""
    outcome = Outcome()
    output = _Output(output_limit)
    start = time.perf_counter()
    snapshot = snapshot or _Snapshot()
    namespace, outcome.error = load_solution(compiled, _Output(0), snapshot)
    scope: dict[str, Any] = {"__builtins__": builtins, "np": np, "numpy": np}
    if entry in namespace:
        scope[entry] = namespace[entry]
    with _Sandbox(output, snapshot):
        try:
            if test.get("setup") and outcome.error is None:
                exec(compile(test["setup"], "<setup>", "exec", dont_inherit=True), scope)
        except BaseException as exc:
            outcome.setup_error = exc
        else:
            if outcome.error is None:
                _call(test, scope, outcome)
    outcome.duration_ms = (time.perf_counter() - start) * 1000
    outcome.output = output.text()
    return outcome


def _call(test: dict[str, Any], scope: dict[str, Any], outcome: Outcome) -> None:
    traced = test.get("max_alloc") is not None
    # Bound before the call: learner code may replace tracemalloc's functions.
    measure, stop, tracing = tracemalloc.get_traced_memory, tracemalloc.stop, tracemalloc.is_tracing
    if traced:
        tracemalloc.start()
        baseline = measure()[0]
        tracemalloc.reset_peak()
    try:
        if test.get("code"):
            exec(compile(test["code"], "<test>", "exec", dont_inherit=True), scope)
        else:
            outcome.value = eval(compile(test["call"], "<test>", "eval", dont_inherit=True), scope)
    except BaseException as exc:
        outcome.error = exc
    finally:
        if traced:
            outcome.peak = max(0, measure()[1] - baseline) if tracing() else -1
            stop()


def judge(test: dict[str, Any], outcome: Outcome, entry: str) -> tuple[str, str | None]:
    """Turn an outcome into a status and a message, comparing with the test's expectation."""
    if outcome.setup_error is not None:
        return "error", "The test's own setup failed (a problem with the test, not your code):\n" + \
            explain_exception(outcome.setup_error)
    status, message = _judge_raises(test, outcome, entry) if test.get("raises") else \
        _judge_value(test, outcome, entry)
    if status == "fail" and test.get("hint"):
        return status, f"{message}\nHint: {test['hint']}"
    if status == "pass" and outcome.peak is not None:
        return _judge_memory(test, outcome)  # the hint is the advice of this message
    return status, message


def _judge_value(test: dict[str, Any], outcome: Outcome, entry: str) -> tuple[str, str | None]:
    error = outcome.error
    if error is not None and _raised(error, AssertionError) and test.get("code"):
        return "fail", _exception_message(error) or "An assertion in the test failed."
    if error is not None and _raised(error, NameError) and f"'{entry}'" in _exception_message(error):
        return "error", f"{SOLUTION_FILE} does not define {entry}."
    if error is not None:
        return "error", explain_exception(error, entry)
    if test.get("code") or "expected" not in test:  # nothing to compare: it ran, that is all
        return "pass", None
    expected = decode(test["expected"])
    if outcome.value is None and expected is not None:
        return "fail", f"{entry or 'Your function'} returned None: did you forget to return?"
    message = compare(expected, outcome.value, test.get("rtol"), test.get("atol"))
    return ("pass", None) if message is None else ("fail", message)


def _judge_raises(test: dict[str, Any], outcome: Outcome, entry: str) -> tuple[str, str | None]:
    wanted = resolve_exception(test["raises"])
    error = outcome.error
    if error is None:
        return "fail", (f"expected {wanted.__name__} to be raised, but the call returned "
                        f"normally ({_describe(outcome.value)})")
    if not _raised(error, wanted) or _raised(error, (SystemExit, ExitCalled)):
        return "fail", (f"expected {wanted.__name__}, but got "
                        f"{type(error).__name__}:\n{explain_exception(error, entry)}")
    pattern = test.get("match")
    text = _exception_message(error)
    if pattern and text is None:
        return "fail", (f"{wanted.__name__} was raised, but its message cannot be read "
                        "(str() of the exception failed)")
    if pattern and not re.search(pattern, text or ""):
        return "fail", (f"{wanted.__name__} was raised, but its message "
                        f"{_clip(repr(text), 200)} does not say what "
                        f"the test looks for (pattern {pattern!r})")
    return "pass", None


def _judge_memory(test: dict[str, Any], outcome: Outcome) -> tuple[str, str | None]:
    limit = parse_size(test["max_alloc"])
    peak = outcome.peak or 0
    if peak < 0:
        return "error", "Your code stopped tracemalloc, so its memory could not be measured."
    if peak <= limit:
        return "pass", None
    advice = test.get("hint") or "use less intermediate memory"
    return "fail", (f"peak allocation {format_size(peak)} during the call, "
                    f"limit {format_size(limit)}: {advice}")


def _exception_message(exc: BaseException) -> str | None:
    """``str(exc)``, or None when the learner's ``__str__`` fails or returns a non-string."""
    try:
        text = str(exc)
    except BaseException:
        return None
    return str.__str__(text) if isinstance(text, str) else None


def resolve_exception(name: str) -> type[BaseException]:
    """The exception class named by a test's ``raises``: a builtin or a dotted path."""
    if "." not in name:
        found = getattr(builtins, name, None)
    else:
        module_name, _, attr = name.rpartition(".")
        module_name = {"np": "numpy"}.get(module_name, module_name.replace("np.", "numpy.", 1))
        module = __import__(module_name, fromlist=[attr])
        found = getattr(module, attr, None)
    if not (isinstance(found, type) and issubclass(found, BaseException)):
        raise ValueError(f"{name!r} is not an exception class")
    return found


def run(code: str, entry: str, tests: list[dict[str, Any]],
        progress: Callable[[str], Any] | None = None, first_failure: bool = False) -> dict[str, Any]:
    """Run learner ``code`` against ``tests`` and return a Result (see DESIGN.md).

    With ``first_failure``, stop at the first test that does not pass (checking wrong
    solutions and mutants needs only one).
    """
    start = time.perf_counter()
    # Frozen as immutable text before any learner code runs: its code can reach the test
    # dicts (gc, frames) and change them, but each test is read afresh from this text.
    frozen = tuple(json.dumps(test) for test in tests)
    run_output = _Output(OUTPUT_LIMIT_PER_RUN)
    try:
        compiled = compile_solution(code)
    except SyntaxError as exc:
        return syntax_error_result(exc)
    snapshot = _Snapshot()
    namespace, error = load_solution(compiled, run_output, snapshot)
    if error is not None or entry not in namespace:
        message = (f"Your code raised an error while loading:\n{explain_exception(error)}"
                   if error is not None else
                   f"{SOLUTION_FILE} does not define {entry}: keep the name from the starter code.")
        return {"status": "error", "message": message, "output": run_output.text(), "tests": [],
                "duration_ms": _ms(start)}
    results = []
    for index, text in enumerate(frozen):
        results.append(_run_one(compiled, entry, index, text, run_output, progress, snapshot))
        if first_failure and results[-1]["status"] != "pass":
            break
    status = "pass" if all(r["status"] == "pass" for r in results) else "fail"
    result: dict[str, Any] = {"status": status, "tests": results, "duration_ms": _ms(start)}
    if run_output.kept or run_output.hidden:
        result["output"] = run_output.text()
    return result


def _run_one(compiled: Any, entry: str, index: int, frozen_test: str, run_output: _Output,
             progress: Callable[[str], Any] | None, snapshot: _Snapshot) -> dict[str, Any]:
    name = json.loads(frozen_test)["name"]
    if progress is not None:
        progress(json.dumps({"event": "start", "index": index, "name": name}))
    outcome = execute_test(compiled, entry, json.loads(frozen_test), snapshot=snapshot)
    status, message = judge(json.loads(frozen_test), outcome, entry)
    row: dict[str, Any] = {"name": name, "status": status, "duration_ms": round(outcome.duration_ms, 3)}
    if message:
        row["message"] = _cut(message, OUTPUT_LIMIT_PER_TEST)
    if outcome.output:
        row["output"] = outcome.output
        run_output.write(outcome.output)
    if progress is not None:
        progress(json.dumps({"event": "done", "index": index, "test": row}))
    return row


def _cut(text: str, limit: int) -> str:
    """``text`` cut at ``limit`` characters, with the same visible marker as printed output."""
    output = _Output(limit)
    output.write(text)
    return output.text()


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 3)


def run_request(request_json: str, progress: Callable[[str], Any] | None = None) -> str:
    """The browser's entry point: a JSON request ``{code, entry, tests}`` to a JSON Result."""
    request = json.loads(request_json)
    result = run(request["code"], request["entry"], request["tests"], progress)
    return json.dumps(result)
