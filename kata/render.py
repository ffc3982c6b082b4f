"""Problem pages and each problem's data file, as text (the index is ``kata.index``)."""

from __future__ import annotations

import base64
import html
import json
import re
import textwrap
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kata import schema
from kata.check import Frozen
from kata.harness.compare import TOLERANCES
from kata.problem import Problem

DIFFICULTY_LABELS = {"easy": "Easy", "medium": "Medium", "hard": "Hard"}


def _attribute(value: str) -> str:
    return html.escape(value, quote=True)


def problem_data(problem: Problem, frozen: Frozen, to_html: Callable[[str], str]) -> str:
    """``kata.json``: what the page needs to run tests and, once earned, show the solution.

    Hidden tests and the solution must reach the browser (there is no server), so this keeps
    them out of the page's text and the search index (deflated, then base64), not out of
    reach of a determined learner. ``to_html`` renders Markdown as the site does.
    """
    payload = {"slug": problem.slug, "title": problem.title, "entry": problem.entry,
               "time_limit": problem.time_limit, "starter": problem.starter,
               "examples": frozen.examples, "tests": frozen.tests,
               "solution": problem.solution,
               "solution_html": to_html(f"```python\n{problem.solution.rstrip()}\n```"),
               "explanation_html": to_html(problem.explanation) if problem.explanation else ""}
    packed = zlib.compressobj(9, zlib.DEFLATED, -15)  # raw deflate: DecompressionStream("deflate-raw")
    data = packed.compress(json.dumps(payload).encode("utf-8")) + packed.flush()
    return json.dumps({"format": 2, "payload": base64.b64encode(data).decode("ascii")})


@dataclass(frozen=True)
class Neighbour:
    """The previous or next problem: its title and its page's URL, relative to this page."""

    title: str
    url: str


@dataclass(frozen=True)
class PageUrls:
    """The URLs a problem page needs, relative to the page (the site works under a sub-path)."""

    assets: str      # the folder of the runner's assets
    pyodide: str     # Pyodide's folder, or the CDN's
    data: str        # this problem's kata.json
    index: str       # the problem index, for tag links
    integrity: str = "{}"  # JSON: SRI hashes of the runtime files, by name


def _meta(problem: Problem, index_url: str) -> str:
    tags = "".join(f'<a class="kata-tag" href="{_attribute(index_url)}?tag={_attribute(t)}">{html.escape(t)}</a>'
                   for t in problem.tags)
    return (f'<p class="kata-meta"><span class="kata-difficulty kata-difficulty--'
            f'{problem.difficulty}">{DIFFICULTY_LABELS[problem.difficulty]}</span> '
            f'<span class="kata-track">{html.escape(problem.track)}</span> {tags}</p>')


def _neighbours(previous: Neighbour | None, following: Neighbour | None) -> str:
    links = []
    if previous:
        links.append(f'<a class="kata-prev" data-kata="prev" href="{_attribute(previous.url)}" rel="prev">'
                     f'<span class="kata-prevnext__label">Previous</span> {html.escape(previous.title)}</a>')
    if following:
        links.append(f'<a class="kata-next" data-kata="next" href="{_attribute(following.url)}" rel="next">'
                     f'<span class="kata-prevnext__label">Next</span> {html.escape(following.title)}</a>')
    return f'<nav class="kata-prevnext" aria-label="Problems">{"".join(links)}</nav>' if links else ""


def _example(test: dict[str, Any], shown: str) -> str:
    lines = []
    if test.get("setup"):
        lines += [f">>> {line}" if i == 0 or not line.startswith((" ", "\t")) else f"... {line}"
                  for i, line in enumerate(test["setup"].rstrip().splitlines())]
    lines.append(f">>> {test['call']}")
    if test.get("raises"):
        lines.append(f"Traceback (most recent call last):\n  ...\n{test['raises']}")
    elif shown:
        lines.append(shown)
    body = "\n".join(lines)
    return f"**{html.escape(test['name'])}**\n\n```pycon\n{body}\n```\n"


def _hints(problem: Problem) -> str:
    if not problem.hints:
        return ""
    items = "\n".join(f'<div class="kata-hint" hidden markdown>\n\n{textwrap.dedent(hint).strip()}'
                      f"\n\n</div>" for hint in problem.hints)
    return f'## Hints\n\n<div class="kata-hints" data-kata="hints" data-search-exclude markdown>\n{items}\n</div>\n'


def _root(problem: Problem, urls: PageUrls) -> str:
    """The work area's mount point, with the starter in the page so the editor waits for nothing."""
    starter = json.dumps(problem.starter).replace("</", "<\\/")
    return (f'<div class="kata" data-kata-root data-kata-slug="{_attribute(problem.slug)}" '
            f'data-kata-entry="{_attribute(problem.entry)}" data-kata-data="{_attribute(urls.data)}" '
            f'data-kata-assets="{_attribute(urls.assets)}" data-kata-pyodide="{_attribute(urls.pyodide)}" '
            f'data-kata-integrity="{_attribute(urls.integrity)}">\n'
            f'<script type="application/json" data-kata="starter">{starter}</script>\n</div>')


def problem_page(problem: Problem, frozen: Frozen, urls: PageUrls, previous: Neighbour | None = None,
                 following: Neighbour | None = None) -> str:
    """The Markdown of a problem's page: the statement, then the work area (kata-problem.html
    sets them side by side)."""
    examples = "\n".join(_example(t, s) for t, s in zip(frozen.examples, frozen.example_results))
    statement = (f"# {problem.title}\n\n{_meta(problem, urls.index)}\n\n"
                 f"{problem.statement.strip()}\n\n"
                 f"## Example{'s' * (len(frozen.examples) > 1)}\n\n{examples}\n"
                 f"**Run** checks your `{problem.entry}` against the examples; **Submit** runs them "
                 f"and {len(frozen.tests)} hidden tests, here in your browser.\n\n"
                 f"{_hints(problem)}\n{_neighbours(previous, following)}\n")
    return (f"---\ntitle: {json.dumps(problem.title)}\ntemplate: kata-problem.html\nhide: [toc]\n---\n\n"
            f'<div class="kata-statement" data-kata="statement" markdown>\n\n{statement}\n</div>\n\n'
            f"{_root(problem, urls)}\n")


# ---------------------------------------------------------------------------------------
# Reference tables for the authoring guide, generated from the code that enforces them.

def _fields_table(config_class: type) -> list[str]:
    rows = []
    for name, option in schema.fields(config_class).items():
        default = "" if option.mandatory or option.default in (None, []) else \
            f" Default: `{option.default}`."
        needed = "required" if option.mandatory else "optional"
        description = re.sub(r"(\$\$?\w+\$\$?)", r"`\1`", option.description)  # not math here
        rows.append(f"| `{name}` | {needed} | {description}{default} |")
    return rows


def fields_reference() -> str:
    """Every field of problem.yml and of each kind of item in it, as Markdown tables."""
    head = ["| Field | | What it is |", "|---|---|---|"]
    parts: list[tuple[str, type]] = [
        ("**The problem**", schema.ProblemConfig),
        ("**A test** (an item of `tests`)", schema.TestConfig),
        ("**An example** (an item of `examples`)", schema.ExampleConfig),
        ("**A wrong solution** (an item of `wrong_solutions`)", schema.WrongSolutionConfig),
        ("**An alternative solution** (an item of `alternative_solutions`)", schema.AlternativeSolutionConfig),
        ("**An equivalent mutant** (an item of `equivalent_mutants`)", schema.EquivalentMutantConfig)]
    lines: list[str] = []
    for title, config_class in parts:
        lines += [title, "", *head, *_fields_table(config_class), ""]
    return "\n".join(lines).rstrip()


def tolerances_reference() -> str:
    """The harness's default tolerances by dtype, as a Markdown table."""
    rows = [f"| {dtype} | {rtol:g} | {atol:g} |" for dtype, (rtol, atol) in TOLERANCES.items()]
    return "\n".join(["| dtype | rtol | atol |", "|---|---|---|", *rows,
                      "", "complex64 and complex128 use the float32 and float64 rows."])


REFERENCES = {"<!-- kata:fields -->": fields_reference,
              "<!-- kata:tolerances -->": tolerances_reference}


def expand_references(markdown: str) -> str:
    """Replace the guide's placeholders with tables generated from the code."""
    for placeholder, make in REFERENCES.items():
        if placeholder in markdown:
            markdown = markdown.replace(placeholder, make())
    return markdown
