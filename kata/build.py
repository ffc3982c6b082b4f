"""What the plugin's hooks do: load and check the problems, bundle the browser side, and
make the site's generated files (problem pages, their data, the index, the catalog, the
runtime assets with their integrity hashes, the service worker).

The plugin (``kata.plugin``) holds the hooks only and hands them to a ``SiteBuilder``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from kata import assets, offline, render, schema
from kata.catalog import catalog, track_order
from kata.check import Frozen, check_site
from kata.index import index_page
from kata.plugin.config import KataConfig
from kata.problem import Problem, ProblemError, Track, error_report

log = get_plugin_logger("kata")

# A problem page's work area, as render.py writes it.
_WORK_AREA = re.compile(r'<div class="kata" data-kata-root[ >]')

ASSETS = "assets/kata"
PYODIDE_ASSETS = f"{ASSETS}/pyodide-{assets.PYODIDE_VERSION}"


class BuildError(Exception):
    """A problem or an asset stops the build; the message says where and why."""


class SiteBuilder:
    """One build of the site, from mkdocs.yml's folder and the plugin's options."""

    def __init__(self, root: Path, options: KataConfig) -> None:
        self.root = root
        self.options = options
        self.problems: list[Problem] = []
        self.tracks: list[Track] = []
        self.frozen: dict[str, Frozen] = {}
        self.bundle: dict[str, Any] = {}
        self.integrity_hashes: dict[str, str] = {}

    def path(self, option: str) -> Path:
        return self.root / getattr(self.options, option)

    # -----------------------------------------------------------------------------------
    # Problems

    def load_and_check(self) -> None:
        """Load every problem and check it (cached); the checks also compute the expected
        values the pages ship. Progress goes to the log as problems finish."""
        site = check_site(self.path("problems_dir"), self.root, cache_dir=self.path("problems_cache_dir"),
                          progress=_log_progress())
        if site.errors:
            raise BuildError("\n".join(error_report(site.errors)))
        # Heuristic, so not errors; `mkdocs build --strict` still stops on them.
        for warning in sorted(site.warnings):
            log.warning(str(warning))
        self.problems, self.tracks, self.frozen = site.problems, site.tracks, site.frozen
        log.info(f"{len(site.problems)} problems checked")

    def nav(self, nav: list | None) -> list | None:
        """Replace the nav entry ``problems/index.md`` with the index and one section per track."""
        if nav is None:
            return None
        sections = [{track: [{p.title: f"problems/{p.slug}.md"} for p in self.problems if p.track == track]}
                    for track in track_order(self.problems, self.tracks)
                    if any(p.track == track for p in self.problems)]
        expanded = []
        for item in nav:
            title, target = next(iter(item.items())) if isinstance(item, dict) else (None, item)
            expanded.append({title or "Problems": ["problems/index.md", *sections]}
                            if target == "problems/index.md" else item)
        return expanded

    # -----------------------------------------------------------------------------------
    # The browser side

    def build_runner(self) -> dict[str, Any]:
        """Bundle the browser side; its manifest names the hashed files (see build.mjs)."""
        log.info("bundling the browser side (esbuild)")
        try:
            self.bundle = assets.build_runner(self.root, self.path("runner_dir"), self.runner_out)
        except assets.AssetError as error:
            raise BuildError(f"kata: {error}") from None
        return self.bundle

    @property
    def runner_out(self) -> Path:
        return self.root / ".cache" / "kata" / "runner"

    def runtime_files(self) -> dict[str, Path]:
        """Every runtime file the site ships, by its path in the site."""
        out = self.runner_out
        try:
            files = {f"{ASSETS}/{name}": out / name for name in self.bundle["files"] if name != self.bundle["sw"]}
            files[f"{ASSETS}/harness.zip"] = assets.harness_archive(out)
            files[f"{ASSETS}/math.js"] = Path(__file__).parent / "plugin" / "math.js"
            files.update({f"{ASSETS}/icons/{name}": path for name, path in offline.icons().items()})
            for name, path in assets.katex_files(self.path("runner_katex_dir")).items():
                files[f"{ASSETS}/katex/{name}"] = path
            if not self.options.pyodide_cdn:
                files.update(self._pyodide_files())
        except assets.AssetError as error:
            raise BuildError(f"kata: {error}") from None
        return files

    def _pyodide_files(self) -> dict[str, Path]:
        pyodide_dir, wheel_cache = self.path("pyodide_dir"), self.path("pyodide_wheel_cache")
        log.info("Pyodide's files: checking the NumPy wheel, precompiling the standard library (cached)")
        files = assets.pyodide_files(pyodide_dir, wheel_cache)
        if self.options.pyodide_precompile:
            files.update(assets.precompile(self.path("runner_dir"), pyodide_dir, wheel_cache))
        return {f"{PYODIDE_ASSETS}/{name}": path for name, path in files.items()}

    def _lock(self, files: dict[str, Path]) -> str:
        """Pyodide's lock as the site ships it (only NumPy, with the shipped wheel's hash)."""
        wheel = files.get(f"{PYODIDE_ASSETS}/{assets.NUMPY_WHEEL}")
        return assets.trimmed_lock(self.path("pyodide_dir"), wheel) if wheel else ""

    def integrity(self, files: dict[str, Path], lock: str) -> dict[str, str]:
        """SRI hashes of the runtime files the worker loads, by name: the worker checks a
        file that failed to load against them, and fetches a damaged one again."""
        hashes: dict[str, str] = {}
        if self.options.pyodide_cdn:  # the CDN serves the npm package's files, byte for byte
            pyodide_dir = self.path("pyodide_dir")
            local = {name: pyodide_dir / name for name in assets.PYODIDE_CORE_FILES}
            lock = (pyodide_dir / "pyodide-lock.json").read_text(encoding="utf-8")
            hashes[assets.NUMPY_WHEEL] = "sha256-" + base64.b64encode(
                bytes.fromhex(assets.expected_wheel_hash(pyodide_dir))).decode("ascii")
        else:
            local = {posixpath.basename(uri): path for uri, path in files.items() if uri.startswith(PYODIDE_ASSETS)}
        hashes.update({name: _sri(path.read_bytes()) for name, path in local.items()})
        hashes["pyodide-lock.json"] = _sri(lock.encode("utf-8"))
        hashes["harness.zip"] = _sri(files[f"{ASSETS}/harness.zip"].read_bytes())
        return hashes

    def head_links(self, html: str, page_url: str) -> str:
        """A page's HTML with the web app manifest linked (see offline.py) and, on a problem
        page, the workspace's chunks preloaded and its own chunk run as a module script."""
        html = offline.head_links(html, get_relative_url(offline.MANIFEST_FILE, page_url))
        if not _WORK_AREA.search(html):  # not a problem page (a page may *mention* the attribute)
            return html
        urls = [get_relative_url(f"{ASSETS}/{name}", page_url) for name in self.bundle["workspace"]]
        preloads = "".join(f'<link rel="modulepreload" href="{url}">' for url in urls)
        html = html.replace("</head>", f"{preloads}</head>", 1)
        site_url = get_relative_url(f"{ASSETS}/{self.bundle['site']}", page_url)
        site = f'<script src="{site_url}" type="module"></script>'
        # The workspace's chunk runs just before the site's module (see runner/loaded-ahead.js).
        return html.replace(site, f'<script src="{urls[0]}" type="module"></script>{site}', 1)

    def write_service_worker(self, site_dir: Path, serving: bool = False) -> None:
        """``kata-sw.js`` at the site's root: it stores every file of this build (see offline.py),
        or, with ``offline: false`` and under ``mkdocs serve``, removes what earlier builds stored."""
        code = (self.runner_out / self.bundle["sw"]).read_text(encoding="utf-8")
        cdn = self.options.pyodide_cdn
        extra = _cdn_files(cdn, self.integrity_hashes) if cdn else []
        enabled = self.options.offline and not serving
        text = offline.service_worker(site_dir, code, enabled, extra)
        (site_dir / offline.SW_FILE).write_text(text, encoding="utf-8")
        if enabled:
            log.info(f"offline: {offline.SW_FILE} stores the site's files")
        else:
            why = "mkdocs serve" if serving and self.options.offline else "offline: false"
            log.info(f"offline: off under {why} ({offline.SW_FILE} removes what earlier builds stored)")

    # -----------------------------------------------------------------------------------
    # Generated files

    def files(self, config: MkDocsConfig) -> list[File]:
        """Every file the plugin adds to the site."""
        runtime = self.runtime_files()
        lock = self._lock(runtime)
        integrity = self.integrity_hashes = self.integrity(runtime, lock)
        pages = {p.slug: File.generated(config, f"problems/{p.slug}.md", content="") for p in self.problems}
        generated = [
            File.generated(config, "problems/index.md", content=index_page(self.problems, self.tracks)),
            File.generated(config, "problems/catalog.json",
                           content=catalog(self.problems, self.tracks, {s: p.url for s, p in pages.items()})),
            File.generated(config, "problem.schema.json", content=json.dumps(schema.json_schema(), indent=2)),
            File.generated(config, offline.MANIFEST_FILE, content=offline.manifest(
                config.site_name, config.site_description or "", f"{ASSETS}/icons/"))]
        to_html = _markdown_renderer(config)
        for index, problem in enumerate(self.problems):
            neighbours = [self.problems[i] if 0 <= i < len(self.problems) else None for i in (index - 1, index + 1)]
            generated += self._problem_files(config, problem, pages, neighbours, to_html, integrity)
        generated += [File.generated(config, uri, abs_src_path=str(path)) for uri, path in runtime.items()]
        if lock:
            generated.append(File.generated(config, f"{PYODIDE_ASSETS}/pyodide-lock.json", content=lock))
        return generated

    def _problem_files(self, config: MkDocsConfig, problem: Problem, pages: dict[str, File],
                       neighbours: list[Problem | None], to_html: Callable[[str], str],
                       integrity: dict[str, str]) -> list[File]:
        page = pages[problem.slug]
        # The page's own folder (which depends on use_directory_urls) makes its URLs relative.
        here = posixpath.dirname(page.dest_uri)

        def relative(target: str) -> str:
            return posixpath.relpath(target, here)

        urls = render.PageUrls(
            assets=relative(ASSETS) + "/", pyodide=self.options.pyodide_cdn or relative(PYODIDE_ASSETS) + "/",
            data=relative(f"problems/{problem.slug}/kata.json"), index=relative("problems") + "/",
            integrity=json.dumps(integrity, separators=(",", ":")))
        previous, following = (render.Neighbour(p.title, _link(pages[p.slug], here)) if p else None
                               for p in neighbours)
        page.content_string = render.problem_page(problem, self.frozen[problem.slug], urls, previous, following)
        data = File.generated(config, f"problems/{problem.slug}/kata.json",
                              content=render.problem_data(problem, self.frozen[problem.slug], to_html))
        return [page, data]


def _cdn_files(cdn: str, integrity: dict[str, str]) -> list[tuple[str, str]]:
    """The CDN's runtime files with their hashes, for the service worker to store too."""
    return [(f"{cdn}{name}", sri) for name, sri in integrity.items() if name != "harness.zip"]


def _sri(data: bytes) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(data).digest()).decode("ascii")


def _link(page: File, here: str) -> str:
    """A link from the folder ``here`` to a page, as use_directory_urls would write it."""
    directory = page.dest_uri.endswith("/index.html")
    link = posixpath.relpath(posixpath.dirname(page.dest_uri) if directory else page.dest_uri, here)
    return link + "/" if directory else link


def _markdown_renderer(config: MkDocsConfig) -> Callable[[str], str]:
    """Markdown to HTML with the site's own extensions (math, code highlighting)."""
    renderer = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
    return lambda text: renderer.reset().convert(text)


def _log_progress() -> Callable[[int, int, str], None]:
    """Checking progress in the build's log: about every tenth of the way, and the last one."""
    shown = [-1]

    def show(done: int, total: int, slug: str) -> None:
        if done * 10 // total > shown[0] or done == total:
            shown[0] = done * 10 // total
            log.info(f"checking problems: {done} of {total} ({slug})")

    return show


__all__ = ["SiteBuilder", "BuildError", "ProblemError", "ASSETS", "PYODIDE_ASSETS"]
