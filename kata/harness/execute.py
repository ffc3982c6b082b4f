"""Running one test against learner code, and reading what came back as plain data.

A test runs in three phases:

1. **Prepared**, in a clean world: the test's setup, call (split into callee and arguments)
   or code are compiled, and the exception it expects is resolved.
2. **Executed**, in a ``Sandbox``: the learner's module is loaded afresh, the setup runs, then
   the call. Learner code may have replaced any builtin or module function by now, so the
   harness code of this phase uses only references bound when this module was imported
   (default arguments): ``exec``, ``eval``, the tracemalloc functions, and ``plain_copy``,
   which reads the returned value and the arguments into plain data. Every reference to a
   learner object is dropped before the sandbox closes.
3. **Explained**, only when an exception was raised: its type is read first (whether it is
   the expected one), then its message and traceback, which may run the learner's
   ``__str__``: inside a sandbox again, so that whatever that code does is put back.

The judge then works on plain data in a clean world: no ``__del__``, ``__eq__`` or ``__str__``
of the learner's can run while it compares.
"""

from __future__ import annotations

import ast
import builtins
import linecache
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np

from .compare import EXACT, Mismatch, Opaque, mismatch, plain_copy
from .explain import (
    SOLUTION_FILE,
    ExitCalled,
    code_frames,
    exception_line,
    exception_message,
    explain_exception,
    learner_line,
    raised,
    resolve_exception,
)
from .result import TEXT_LIMIT
from .sandbox import Output, Sandbox, Sink, World

_SCOPE = {"__builtins__": builtins, "np": np, "numpy": np}
_QUIET = Sink()


class Failure:
    """An exception raised by learner code, read as plain data."""

    __slots__ = ("type_name", "text", "message", "summary", "line", "frames", "is_assertion", "is_exit",
                 "expected")

    def __init__(self, exc: BaseException, wanted: type[BaseException] | None = None) -> None:
        # What decides a verdict is read first, before any of the learner's code (its __str__)
        # can run.
        self.type_name = type.__dict__["__name__"].__get__(type(exc))
        self.is_assertion = raised(exc, AssertionError)
        self.is_exit = raised(exc, (SystemExit, ExitCalled, KeyboardInterrupt))
        self.expected = wanted is not None and raised(exc, wanted) and not self.is_exit
        self.line = learner_line(exc)
        self.frames = code_frames(exc)  # where, for an author: solution.py, <setup> or <test>
        self.message = exception_message(exc)
        self.summary = exception_line(exc)
        self.text = explain_exception(exc)

    @classmethod
    def expected_plain(cls, type_name: str, message: str) -> Failure:
        """The exception the test expects, read as its type's name and its message (see
        ``_expected_plain``)."""
        failure = cls.of_text(message)
        failure.type_name, failure.summary, failure.expected = type_name, f"{type_name}: {message}", True
        return failure

    @classmethod
    def of_text(cls, text: str) -> Failure:
        """A failure that is only a message (no exception raised it)."""
        failure = cls.__new__(cls)
        failure.type_name, failure.text, failure.message, failure.summary = "Error", text, text, text
        failure.line, failure.frames = None, []
        failure.is_assertion = failure.is_exit = failure.expected = False
        return failure

    def names_missing(self, name: str) -> bool:
        """A NameError about ``name`` itself: the learner's code does not define the entry."""
        return self.type_name == "NameError" and self.message is not None and f"'{name}'" in self.message


class Outcome:
    """What one execution of a test did, as plain data."""

    def __init__(self) -> None:
        self.value: Any = None
        self.error: Failure | None = None
        self.setup_error: Failure | None = None
        self.peak: int | None = None  # bytes; -1 when the learner's code stopped the measurement
        self.changed: list[tuple[str, Mismatch]] = []   # arguments changed in place
        self.arguments: list[tuple[str, Any]] = []      # the arguments as they were before the call
        self.after: list[Any] = []                      # and as they are after it
        self.output = ""
        self.duration_ms = 0.0


# ---------------------------------------------------------------------------------------
# Loading the learner's code

def compile_solution(code: str) -> Any:
    """Compile learner code as ``solution.py`` and register its lines for tracebacks."""
    linecache.cache[SOLUTION_FILE] = (len(code), None, code.splitlines(True), SOLUTION_FILE)
    return compile(code, SOLUTION_FILE, "exec", dont_inherit=True)


def _new_module() -> dict[str, Any]:
    return {"__name__": "solution", "__file__": SOLUTION_FILE, "__builtins__": builtins}


def load_solution(compiled: Any, output: Output, world: World | None = None
                  ) -> tuple[set[str], Failure | None]:
    """Execute compiled learner code in a fresh module namespace: the names it defines, and
    what it raised. The namespace is emptied inside the sandbox."""
    namespace = _new_module()
    raised_: list[tuple[str, BaseException]] = []
    with Sandbox(output, world):
        try:
            exec(compiled, namespace)
        except BaseException as exc:  # the learner's code may raise anything, exits included
            raised_.append(("load", exc))
        defined = set(namespace)
        namespace.clear()
    return defined, _explain(raised_, None, world) if raised_ else None


# ---------------------------------------------------------------------------------------
# 1. Prepared: a test's code compiled in a clean world

class Prepared:
    """A test's setup, call or code, compiled; a plain call split into callee and arguments."""

    __slots__ = ("setup", "code", "whole", "callee", "args", "kwargs", "wanted", "traced", "checks_args")

    def __init__(self, test: dict[str, Any]) -> None:
        self.setup = _compile(test.get("setup"), "exec", "<setup>")
        self.code = _compile(test.get("code"), "exec")
        self.whole = self.callee = None
        self.args: list[tuple[str, Any]] = []
        self.kwargs: list[tuple[str, str, Any]] = []
        self.wanted = resolve_exception(test["raises"]) if test.get("raises") else None
        self.traced = test.get("max_alloc") is not None
        self.checks_args = not test.get("mutates")
        if test.get("call"):
            self._split(test["call"])

    def _split(self, text: str) -> None:
        tree = ast.parse(text, mode="eval").body
        plain = isinstance(tree, ast.Call) and not any(isinstance(a, ast.Starred) for a in tree.args) \
            and all(k.arg is not None for k in tree.keywords)
        if not plain:  # ``f(*a)``, ``f(x)[0]``: evaluated whole, its arguments not checked
            self.whole = _compile(text, "eval")
            return
        assert isinstance(tree, ast.Call)
        self.callee = _compile_node(tree.func)
        # An argument is named as the call names it (x), else by its position (argument 2).
        self.args = [(a.id if isinstance(a, ast.Name) else f"argument {i}", _compile_node(a))
                     for i, a in enumerate(tree.args, 1)]
        self.kwargs = [(str(k.arg), str(k.arg), _compile_node(k.value)) for k in tree.keywords]


class _Compiled:
    """Tests compiled once per interpreter, by what compiling reads of them: a warm Submit
    compiles nothing again, nor does a check that runs a test for several solutions, exact
    or not. (Slots, not a module-level dict: the World does not watch a cache that grows.)"""

    __slots__ = ("tests",)

    def __init__(self) -> None:
        self.tests: dict[tuple, Prepared] = {}


_COMPILED = _Compiled()
_COMPILED_LIMIT = 2048  # tests: a browser holds a few problems' worth, ``kata check`` a thousand problems'


def prepared_test(test: dict[str, Any]) -> Prepared:
    """``Prepared(test)``, from the cache when a test with the same code was prepared before."""
    key = (test.get("setup"), test.get("code"), test.get("call"), test.get("raises"),
           test.get("max_alloc") is not None, bool(test.get("mutates")))
    prepared = _COMPILED.tests.get(key)
    if prepared is None:
        if len(_COMPILED.tests) >= _COMPILED_LIMIT:
            _COMPILED.tests.clear()
        prepared = _COMPILED.tests[key] = Prepared(test)
    return prepared


def _compile(text: str | None, mode: str, filename: str = "<test>") -> Any:
    return None if not text else compile(text, filename, mode, dont_inherit=True)


def _compile_node(node: ast.expr) -> Any:
    return compile(ast.Expression(node), "<test>", "eval", dont_inherit=True)


# ---------------------------------------------------------------------------------------
# 2. Executed: the learner's code runs

def execute_test(compiled: Any, entry: str, test: dict[str, Any], output_limit: int = TEXT_LIMIT,
                 world: World | None = None, prepared: Prepared | None = None) -> Outcome:
    """Run one test against freshly loaded learner code; compare nothing."""
    prepared = prepared or prepared_test(test)
    outcome = Outcome()
    output = Output(output_limit)
    start = time.perf_counter()
    raised_: list[tuple[str, Any]] = []   # (where, exception): "load", "setup", "call"; or "expected"
    with Sandbox(output, world):
        _execute(compiled, entry, prepared, output, outcome, raised_)
    if raised_:
        _explain_outcome(test, prepared, outcome, raised_, world)
    if outcome.arguments and prepared.checks_args:
        outcome.changed = _changed(outcome)
    outcome.duration_ms = (time.perf_counter() - start) * 1000
    outcome.output = output.text()
    return outcome


def _argument_copier(_type: type = type, _ndarray: type = np.ndarray, _copy: Callable = np.ndarray.copy,
                     _plain: Callable = plain_copy, _items: Callable = dict.items) -> Callable[[Any], Any]:
    def copy_argument(value: Any, depth: int = 0) -> Any:
        """A test's argument as it was before the call, arrays copied, inside containers too:
        what it must still be after the call."""
        kind = _type(value)
        if kind is _ndarray:
            return _copy(value)
        if depth < 20 and (kind is list or kind is tuple):
            return kind([copy_argument(item, depth + 1) for item in value])
        if depth < 20 and kind is dict:
            return {_plain(k): copy_argument(v, depth + 1) for k, v in _items(value)}
        return _plain(value)

    return copy_argument


_copy_argument = _argument_copier()


_HEAP_TYPE = 1 << 9  # Py_TPFLAGS_HEAPTYPE: a class written in Python (the learner's, perhaps)
_PLAIN_ARGUMENTS = frozenset((str, int, float, bool, type(None)))


def _expected_plain(exc: BaseException, wanted: type[BaseException] | None, _type: type = type,
                    _issubclass: Callable = issubclass, _flags: Callable = type.__dict__["__flags__"].__get__,
                    _args: Callable = BaseException.__dict__["args"].__get__,
                    _attributes: Callable = BaseException.__dict__["__dict__"].__get__,
                    _name: Callable = type.__dict__["__name__"].__get__, _str: Callable = BaseException.__str__,
                    _is_plain: Callable = _PLAIN_ARGUMENTS.__contains__,
                    _exits: tuple = (SystemExit, KeyboardInterrupt), _all: Callable = all,
                    _map: Callable = map) -> tuple[str, str] | None:
    """The expected exception's type name and message, when reading them runs no code of the
    learner's: a builtin exception type (``ValueError``), plain arguments, no attributes of
    its own. Read inside the sandbox with references bound at import, so the exception dies
    there and needs no second sandbox to be explained (its traceback is never read)."""
    kind = _type(exc)
    if wanted is None or not _issubclass(kind, wanted) or _issubclass(kind, _exits) or _flags(kind) & _HEAP_TYPE:
        return None
    if not _all(_map(_is_plain, _map(_type, _args(exc)))) or _attributes(exc):
        return None
    return _name(kind), _str(exc)


def _execute(compiled: Any, entry: str, prepared: Prepared, output: Output, outcome: Outcome,
             raised_: list[tuple[str, Any]], _exec: Callable = exec,
             _module: Callable = _new_module, _scope: dict = _SCOPE, _dict: type = dict,
             _plain: Callable = plain_copy, _quiet: Sink = _QUIET, _settrace: Callable = sys.settrace,
             _setprofile: Callable = sys.setprofile, _expected: Callable = _expected_plain) -> None:
    """Phase 2: load, set up, call. Uses only references bound at import (see the module's
    docstring); learner objects are read into plain data and every reference to them dropped.
    An expected exception that reads as plain data is read here (stage ``expected``)."""
    namespace = _module()
    scope = _dict(_scope)
    stage = "load"
    try:
        _redirect(_quiet)
        try:
            _exec(compiled, namespace)
        finally:
            _redirect(output)
        if entry in namespace:
            scope[entry] = namespace[entry]
        stage = "setup"
        if prepared.setup is not None:
            _exec(prepared.setup, scope)
        stage = "call"
        outcome.value = _plain(_call(prepared, scope, outcome))
    except BaseException as exc:  # the learner's code may raise anything, exits included
        plain = _expected(exc, prepared.wanted) if stage == "call" else None
        raised_.append((stage, exc) if plain is None else ("expected", plain))
    finally:
        # A trace or profile function the learner set would run on the harness's own code
        # (and would need the names cleared below): off first.
        _setprofile(None)
        _settrace(None)
        scope.clear()
        namespace.clear()


def _redirect(stream: Output | Sink, _sys: Any = sys) -> None:
    _sys.stdout = _sys.stderr = stream


def _call(prepared: Prepared, scope: dict[str, Any], outcome: Outcome, _exec: Callable = exec,
          _eval: Callable = eval, _plain: Callable = plain_copy, _copy: Callable = _copy_argument) -> Any:
    if prepared.code is not None:
        _exec(prepared.code, scope)
        return None
    if prepared.whole is not None:
        return _measured(prepared.traced, outcome, _eval, prepared.whole, scope)
    callee = _eval(prepared.callee, scope)
    args = [_eval(code, scope) for _, code in prepared.args]
    kwargs = {name: _eval(code, scope) for name, _, code in prepared.kwargs}
    values = [*args, *kwargs.values()]
    copy = _copy if prepared.checks_args else _plain
    outcome.arguments = [(label, copy(value)) for label, value in _list_labels(prepared, values)]
    try:
        return _measured(prepared.traced, outcome, callee, *args, **kwargs)
    finally:
        outcome.after = [_plain(value) for value in values]


def _list_labels(prepared: Prepared, values: list[Any], _zip: Callable = zip) -> Any:
    labels = [label for label, _ in prepared.args] + [label for _, label, _ in prepared.kwargs]
    return _zip(labels, values)


def _measured(traced: bool, outcome: Outcome, action: Callable, *args: Any,
              _start: Callable = tracemalloc.start, _stop: Callable = tracemalloc.stop,
              _measure: Callable = tracemalloc.get_traced_memory, _tracing: Callable = tracemalloc.is_tracing,
              _reset: Callable = tracemalloc.reset_peak, _max: Callable = max, **kwargs: Any) -> Any:
    """``action(*args, **kwargs)``, measuring its peak allocation when the test has ``max_alloc``."""
    if not traced:
        return action(*args, **kwargs)
    _start()
    baseline = _measure()[0]
    _reset()
    try:
        return action(*args, **kwargs)
    finally:
        outcome.peak = _max(0, _measure()[1] - baseline) if _tracing() else -1
        _stop()


# ---------------------------------------------------------------------------------------
# 3. Explained: exceptions read, with any learner code this runs inside a sandbox

def _explain_outcome(test: dict[str, Any], prepared: Prepared, outcome: Outcome,
                     raised_: list[tuple[str, Any]], world: World | None) -> None:
    stage = raised_[0][0]
    if stage == "expected":
        outcome.error = Failure.expected_plain(*raised_.pop()[1])
        return
    failure = _explain(raised_, prepared.wanted if stage == "call" else None, world)
    if stage != "setup":
        outcome.error = failure
    else:
        outcome.setup_error = failure
        _blame_setup(test, prepared, outcome, world)


def _explain(raised_: list[tuple[str, BaseException]], wanted: type[BaseException] | None,
             world: World | None) -> Failure:
    """The first exception of ``raised_`` read as a Failure, inside a sandbox; ``raised_`` is
    emptied there, so that the exception and its traceback die inside it too."""
    with Sandbox(Output(0), world):
        failure = Failure(raised_[0][1], wanted)
        raised_.clear()
    return failure


def _blame_setup(test: dict[str, Any], prepared: Prepared, outcome: Outcome, world: World | None) -> None:
    """A setup that failed with the learner's code loaded: whose fault was it?

    The learner's, when the learner's code raised inside it (the setup built one of its
    objects), or when the same setup runs without the learner's code (which must then have
    changed something the setup relies on). The test's, when it fails on its own too.
    """
    failure = outcome.setup_error
    assert failure is not None
    if any(name == SOLUTION_FILE for name, _ in failure.frames):
        outcome.setup_error, outcome.error = None, failure
        return
    alone = dict(_SCOPE)
    with Sandbox(Output(0), world):
        try:
            exec(prepared.setup, alone)
            works_alone = True
        except BaseException:
            works_alone = False
        alone.clear()
    if works_alone:
        outcome.setup_error = None
        outcome.error = Failure.of_text("The test's setup failed after your code was loaded, and runs "
                                        "without it: your code changed something the setup relies on.\n"
                                        + failure.text)


def _changed(outcome: Outcome) -> list[tuple[str, Mismatch]]:
    """The arguments the call changed in place, with how (both sides are plain data)."""
    after = getattr(outcome, "after", [])
    changed = []
    for (label, before), now in zip(outcome.arguments, after):
        if before is None or type(before) is Opaque or _same_bytes(before, now):
            continue
        found = mismatch(before, now, EXACT, label)
        if found is not None:
            changed.append((label, found))
    return changed


def _same_bytes(before: Any, now: Any) -> bool:
    """A small array left exactly as it was (the common case), told without a comparison."""
    return (type(before) is np.ndarray and type(now) is np.ndarray and before.dtype == now.dtype
            and before.shape == now.shape and before.size <= 4096 and before.tobytes() == now.tobytes())
