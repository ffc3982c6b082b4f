"""A problem's Submit as the page sends it, and the harness archive, for bench/harness_cost.mjs.

Usage: python bench/submit_data.py SLUG OUT_DIR. Checks the problem (cached, like the build),
writes OUT_DIR/request.json (``{code, entry, tests}``: the reference solution against the
examples and the hidden tests with their frozen expected values) and OUT_DIR/harness.zip.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from kata.assets import harness_archive
from kata.check import check_site
from kata.cli import CACHE_DIR

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    slug, out = sys.argv[1], Path(sys.argv[2])
    site = check_site(REPO / "problems", REPO, [slug], REPO / CACHE_DIR)
    if site.errors or not site.problems:
        sys.exit("\n".join(map(str, site.errors)) or f"no problem {slug}")
    problem, frozen = site.problems[0], site.frozen[slug]
    request = {"code": problem.solution, "entry": problem.entry, "tests": frozen.examples + frozen.tests}
    out.mkdir(parents=True, exist_ok=True)
    (out / "request.json").write_text(json.dumps(request), encoding="utf-8")
    harness_archive(out)


if __name__ == "__main__":
    main()
