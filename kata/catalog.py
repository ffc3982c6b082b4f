"""``problems/catalog.json``: every problem's title, track, difficulty, tags and page, and the
tracks in order. The browser reads it for progress summaries, the index's filters and
exports; URLs are relative to the site's root."""

from __future__ import annotations

import json
from collections.abc import Mapping

from kata.problem import Problem, Track


def track_order(problems: list[Problem], tracks: list[Track]) -> list[str]:
    """Track names in the order of tracks.yml, then any other track a problem names."""
    listed = [t.name for t in tracks]
    return listed + sorted({p.track for p in problems} - set(listed))


def catalog(problems: list[Problem], tracks: list[Track], urls: Mapping[str, str]) -> str:
    """The catalog as JSON; ``urls`` maps each slug to its page's URL from the site's root."""
    descriptions = {t.name: t.description for t in tracks}
    return json.dumps({
        "tracks": [{"name": name, "description": descriptions.get(name, "").strip(),
                    "problems": [p.slug for p in problems if p.track == name]}
                   for name in track_order(problems, tracks) if any(p.track == name for p in problems)],
        "problems": {p.slug: {"slug": p.slug, "title": p.title, "track": p.track,
                              "difficulty": p.difficulty, "tags": p.tags, "url": urls[p.slug]}
                     for p in problems},
    }, ensure_ascii=False)
