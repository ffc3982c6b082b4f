"""Mistakes in problem.yml: one line each, at the right line and column, never a traceback.

Golden cases: ``tests/golden/problems/<case>/problems/`` holds broken problems and
``expected.txt`` the exact output of ``kata check --no-cache`` run at the case folder.
``KATA_UPDATE_GOLDEN=1 pytest tests/test_problem_errors.py`` rewrites the expected files.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
import yaml

from kata.cli import main
from kata.problem import Located, defined_names, load_problem, read_yaml

GOLDEN = Path(__file__).parent / "golden" / "problems"
CASES = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir())
UPDATE = os.environ.get("KATA_UPDATE_GOLDEN") == "1"

BASE = """\
title: Row sums
difficulty: easy
track: Practice
entry: row_sums
statement: Sum each row.
starter: |
  def row_sums(X):
      ...
solution: |
  def row_sums(X):
      return X.sum(axis=1)
examples:
  - call: row_sums(np.ones((2, 2)))
tests:
  - name: ones
    call: row_sums(np.ones((3, 2)))
"""


@pytest.mark.parametrize("case", CASES)
def test_golden(case: str, capsys: pytest.CaptureFixture[str]) -> None:
    folder = GOLDEN / case
    np.random.seed(0)  # the non-deterministic case's unseeded generator, made reproducible
    status = main(["--root", str(folder), "check", "--no-cache"])
    captured = capsys.readouterr()
    expected_file = folder / "expected.txt"
    if UPDATE:
        expected_file.write_text(captured.out, encoding="utf-8")
    assert captured.out == expected_file.read_text(encoding="utf-8")
    assert status == 1
    assert "Traceback" not in captured.err


def test_golden_cases_cover_at_least_twenty_mistakes() -> None:
    assert len(CASES) >= 20


def _load(tmp_path: Path, text: str | bytes, slug: str = "row-sums") -> list[str]:
    folder = tmp_path / slug
    folder.mkdir()
    path = folder / "problem.yml"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    problem, errors = load_problem(path, f"problems/{slug}/problem.yml")
    assert (problem is None) == bool(errors)
    return [str(e) for e in errors]


def test_a_valid_problem_has_no_errors(tmp_path: Path) -> None:
    assert _load(tmp_path, BASE) == []


def test_three_independent_mistakes_give_three_lines(tmp_path: Path) -> None:
    text = BASE.replace("difficulty: easy", "difficulty: hardest").replace(
        "track: Practice", "track: Practice\norder: first").replace(
        "    call: row_sums(np.ones((3, 2)))", "    call: row_sums(np.ones((3, 2))")
    assert _load(tmp_path, text) == [
        "problems/row-sums/problem.yml:2:13: difficulty: expected one of easy, medium, hard, got 'hardest'",
        "problems/row-sums/problem.yml:4:8: order: expected an integer, got 'first' (a string)",
        "problems/row-sums/problem.yml:17:19: tests[0].call: Python syntax error: '(' was never closed",
    ]


def test_a_yaml_syntax_error_is_one_line(tmp_path: Path) -> None:
    text = BASE.replace("title: Row sums", "title: Row sums: basics")
    assert _load(tmp_path, text) == [
        "problems/row-sums/problem.yml:1:16: (yaml): unexpected ':': put a value that holds ': ' in "
        "quotes, or check the indentation"]


def test_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    text = BASE.replace("Sum each row.", "Somme de chaque ligne, \xe9l\xe9ment par \xe9l\xe9ment.")
    assert _load(tmp_path, text.encode("latin-1")) == [
        "problems/row-sums/problem.yml:5:35: (file): not UTF-8: byte 0xe9 cannot be decoded; save the "
        "file as UTF-8"]


@pytest.mark.parametrize("text", ["", "\n", "# only a comment\n", "---\n"])
def test_an_empty_file(tmp_path: Path, text: str) -> None:
    assert _load(tmp_path, text) == [
        "problems/row-sums/problem.yml:1:1: (file): the file is empty: a problem needs title, difficulty, "
        "track, entry, statement, starter, solution, examples, tests (`kata new SLUG` writes a worked example)"]


def test_a_file_whose_top_level_is_a_list(tmp_path: Path) -> None:
    assert _load(tmp_path, "- title: Row sums\n- difficulty: easy\n") == [
        "problems/row-sums/problem.yml:1:1: (file): expected a mapping of fields (title: ..., ...), "
        "got a list"]


def test_a_recursive_alias_is_an_error_not_a_crash(tmp_path: Path) -> None:
    text = BASE.replace("track: Practice", "track: Practice\ntags: &t [numpy, *t]")
    assert _load(tmp_path, text) == [
        "problems/row-sums/problem.yml:4:7: tags[1]: expected a string, got a list"]


def test_a_character_yaml_does_not_allow(tmp_path: Path) -> None:
    assert _load(tmp_path, BASE.replace("Row sums", "Row\x07sums")) == [
        "problems/row-sums/problem.yml:1:11: (yaml): character U+0007 is not allowed in YAML: remove it"]


def test_a_near_miss_key_does_not_also_report_the_field_missing(tmp_path: Path) -> None:
    assert _load(tmp_path, BASE.replace("entry:", "entyr:")) == [
        "problems/row-sums/problem.yml:4:1: entyr: unknown field 'entyr'; did you mean 'entry'?"]


def test_an_empty_required_field(tmp_path: Path) -> None:
    assert _load(tmp_path, BASE.replace("entry: row_sums", "entry:")) == [
        "problems/row-sums/problem.yml:4:7: entry: required field is empty"]


def test_a_wrong_solution_without_the_entry(tmp_path: Path) -> None:
    text = BASE + "wrong_solutions:\n  - name: renamed\n    code: |\n      def sums(X):\n          return 0\n"
    assert _load(tmp_path, text) == [
        "problems/row-sums/problem.yml:19:11: wrong_solutions[0].code: does not define 'row_sums', the "
        "problem's entry: define it at the top level"]


# ---------------------------------------------------------------------------------------
# Positions of Python syntax errors inside YAML values

def _code_position(text: str, path: tuple[str | int, ...], line: int, column: int) -> tuple[int, int] | None:
    _, located, errors = read_yaml(text, "x.yml")
    assert errors == []
    return located.code_position(path, line, column)


@pytest.mark.parametrize(("text", "line", "column", "expected"), [
    ("code: |\n  a = 1\n  b = (\n", 2, 5, (3, 7)),
    ("code: |-\n    a = 1\n    b = (\n", 2, 5, (3, 9)),
    ("code: |\n\n  a = 1\n", 2, 1, (3, 3)),  # a blank first line is a line of the code
    ("code: |2\n    a = 1\n", 1, 1, (2, 3)),  # an explicit indentation indicator
    ("top:\n  - code: |  # a comment\n      x = 1\n      y = (\n", 2, 5, (4, 11)),
    ("code: |\n  a = 1\n", 9, 1, (2, 3)),  # past the end: the last line
    ("code: f(x))\n", 1, 5, (1, 11)),
    ("code:   f(x))  # a comment\n", 1, 5, (1, 13)),
    ("code: 'f(''a'', x))'\n", 1, 10, (1, 19)),
    ('code: "f(\\"a\\", \\u00e9, x))"\n', 1, 13, (1, 27)),
    ('code: "f(1,\\n x))"\n', 2, 4, (1, 17)),  # a line break written as an escape
    ("code:\n  f(x))\n", 1, 5, (2, 7)),
    ("code: 'é(x))'\n", 1, 5, (1, 12)),
])
def test_code_position(text: str, line: int, column: int, expected: tuple[int, int]) -> None:
    path: tuple[str | int, ...] = ("top", 0, "code") if text.startswith("top") else ("code",)
    assert _code_position(text, path, line, column) == expected


@pytest.mark.parametrize("text", ["code: >\n  a = 1\n  b = (\n", "code: f(1,\n  x))\n", "code: 'f(1,\n  x))'\n"])
def test_code_position_is_unknown_where_yaml_joined_lines(text: str) -> None:
    assert _code_position(text, ("code",), 1, 5) is None


def test_code_position_with_windows_line_endings() -> None:
    assert _code_position("code: |\r\n  a = 1\r\n  b = (\r\n", ("code",), 2, 5) == (3, 7)


def test_syntax_error_line_references_are_file_lines(tmp_path: Path) -> None:
    text = BASE.replace("  def row_sums(X):\n      return", "  def row_sums(X):\n      if X:\n      return")
    assert _load(tmp_path, text) == [
        "problems/row-sums/problem.yml:12:7: solution: Python syntax error: expected an indented block "
        "after 'if' statement on line 11"]


def test_defined_names_looks_inside_compound_statements() -> None:
    code = ("try:\n    from scipy.special import softmax\nexcept ImportError:\n    def softmax(x):\n"
            "        return x\nif True:\n    a, (b, *c) = 1, (2, 3)\nwith open('f') as fh:\n    pass\n"
            "class K:\n    inner = 1\n")
    assert defined_names(code) == {"softmax", "a", "b", "c", "fh", "K"}


def test_defined_names_treats_a_star_import_as_defining_anything() -> None:
    assert "*" in defined_names("from numpy import *\n")


def test_located_positions_fall_back_to_the_parent() -> None:
    located = Located()
    assert located.position(("missing",)) == (1, 1)
    _, located, _ = read_yaml("a:\n  b: 1\n", "x.yml")
    assert located.position(("a", "b", "c")) == (2, 6)
    assert isinstance(located.nodes[("a",)], yaml.MappingNode)
