"""Compile Pyodide's standard library and NumPy wheel to bytecode, once, at build time.

Pyodide 0.27.7 ships the standard library and NumPy as ``.py`` source, so every page load
compiles them again: about 1.5 s of a 4 s start. This module runs **inside Pyodide** (in
Node, driven by ``runner/precompile.mjs``), because only Pyodide's own CPython 3.12 writes
bytecode its interpreter accepts; the machine's Python writes another format.

- The standard library becomes a zip of sourceless ``.pyc`` files (zipimport loads them).
- The NumPy wheel keeps its sources and gains unchecked-hash ``.pyc`` files in
  ``__pycache__``, so tracebacks still show NumPy's lines and nothing re-validates them.
"""

from __future__ import annotations

import importlib._bootstrap_external as bootstrap
import importlib.util
import sys
import zipfile

# Deterministic archives: the same input gives the same bytes, hence the same sha256.
_EPOCH = (1980, 1, 1, 0, 0, 0)


def _bytecode(source: bytes, path: str) -> bytes:
    code = compile(source, path, "exec", dont_inherit=True, optimize=0)
    return bytes(bootstrap._code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False))


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def precompile_stdlib(source_zip: str, target_zip: str) -> int:
    """Write ``target_zip`` with each ``.py`` of ``source_zip`` replaced by its ``.pyc``."""
    count = 0
    with zipfile.ZipFile(source_zip) as source, zipfile.ZipFile(target_zip, "w") as target:
        for info in sorted(source.infolist(), key=lambda i: i.filename):
            data = source.read(info)
            name = info.filename
            if name.endswith(".py"):
                try:
                    data, name = _bytecode(data, name), name + "c"
                    count += 1
                except SyntaxError:  # test data files written to fail compiling: keep as source
                    pass
            target.writestr(_entry(name), data)
    return count


def precompile_wheel(source_whl: str, target_whl: str) -> int:
    """Write ``target_whl``: the wheel plus ``__pycache__/<name>.cpython-3XX.pyc`` for each module."""
    tag = sys.implementation.cache_tag
    count = 0
    with zipfile.ZipFile(source_whl) as source, zipfile.ZipFile(target_whl, "w") as target:
        for info in sorted(source.infolist(), key=lambda i: i.filename):
            data = source.read(info)
            target.writestr(_entry(info.filename), data)
            folder, _, base = info.filename.rpartition("/")
            if base.endswith(".py") and ".dist-info" not in folder:
                try:
                    pyc = _bytecode(data, info.filename)
                except SyntaxError:
                    continue
                prefix = f"{folder}/" if folder else ""
                target.writestr(_entry(f"{prefix}__pycache__/{base[:-3]}.{tag}.pyc"), pyc)
                count += 1
    return count
