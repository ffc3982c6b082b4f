"""The problem index, ``problems/index.md``: every problem as a row, grouped by track in the
tracks' order, under a filter bar.

Without JavaScript the page is a plain list of links (the filter bar stays hidden); with it,
``runner/index-page.js`` shows the filter bar, marks each row's state from the learner's
progress and ``runner/progress-marks.js`` fills the ``data-kata="progress"`` summaries. Titles
are Markdown links to the problems' pages so that MkDocs resolves them (and checks them).
"""

from __future__ import annotations

import html
import re
from collections import Counter

from kata.catalog import track_order
from kata.problem import Problem, Track
from kata.render import DIFFICULTY_LABELS

STATE_LABELS = {"new": "New", "attempted": "Attempted", "solved": "Solved"}
INTRO = ("Each runs in your browser: nothing to install, no account, and it works offline once the "
         "page has loaded.")


def index_page(problems: list[Problem], tracks: list[Track]) -> str:
    """The Markdown (with HTML) of the index of every problem."""
    names = [name for name in track_order(problems, tracks) if any(p.track == name for p in problems)]
    descriptions = {t.name: t.description.strip() for t in tracks}
    groups = [_track_group(name, descriptions.get(name, ""), [p for p in problems if p.track == name])
              for name in names]
    return "\n\n".join([
        "# Problems", f"{len(problems)} problems. {INTRO}",
        '<div class="kata-index" data-kata="index" markdown>',
        '<div class="kata-progress kata-progress--overall" data-kata="progress"></div>',
        _filter_bar(problems, names), *groups,
        '<div class="kata-progress-panel" data-kata="progress-panel"></div>',
        "</div>"]) + "\n"


# ---------------------------------------------------------------------------------------
# The filter bar (hidden until the page's script shows it: without it, filters do nothing)

def _filter_bar(problems: list[Problem], track_names: list[str]) -> str:
    tags = Counter(tag for p in problems for tag in p.tags)
    controls = [
        _select("track", "Track", [(name, name) for name in track_names]),
        _select("difficulty", "Difficulty", list(DIFFICULTY_LABELS.items())),
        _select("tag", "Tag", [(tag, f"{tag} ({tags[tag]})") for tag in sorted(tags)]),
        _select("state", "Progress", list(STATE_LABELS.items())),
        '<label class="kata-filter kata-filter--text"><span class="kata-filter__label">Title</span>'
        '<input type="search" name="text" data-kata="filter" autocomplete="off" '
        'placeholder="Words in the title"></label>',
    ]
    total = len(problems)
    return ('<form class="kata-filters" data-kata="filters" role="search" aria-label="Filter the problems" hidden>\n'
            + "\n".join(controls) + "\n"
            f'<p class="kata-filter-count"><span data-kata="filter-count" aria-live="polite">'
            f"{total} of {total} problem{'s' * (total != 1)}</span> "
            '<button type="button" class="kata-button" data-kata="clear-filters">Clear filters</button></p>\n'
            "</form>")


def _select(name: str, label: str, options: list[tuple[str, str]]) -> str:
    """A labelled select whose first option, "any", does not filter."""
    items = "".join(f'<option value="{_attribute(value)}">{html.escape(text)}</option>' for value, text in options)
    return (f'<label class="kata-filter"><span class="kata-filter__label">{label}</span>'
            f'<select name="{name}" data-kata="filter"><option value="">any</option>{items}</select></label>')


# ---------------------------------------------------------------------------------------
# Tracks and rows

def _track_group(name: str, description: str, members: list[Problem]) -> str:
    rows = "\n".join(_row(p) for p in members)
    parts = [f'<section class="kata-track-group" data-kata="track-group" data-track="{_attribute(name)}" markdown>',
             f"## {_markdown_text(name)}"]
    if description:
        parts.append(description)
    parts += [f'<div class="kata-progress" data-kata="progress" data-track="{_attribute(name)}"></div>',
              f'<ol class="kata-rows" markdown>\n{rows}\n</ol>', "</section>"]
    return "\n\n".join(parts)


def _row(problem: Problem) -> str:
    """One problem on one line: its state mark (empty until the script fills it), the link,
    the difficulty badge, the track and the tags (links to the index filtered by that tag)."""
    attributes = {"data-kata": "problem-row", "data-slug": problem.slug, "data-state": "new",
                  "data-track": problem.track, "data-difficulty": problem.difficulty,
                  "data-tags": " ".join(problem.tags)}
    opening = " ".join(f'{key}="{_attribute(value)}"' for key, value in attributes.items())
    tags = " ".join(f'<a class="kata-tag" href="?tag={_attribute(t)}">{html.escape(t)}</a>' for t in problem.tags)
    return (f'<li class="kata-row" {opening} markdown="span">'
            '<span class="kata-mark" data-kata="state-mark"></span> '
            f'<span class="kata-row__title">[{_markdown_text(problem.title)}]({problem.slug}.md)</span> '
            f'<span class="kata-difficulty kata-difficulty--{problem.difficulty}">'
            f"{DIFFICULTY_LABELS[problem.difficulty]}</span> "
            f'<span class="kata-row__meta"><span class="kata-track">{html.escape(problem.track)}</span> '
            f"{tags}</span></li>")


def _attribute(value: str) -> str:
    return html.escape(value, quote=True)


def _markdown_text(text: str) -> str:
    """Text that Markdown shows as it is: HTML escaped, Markdown's punctuation backslashed."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|~])", r"\\\1", html.escape(text, quote=False))
