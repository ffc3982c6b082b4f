"""Exceptions raised by learner code, in the learner's terms: only solution.py's frames.

Exception types are read with ``type(exc)``, never ``exc.__class__``, which a learner's
exception may fake; messages are read with ``str()`` guarded against a ``__str__`` that
raises or returns something that is not a string.
"""

from __future__ import annotations

import builtins
import re
import traceback
from typing import Any

from .result import Result, cut, make_result

SOLUTION_FILE = "solution.py"
CONSOLE_FILE = "<console>"
LEARNER_FILES = (SOLUTION_FILE, CONSOLE_FILE)


class ExitCalled(BaseException):
    """Raised in place of ``os._exit()`` so that a learner's exit ends a test, not Python."""


def raised(exc: BaseException, kinds: type | tuple[type, ...]) -> bool:
    return issubclass(type(exc), kinds)


def explain_exception(exc: BaseException) -> str:
    """Describe an exception raised by learner code, with only the learner's frames."""
    if raised(exc, SystemExit):
        code = "" if exc.code is None else f": {_safe_repr(exc.code)}"
        return f"Your code called exit() (SystemExit{code}): return a value instead."
    if raised(exc, ExitCalled):
        return "Your code called os._exit(): return a value instead."
    if raised(exc, KeyboardInterrupt):
        return "Your code was interrupted (KeyboardInterrupt): it ran too long, or it was stopped."
    # How many frames a runaway recursion got through depends on the stack below the learner's
    # code (the harness, pytest, Pyodide), so the count is not shown.
    lines = [re.sub(r"repeated \d+ more times", "repeated many more times", line)
             for line in traceback.format_list(learner_frames(exc))]
    head = "Traceback (most recent call last):\n" if lines else ""
    text = head + "".join(lines) + exception_line(exc)
    if raised(exc, MemoryError):
        text += "\nYour code ran out of memory: is an array far larger than it needs to be?"
    elif raised(exc, RecursionError):
        text += "\nDoes your recursion have a base case it always reaches?"
    return cut(text)


def learner_frames(exc: BaseException) -> list[traceback.FrameSummary]:
    """The frames of the traceback that are in the learner's code: never the harness's own."""
    tb = BaseException.__dict__["__traceback__"].__get__(exc)
    return [f for f in traceback.extract_tb(tb) if f.filename in LEARNER_FILES]


def learner_line(exc: BaseException) -> int | None:
    """The line of solution.py where the exception was raised (its innermost frame there)."""
    lines = [f.lineno for f in learner_frames(exc) if f.filename == SOLUTION_FILE and f.lineno]
    return lines[-1] if lines else None


def code_frames(exc: BaseException) -> list[tuple[str, int]]:
    """Where in the problem's code an exception passed: (file, line) in solution.py, the
    test's ``<setup>`` or its ``<test>`` call, innermost last (for an author's message)."""
    tb = BaseException.__dict__["__traceback__"].__get__(exc)
    return [(f.filename, f.lineno or 0) for f in traceback.extract_tb(tb)
            if f.filename in (SOLUTION_FILE, "<setup>", "<test>")]


def exception_line(exc: BaseException) -> str:
    """``ValueError: message``, cut at the text limit (traceback's own words when str() fails)."""
    try:
        return cut("".join(traceback.format_exception_only(type(exc), exc)).rstrip("\n"))
    except BaseException:  # a learner's exception whose formatting fails in another way
        return _type_name(exc)


def exception_message(exc: BaseException) -> str | None:
    """``str(exc)``, or None when the learner's ``__str__`` fails or returns a non-string."""
    try:
        text = str(exc)
    except BaseException:
        return None
    return str.__str__(text) if isinstance(text, str) else None


def _type_name(exc: BaseException) -> str:
    return type.__dict__["__name__"].__get__(type(exc))


def _safe_repr(value: Any) -> str:
    return repr(value) if type(value) in (int, str, type(None)) else \
        f"an object of type {type.__dict__['__name__'].__get__(type(value))}"


def syntax_error_result(exc: SyntaxError) -> Result:
    """The Result for learner code that does not compile, pointing at line and column."""
    line, column = exc.lineno or 1, exc.offset or 1
    text = (exc.text or "").rstrip("\n")
    indent = len(text) - len(text.lstrip())
    caret = f"\n    {text.strip()}\n    {' ' * max(0, column - 1 - indent)}^" if text.strip() else ""
    message = f"{type(exc).__name__}: {exc.msg} ({SOLUTION_FILE}, line {line}, column {column}){caret}"
    return make_result("error", [], 0, message=cut(message), location={"line": line, "column": column})


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
