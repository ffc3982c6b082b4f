"""The ``kata`` command line: check's summary and exit status, new, list, schema."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from kata import schema
from kata.cli import main

ROOT = Path(__file__).parent.parent
TRACKS = ROOT / "problems" / "tracks.yml"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A project folder with the real tracks and no problems yet."""
    (tmp_path / "problems").mkdir()
    shutil.copy(TRACKS, tmp_path / "problems" / "tracks.yml")
    return tmp_path


def kata(root: Path, *args: str) -> int:
    return main(["--root", str(root), *args])


def test_new_writes_a_problem_that_passes_check(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert kata(root, "new", "row-sums") == 0
    assert capsys.readouterr().out == ("created problems/row-sums/problem.yml\n"
                                       "next: edit it, then run `kata check row-sums`\n")
    text = (root / "problems" / "row-sums" / "problem.yml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../problem.schema.json"
    assert "track: LoRA\n" in text  # the first track of tracks.yml
    assert kata(root, "check", "--no-cache") == 0
    assert capsys.readouterr().out == "1 problem, 4 tests: all good\n"


def test_new_without_tracks_yml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert kata(tmp_path, "new", "row-sums") == 0
    assert "track: Practice\n" in (tmp_path / "problems" / "row-sums" / "problem.yml").read_text()
    capsys.readouterr()
    assert kata(tmp_path, "check", "--no-cache") == 0
    assert capsys.readouterr().out == "1 problem, 4 tests: all good\n"


def test_new_in_a_named_track(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert kata(root, "new", "bm25", "--track", "Retrieval and language") == 0
    assert "track: Retrieval and language\n" in (root / "problems" / "bm25" / "problem.yml").read_text()
    assert kata(root, "check", "--no-cache", "bm25") == 0


def test_new_quotes_a_track_yaml_would_misread(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert kata(tmp_path, "new", "row-sums", "--track", "Basics: NumPy") == 0
    assert 'track: "Basics: NumPy"\n' in (tmp_path / "problems" / "row-sums" / "problem.yml").read_text()
    assert kata(tmp_path, "check", "--no-cache") == 0


@pytest.mark.parametrize(("args", "message"), [
    (["Row_Sums"], "kata new: 'Row_Sums' is not a valid slug: use lowercase letters, digits and hyphens, "
                   "e.g. lora-forward\n"),
    (["index"], "kata new: 'index' is reserved: problems/index.md is the index of all problems\n"),
    (["row-sums", "--track", "Lora"], "kata new: unknown track 'Lora'; did you mean 'LoRA'?\n"),
    (["row-sums", "--track", "Vision"], "kata new: unknown track 'Vision'; tracks are listed in problems/tracks.yml: "
                                        "LoRA, Transformers, Training, Retrieval and language, Backpropagation and "
                                        "optimisers, Efficient attention and decoding, Quantisation and efficient "
                                        "fine-tuning, Tokenisation and evaluation\n"),
])
def test_new_refuses(root: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    assert kata(root, "new", *args) == 1
    assert capsys.readouterr().err == message
    assert sorted(p.name for p in (root / "problems").iterdir()) == ["tracks.yml"]


def test_new_never_overwrites(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert kata(root, "new", "row-sums") == 0
    path = root / "problems" / "row-sums" / "problem.yml"
    path.write_text("mine\n")
    assert kata(root, "new", "row-sums") == 1
    assert "already exists" in capsys.readouterr().err
    assert path.read_text() == "mine\n"


def test_check_summary_counts_problems_and_tests(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for slug in ("one", "two"):
        kata(root, "new", slug)
    capsys.readouterr()
    assert kata(root, "check", "--no-cache") == 0
    assert capsys.readouterr().out == "2 problems, 8 tests: all good\n"


def test_check_lists_every_mistake_then_counts_problems_with_errors(
        root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for slug in ("one", "two", "three"):
        kata(root, "new", slug)
    for slug in ("one", "two"):
        path = root / "problems" / slug / "problem.yml"
        path.write_text(path.read_text().replace("difficulty: easy", "difficulty: hardest"))
    capsys.readouterr()
    assert kata(root, "check", "--no-cache") == 1
    assert capsys.readouterr().out == (
        "problems/one/problem.yml:5:13: difficulty: expected one of easy, medium, hard, got 'hardest'\n"
        "problems/two/problem.yml:5:13: difficulty: expected one of easy, medium, hard, got 'hardest'\n"
        "2 problems with errors\n")


def test_check_only_the_named_problems(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kata(root, "new", "one")
    (root / "problems" / "broken").mkdir()
    (root / "problems" / "broken" / "problem.yml").write_text("title: [\n")
    capsys.readouterr()
    assert kata(root, "check", "--no-cache", "one") == 0
    assert capsys.readouterr().out == "1 problem, 4 tests: all good\n"
    assert kata(root, "check", "--no-cache", "onee") == 1
    assert capsys.readouterr().out == ("problems:1:1: (folder): no problem named 'onee'; did you mean 'one'?\n"
                                       "1 problem with errors\n")


def test_check_without_a_problems_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert kata(tmp_path, "check") == 1
    assert capsys.readouterr().out == ("problems:1:1: (folder): no such folder: problems live in "
                                       "problems/<slug>/problem.yml\n1 problem with errors\n")


def test_check_ignores_hidden_folders(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kata(root, "new", "one")
    (root / "problems" / ".ipynb_checkpoints").mkdir()
    capsys.readouterr()
    assert kata(root, "check", "--no-cache") == 0


def test_schema_prints_the_generated_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == schema.json_schema()


def test_schema_writes_a_file(tmp_path: Path) -> None:
    assert main(["schema", "-o", str(tmp_path / "s.json")]) == 0
    assert json.loads((tmp_path / "s.json").read_text()) == schema.json_schema()


def test_list(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kata(root, "new", "one")
    capsys.readouterr()
    assert kata(root, "list", "--json") == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["slug"], row["title"], row["track"], row["entry"]) == ("one", "Row sums", "LoRA", "row_sums")
