"""Problem pages, the problem index and each problem's data file, as text."""

from __future__ import annotations

import base64
import html
import json
import re
import textwrap
from typing import Any

from kata import schema
from kata.check import Frozen
from kata.harness.compare import TOLERANCES
from kata.problem import Problem, Track

DIFFICULTY_LABELS = {"easy": "Easy", "medium": "Medium", "hard": "Hard"}


def _attribute(value: str) -> str:
    return html.escape(value, quote=True)


def problem_data(problem: Problem, frozen: Frozen) -> str:
    """``kata.json``: what the page needs to run tests, encoded so it is not read at a glance.

    Hidden tests must reach the browser (there is no server), so this keeps them out of the
    page's text and the search index, not out of reach of a determined learner.
    """
    payload = {"slug": problem.slug, "title": problem.title, "entry": problem.entry,
               "time_limit": problem.time_limit, "starter": problem.starter,
               "examples": frozen.examples, "tests": frozen.tests}
    encoded = base64.b64encode(json.dumps(payload).encode("utf-8")).decode("ascii")
    return json.dumps({"format": 1, "payload": encoded})


def _badge(problem: Problem) -> str:
    tags = "".join(f'<span class="kata-tag">{html.escape(t)}</span>' for t in problem.tags)
    return (f'<p class="kata-meta"><span class="kata-difficulty kata-difficulty--'
            f'{problem.difficulty}">{DIFFICULTY_LABELS[problem.difficulty]}</span> '
            f'<span class="kata-track">{html.escape(problem.track)}</span> {tags}</p>')


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
    return f'\n<div class="kata-hints" data-kata="hints" markdown>\n{items}\n</div>\n'


def problem_page(problem: Problem, frozen: Frozen, assets_url: str, pyodide_url: str,
                 data_url: str) -> str:
    """The Markdown of a problem's page; the plugin gives it URLs relative to the page."""
    examples = "\n".join(_example(t, s) for t, s in zip(frozen.examples, frozen.example_results))
    root = (f'<div class="kata" data-kata-root data-kata-slug="{_attribute(problem.slug)}" '
            f'data-kata-data="{_attribute(data_url)}" data-kata-assets="{_attribute(assets_url)}" '
            f'data-kata-pyodide="{_attribute(pyodide_url)}"></div>')
    return (f"---\ntitle: {json.dumps(problem.title)}\n---\n\n"
            f"# {problem.title}\n\n{_badge(problem)}\n\n"
            f"{problem.statement.strip()}\n\n"
            f"## Example{'s' * (len(frozen.examples) > 1)}\n\n{examples}\n"
            f"## Your solution\n\n"
            f"Define `{problem.entry}`. **Run** checks the examples; **Submit** runs them and "
            f"{len(frozen.tests)} hidden tests, here in your browser.\n\n"
            f"{root}\n{_hints(problem)}")


def index_page(problems: list[Problem], tracks: list[Track]) -> str:
    """The index of every problem, grouped by track in the tracks' order."""
    descriptions = {t.name: t.description for t in tracks}
    order = [t.name for t in tracks] + sorted({p.track for p in problems} - set(descriptions))
    parts = ["# Problems\n",
             f"{len(problems)} problems. Each runs in your browser: nothing to install, "
             "no account, and it works offline once the page has loaded.\n"]
    for track in order:
        members = [p for p in problems if p.track == track]
        if not members:
            continue
        parts.append(f"## {track}\n")
        if descriptions.get(track):
            parts.append(descriptions[track].strip() + "\n")
        parts.append("| # | Problem | Difficulty | Tags |\n|---|---|---|---|")
        for number, p in enumerate(members, 1):
            tags = " ".join(f"`{t}`" for t in p.tags)
            parts.append(f"| {number} | [{p.title}]({p.slug}.md) | "
                         f"{DIFFICULTY_LABELS[p.difficulty]} | {tags} |")
        parts.append("")
    return "\n".join(parts) + "\n"


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
    """Every field of problem.yml, tests and wrong solutions, as Markdown tables."""
    head = ["| Field | | What it is |", "|---|---|---|"]
    return "\n".join(
        ["**The problem**", "", *head, *_fields_table(schema.ProblemConfig), "",
         "**A test** (an item of `tests`; an item of `examples` has the same fields except "
         "`code`, `max_alloc` and `hint`, and its name is optional)", "", *head,
         *_fields_table(schema.TestConfig), "",
         "**A wrong solution** (an item of `wrong_solutions`)", "", *head,
         *_fields_table(schema.WrongSolutionConfig)])


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
