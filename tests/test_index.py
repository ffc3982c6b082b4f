"""The problem index page (``kata.index``), rendered with the Markdown extensions the site uses."""

from __future__ import annotations

import re
from pathlib import Path

import markdown

from kata.index import index_page
from kata.problem import Problem, Track

TRACKS = [Track("LoRA", "Low-rank adapters."), Track("Transformers", "Attention and friends.")]


def make_problem(slug: str, track: str, *, title: str = "", difficulty: str = "easy",
                 tags: list[str] | None = None) -> Problem:
    """A problem with only what the index reads filled in."""
    return Problem(slug=slug, path=Path(slug), display_path=slug, title=title or slug.title(),
                   difficulty=difficulty, track=track, order=None, tags=tags or [], entry="f",
                   time_limit=10.0, statement="", starter="", solution="", hints=[], explanation=None,
                   examples=[], tests=[], wrong_solutions=[], alternative_solutions=[],
                   equivalent_mutants=[], source=b"")


PROBLEMS = [
    make_problem("attention", "Transformers", difficulty="hard", tags=["attention", "softmax"]),
    make_problem("lora-forward", "LoRA", title="LoRA forward", tags=["lora", "matmul"]),
    make_problem("lora-merge", "LoRA", difficulty="medium", tags=["lora"]),
    make_problem("adam", "Optimisers", tags=["adam"]),
]


def render(problems: list[Problem] = PROBLEMS, tracks: list[Track] = TRACKS) -> str:
    """The page as MkDocs turns it into HTML (links to ``.md`` files are left as written)."""
    return markdown.markdown(index_page(problems, tracks), extensions=["md_in_html", "attr_list", "toc"])


def rows(page: str) -> list[str]:
    """Each problem row's HTML (attributes in name order, as md_in_html writes them)."""
    return re.findall(r'<li class="kata-row" [^>]*>.*?</li>', page)


def test_keeps_the_title_and_the_sentence_about_the_browser() -> None:
    page = render()
    assert '<h1 id="problems">Problems</h1>' in page
    assert "<p>4 problems. Each runs in your browser: nothing to install, no account, and it works " \
           "offline once the page has loaded.</p>" in page


def test_groups_rows_by_track_in_the_tracks_order_then_other_tracks() -> None:
    page = render()
    groups = re.findall(r'<section class="kata-track-group" data-kata="track-group" data-track="([^"]+)">', page)
    assert groups == ["LoRA", "Transformers", "Optimisers"]
    assert re.findall(r'data-slug="([^"]+)"', page) == ["lora-forward", "lora-merge", "attention", "adam"]


def test_a_track_shows_its_description_and_a_progress_summary() -> None:
    page = render()
    assert '<h2 id="lora">LoRA</h2>\n<p>Low-rank adapters.</p>\n' \
           '<div class="kata-progress" data-kata="progress" data-track="LoRA"></div>' in page


def test_a_row_carries_its_hooks_link_badge_track_and_tag_links() -> None:
    row = rows(render())[1]
    assert row == (
        '<li class="kata-row" data-difficulty="medium" data-kata="problem-row" data-slug="lora-merge" '
        'data-state="new" data-tags="lora" data-track="LoRA"><span class="kata-mark" data-kata="state-mark"></span> '
        '<span class="kata-row__title"><a href="lora-merge.md">Lora-Merge</a></span> '
        '<span class="kata-difficulty kata-difficulty--medium">Medium</span> <span class="kata-row__meta">'
        '<span class="kata-track">LoRA</span> <a class="kata-tag" href="?tag=lora">lora</a></span></li>')


def test_titles_and_track_names_are_shown_as_written() -> None:
    tricky = make_problem("tricky", "A *bold* <track>", title="min_delta, [x] * y & <b>z</b> {: .c }")
    page = render([tricky], [])
    assert '<a href="tricky.md">min_delta, [x] * y &amp; &lt;b&gt;z&lt;/b&gt; {: .c }</a>' in page
    assert 'data-track="A *bold* &lt;track&gt;"' in page
    assert ">A *bold* &lt;track&gt;</h2>" in page


def test_the_filter_bar_is_hidden_until_the_script_shows_it() -> None:
    page = render()
    assert re.search(r'<form [^>]*data-kata="filters"[^>]*hidden', page)


def test_filters_offer_tracks_in_order_difficulties_tags_with_counts_and_states() -> None:
    page = render()

    def options(name: str) -> list[str]:
        select = re.search(rf'<select name="{name}" data-kata="filter">(.*?)</select>', page)
        assert select, name
        return re.findall(r'<option value="[^"]*">([^<]*)</option>', select.group(1))

    assert options("track") == ["any", "LoRA", "Transformers", "Optimisers"]
    assert options("difficulty") == ["any", "Easy", "Medium", "Hard"]
    assert options("tag") == ["any", "adam (1)", "attention (1)", "lora (2)", "matmul (1)", "softmax (1)"]
    assert options("state") == ["any", "New", "Attempted", "Solved"]
    assert '<input type="search" name="text" data-kata="filter"' in page


def test_the_count_says_how_many_problems_match() -> None:
    assert '<span data-kata="filter-count" aria-live="polite">4 of 4 problems</span>' in render()
    one = render(PROBLEMS[:1])
    assert '<span data-kata="filter-count" aria-live="polite">1 of 1 problem</span>' in one


def test_the_index_holds_the_overall_summary_and_the_progress_panel() -> None:
    page = render()
    index = re.search(r'<div class="kata-index" data-kata="index">(.*)</div>', page, re.S)
    assert index
    assert '<div class="kata-progress kata-progress--overall" data-kata="progress"></div>' in index.group(1)
    assert '<div class="kata-progress-panel" data-kata="progress-panel"></div>' in index.group(1)


def test_tracks_without_problems_are_left_out() -> None:
    page = render(PROBLEMS[:1])
    assert 'data-track="LoRA"' not in page
