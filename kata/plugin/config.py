"""Options of the ``kata`` plugin in ``mkdocs.yml``."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError


class FolderURL(c.URL):
    """An http(s) URL of a folder: it ends with '/', since file names are appended to it."""

    def run_validation(self, value: object) -> str:
        url = super().run_validation(value)
        if not url.startswith(("https://", "http://")) or not url.endswith("/"):
            raise ValidationError(f"Expected an http(s) URL of a folder, ending with '/', but received: {value!r}")
        return url


class KataConfig(base.Config):
    enabled = c.Type(bool, default=True)

    # Problems
    problems_dir = c.Type(str, default="problems")
    problems_cache_dir = c.Type(str, default=".cache/kata/checks")

    # Pyodide: copied into the site by default; a URL (e.g. the Pyodide CDN's
    # https://cdn.jsdelivr.net/pyodide/v0.27.7/full/) loads it from there instead.
    pyodide_dir = c.Type(str, default="node_modules/pyodide")
    pyodide_wheel_cache = c.Type(str, default=".cache/pyodide")
    pyodide_cdn = c.Optional(FolderURL())
    # Ship the standard library and NumPy as bytecode: about 1.5 s faster starts.
    pyodide_precompile = c.Type(bool, default=True)

    # Browser side
    runner_dir = c.Type(str, default="runner")
    # A service worker stores the whole site on the first visit (it then works offline) and
    # makes its pages cross-origin isolated (Python can then be interrupted in place).
    offline = c.Type(bool, default=True)
    runner_katex_dir = c.Type(str, default="node_modules/katex")
