"""kata/precompile.py runs inside Pyodide at build time; here, in CPython, on tiny archives."""

from __future__ import annotations

import importlib
import sys
import zipfile
from pathlib import Path

from kata.precompile import precompile_stdlib, precompile_wheel


def _zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return path


def test_stdlib_becomes_sourceless_bytecode_that_zipimport_loads(tmp_path: Path, monkeypatch) -> None:
    source = _zip(tmp_path / "lib.zip", {"kata_pc_demo/__init__.py": "ANSWER = 42\n",
                                         "kata_pc_demo/broken.py": "def (:\n", "data.txt": "x"})
    target = tmp_path / "lib.pyc.zip"
    assert precompile_stdlib(str(source), str(target)) == 1
    names = zipfile.ZipFile(target).namelist()
    assert names == ["data.txt", "kata_pc_demo/__init__.pyc", "kata_pc_demo/broken.py"]
    monkeypatch.syspath_prepend(str(target))
    monkeypatch.delitem(sys.modules, "kata_pc_demo", raising=False)
    assert importlib.import_module("kata_pc_demo").ANSWER == 42


def test_wheel_keeps_sources_and_gains_unchecked_pycs(tmp_path: Path) -> None:
    source = _zip(tmp_path / "demo-1.0-py3-none-any.whl", {
        "demo/__init__.py": "X = 1\n", "demo/core.py": "Y = 2\n",
        "demo-1.0.dist-info/METADATA": "Name: demo\n"})
    target = tmp_path / "out.whl"
    assert precompile_wheel(str(source), str(target)) == 2
    tag = sys.implementation.cache_tag
    assert sorted(zipfile.ZipFile(target).namelist()) == sorted([
        "demo-1.0.dist-info/METADATA", "demo/__init__.py", "demo/core.py",
        f"demo/__pycache__/__init__.{tag}.pyc", f"demo/__pycache__/core.{tag}.pyc"])
    pyc = zipfile.ZipFile(target).read(f"demo/__pycache__/core.{tag}.pyc")
    assert int.from_bytes(pyc[4:8], "little") == 0b01  # hash-based, not checked against the source


def test_same_input_gives_the_same_archive(tmp_path: Path) -> None:
    source = _zip(tmp_path / "lib.zip", {"a.py": "A = 1\n"})
    precompile_stdlib(str(source), str(tmp_path / "one.zip"))
    precompile_stdlib(str(source), str(tmp_path / "two.zip"))
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
