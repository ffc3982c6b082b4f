"""Checking a site's problems: each problem file read, validated, checked and cached.

A problem whose file, and everything that judges it, are unchanged since its last good check
comes from the cache, found by a hash of the file's bytes: its YAML is not even parsed.
Every other file is handed to a pool of worker processes, which read, validate and check it
(``kata.judging`` runs its code through the harness) and place whatever they find at its
line in problem.yml.
"""

from __future__ import annotations

import dataclasses
import hashlib
import multiprocessing
import os
import pickle
import re
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from kata import judging
from kata.judging import TimeLimitExceeded, recover_from_time_limit, time_limit
from kata.problem import Problem, ProblemError, Track, load_problem, problem_files, sort_problems

__all__ = ["Frozen", "CheckedSite", "check_site", "check_problem", "promise_warnings", "judge_digest",
           "TimeLimitExceeded", "recover_from_time_limit", "time_limit"]

CACHE_VERSION = "3"

Progress = Callable[[int, int, str], None]  # (done, total, what finished last)


@dataclass
class Frozen:
    """A checked problem's tests with their expected values frozen in, ready to ship."""

    examples: list[dict[str, Any]]
    tests: list[dict[str, Any]]
    example_results: list[str]
    errors: list[ProblemError] = field(default_factory=list)
    cached: bool = False


@dataclass
class CheckedSite:
    """Every problem that loaded (in track order), the tracks, every error, each problem's
    frozen tests by slug, and the warnings."""

    problems: list[Problem] = field(default_factory=list)
    tracks: list[Track] = field(default_factory=list)
    errors: list[ProblemError] = field(default_factory=list)
    frozen: dict[str, Frozen] = field(default_factory=dict)
    warnings: list[ProblemError] = field(default_factory=list)


@dataclass
class _Cached:
    """What the cache keeps of a problem that checked clean: enough for the build."""

    values: dict[str, Any]
    frozen: Frozen
    warnings: list[ProblemError]


# ---------------------------------------------------------------------------------------
# One problem

def check_problem(problem: Problem) -> Frozen:
    """Freeze and verify one problem (in this process)."""
    return _frozen(problem, judging.check_task(_task(problem)))


def _task(problem: Problem) -> judging.Task:
    return judging.Task(problem.entry, problem.solution, problem.starter, problem.examples, problem.tests,
                        problem.wrong_solutions, problem.alternative_solutions, problem.time_limit)


def _frozen(problem: Problem, checked: judging.Checked) -> Frozen:
    errors = [problem.error(f.path, f.message + _where(problem, f.code)) for f in checked.findings]
    return Frozen(checked.examples, checked.tests, checked.example_results, errors)


def _where(problem: Problem, code: tuple[tuple[str | int, ...], int] | None) -> str:
    """Where in problem.yml the raising line of a field's code is."""
    if code is None:
        return ""
    path, line = code
    position = problem.located.code_position(path, line, 1)
    if position is not None:
        return f" (line {position[0]} of problem.yml, in {path[-1]})"
    return f" (line {line} of its {path[-1]})"


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
# A whole site

def check_site(problems_dir: Path, root: Path, slugs: list[str] | None = None, cache_dir: Path | None = None,
               workers: int | None = None, progress: Progress | None = None) -> CheckedSite:
    """Load and check every problem (or only ``slugs``), reusing cached results of unchanged
    ones; every error of every problem is collected."""
    files, tracks, errors = problem_files(problems_dir, root, slugs)
    names = [t.name for t in tracks] if tracks else None
    site = CheckedSite(tracks=tracks, errors=errors)
    digest = judge_digest()
    todo = [(path, display) for path, display in files if not _from_cache(site, path, display, names, digest,
                                                                           cache_dir)]
    done = len(files) - len(todo)
    for slug, checked in _run_checks(todo, names, workers):
        site.errors.extend(checked.errors)
        if checked.problem is not None and checked.frozen is not None:
            key = cache_key(checked.problem.source, checked.problem.display_path, names, digest)
            _add_checked(site, checked, cache_dir, key)
        done += 1
        if progress is not None:
            progress(done, len(files), slug)
    site.problems = sort_problems(site.problems, names or [])
    return site


def _from_cache(site: CheckedSite, path: Path, display: str, tracks: list[str] | None, digest: str,
                cache_dir: Path | None) -> bool:
    if cache_dir is None:
        return False
    try:
        source = path.read_bytes()
    except OSError:
        return False
    cached = _read_cache(cache_dir, cache_key(source, display, tracks, digest))
    if cached is None:
        return False
    problem = Problem(slug=path.parent.name, path=path, display_path=display, source=source, **cached.values)
    site.problems.append(problem)
    site.frozen[problem.slug] = cached.frozen
    site.warnings.extend(cached.warnings)
    return True


@dataclass
class _FileChecked:
    """One problem file read, validated and checked: the problem (None when it did not
    load), its frozen tests, its errors and its warnings, all placed in the file already."""

    problem: Problem | None
    frozen: Frozen | None
    errors: list[ProblemError]
    warnings: list[ProblemError]


def check_file(path: Path, display: str, tracks: list[str] | None) -> _FileChecked:
    """Load, validate and check one problem file."""
    problem, errors = load_problem(path, display, tracks)
    if problem is None:
        return _FileChecked(None, None, errors, [])
    frozen = check_problem(problem)
    return _FileChecked(problem, frozen, frozen.errors, promise_warnings(problem))


def _check_file_in_worker(path: Path, display: str, tracks: list[str] | None) -> _FileChecked:
    checked = check_file(path, display, tracks)
    if checked.problem is not None:  # its YAML nodes stay here: found again from the source if needed
        checked.problem = dataclasses.replace(checked.problem, _located=None)
    return checked


def _add_checked(site: CheckedSite, checked: _FileChecked, cache_dir: Path | None, key: str) -> None:
    problem, frozen = checked.problem, checked.frozen
    assert problem is not None and frozen is not None
    site.problems.append(problem)
    site.frozen[problem.slug] = frozen
    site.warnings.extend(checked.warnings)
    if not frozen.errors:
        _write_cache(cache_dir, key, _Cached(problem.values(), frozen, checked.warnings))


def _run_checks(files: list[tuple[Path, str]], tracks: list[str] | None, workers: int | None
                ) -> Iterator[tuple[str, _FileChecked]]:
    """Each file's slug and what checking it found, as they finish: in this process for one
    file, else in a pool of fresh workers, reused from problem to problem, that read,
    validate and check the files (this process only hands out their names)."""
    count = min(len(files), workers or os.cpu_count() or 1)
    if count <= 1:
        yield from ((path.parent.name, check_file(path, display, tracks)) for path, display in files)
        return
    with ProcessPoolExecutor(max_workers=count, mp_context=_worker_context(),
                             initializer=judging.start_worker) as pool:
        with _one_blas_thread():  # read by the fork server, which starts with the first worker
            futures = {pool.submit(_check_file_in_worker, path, display, tracks): (path, display)
                       for path, display in files}
        for future in as_completed(futures):
            path, display = futures[future]
            yield path.parent.name, _result(display, future)


_BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


@contextmanager
def _one_blas_thread() -> Iterator[None]:
    """One BLAS thread in each worker, unless the environment says otherwise: there are as
    many workers as cores, and BLAS threads that wait spin (a quarter of a worker's time)."""
    saved = {name: os.environ.get(name) for name in _BLAS_THREADS}
    for name in _BLAS_THREADS:
        os.environ.setdefault(name, "1")
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _worker_context() -> Any:
    """Workers forked from a server that imported this module and no more: not from this
    process, which holds every problem checked so far (and, in a build, MkDocs' pages).
    (Where there is no fork server, Windows, the platform's own way of starting them.)"""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context()
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["kata.check"])
    return context


def _result(display: str, future: Future) -> _FileChecked:
    try:
        return future.result()
    except Exception as error:  # a bug in the checker: name the problem, check the rest
        return _FileChecked(None, None, [ProblemError(display, 1, 1, "(file)", f"checking crashed: "
                                                      f"{type(error).__name__}: {error}")], [])


# ---------------------------------------------------------------------------------------
# The cache

def judge_digest() -> str:
    """A hash of everything that decides a check's outcome, apart from the problem itself:
    this tool's code (reading, validating and judging) and the versions of its libraries."""
    here = Path(__file__).parent
    digest = hashlib.sha256(f"{CACHE_VERSION} {np.__version__} {yaml.__version__}".encode())
    for source in sorted([*here.glob("*.py"), *(here / "harness").glob("*.py")]):
        digest.update(source.read_bytes())
    return digest.hexdigest()


def cache_key(source: bytes, display: str, tracks: list[str] | None, digest: str) -> str:
    """The file's bytes, where it is (its slug), the tracks it may name, and the tool."""
    context = f"\0{display}\0{tracks!r}\0{digest}".encode()
    return hashlib.sha256(source + context).hexdigest()[:32]


def _read_cache(cache_dir: Path | None, key: str) -> _Cached | None:
    if cache_dir is None:
        return None
    try:
        with (cache_dir / f"{key}.pickle").open("rb") as handle:
            cached = pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError):
        return None
    if not isinstance(cached, _Cached):
        return None
    cached.frozen.cached = True
    return cached


def _write_cache(cache_dir: Path | None, key: str, cached: _Cached) -> None:
    if cache_dir is None:
        return
    cache_dir.mkdir(parents=True, exist_ok=True)
    temporary = cache_dir / f"{key}.pickle.tmp.{os.getpid()}"
    temporary.write_bytes(pickle.dumps(cached, protocol=pickle.HIGHEST_PROTOCOL))
    temporary.replace(cache_dir / f"{key}.pickle")
