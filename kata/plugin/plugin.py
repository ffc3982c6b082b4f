"""The plugin's hooks; the work is done by ``kata.build.SiteBuilder``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from kata import render
from kata.build import ASSETS, BuildError, SiteBuilder
from kata.plugin.config import KataConfig


def _deferred(path: str) -> ExtraScriptValue:
    script = ExtraScriptValue(path)
    script.defer = True
    return script


class KataPlugin(BasePlugin[KataConfig]):
    """Turns problems/<slug>/problem.yml into checked problem pages and an index."""

    def __init__(self) -> None:
        self.builder: SiteBuilder | None = None
        self.serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.builder = builder = SiteBuilder(Path(config.config_file_path).parent, self.config)
        try:
            builder.load_and_check()
            bundle = builder.build_runner()
        except BuildError as error:
            raise PluginError(str(error)) from None
        site_script = ExtraScriptValue(f"{ASSETS}/{bundle['site']}")
        site_script.type = "module"
        config.extra_css[:0] = [f"{ASSETS}/katex/katex.min.css", f"{ASSETS}/{bundle['css']}"]
        # Our module first, the math after it (deferred scripts run in document order): a
        # problem page's editor and Python do not wait for KaTeX.
        config.extra_javascript[:0] = [site_script, *map(_deferred, (f"{ASSETS}/katex/katex.min.js",
                                       f"{ASSETS}/katex/contrib/auto-render.min.js", f"{ASSETS}/math.js"))]
        config.theme.dirs.append(str(Path(__file__).parent / "templates"))  # kata-problem.html
        config.nav = builder.nav(config.nav)
        return config

    # Generated files are added after the docs' own files so that a hand-written page
    # never silently replaces a problem page: a clash is reported instead.
    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.builder is None:
            return None
        try:
            generated = self.builder.files(config)
        except BuildError as error:
            raise PluginError(str(error)) from None
        for file in generated:
            if files.get_file_from_path(file.src_uri) is not None:
                raise PluginError(f"kata: docs/{file.src_uri} clashes with a generated file")
            files.append(file)
        return files

    # Last: the service worker lists every file of the finished site, other plugins' included.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or self.builder is None:
            return
        # Under `mkdocs serve` pages change as they are edited: nothing is stored for offline use.
        self.builder.write_service_worker(Path(config.site_dir), serving=self.serving)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled or self.builder is None:
            return None
        return self.builder.head_links(output, page.url)

    def on_page_markdown(self, markdown: str, **kwargs: Any) -> str | None:
        if not self.config.enabled:
            return None
        return render.expand_references(markdown)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig,
                 builder: Any) -> LiveReloadServer | None:
        if not self.config.enabled or self.builder is None:
            return None
        server.watch(str(self.builder.path("problems_dir")))
        server.watch(str(self.builder.path("runner_dir")))
        return server
