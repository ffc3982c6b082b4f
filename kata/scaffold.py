"""``kata new SLUG``: a problem folder holding a small worked example that passes ``kata check``."""

from __future__ import annotations

from pathlib import Path

from kata.problem import PROBLEM_FILE, load_tracks
from kata.schema import SLUG_PATTERN

TEMPLATE = Path(__file__).parent / "templates" / "problem.yml"


def scaffold(problems_dir: Path, slug: str, track: str | None = None) -> Path:
    """Create ``problems_dir/slug/problem.yml`` from the template; never overwrite."""
    if not SLUG_PATTERN.match(slug):
        raise ValueError(f"{slug!r} is not a valid slug: use lowercase letters, digits and "
                         "hyphens, e.g. lora-forward")
    folder = problems_dir / slug
    if folder.exists():
        raise ValueError(f"{folder} already exists")
    tracks, _ = load_tracks(problems_dir, problems_dir)
    chosen = track or (tracks[0].name if tracks else "Practice")
    folder.mkdir(parents=True)
    path = folder / PROBLEM_FILE
    text = TEMPLATE.read_text(encoding="utf-8")
    path.write_text(text.replace("{track}", chosen).replace("{slug}", slug), encoding="utf-8")
    return path
