"""The checks that run a problem's code, on plain data: what ``kata check`` sends its workers.

For one problem (a ``Task``): compute the expected value of every call test that has no
``expect`` from the reference solution, then run the reference through the harness against
exactly what ships (holding reference-computed values to exact equality, which also proves
them deterministic), require that the starter and every wrong solution fail a hidden test
(stopping at the first), and that every alternative solution passes everything.

This module imports only NumPy and the harness, and works on plain data; what it finds comes
back as ``Finding``s (a field path and a message), which ``kata.check`` places in problem.yml.
"""

from __future__ import annotations

import json
import signal
import tracemalloc
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from kata.harness import execute, run
from kata.harness.explain import SOLUTION_FILE
from kata.harness.sandbox import RunGuard, current_world
from kata.harness.values import SAMPLE_ABOVE, encode

# The problem's tests and expected values travel to every learner's browser in kata.json.
DATA_LIMIT = 40_000  # bytes, compressed

FieldPath = tuple[str | int, ...]


@dataclass
class Task:
    """What checking one problem needs from its problem.yml."""

    entry: str
    solution: str
    starter: str
    examples: list[dict[str, Any]]
    tests: list[dict[str, Any]]
    wrong_solutions: list[dict[str, Any]]
    alternative_solutions: list[dict[str, Any]]
    time_limit: float


@dataclass(frozen=True)
class Finding:
    """A mistake at a field of problem.yml; ``code`` is where in a field's Python it happened
    (the field and the line in that code), for the author to find in the file."""

    path: FieldPath
    message: str
    code: tuple[FieldPath, int] | None = None


@dataclass
class Checked:
    """A problem's tests with their expected values frozen in, and what the checks found."""

    examples: list[dict[str, Any]] = field(default_factory=list)
    tests: list[dict[str, Any]] = field(default_factory=list)
    example_results: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


# ---------------------------------------------------------------------------------------
# Time limits in CPython: an interval timer that keeps interrupting once the deadline passed.

class TimeLimitExceeded(BaseException):
    """Raised inside code that ran past its problem's time limit during a check."""


def recover_from_time_limit() -> None:
    """After a time-out: the interrupt may have landed in the harness's own code, between its
    patches and their undoing, or between starting and stopping tracemalloc (which, left on,
    slows every later run in this process many times over)."""
    current_world().restore(deep=True)
    if tracemalloc.is_tracing():
        tracemalloc.stop()


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def interrupt(signum: int, frame: Any) -> None:
        raise TimeLimitExceeded(f"ran past the time limit of {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.2)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# ---------------------------------------------------------------------------------------
# Expected values

def coerce_expect(expect: Any, like: Any) -> Any:
    """Give a YAML ``expect`` the types of the reference solution's result ``like``.

    YAML has lists, not arrays: ``expect: [3.0, 0.0]`` means "an array holding 3 and 0" when
    the reference returns an array. The values are the author's; only the types are borrowed.
    """
    if isinstance(like, np.ndarray):
        return np.asarray(expect, dtype=like.dtype) if _numeric(expect) else expect
    if isinstance(like, np.generic):
        return like.dtype.type(expect) if _numeric(expect) else expect
    if isinstance(like, (list, tuple)) and isinstance(expect, (list, tuple)) \
            and len(like) == len(expect):
        items = [coerce_expect(e, w) for e, w in zip(expect, like)]
        return tuple(items) if isinstance(like, tuple) else items
    if isinstance(like, dict) and isinstance(expect, dict):
        return {k: coerce_expect(v, like[k]) if k in like else v for k, v in expect.items()}
    if type(like) is float and type(expect) is int:
        return float(expect)
    return expect


def _numeric(value: Any) -> bool:
    if isinstance(value, (list, tuple)):
        return all(_numeric(v) for v in value)
    return isinstance(value, (int, float, complex)) or (isinstance(value, str) and
                                                         value in ("nan", "inf", "-inf"))


def _freeze_one(task: Task, path: FieldPath, test: dict[str, Any], compiled: Any
                ) -> tuple[dict[str, Any], str, list[Finding]]:
    """The shippable form of one test, its result as shown on the page, and any findings."""
    shipped = {k: v for k, v in test.items() if v is not None and k != "expect"}
    if test.get("code") or test.get("raises"):
        return shipped, f"raises {test['raises']}" if test.get("raises") else "", []
    outcome = execute.execute_test(compiled, task.entry, test)
    failure = outcome.setup_error or outcome.error
    if failure is not None:
        what = "the test's setup" if outcome.setup_error else "the reference solution"
        return shipped, "", [Finding(path, f"{what} raised on {test['name']!r}: {one_line(failure.summary)}",
                                     _failure_code(failure, test, path))]
    value = outcome.value if test.get("expect") is None else coerce_expect(test["expect"], outcome.value)
    try:
        shipped["expected"] = encode(value, sample_above=SAMPLE_ABOVE)
    except TypeError as error:
        return shipped, "", [Finding(path, f"{test['name']!r}: {error}")]
    return shipped, _show(value), []


def _failure_code(failure: execute.Failure, test: dict[str, Any], path: FieldPath
                  ) -> tuple[FieldPath, int] | None:
    """The field of problem.yml whose code raised (its innermost frame), and the line in it."""
    if not failure.frames:
        return None
    filename, line = failure.frames[-1]
    fields = {SOLUTION_FILE: ("solution",), "<setup>": path + ("setup",),
              "<test>": path + ("call",) if test.get("call") else path + ("code",)}
    return fields[filename], line


def one_line(message: str) -> str:
    """A harness message on one line: an author's error list has one line per mistake."""
    return " / ".join(line.strip() for line in message.splitlines() if line.strip())


def _show(value: Any) -> str:
    with np.printoptions(precision=4, suppress=True, threshold=60, linewidth=80):
        return repr(value)


def freeze(task: Task) -> Checked:
    """Compute every expected value from the reference solution."""
    with RunGuard():
        compiled = execute.compile_solution(task.solution)
        checked = Checked()
        for kind in ("examples", "tests"):
            for index, test in enumerate(getattr(task, kind)):
                shipped, shown, findings = _freeze_one(task, (kind, index), test, compiled)
                getattr(checked, kind).append(shipped)
                checked.findings.extend(findings)
                if kind == "examples":
                    checked.example_results.append(shown)
    return checked


# ---------------------------------------------------------------------------------------
# Verification: the reference passes, the starter and every wrong solution fail.

def _failing(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [t for t in result["tests"] if t["status"] != "pass"]


def _test_path(checked: Checked, name: str) -> FieldPath:
    for kind in ("examples", "tests"):
        for index, test in enumerate(getattr(checked, kind)):
            if test["name"] == name:
                return (kind, index)
    return ()


def _authored(task: Task) -> set[str]:
    return {t["name"] for t in task.examples + task.tests if t.get("expect") is not None}


def _exact(task: Task, checked: Checked) -> list[dict[str, Any]]:
    """Every example and test, with the reference's own results held to exact equality."""
    authored = _authored(task)
    return [test if "expected" not in test or test["name"] in authored else {**test, "rtol": 0.0, "atol": 0.0}
            for test in checked.examples + checked.tests]


def _reference_findings(task: Task, checked: Checked) -> list[Finding]:
    reference = run.run(task.solution, task.entry, _exact(task, checked))
    if reference["status"] == "error" and not reference["tests"]:
        return [Finding(("solution",), f"the reference solution does not run: "
                                       f"{one_line(reference.get('message', ''))}")]
    authored = _authored(task)
    findings = []
    for test in _failing(reference):
        if test.get("kind") in ("values", "shape", "dtype") and test["name"] not in authored:
            why = ("the reference solution's result differs between two runs of "
                   f"{test['name']!r} (non-deterministic: seed every random generator)")
        else:
            why = f"the reference solution fails {test['name']!r}"
        findings.append(Finding(_test_path(checked, test["name"]),
                                f"{why}: {one_line(test.get('message', test['status']))}"))
    return findings


def verify(task: Task, checked: Checked) -> list[Finding]:
    findings = _reference_findings(task, checked)
    starter = run.run(task.starter, task.entry, checked.tests, first_failure=True)
    if starter["status"] == "pass":
        findings.append(Finding(("starter",), "the starter passes every hidden test: the tests cannot "
                                              "tell it from a solution"))
    for index, wrong in enumerate(task.wrong_solutions):
        result = run.run(wrong["code"], task.entry, checked.tests, first_failure=True)
        if result["status"] == "pass":
            findings.append(Finding(("wrong_solutions", index), f"the wrong solution {wrong['name']!r} passes "
                                                                "every hidden test: add a test that catches it"))
    for index, other in enumerate(task.alternative_solutions):
        findings += _alternative_findings(task, index, other, checked)
    return findings


def _alternative_findings(task: Task, index: int, other: dict[str, Any], checked: Checked) -> list[Finding]:
    result = run.run(other["code"], task.entry, checked.examples + checked.tests)
    failing = _failing(result) if result["tests"] or result["status"] != "error" else [result]
    findings = []
    for test in failing:
        what = f"fails {test['name']!r}" if test.get("name") else "does not run"
        findings.append(Finding(("alternative_solutions", index),
                                f"the alternative solution {other['name']!r} {what}: "
                                f"{one_line(test.get('message') or test['status'])} (does the "
                                "test ask for more than the statement promises?)"))
    return findings


def _size_findings(checked: Checked) -> list[Finding]:
    data = json.dumps({"examples": checked.examples, "tests": checked.tests}).encode()
    size = len(zlib.compress(data, 9))
    if size <= DATA_LIMIT:
        return []
    return [Finding(("tests",), f"the tests and their expected values come to {size / 1000:.0f} kB "
                                f"compressed, more than the {DATA_LIMIT // 1000} kB every learner "
                                "downloads: give the large tests smaller results (a memory test "
                                "can return a small array computed from a large one)")]


def check_task(task: Task) -> Checked:
    """Freeze and verify one problem, within its time limit."""
    limit = max(task.time_limit, 1.0) * (3 + len(task.wrong_solutions) + len(task.alternative_solutions)) * 2
    try:
        with time_limit(limit):
            checked = freeze(task)
            if not checked.findings:
                checked.findings.extend(verify(task, checked) + _size_findings(checked))
    except TimeLimitExceeded:
        recover_from_time_limit()
        return Checked(findings=[Finding((), f"checking took more than {limit:g} s: does some code loop "
                                             "forever?")])
    return checked


def start_worker() -> None:
    """In a fresh worker process, before its first problem: the World's snapshot, taken once;
    each run's survivors frozen out of the next run's collection (this process only checks)."""
    current_world().freeze_after_run = True

