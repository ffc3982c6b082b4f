"""Mutation testing: the mutants each operator makes, and ``kata check --mutants`` on small problems.

Golden cases: ``tests/golden/mutants/<case>/solution.py`` is a reference solution and
``expected.txt`` the exact list of its mutants, each as ``line:column operator: description``
followed by the lines it changes (``-`` before, ``+`` after). A case named after an operator
shows that operator at work (the others join in, as they would on a real solution).
``KATA_UPDATE_GOLDEN=1 pytest tests/test_mutants.py`` rewrites the expected files: read every
changed description, as an author will.
"""

from __future__ import annotations

import difflib
import os
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from kata.cli import main
from kata.harness.values import encode
from kata.mutant_operators import OPERATORS
from kata.mutants import Mutant, generate, run_mutants
from kata.problem import Problem, load_problem, load_problems

GOLDEN = Path(__file__).parent / "golden" / "mutants"
CASES = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir())
UPDATE = os.environ.get("KATA_UPDATE_GOLDEN") == "1"
REPO = Path(__file__).resolve().parent.parent


def show(source: str, mutants: list[Mutant]) -> str:
    """The golden form of a solution's mutants."""
    lines = []
    for mutant in mutants:
        lines.append(f"{mutant.line}:{mutant.column} {mutant.operator}: {mutant.description}")
        diff = difflib.unified_diff(source.splitlines(), mutant.code.splitlines(), lineterm="", n=0)
        lines += [f"    {line}" for line in diff if not line.startswith(("---", "+++", "@@"))]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str) -> None:
    source = (GOLDEN / case / "solution.py").read_text(encoding="utf-8")
    result = show(source, generate(source))
    expected_file = GOLDEN / case / "expected.txt"
    if UPDATE:
        expected_file.write_text(result, encoding="utf-8")
    assert result == expected_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("operator", list(OPERATORS))
def test_each_operator_has_a_golden_case_where_it_makes_mutants(operator: str) -> None:
    source = (GOLDEN / operator / "solution.py").read_text(encoding="utf-8")
    assert operator in {mutant.operator for mutant in generate(source)}


def real_solutions() -> list[tuple[str, str]]:
    problems, _, errors = load_problems(REPO / "problems", REPO)
    assert errors == []
    return [(p.slug, p.solution) for p in problems]


@pytest.mark.parametrize(("slug", "source"), real_solutions())
def test_mutants_compile_differ_and_read_as_one_line_each(slug: str, source: str) -> None:
    mutants = generate(source)
    codes = [mutant.code for mutant in mutants]
    for code in codes:
        compile(code, "solution.py", "exec")
    assert source not in codes
    assert len(set(codes)) == len(codes)
    descriptions = [mutant.description for mutant in mutants]
    assert len(set(descriptions)) == len(descriptions)
    assert all("\n" not in d and "\x00" not in d for d in descriptions)


def test_descriptions_do_not_depend_on_line_numbers() -> None:
    source = (GOLDEN / "guard" / "solution.py").read_text(encoding="utf-8")
    moved = generate("# three lines above it now\n\n\n" + source)
    original = generate(source)
    assert [m.description for m in moved] == [m.description for m in original]
    assert [m.line for m in moved] == [m.line + 3 for m in original]


# ---------------------------------------------------------------------------------------
# kata check --mutants on a small problem whose mutants are:
#   2:10 `<` -> `<=`, 2:12 `0` -> `1` and `-1`, 3:9 raise -> pass,
#   4:14 `/` -> `*` and `//`, 4:16 `2` -> `3` and `1`.

HALVE = """\
title: Halve
difficulty: easy
track: Practice
entry: halve
statement: Half of an even number x >= 0, as a float; a ValueError for any negative x.
starter: |
  def halve(x):
      ...
solution: |
  def halve(x):
      if x < 0:
          raise ValueError("x must be >= 0")
      return x / 2
examples:
  - call: halve(4)
    expect: 2.0
tests:
  - name: zero
    call: halve(0)
  - name: negative
    call: halve(-1)
    raises: ValueError
"""
FLOOR_DIVISION = "replaced `/` with `//` in `return x / 2`"
SURVIVOR = (f"problems/halve/problem.yml:13:16: solution: mutant survives every test: {FLOOR_DIVISION}; "
            "add a test that kills it, or list it under equivalent_mutants with the reason")
EXPLAINED = f"""\
equivalent_mutants:
  - mutant: "{FLOOR_DIVISION}"
    why: x is even, and an integer result is accepted where a float is expected
"""
ODD_TEST = """\
  - name: odd
    call: halve(5)
"""


def check_mutants(tmp_path: Path, text: str, *args: str) -> int:
    folder = tmp_path / "problems" / "halve"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "problem.yml").write_text(text, encoding="utf-8")
    return main(["--root", str(tmp_path), "check", "--mutants", *args])


def test_a_surviving_mutant_is_an_error_at_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check_mutants(tmp_path, HALVE, "--no-cache") == 1
    assert capsys.readouterr().out.splitlines() == [
        "halve: 8 mutants, 7 killed, 0 explained, 1 unexplained",
        SURVIVOR,
        "1 problem with errors",
        "1 problem, 3 tests, 8 mutants: 7 killed, 0 explained, 1 unexplained (score 87.5%)",
    ]


def test_a_survivor_listed_under_equivalent_mutants_is_explained(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check_mutants(tmp_path, HALVE + EXPLAINED, "--no-cache") == 0
    assert capsys.readouterr().out.splitlines() == [
        "halve: 8 mutants, 7 killed, 1 explained, 0 unexplained",
        "1 problem, 3 tests, 8 mutants: 7 killed, 1 explained (score 87.5%): all good",
    ]


def test_an_entry_that_matches_no_survivor_is_stale(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check_mutants(tmp_path, HALVE + ODD_TEST + EXPLAINED, "--no-cache") == 1
    assert capsys.readouterr().out.splitlines() == [
        "problems/halve/problem.yml:26:13: equivalent_mutants[0].mutant: does not match a surviving "
        "mutant: remove it, or copy the description that kata check --mutants prints",
        "1 problem with errors",
        "1 problem, 4 tests, 8 mutants: 8 killed, 0 explained, 0 unexplained (score 100.0%)",
    ]


def test_tests_that_kill_every_mutant(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check_mutants(tmp_path, HALVE + ODD_TEST, "--no-cache") == 0
    assert capsys.readouterr().out == "1 problem, 4 tests, 8 mutants: 8 killed, 0 explained (score 100.0%): all good\n"


def test_a_survivor_in_a_solution_whose_lines_yaml_joined_points_at_the_field(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    literal = HALVE[HALVE.index("solution: |"):HALVE.index("examples:")]
    joined = ('solution: "def halve(x):\\n    if x < 0:\\n        raise ValueError(\'x must be >= 0\')'
              '\\n    return x /\n  2\\n"\n')
    folded = HALVE.replace(literal, joined)
    assert check_mutants(tmp_path, folded, "--no-cache") == 1
    assert capsys.readouterr().out.splitlines()[1] == SURVIVOR.replace(":13:16:", ":9:11:")


def test_reports_are_cached_until_the_problem_changes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check_mutants(tmp_path, HALVE) == 1
    first = capsys.readouterr().out
    assert len(list((tmp_path / ".cache" / "kata" / "checks").glob("mutants-*.json"))) == 1
    assert check_mutants(tmp_path, HALVE) == 1
    assert capsys.readouterr().out == first
    assert check_mutants(tmp_path, HALVE + ODD_TEST) == 0
    assert len(list((tmp_path / ".cache" / "kata" / "checks").glob("mutants-*.json"))) == 2


def test_the_ordinary_checks_come_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check_mutants(tmp_path, HALVE.replace("return x / 2", "return x / 3"), "--no-cache") == 1
    out = capsys.readouterr().out
    assert "the reference solution fails 'Example 1'" in out
    assert "mutants" not in out


# ---------------------------------------------------------------------------------------
# run_mutants on its own

def load(tmp_path: Path, text: str) -> Problem:
    path = tmp_path / "problems" / "count-down" / "problem.yml"
    path.parent.mkdir(parents=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    problem, errors = load_problem(path, "problems/count-down/problem.yml")
    assert problem is not None, errors
    return problem


def test_a_mutant_that_loops_is_killed_by_the_time_limit(tmp_path: Path) -> None:
    problem = load(tmp_path, """\
        title: Count down
        difficulty: easy
        track: Practice
        entry: count_down
        time_limit: 0.5
        statement: The number of steps from n down to 0.
        starter: |
          def count_down(n):
              ...
        solution: |
          def count_down(n):
              steps = 0
              while n > 0:
                  n -= 1
                  steps += 1
              return steps
        examples:
          - call: count_down(3)
        tests:
          - name: zero
            call: count_down(0)
        """)
    tests = [{"name": "three", "call": "count_down(3)", "expected": 3},
             {"name": "zero", "call": "count_down(0)", "expected": 0}]
    exit_before, stdout_before = os._exit, sys.stdout
    report = run_mutants(problem, tests)
    assert report.survivors == []
    assert report.timed_out == 2  # n += 1 and n -= 0 never end
    assert report.total == 11
    assert (os._exit, sys.stdout) == (exit_before, stdout_before)  # the sandbox is undone


def test_an_in_place_write_no_test_can_reach_is_dropped(tmp_path: Path) -> None:
    problem = load(tmp_path, """\
        title: Scale
        difficulty: easy
        track: Practice
        entry: scale
        statement: x times k.
        starter: |
          def scale(x, k):
              ...
        solution: |
          import numpy as np

          def scale(x, k):
              return np.asarray(x) * k
        examples:
          - call: scale(np.ones(2), 3)
        tests:
          - name: list
            call: scale([1.0], 2)
        """)
    tests = [{"name": "array", "call": "scale(np.ones(2), 3)", "expected": encode(np.full(2, 3.0))}]
    report = run_mutants(problem, tests)
    # x receives an array: its write is killed by the harness's check of the caller's arrays;
    # k, a number, never does, so its mutant could not differ from the solution and is dropped.
    assert [m.description for m in report.survivors if m.operator == "inplace"] == []
    assert report.killed["inplace"] == 1
    assert report.unreached == 1
