"""``kata new SLUG``: a problem folder holding a small worked example that passes ``kata check``."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from kata.problem import PROBLEM_FILE, load_tracks, unknown_track
from kata.schema import RESERVED_SLUGS, SLUG_PATTERN

TEMPLATE = Path(__file__).parent / "templates" / "problem.yml"
DEFAULT_TRACK = "Practice"


def scaffold(problems_dir: Path, slug: str, track: str | None = None) -> Path:
    """Create ``problems_dir/slug/problem.yml`` from the template; never overwrite."""
    if not SLUG_PATTERN.match(slug):
        raise ValueError(f"{slug!r} is not a valid slug: use lowercase letters, digits and "
                         "hyphens, e.g. lora-forward")
    if slug in RESERVED_SLUGS:
        raise ValueError(f"{slug!r} is reserved: problems/{slug}.md is the index of all problems")
    folder = problems_dir / slug
    if folder.exists():
        raise ValueError(f"{folder} already exists")
    chosen = _track(problems_dir, track)
    folder.mkdir(parents=True)
    path = folder / PROBLEM_FILE
    text = TEMPLATE.read_text(encoding="utf-8")
    path.write_text(text.replace("{track}", _yaml_scalar(chosen)).replace("{slug}", slug), encoding="utf-8")
    return path


def _track(problems_dir: Path, track: str | None) -> str:
    """The requested track, which must be listed in tracks.yml if there is one; else the first listed."""
    names = [t.name for t in load_tracks(problems_dir, problems_dir)[0]]
    if track is None:
        return names[0] if names else DEFAULT_TRACK
    if names and track not in names:
        raise ValueError(unknown_track(track, names))
    return track


def _yaml_scalar(text: str) -> str:
    """``text`` as a YAML value: plain when YAML reads it back unchanged, else quoted."""
    try:
        plain = yaml.safe_load(f"value: {text}") == {"value": text}
    except yaml.YAMLError:
        plain = False
    return text if plain else json.dumps(text)
