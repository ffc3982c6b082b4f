"""Mutation testing: small deliberate bugs in a reference solution, which the tests must catch.

:func:`generate` makes the mutants of a solution, one change each, from its AST, as exact
edits of its source (the rest of the text is untouched). :func:`run_mutants` runs each one
against a problem's frozen tests; a mutant that passes them all *survives*. A survivor is
either a hole in the tests or a change that cannot alter behaviour, which the author lists
under ``equivalent_mutants`` with the reason. :func:`check_mutants` does all of this for a
problem set, in a process pool with a cache, for ``kata check --mutants``.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kata.check import Frozen, TimeLimitExceeded, judge_digest, recover_from_time_limit, time_limit
from kata.harness import run as harness
from kata.harness.explain import SOLUTION_FILE
from kata.mutant_operators import NTH, Change, Source, find_changes
from kata.problem import Problem, ProblemError, error_report

CACHE_VERSION = "1"
TIME_FACTOR = 10  # a mutant's run may take this many times the solution's...
MIN_TIME_LIMIT = 2.0  # ...and at least this many seconds (at most the problem's time_limit)
STALE_ENTRY = ("does not match a surviving mutant: remove it, or copy the description that "
               "kata check --mutants prints")


@dataclass(frozen=True)
class Mutant:
    """One mutant of a solution: the operator that made it, where (1-based line and column in
    the solution's source), what it changed in an author's words, and the mutated code."""

    operator: str
    line: int
    column: int
    description: str
    code: str


# ---------------------------------------------------------------------------------------
# Generating the mutants of a solution.

def generate(source: str) -> list[Mutant]:
    """The mutants of a solution's source, in source order, each one change that compiles.

    A mutant whose code is the original's, or another mutant's, is dropped (the first operator
    in ``mutant_operators.OPERATORS`` keeps it). Descriptions quote code, never line numbers,
    so an author can copy one into ``equivalent_mutants`` and it stays valid as lines move.
    """
    changes, positions = find_changes(source)
    kept: list[tuple[Change, str]] = []
    seen = {source}
    for change in changes:
        code = source[:change.start] + change.text + source[change.end:]
        if code not in seen and _compiles(code):
            seen.add(code)
            kept.append((change, code))
    return _number_alike(kept, positions)


def _compiles(code: str) -> bool:
    try:
        compile(code, SOLUTION_FILE, "exec", dont_inherit=True)
    except (SyntaxError, ValueError):
        return False
    return True


def _number_alike(kept: list[tuple[Change, str]], source: Source) -> list[Mutant]:
    """Mutants whose descriptions would read the same get ordinals ("the 2nd `+`"), counted
    in source order: a description names one mutant."""
    alike: dict[str, list[int]] = {}
    for change, _ in kept:
        starts = alike.setdefault(change.description, [])
        if change.at not in starts:
            starts.append(change.at)
    mutants = []
    for change, code in kept:
        starts = sorted(alike[change.description])
        nth = f"the {_ordinal(starts.index(change.at) + 1)} " if len(starts) > 1 else ""
        line, column = source.position(change.at)
        mutants.append(Mutant(change.operator, line, column, change.description.replace(NTH, nth), code))
    return mutants


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


# ---------------------------------------------------------------------------------------
# Running the mutants against a problem's tests.

@dataclass
class MutationReport:
    """What a problem's tests did to its mutants: the killed ones counted by operator (and how
    many of them by the time limit), the survivors in full."""

    killed: dict[str, int] = field(default_factory=dict)
    survivors: list[Mutant] = field(default_factory=list)
    timed_out: int = 0
    unreached: int = 0  # in-place mutants dropped: no test passes an array where they write
    seconds: float = 0.0
    cached: bool = False

    @property
    def total(self) -> int:
        """Every mutant that counts: killed or surviving (not those dropped as unreached)."""
        return sum(self.killed.values()) + len(self.survivors)

    def to_json(self) -> dict[str, Any]:
        """The report as the cache stores it."""
        return {"killed": self.killed, "survivors": [asdict(m) for m in self.survivors],
                "timed_out": self.timed_out, "unreached": self.unreached, "seconds": self.seconds}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MutationReport:
        """A report read back from the cache."""
        survivors = [Mutant(**m) for m in data["survivors"]]
        return cls(dict(data["killed"]), survivors, data["timed_out"], data["unreached"], data["seconds"],
                   cached=True)


def run_mutants(problem: Problem, tests: list[dict[str, Any]]) -> MutationReport:
    """Run every mutant of the problem's solution against ``tests`` (frozen: examples first,
    then hidden tests), each stopping at its first failing test. A mutant is killed when its
    run does not pass; one that loops is killed by the time limit: ten times the solution's
    own run, at least two seconds, at most the problem's ``time_limit``."""
    start = time.perf_counter()
    run = _Runner(problem, tests)
    report = MutationReport()
    for mutant in generate(problem.solution):
        status = run.status(mutant.code)
        if status == "pass" and mutant.operator == "inplace" and not run.write_reached(mutant):
            report.unreached += 1
        elif status == "pass":
            report.survivors.append(mutant)
        else:
            report.killed[mutant.operator] = report.killed.get(mutant.operator, 0) + 1
            report.timed_out += status == "timeout"
    report.seconds = round(time.perf_counter() - start, 3)
    return report


class _Runner:
    """Runs code against one problem's tests within a time limit."""

    def __init__(self, problem: Problem, tests: list[dict[str, Any]]) -> None:
        self.entry = problem.entry
        self.tests = tests
        self.seconds = _time_limit(problem, tests)

    def status(self, code: str) -> str:
        """The status of one run: pass, fail, error, or timeout."""
        try:
            with time_limit(self.seconds):
                result = harness.run(code, self.entry, self.tests, first_failure=True)
        except TimeLimitExceeded:  # outside the tests, where the harness does not catch it
            self._clean_up()
            return "timeout"
        failed = [t for t in result["tests"] if t["status"] != "pass"]
        if failed and TimeLimitExceeded.__name__ in failed[-1].get("message", ""):
            self._clean_up()
            return "timeout"
        return str(result["status"])

    def _clean_up(self) -> None:
        recover_from_time_limit()

    def write_reached(self, mutant: Mutant) -> bool:
        """Whether an in-place mutant's write runs in some test. Its probe exits where the
        mutant writes: if the probe passes too, no test passes a writable numeric array in that
        parameter (it holds a number, a list...), and the mutant cannot differ from the solution."""
        probe = re.sub(r"(in 'biufc': ).*", r"\1raise SystemExit('the write was reached')", mutant.code, count=1)
        return self.status(probe) != "pass"


def _time_limit(problem: Problem, tests: list[dict[str, Any]]) -> float:
    """Seconds a mutant's run may take: ten times the solution's own run, at least two seconds,
    at most the problem's time limit. A mutant that loops costs this much, so it is kept short;
    one that ran ten times slower than the solution and then passed would be counted killed."""
    start = time.perf_counter()
    with time_limit(problem.time_limit):
        harness.run(problem.solution, problem.entry, tests)
    return min(problem.time_limit, max(MIN_TIME_LIMIT, TIME_FACTOR * (time.perf_counter() - start)))


# ---------------------------------------------------------------------------------------
# Survivors against the author's equivalent_mutants.

def mutant_errors(problem: Problem, report: MutationReport) -> tuple[list[ProblemError], int]:
    """The errors of a problem's mutation report, and how many survivors are explained.

    A survivor listed under ``equivalent_mutants`` (by its description) is explained; any
    other is an error at its line in problem.yml, and so is an entry that matches no survivor.
    """
    listed = [str(entry["mutant"]).strip() for entry in problem.equivalent_mutants]
    surviving = {mutant.description for mutant in report.survivors}
    errors = [_survivor_error(problem, m) for m in report.survivors if m.description not in listed]
    errors += [problem.error(("equivalent_mutants", index, "mutant"), STALE_ENTRY)
               for index, description in enumerate(listed) if description not in surviving]
    return errors, sum(mutant.description in listed for mutant in report.survivors)


def _survivor_error(problem: Problem, mutant: Mutant) -> ProblemError:
    message = (f"mutant survives every test: {mutant.description}; add a test that kills it, "
               "or list it under equivalent_mutants with the reason")
    position = problem.located.code_position(("solution",), mutant.line, mutant.column)
    if position is None:
        return problem.error(("solution",), message)
    return ProblemError(problem.display_path, position[0], position[1], "solution", message)


# ---------------------------------------------------------------------------------------
# A problem set: a process pool, a cache, and the report of kata check --mutants.

def mutants_digest() -> str:
    """What a cached report depends on besides the problem: the judging code and this module."""
    here = Path(__file__).parent
    sources = b"".join((here / name).read_bytes() for name in ("mutants.py", "mutant_operators.py"))
    return hashlib.sha256(judge_digest().encode() + sources + CACHE_VERSION.encode()).hexdigest()


def _cache_path(cache_dir: Path, problem: Problem, digest: str) -> Path:
    key = hashlib.sha256(problem.source + digest.encode()).hexdigest()[:32]
    return cache_dir / f"mutants-{key}.json"


def _read_cache(path: Path | None) -> MutationReport | None:
    if path is None:
        return None
    try:
        return MutationReport.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_cache(path: Path | None, report: MutationReport) -> None:
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(report.to_json()), encoding="utf-8")
    temporary.replace(path)


def run_all(problems: list[Problem], frozen: dict[str, Frozen], cache_dir: Path | None,
            workers: int | None = None) -> dict[str, MutationReport]:
    """Every problem's mutation report, reusing the cached reports of unchanged problems."""
    digest = mutants_digest()
    paths = {p.slug: _cache_path(cache_dir, p, digest) if cache_dir else None for p in problems}
    reports = {p.slug: r for p in problems if (r := _read_cache(paths[p.slug])) is not None}
    # The longest solutions first, so that no worker is left with a big one at the end.
    todo = sorted((p for p in problems if p.slug not in reports), key=lambda p: -len(p.solution))
    tasks = [(p, frozen[p.slug].examples + frozen[p.slug].tests) for p in todo]
    for problem, report in zip(todo, _pool_map(tasks, workers)):
        reports[problem.slug] = report
        _write_cache(paths[problem.slug], report)
    return reports


def _run_task(task: tuple[Problem, list[dict[str, Any]]]) -> MutationReport:
    return run_mutants(*task)


def _pool_map(tasks: list[tuple[Problem, list[dict[str, Any]]]], workers: int | None) -> list[MutationReport]:
    if len(tasks) <= 1:
        return [_run_task(task) for task in tasks]
    count = min(len(tasks), workers or os.cpu_count() or 1)
    with ProcessPoolExecutor(max_workers=count) as pool:
        return list(pool.map(_run_task, tasks))


def check_mutants(problems: list[Problem], frozen: dict[str, Frozen], cache_dir: Path | None,
                  workers: int | None = None) -> int:
    """Run (or read from the cache) every problem's mutants and print the report: a line per
    problem with survivors, the errors, the summary with the mutation score. Return the exit
    status: 1 while an unexplained survivor or a stale ``equivalent_mutants`` entry remains."""
    reports = run_all(problems, frozen, cache_dir, workers)
    lines, errors, explained = [], [], 0
    for problem in problems:
        report = reports[problem.slug]
        problem_errors, problem_explained = mutant_errors(problem, report)
        errors += problem_errors
        explained += problem_explained
        if report.survivors:
            lines.append(_problem_line(problem, report, problem_explained))
    if errors:
        lines += error_report(errors)
    lines.append(_summary(problems, list(reports.values()), explained, not errors))
    print("\n".join(lines))
    return 1 if errors else 0


def _problem_line(problem: Problem, report: MutationReport, explained: int) -> str:
    killed = sum(report.killed.values())
    unexplained = len(report.survivors) - explained
    return (f"{problem.slug}: {report.total:,} mutants, {killed:,} killed, {explained:,} explained, "
            f"{unexplained:,} unexplained")


def _summary(problems: list[Problem], reports: list[MutationReport], explained: int, good: bool) -> str:
    tests = sum(len(p.examples) + len(p.tests) for p in problems)
    total = sum(r.total for r in reports)
    killed = sum(sum(r.killed.values()) for r in reports)
    unexplained = total - killed - explained
    # Rounded down: 99.96% is not shown as 100% while a mutant survives.
    score = math.floor(1000 * killed / total) / 10 if total else 100.0
    counts = f"{killed:,} killed, {explained:,} explained" + ("" if good else f", {unexplained:,} unexplained")
    head = f"{len(problems)} problem{'s' * (len(problems) != 1)}, {tests:,} tests, {total:,} mutants"
    return f"{head}: {counts} (score {score:.1f}%)" + (": all good" if good else "")
