"""The shape of what the harness answers: a Result, and one row per test.

The browser's ``runner/result.js`` declares the same shape in JSDoc; DESIGN.md describes it.
Every text that reaches the page is cut at its limit with a visible marker.
"""

from __future__ import annotations

import re
from typing import Any, Literal, TypedDict

TEXT_LIMIT = 10_000            # a message, a test's printed output, a console entry's output
RUN_OUTPUT_LIMIT = 50_000      # output printed outside any test, over a whole run
TRUNCATION_MARKER = "\n[output truncated: {hidden} more characters not shown]\n"

Status = Literal["pass", "fail", "error", "timeout"]
# The kinds of failure of the learner's code (a row's ``kind``; a hint's ``hint_on``). A row
# can also be of kind "setup" (the test's own setup failed) or "timeout".
LEARNER_FAILURES = ("shape", "dtype", "values", "exception", "memory", "inplace")


class Location(TypedDict):
    line: int
    column: int


class Argument(TypedDict, total=False):
    name: str          # the name the call gives it (``x``, ``alpha``), else ``argument 2``
    type: str          # ``ndarray``, ``list``, ``float``...
    shape: list[int]
    dtype: str
    value: str         # its value, when small (at most 20 elements)


class Inputs(TypedDict, total=False):
    setup: str
    call: str
    code: str
    args: list[Argument]


class TestRow(TypedDict, total=False):
    name: str
    status: Literal["pass", "fail", "error"]
    duration_ms: float
    message: str
    kind: str          # how it failed: shape, dtype, values, exception, memory, inplace, setup
    hint: str          # the test's hint, when it is about this kind of failure
    detail: dict[str, Any]   # what the page draws a difference from (see compare.py)
    inputs: Inputs     # what the failing test called, to reproduce it
    line: int          # the learner's line where an exception was raised
    output: str


class Result(TypedDict, total=False):
    status: Status
    message: str       # for a run that never reached its tests
    location: Location # the learner's line that failed to compile or to load
    output: str        # printed outside any test
    tests: list[TestRow]
    duration_ms: float
    tainted: str       # what learner code changed that could not be put back: replace Python


def make_result(status: Status, tests: list[TestRow], duration_ms: float, **extra: Any) -> Result:
    """A Result; ``extra`` holds its optional fields, which are left out when empty."""
    result: Result = {"status": status, "tests": tests, "duration_ms": round(duration_ms, 3)}
    result.update({k: v for k, v in extra.items() if v})  # type: ignore[typeddict-item]
    return result


_MARKER_AT_END = re.compile(r"\n\[output truncated: (\d+) more characters not shown\]\n\Z")


def cut(text: str, limit: int = TEXT_LIMIT) -> str:
    """``text`` cut at ``limit`` characters, with the visible marker of printed output. A text
    that was cut before (its marker at the end) keeps counting what the first cut hid."""
    marker = _MARKER_AT_END.search(text, max(0, len(text) - 80))
    body = marker.start() if marker else len(text)
    if body <= limit:
        return text
    hidden = body - limit + (int(marker.group(1)) if marker else 0)
    return text[:limit] + TRUNCATION_MARKER.format(hidden=hidden)
