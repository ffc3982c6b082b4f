"""Checks that run a problem's code in CPython with the browser's harness.

For each problem: compute the expected value of every call test that has no ``expect`` from
the reference solution, then run the reference through the harness against exactly what
ships (holding reference-computed values to exact equality, which also proves them
deterministic), require that the starter and every wrong solution fail a hidden test
(stopping at the first), and that every alternative solution passes everything. Results are
cached by a hash of the problem file and of the code that judges it, so an unchanged
problem is not run again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from kata.harness import execute, run
from kata.harness.explain import SOLUTION_FILE
from kata.harness.sandbox import RunGuard, current_world
from kata.harness.values import SAMPLE_ABOVE, encode
from kata.problem import Problem, ProblemError

CACHE_VERSION = "2"
# The problem's tests and expected values travel to every learner's browser in kata.json.
DATA_LIMIT = 40_000  # bytes, compressed

Progress = Callable[[int, int, str], None]  # (done, total, what finished last)


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


def _freeze_one(problem: Problem, kind: str, index: int, test: dict[str, Any],
                compiled: Any) -> tuple[dict[str, Any], str, list[ProblemError]]:
    """The shippable form of one test, its result as shown on the page, and any errors."""
    path = (kind, index)
    shipped = {k: v for k, v in test.items() if v is not None and k != "expect"}
    if test.get("code") or test.get("raises"):
        return shipped, f"raises {test['raises']}" if test.get("raises") else "", []
    outcome = execute.execute_test(compiled, problem.entry, test)
    failure = outcome.setup_error or outcome.error
    if failure is not None:
        what = "the test's setup" if outcome.setup_error else "the reference solution"
        return shipped, "", [problem.error(path, f"{what} raised on {test['name']!r}: "
                                                 f"{describe_failure(failure, problem, path)}")]
    value = outcome.value if test.get("expect") is None else coerce_expect(test["expect"], outcome.value)
    try:
        shipped["expected"] = encode(value, sample_above=SAMPLE_ABOVE)
    except TypeError as error:
        return shipped, "", [problem.error(path, f"{test['name']!r}: {error}")]
    return shipped, _show(value), []


def describe_failure(failure: execute.Failure, problem: Problem, test_path: tuple[str | int, ...]) -> str:
    """One line for an author: the exception, and where in problem.yml the raising line is."""
    fields = {SOLUTION_FILE: ("solution",), "<setup>": test_path + ("setup",),
              "<test>": test_path + ("call",) if (test_path + ("call",)) in problem.located.nodes
              else test_path + ("code",)}
    where = ""
    if failure.frames:
        filename, line = failure.frames[-1]
        position = problem.located.code_position(fields[filename], line, 1)
        if position is not None:
            where = f" (line {position[0]} of problem.yml, in {fields[filename][-1]})"
        else:
            where = f" (line {line} of its {fields[filename][-1]})"
    return one_line(failure.summary) + where


def one_line(message: str) -> str:
    """A harness message on one line: an author's error list has one line per mistake."""
    return " / ".join(line.strip() for line in message.splitlines() if line.strip())


def _show(value: Any) -> str:
    with np.printoptions(precision=4, suppress=True, threshold=60, linewidth=80):
        return repr(value)


def freeze(problem: Problem) -> Frozen:
    """Compute every expected value from the reference solution."""
    with RunGuard():
        return _freeze(problem)


def _freeze(problem: Problem) -> Frozen:
    compiled = execute.compile_solution(problem.solution)
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


def _exact(problem: Problem, frozen: Frozen) -> list[dict[str, Any]]:
    """Every example and test, with the reference's own results held to exact equality."""
    authored = {t["name"] for t in problem.examples + problem.tests if t.get("expect") is not None}
    return [test if "expected" not in test or test["name"] in authored else {**test, "rtol": 0.0, "atol": 0.0}
            for test in frozen.examples + frozen.tests]


def _reference_errors(problem: Problem, frozen: Frozen) -> list[ProblemError]:
    reference = run.run(problem.solution, problem.entry, _exact(problem, frozen))
    if reference["status"] == "error" and not reference["tests"]:
        return [problem.error(("solution",), f"the reference solution does not run: "
                                             f"{one_line(reference.get('message', ''))}")]
    authored = {t["name"] for t in problem.examples + problem.tests if t.get("expect") is not None}
    errors = []
    for test in _failing(reference):
        if test.get("kind") in ("values", "shape", "dtype") and test["name"] not in authored:
            why = ("the reference solution's result differs between two runs of "
                   f"{test['name']!r} (non-deterministic: seed every random generator)")
        else:
            why = f"the reference solution fails {test['name']!r}"
        errors.append(problem.error(_test_path(problem, frozen, test["name"]),
                                    f"{why}: {one_line(test.get('message', test['status']))}"))
    return errors


def verify(problem: Problem, frozen: Frozen) -> list[ProblemError]:
    errors = _reference_errors(problem, frozen)
    starter = run.run(problem.starter, problem.entry, frozen.tests, first_failure=True)
    if starter["status"] == "pass":
        errors.append(problem.error(("starter",), "the starter passes every hidden test: the "
                                    "tests cannot tell it from a solution"))
    for index, wrong in enumerate(problem.wrong_solutions):
        result = run.run(wrong["code"], problem.entry, frozen.tests, first_failure=True)
        if result["status"] == "pass":
            errors.append(problem.error(("wrong_solutions", index),
                                        f"the wrong solution {wrong['name']!r} passes every "
                                        "hidden test: add a test that catches it"))
    for index, other in enumerate(problem.alternative_solutions):
        errors += _alternative_errors(problem, index, other, frozen)
    return errors


def _alternative_errors(problem: Problem, index: int, other: dict[str, Any], frozen: Frozen
                        ) -> list[ProblemError]:
    result = run.run(other["code"], problem.entry, frozen.examples + frozen.tests)
    failing = _failing(result) if result["tests"] or result["status"] != "error" else [result]
    errors = []
    for test in failing:
        what = f"fails {test['name']!r}" if test.get("name") else "does not run"
        errors.append(problem.error(("alternative_solutions", index),
                                    f"the alternative solution {other['name']!r} {what}: "
                                    f"{one_line(test.get('message') or test['status'])} (does the "
                                    "test ask for more than the statement promises?)"))
    return errors


def _size_errors(problem: Problem, frozen: Frozen) -> list[ProblemError]:
    data = json.dumps({"examples": frozen.examples, "tests": frozen.tests}).encode()
    size = len(zlib.compress(data, 9))
    if size <= DATA_LIMIT:
        return []
    return [problem.error(("tests",), f"the tests and their expected values come to {size / 1000:.0f} kB "
                                      f"compressed, more than the {DATA_LIMIT // 1000} kB every learner "
                                      "downloads: give the large tests smaller results (a memory test "
                                      "can return a small array computed from a large one)")]


def check_problem(problem: Problem) -> Frozen:
    """Freeze and verify one problem, within its time limit (in a worker process)."""
    limit = max(problem.time_limit, 1.0) * (3 + len(problem.wrong_solutions)
                                           + len(problem.alternative_solutions)) * 2
    try:
        with time_limit(limit):
            frozen = freeze(problem)
            if not frozen.errors:
                frozen.errors.extend(verify(problem, frozen) + _size_errors(problem, frozen))
    except TimeLimitExceeded:
        recover_from_time_limit()
        return Frozen([], [], [], [problem.error((), f"checking took more than {limit:g} s: "
                                                 "does some code loop forever?")])
    return frozen


# ---------------------------------------------------------------------------------------
# What a statement promises

_WORD = re.compile(r"[A-Za-z_][A-Za-z_]{2,}")


def promise_warnings(problem: Problem) -> list[ProblemError]:
    """A ``match`` pattern naming words the statement never mentions checks something the
    statement did not promise (a heuristic: numbers, punctuation and the words of the test's
    own call and setup come from the inputs)."""
    statement = problem.statement.lower()
    warnings = []
    for kind in ("examples", "tests"):
        for index, test in enumerate(getattr(problem, kind)):
            literal = re.sub(r"\\[dDsSwWbB]|\\(.)|[\^$.*+?{}\[\]()|]", r" \1 ", test.get("match") or "")
            inputs = f"{test.get('call') or ''} {test.get('setup') or ''}".lower()
            missing = [w for w in dict.fromkeys(_WORD.findall(literal))
                       if w.lower() not in statement and w.lower() not in inputs]
            if missing:
                words = ", ".join(repr(w) for w in missing)
                warnings.append(problem.error((kind, index, "match"), f"warning: the pattern looks for {words}, "
                                              "which the statement never mentions: a test checks only what "
                                              "the statement promises"))
    return warnings


# ---------------------------------------------------------------------------------------
# Caching and parallelism

def judge_digest() -> str:
    """A hash of everything that decides a check's outcome, apart from the problem itself."""
    here = Path(__file__).parent
    sources = [here / "check.py", *sorted((here / "harness").glob("*.py"))]
    digest = hashlib.sha256(np.__version__.encode() + CACHE_VERSION.encode())
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()


def cache_key(problem: Problem, digest: str) -> str:
    return hashlib.sha256(problem.source + digest.encode()).hexdigest()[:32]


def check_all(problems: list[Problem], cache_dir: Path | None, workers: int | None = None,
              progress: Progress | None = None) -> dict[str, Frozen]:
    """Check every problem, reusing cached results of unchanged ones."""
    digest = judge_digest()
    results: dict[str, Frozen] = {}
    todo: list[Problem] = []
    for problem in problems:
        cached = _read_cache(cache_dir, cache_key(problem, digest))
        if cached is not None:
            results[problem.slug] = cached
        else:
            todo.append(problem)
    done = len(results)
    for problem, frozen in _run_checks(todo, workers):
        results[problem.slug] = frozen
        if not frozen.errors:
            _write_cache(cache_dir, cache_key(problem, digest), frozen)
        done += 1
        if progress is not None:
            progress(done, len(problems), problem.slug)
    return results


def _run_checks(problems: list[Problem], workers: int | None) -> Iterator[tuple[Problem, Frozen]]:
    """Each problem with its result, as they finish: in this process for one, else in a pool."""
    count = min(len(problems), workers or os.cpu_count() or 1)
    if count <= 1:
        yield from ((p, check_problem(p)) for p in problems)
        return
    with ProcessPoolExecutor(max_workers=count) as pool:
        futures = {pool.submit(check_problem, p): p for p in problems}
        for future in as_completed(futures):
            problem = futures[future]
            try:
                yield problem, future.result()
            except Exception as error:  # a bug in the checker: name the problem, check the rest
                yield problem, Frozen([], [], [], [problem.error((), f"checking crashed: "
                                                                    f"{type(error).__name__}: {error}")])


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
    temporary = cache_dir / f"{key}.json.tmp.{os.getpid()}"
    temporary.write_text(json.dumps(frozen.to_json()), encoding="utf-8")
    temporary.replace(cache_dir / f"{key}.json")
