"""The plugin's hooks. The work is done by kata.problem, kata.check, kata.render, kata.assets."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from kata import assets, render, schema
from kata.check import Frozen, check_all
from kata.plugin.config import KataConfig
from kata.problem import Problem, Track, error_report, load_problems

log = get_plugin_logger(__name__)

ASSETS = "assets/kata"
PYODIDE_ASSETS = f"{ASSETS}/pyodide-{assets.PYODIDE_VERSION}"


class KataPlugin(BasePlugin[KataConfig]):
    """Turns problems/<slug>/problem.yml into checked problem pages and an index."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.tracks: list[Track] = []
        self.frozen: dict[str, Frozen] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.root = Path(config.config_file_path).parent
        self._load_and_check()
        config.extra_css[:0] = [f"{ASSETS}/katex/katex.min.css", f"{ASSETS}/kata.css"]
        config.extra_javascript[:0] = [f"{ASSETS}/katex/katex.min.js",
                                       f"{ASSETS}/katex/contrib/auto-render.min.js",
                                       f"{ASSETS}/math.js", f"{ASSETS}/kata-page.js"]
        config.nav = _expand_nav(config.nav, self.problems, self.tracks)
        return config

    # Generated files are added after the docs' own files so that a hand-written page
    # never silently replaces a problem page: a clash is reported instead.
    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        for file in self._generated_files(config):
            if files.get_file_from_path(file.src_uri) is not None:
                raise PluginError(f"kata: docs/{file.src_uri} clashes with a generated file")
            files.append(file)
        return files

    def on_page_markdown(self, markdown: str, **kwargs: Any) -> str | None:
        if not self.config.enabled:
            return None
        return render.expand_references(markdown)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig,
                 builder: Any) -> LiveReloadServer | None:
        if not self.config.enabled:
            return None
        server.watch(str(self.root / self.config.problems_dir))
        server.watch(str(self.root / self.config.runner_dir))
        return server

    # -----------------------------------------------------------------------------------

    def _path(self, option: str) -> Path:
        return self.root / getattr(self.config, option)

    def _load_and_check(self) -> None:
        # Always checked: the checks also compute the expected values the pages ship, and
        # their results are cached, so an unchanged problem costs nothing.
        problems, tracks, errors = load_problems(self._path("problems_dir"), self.root)
        if not errors:
            self.frozen = check_all(problems, self._path("problems_cache_dir"))
            errors = [e for f in self.frozen.values() for e in f.errors]
        if errors:
            raise PluginError("\n".join(error_report(errors)))
        self.problems, self.tracks = problems, tracks
        log.info(f"{len(problems)} problems checked")

    def _generated_files(self, config: MkDocsConfig) -> list[File]:
        generated = [File.generated(config, "problems/index.md",
                                    content=render.index_page(self.problems, self.tracks)),
                     File.generated(config, "problem.schema.json",
                                    content=json.dumps(schema.json_schema(), indent=2))]
        for problem in self.problems:
            generated += self._problem_files(config, problem)
        return generated + self._asset_files(config)

    def _problem_files(self, config: MkDocsConfig, problem: Problem) -> list[File]:
        frozen = self.frozen[problem.slug]
        # The page's own folder (which depends on use_directory_urls) makes its URLs relative.
        page = File.generated(config, f"problems/{problem.slug}.md", content="")
        here = posixpath.dirname(page.dest_uri)
        pyodide = self.config.pyodide_cdn or posixpath.relpath(PYODIDE_ASSETS, here) + "/"
        page.content_string = render.problem_page(
            problem, frozen, posixpath.relpath(ASSETS, here) + "/", pyodide,
            posixpath.relpath(f"problems/{problem.slug}/kata.json", here))
        data = File.generated(config, f"problems/{problem.slug}/kata.json",
                              content=render.problem_data(problem, frozen))
        return [page, data]

    def _asset_files(self, config: MkDocsConfig) -> list[File]:
        out = self.root / ".cache" / "kata" / "runner"
        try:
            assets.build_runner(self.root, self._path("runner_dir"), out)
            files = {f"{ASSETS}/{p.relative_to(out).as_posix()}": p
                     for p in sorted(out.rglob("*")) if p.is_file()}
            files[f"{ASSETS}/harness.zip"] = assets.harness_archive(out)
            files[f"{ASSETS}/math.js"] = Path(__file__).parent / "math.js"
            for name, path in assets.katex_files(self._path("runner_katex_dir")).items():
                files[f"{ASSETS}/katex/{name}"] = path
            if not self.config.pyodide_cdn:
                files.update(self._pyodide_files())
        except assets.AssetError as error:
            raise PluginError(f"kata: {error}") from None
        result = [File.generated(config, uri, abs_src_path=str(path))
                  for uri, path in files.items()]
        if not self.config.pyodide_cdn:
            wheel = files[f"{PYODIDE_ASSETS}/{assets.NUMPY_WHEEL}"]
            result.append(File.generated(config, f"{PYODIDE_ASSETS}/pyodide-lock.json",
                                         content=assets.trimmed_lock(self._path("pyodide_dir"), wheel)))
        return result

    def _pyodide_files(self) -> dict[str, Path]:
        pyodide_dir, wheel_cache = self._path("pyodide_dir"), self._path("pyodide_wheel_cache")
        files = assets.pyodide_files(pyodide_dir, wheel_cache)
        if self.config.pyodide_precompile:
            files.update(assets.precompile(self._path("runner_dir"), pyodide_dir, wheel_cache))
        return {f"{PYODIDE_ASSETS}/{name}": path for name, path in files.items()}


def _expand_nav(nav: list | None, problems: list[Problem], tracks: list[Track]) -> list | None:
    """Replace the nav entry ``problems/index.md`` with the index and one section per track."""
    if nav is None:
        return None
    order = [t.name for t in tracks] + sorted({p.track for p in problems} -
                                               {t.name for t in tracks})
    sections = [{track: [{p.title: f"problems/{p.slug}.md"} for p in problems if p.track == track]}
                for track in order if any(p.track == track for p in problems)]
    expanded = []
    for item in nav:
        title, target = next(iter(item.items())) if isinstance(item, dict) else (None, item)
        if target == "problems/index.md":
            expanded.append({title or "Problems": ["problems/index.md", *sections]})
        else:
            expanded.append(item)
    return expanded
