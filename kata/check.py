"""Checks that run a problem's code in CPython with the browser's harness.

For each problem: compute the expected value of every call test that has no ``expect``
from the reference solution (twice, to catch non-determinism), then require that the
reference solution passes every example and test, that the starter fails a hidden test,
and that every wrong solution fails a hidden test. Results are cached by a hash of the
problem file and of the code that judges it, so an unchanged problem is not re-run.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import signal
import traceback
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from kata import harness
from kata.problem import Problem, ProblemError

CACHE_VERSION = "1"


@dataclass
class Frozen:
    """A checked problem's tests with their expected values frozen in, ready to ship."""

    examples: list[dict[str, Any]]
    tests: list[dict[str, Any]]
    example_results: list[str]
    errors: list[ProblemError] = field(default_factory=list)
    cached: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"examples": self.examples, "tests": self.tests,
                "example_results": self.example_results,
                "errors": [e.__dict__ for e in self.errors]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Frozen:
        errors = [ProblemError(**e) for e in data["errors"]]
        return cls(data["examples"], data["tests"], data["example_results"], errors, cached=True)


# ---------------------------------------------------------------------------------------
# Time limits in CPython: an interval timer that keeps interrupting once the deadline passed.

class TimeLimitExceeded(BaseException):
    """Raised inside code that ran past its problem's time limit during a check."""


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


def _freeze_one(problem: Problem, kind: str, index: int, test: dict[str, Any],
                compiled: Any) -> tuple[dict[str, Any], str, list[ProblemError]]:
    """The shippable form of one test, its result as shown on the page, and any errors."""
    path = (kind, index)
    shipped = {k: v for k, v in test.items() if v is not None and k != "expect"}
    if test.get("code") or test.get("raises"):
        shown = f"raises {test['raises']}" if test.get("raises") else ""
        return shipped, shown, []
    first = harness.execute_test(compiled, problem.entry, test)
    failure = first.setup_error or first.error
    if failure is not None:
        what = "the test's setup" if first.setup_error else "the reference solution"
        return shipped, "", [problem.error(path, f"{what} raised on {test['name']!r}: "
                                           f"{describe_failure(failure, problem, path)}")]
    value = first.value
    if test.get("expect") is not None:
        value = coerce_expect(test["expect"], first.value)
    else:
        second = harness.execute_test(compiled, problem.entry, test)
        difference = second.error or harness.compare(first.value, second.value, 0.0, 0.0)
        if difference:
            return shipped, "", [problem.error(path, "the reference solution's result differs "
                                               f"between two runs of {test['name']!r} "
                                               f"(non-deterministic: seed every random "
                                               f"generator): {difference}")]
    try:
        shipped["expected"] = harness.encode(value)
    except TypeError as error:
        return shipped, "", [problem.error(path, f"{test['name']!r}: {error}")]
    return shipped, _show(value), []


def describe_failure(exc: BaseException, problem: Problem, test_path: tuple[str | int, ...]) -> str:
    """One line for an author: the exception, and where in problem.yml the raising line is."""
    fields = {harness.SOLUTION_FILE: ("solution",), "<setup>": test_path + ("setup",),
              "<test>": test_path + ("call",)}
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename in fields]
    where = ""
    if frames and frames[-1].lineno:
        field = fields[frames[-1].filename]
        if field in problem.located.nodes:
            line, _ = problem.located.code_position(field, frames[-1].lineno, 1)
            where = f" (line {line} of problem.yml, in {field[-1]})"
    return one_line("".join(traceback.format_exception_only(type(exc), exc))) + where


def one_line(message: str) -> str:
    """A harness message on one line: an author's error list has one line per mistake."""
    return " / ".join(line.strip() for line in message.splitlines() if line.strip())


def _show(value: Any) -> str:
    with np.printoptions(precision=4, suppress=True, threshold=60, linewidth=80):
        return repr(value)


def freeze(problem: Problem) -> Frozen:
    """Compute every expected value from the reference solution."""
    compiled = harness.compile_solution(problem.solution)
    frozen = Frozen([], [], [])
    for kind in ("examples", "tests"):
        for index, test in enumerate(getattr(problem, kind)):
            shipped, shown, errors = _freeze_one(problem, kind, index, test, compiled)
            getattr(frozen, kind).append(shipped)
            frozen.errors.extend(errors)
            if kind == "examples":
                frozen.example_results.append(shown)
    return frozen


# ---------------------------------------------------------------------------------------
# Verification: the reference passes, the starter and every wrong solution fail.

def _failing(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [t for t in result["tests"] if t["status"] != "pass"]


def _test_path(problem: Problem, frozen: Frozen, name: str) -> tuple[str | int, ...]:
    for kind in ("examples", "tests"):
        for index, test in enumerate(getattr(frozen, kind)):
            if test["name"] == name:
                return (kind, index)
    return ()


def verify(problem: Problem, frozen: Frozen) -> list[ProblemError]:
    errors: list[ProblemError] = []
    everything = frozen.examples + frozen.tests
    reference = harness.run(problem.solution, problem.entry, everything)
    if reference["status"] == "error":
        errors.append(problem.error(("solution",), f"the reference solution does not run: "
                                    f"{one_line(reference['message'])}"))
    for test in _failing(reference):
        errors.append(problem.error(_test_path(problem, frozen, test["name"]),
                                    f"the reference solution fails {test['name']!r}: "
                                    f"{one_line(test.get('message', test['status']))}"))
    starter = harness.run(problem.starter, problem.entry, frozen.tests, first_failure=True)
    if starter["status"] == "pass":
        errors.append(problem.error(("starter",), "the starter passes every hidden test: the "
                                    "tests cannot tell it from a solution"))
    for index, wrong in enumerate(problem.wrong_solutions):
        result = harness.run(wrong["code"], problem.entry, frozen.tests, first_failure=True)
        if result["status"] == "pass":
            errors.append(problem.error(("wrong_solutions", index),
                                        f"the wrong solution {wrong['name']!r} passes every "
                                        "hidden test: add a test that catches it"))
    for index, other in enumerate(problem.alternative_solutions):
        result = harness.run(other["code"], problem.entry, everything)
        for test in _failing(result) if result["status"] != "error" else [result]:
            name = test.get("name")
            what = f"fails {name!r}" if name else "does not run"
            errors.append(problem.error(("alternative_solutions", index),
                                        f"the alternative solution {other['name']!r} {what}: "
                                        f"{one_line(test.get('message') or test['status'])} (does the "
                                        "test ask for more than the statement promises?)"))
    return errors


def check_problem(problem: Problem) -> Frozen:
    """Freeze and verify one problem, within its time limit (in a worker process)."""
    limit = max(problem.time_limit, 1.0) * (2 + len(problem.wrong_solutions)) * 2
    try:
        with time_limit(limit):
            frozen = freeze(problem)
            if not frozen.errors:
                frozen.errors.extend(verify(problem, frozen))
    except TimeLimitExceeded:
        return Frozen([], [], [], [problem.error((), f"checking took more than {limit:g} s: "
                                                 "does some code loop forever?")])
    return frozen


# ---------------------------------------------------------------------------------------
# Caching and parallelism

def _judge_digest() -> str:
    here = Path(__file__).parent
    sources = b"".join((here / name).read_bytes() for name in ("harness.py", "check.py"))
    return hashlib.sha256(sources + np.__version__.encode() + CACHE_VERSION.encode()).hexdigest()


def cache_key(problem: Problem, judge_digest: str) -> str:
    return hashlib.sha256(problem.source + judge_digest.encode()).hexdigest()[:32]


def check_all(problems: list[Problem], cache_dir: Path | None,
              workers: int | None = None) -> dict[str, Frozen]:
    """Check every problem, reusing cached results of unchanged ones."""
    judge_digest = _judge_digest()
    results: dict[str, Frozen] = {}
    todo: list[Problem] = []
    for problem in problems:
        cached = _read_cache(cache_dir, cache_key(problem, judge_digest))
        if cached is not None:
            results[problem.slug] = cached
        else:
            todo.append(problem)
    for problem, frozen in zip(todo, _run_checks(todo, workers)):
        results[problem.slug] = frozen
        if not frozen.errors:
            _write_cache(cache_dir, cache_key(problem, judge_digest), frozen)
    return results


def _run_checks(problems: list[Problem], workers: int | None) -> list[Frozen]:
    if len(problems) <= 1:
        return [check_problem(p) for p in problems]
    count = min(len(problems), workers or os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=count) as pool:
        return list(pool.map(check_problem, problems, chunksize=max(1, math.ceil(
            len(problems) / (count * 4)))))


def _read_cache(cache_dir: Path | None, key: str) -> Frozen | None:
    if cache_dir is None:
        return None
    path = cache_dir / f"{key}.json"
    try:
        return Frozen.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_cache(cache_dir: Path | None, key: str, frozen: Frozen) -> None:
    if cache_dir is None:
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    temporary = cache_dir / f"{key}.json.tmp"
    temporary.write_text(json.dumps(frozen.to_json()), encoding="utf-8")
    temporary.replace(cache_dir / f"{key}.json")
