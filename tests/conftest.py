from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def make_site(tmp_path: Path):
    """A throwaway site in tmp_path with the given problems, using the repo's runtime files."""

    def make(problems: dict[str, str], *, tracks: str | None = None, extra_plugin: str = "") -> Path:
        (tmp_path / "docs").mkdir()
        (tmp_path / "docs" / "index.md").write_text("# Home\n")
        for slug, text in problems.items():
            folder = tmp_path / "problems" / slug
            folder.mkdir(parents=True)
            (folder / "problem.yml").write_text(textwrap.dedent(text))
        if tracks is not None:
            (tmp_path / "problems" / "tracks.yml").write_text(textwrap.dedent(tracks))
        (tmp_path / "mkdocs.yml").write_text(textwrap.dedent(f"""\
            site_name: Test
            theme:
              name: material
              font: false
            markdown_extensions: [md_in_html, attr_list, pymdownx.arithmatex: {{generic: true}},
                                  pymdownx.superfences]
            nav:
              - Home: index.md
              - Problems: problems/index.md
            plugins:
              - kata:
                  runner_dir: {REPO / 'runner'}
                  runner_katex_dir: {REPO / 'node_modules' / 'katex'}
                  pyodide_dir: {REPO / 'node_modules' / 'pyodide'}
                  pyodide_wheel_cache: {REPO / '.cache' / 'pyodide'}
                  problems_cache_dir: {tmp_path / 'cache'}
            """) + textwrap.indent(textwrap.dedent(extra_plugin), " " * 6))
        return tmp_path

    return make


@pytest.fixture
def copy_problem(tmp_path: Path):
    def copy(slug: str) -> str:
        return (REPO / "problems" / slug / "problem.yml").read_text()

    return copy


__all__ = ["REPO", "shutil"]
