"""Building throwaway sites with the kata plugin."""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

SQUARE = """\
    title: Square
    difficulty: easy
    track: Basics
    order: 1
    tags: [numpy]
    entry: square
    statement: |
      Return $x^2$ elementwise.
    starter: |
      def square(x):
          ...
    solution: |
      def square(x):
          return x * x  # SECRET-REFERENCE-LINE
    hints: ["Multiply."]
    examples:
      - call: square(np.array([1.0, 2.0]))
        expect: [1.0, 4.0]
    tests:
      - name: random floats
        setup: |
          x = np.random.default_rng(3).standard_normal(5)
        call: square(x)
    wrong_solutions:
      - name: doubles instead
        code: |
          def square(x):
              return 2 * x
    """

TRACKS = """\
    - name: Basics
      description: The first steps.
    - name: Advanced
    """


def _build(root: Path) -> Path:
    config = load_config(str(root / "mkdocs.yml"))
    build(config)
    return root / "site"


def _build_errors(root: Path, caplog: pytest.LogCaptureFixture) -> list[str]:
    """The lines a failed build logs (MkDocs prints a PluginError's message, no traceback)."""
    with pytest.raises(Abort):
        _build(root)
    return [line for record in caplog.records if record.levelname == "ERROR"
            for line in record.getMessage().splitlines()]


def _payload(site: Path, slug: str) -> dict:
    data = json.loads((site / "problems" / slug / "kata.json").read_text())
    return json.loads(base64.b64decode(data["payload"]))


def test_builds_a_page_index_and_data_for_each_problem(make_site) -> None:
    site = _build(make_site({"square": SQUARE}, tracks=TRACKS))
    page = (site / "problems" / "square" / "index.html").read_text()
    assert '<div class="kata" data-kata-root data-kata-slug="square" data-kata-data="kata.json" ' \
           'data-kata-assets="../../assets/kata/" ' \
           'data-kata-pyodide="../../assets/kata/pyodide-0.27.7/"></div>' in page
    assert "Square" in (site / "problems" / "index.html").read_text()
    payload = _payload(site, "square")
    assert payload["entry"] == "square"
    assert [t["name"] for t in payload["examples"]] == ["Example 1"]
    assert payload["tests"][0]["expected"]["$nd"]["shape"] == [5]


def test_never_ships_the_reference_solution_or_hidden_tests_as_text(make_site) -> None:
    site = _build(make_site({"square": SQUARE}, tracks=TRACKS))
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".js", ".xml"):
            text = path.read_text(errors="ignore")
            assert "SECRET-REFERENCE-LINE" not in text, path
            if path.name != "kata.json":
                assert "random floats" not in text, path


def test_copies_pyodide_numpy_and_a_trimmed_lock(make_site) -> None:
    site = _build(make_site({"square": SQUARE}, tracks=TRACKS))
    folder = site / "assets" / "kata" / "pyodide-0.27.7"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl", "pyodide-lock.json",
                     "pyodide.asm.js", "pyodide.asm.wasm", "pyodide.mjs", "python_stdlib.zip"]
    lock = json.loads((folder / "pyodide-lock.json").read_text())
    assert list(lock["packages"]) == ["numpy"]
    # The shipped wheel is precompiled: the lock must carry its own hash, or the browser refuses it.
    wheel = folder / "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl"
    assert lock["packages"]["numpy"]["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert any(name.endswith(".cpython-312.pyc") for name in zipfile.ZipFile(wheel).namelist())
    harness = zipfile.ZipFile(site / "assets" / "kata" / "harness.zip")
    assert "kata_harness/run.py" in harness.namelist() and "kata_harness/sandbox.py" in harness.namelist()


def test_cdn_mode_points_the_page_at_the_cdn_and_copies_no_pyodide(make_site) -> None:
    root = make_site({"square": SQUARE}, tracks=TRACKS,
                     extra_plugin="pyodide_cdn: https://cdn.jsdelivr.net/pyodide/v0.27.7/full/\n")
    site = _build(root)
    page = (site / "problems" / "square" / "index.html").read_text()
    assert 'data-kata-pyodide="https://cdn.jsdelivr.net/pyodide/v0.27.7/full/"' in page
    assert not (site / "assets" / "kata" / "pyodide-0.27.7").exists()


def test_nav_has_one_section_per_track_in_the_order_of_tracks_yml(make_site) -> None:
    advanced = SQUARE.replace("track: Basics", "track: Advanced").replace("title: Square",
                                                                           "title: Cube")
    root = make_site({"square": SQUARE, "cube": advanced}, tracks=TRACKS)
    config = load_config(str(root / "mkdocs.yml"))
    for plugin in config.plugins.values():
        config = plugin.on_config(config) or config if hasattr(plugin, "problems") else config
    assert config.nav[1] == {"Problems": ["problems/index.md",
                                          {"Basics": [{"Square": "problems/square.md"}]},
                                          {"Advanced": [{"Cube": "problems/cube.md"}]}]}


def test_a_reference_solution_failing_its_test_stops_the_build_naming_file_line_and_test(
        make_site, caplog) -> None:
    broken = SQUARE.replace("return x * x", "return x + x")
    lines = _build_errors(make_site({"square": broken}, tracks=TRACKS), caplog)
    assert lines[0].startswith("problems/square/problem.yml:17:5: examples[0]: the reference "
                               "solution fails 'Example 1': result: 1 of 2 values differ")
    assert lines[-1] == "1 problem with errors"


def test_a_schema_error_stops_the_build_with_one_line_per_mistake(make_site, caplog) -> None:
    broken = SQUARE.replace("difficulty: easy", "difficulty: hardest").replace("tags:", "tag:")
    assert _build_errors(make_site({"square": broken}, tracks=TRACKS), caplog) == [
        "problems/square/problem.yml:2:13: difficulty: expected one of easy, medium, hard, "
        "got 'hardest'",
        "problems/square/problem.yml:5:1: tag: unknown field 'tag'; did you mean 'tags'?",
        "1 problem with errors",
    ]


def test_unchanged_problems_are_not_checked_again(make_site, monkeypatch) -> None:
    root = make_site({"square": SQUARE}, tracks=TRACKS)
    _build(root)
    from kata import check

    def fail(*args, **kwargs):
        raise AssertionError("a cached problem was checked again")

    monkeypatch.setattr(check, "check_problem", fail)
    _build(root)
    assert list((root / "cache").glob("*.json"))
