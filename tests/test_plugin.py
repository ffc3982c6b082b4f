"""Building throwaway sites with the kata plugin."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import zipfile
import zlib
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
    assert data["format"] == 2
    return json.loads(zlib.decompress(base64.b64decode(data["payload"]), wbits=-15))


def test_builds_a_page_index_and_data_for_each_problem(make_site) -> None:
    site = _build(make_site({"square": SQUARE}, tracks=TRACKS))
    page = (site / "problems" / "square" / "index.html").read_text()
    assert '<div class="kata" data-kata-root data-kata-slug="square" data-kata-entry="square" ' \
           'data-kata-data="kata.json" data-kata-assets="../../assets/kata/" ' \
           'data-kata-pyodide="../../assets/kata/pyodide-0.27.7/" data-kata-integrity=' in page
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
    config = config.plugins["kata"].on_config(config)
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


def test_unchanged_problems_are_not_checked_again_nor_parsed(make_site, monkeypatch) -> None:
    root = make_site({"square": SQUARE}, tracks=TRACKS)
    first = _payload(_build(root), "square")
    from kata import check

    def fail(*args, **kwargs):
        raise AssertionError("a cached problem was checked or parsed again")

    monkeypatch.setattr(check, "check_problem", fail)
    monkeypatch.setattr(check, "load_problem", fail)
    assert _payload(_build(root), "square") == first
    assert list((root / "cache").glob("*.pickle"))


def test_a_changed_problem_is_checked_again(make_site, caplog) -> None:
    root = make_site({"square": SQUARE}, tracks=TRACKS)
    _build(root)
    path = root / "problems" / "square" / "problem.yml"
    path.write_text(path.read_text().replace("return x * x  #", "return x + x  #"))
    assert "the reference solution fails 'Example 1'" in "\n".join(_build_errors(root, caplog))


def test_problem_pages_link_their_neighbours_in_track_order_across_tracks(make_site) -> None:
    advanced = SQUARE.replace("track: Basics", "track: Advanced").replace("title: Square", "title: Cube")
    site = _build(make_site({"square": SQUARE, "cube": advanced}, tracks=TRACKS))
    square = (site / "problems" / "square" / "index.html").read_text()
    cube = (site / "problems" / "cube" / "index.html").read_text()
    assert '<a class="kata-next" data-kata="next" href="../cube/" rel="next">' in square
    assert 'data-kata="prev"' not in square
    assert '<a class="kata-prev" data-kata="prev" href="../square/" rel="prev">' in cube
    assert 'data-kata="next"' not in cube
    catalog = json.loads((site / "problems" / "catalog.json").read_text())
    assert catalog["tracks"] == [{"name": "Basics", "description": "The first steps.", "problems": ["square"]},
                                 {"name": "Advanced", "description": "", "problems": ["cube"]}]
    assert catalog["problems"]["cube"] == {"slug": "cube", "title": "Cube", "track": "Advanced",
                                           "difficulty": "easy", "tags": ["numpy"], "url": "problems/cube/"}


def test_the_solution_and_its_explanation_reach_the_page_only_deflated(make_site) -> None:
    explained = SQUARE.replace("    hints:", "    explanation: |\n      Squaring is $x \\\\cdot x$.\n    hints:")
    site = _build(make_site({"square": explained}, tracks=TRACKS))
    payload = _payload(site, "square")
    assert payload["solution"] == "def square(x):\n    return x * x  # SECRET-REFERENCE-LINE\n"
    assert "SECRET-REFERENCE-LINE" in payload["solution_html"]
    assert "Squaring is" in payload["explanation_html"]
    assert "Squaring is" not in (site / "problems" / "square" / "index.html").read_text()


def test_the_page_carries_the_hash_of_every_runtime_file_and_the_files_match(make_site) -> None:
    site = _build(make_site({"square": SQUARE}, tracks=TRACKS))
    page = (site / "problems" / "square" / "index.html").read_text()
    raw = page.split('data-kata-integrity="', 1)[1].split('"', 1)[0]
    hashes = json.loads(raw.replace("&quot;", '"'))
    folder = site / "assets" / "kata"
    assert sorted(hashes) == sorted(["pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip",
                                     "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl", "pyodide-lock.json",
                                     "harness.zip"])
    for name, sri in hashes.items():
        path = folder / name if name == "harness.zip" else folder / "pyodide-0.27.7" / name
        assert sri == "sha256-" + base64.b64encode(hashlib.sha256(path.read_bytes()).digest()).decode()


def test_the_service_worker_lists_every_file_of_the_site_with_its_hash(make_site) -> None:
    site = _build(make_site({"square": SQUARE}, tracks=TRACKS))
    text = (site / "kata-sw.js").read_text()
    assert text.startswith("self.__KATA_PRECACHE = ")
    precache = json.loads(text[len("self.__KATA_PRECACHE = "):text.index(";\n")])
    listed = {path: sri for path, sri in precache["files"]}
    assert "index.html" in listed and "problems/square/kata.json" in listed
    assert "assets/kata/pyodide-0.27.7/pyodide.asm.wasm" in listed
    assert "kata-sw.js" not in listed and "sitemap.xml" not in listed
    assert not any(path.endswith(".map") for path in listed)
    for path, sri in listed.items():
        assert sri == "sha256-" + base64.b64encode(hashlib.sha256((site / path).read_bytes()).digest()).decode()
    assert precache["isolate"] is True and len(precache["version"]) == 16


def test_offline_false_ships_a_worker_that_only_removes_what_was_stored(make_site) -> None:
    site = _build(make_site({"square": SQUARE}, tracks=TRACKS, extra_plugin="offline: false\n"))
    text = (site / "kata-sw.js").read_text()
    assert "__KATA_PRECACHE" not in text and "fetch" not in text
    assert 'caches.delete(name)' in text


def test_every_page_links_the_web_app_manifest_and_its_icons_ship(make_site) -> None:
    site = _build(make_site({"square": SQUARE}, tracks=TRACKS))
    assert '<link rel="manifest" href="manifest.webmanifest">' in (site / "index.html").read_text()
    assert '<link rel="manifest" href="../../manifest.webmanifest">' in \
        (site / "problems" / "square" / "index.html").read_text()
    manifest = json.loads((site / "manifest.webmanifest").read_text())
    assert (manifest["name"], manifest["start_url"], manifest["scope"], manifest["display"]) == \
        ("Test", "./", "./", "standalone")
    for icon in manifest["icons"]:
        assert (site / icon["src"]).is_file(), icon["src"]
    assert {icon["sizes"] for icon in manifest["icons"]} == {"any", "192x192", "512x512"}


def test_problem_pages_load_the_workspace_ahead_and_other_pages_do_not(make_site) -> None:
    site = _build(make_site({"square": SQUARE}, tracks=TRACKS))
    bundle = json.loads((site.parent / ".cache" / "kata" / "runner" / "manifest.json").read_text())
    problem = (site / "problems" / "square" / "index.html").read_text()
    preloads = re.findall(r'<link rel="modulepreload" href="([^"]+)">', problem)
    assert preloads == [f"../../assets/kata/{name}" for name in bundle["workspace"]]
    assert preloads[0].startswith("../../assets/kata/chunks/workspace-")
    for href in preloads:
        assert (site / "problems" / "square" / href).resolve().is_file(), href
    site_script = f'<script src="../../assets/kata/{bundle["site"]}" type="module"></script>'
    assert f'<script src="{preloads[0]}" type="module"></script>{site_script}' in problem
    assert problem.count('type="module"') == 2
    assert "modulepreload" not in (site / "index.html").read_text()
    assert "workspace-" not in (site / "index.html").read_text()
    assert "modulepreload" not in (site / "problems" / "index.html").read_text()


def test_a_match_the_statement_never_promises_is_a_build_warning(make_site, caplog) -> None:
    raising = SQUARE.replace("    wrong_solutions:", """\
      - name: a string is refused
        call: square("ab")
        raises: TypeError
        match: "multiply sequence"
    wrong_solutions:""")
    _build(make_site({"square": raising}, tracks=TRACKS))
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warnings == ["kata: problems/square/problem.yml:27:12: tests[1].match: warning: the pattern looks for "
                        "'multiply', 'sequence', which the statement never mentions: a test checks only what "
                        "the statement promises"]


def test_a_cdn_url_that_is_not_a_folder_is_refused_at_load(make_site, caplog) -> None:
    root = make_site({"square": SQUARE}, tracks=TRACKS,
                     extra_plugin="pyodide_cdn: https://cdn.jsdelivr.net/pyodide/v0.27.7/full\n")
    with pytest.raises(Abort):
        load_config(str(root / "mkdocs.yml"))
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == [
        "Config value 'plugins': Plugin 'kata' option 'pyodide_cdn': Expected an http(s) URL of a folder, "
        "ending with '/', but received: 'https://cdn.jsdelivr.net/pyodide/v0.27.7/full'"]
