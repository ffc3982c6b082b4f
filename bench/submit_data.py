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
from kata.check import check_all
from kata.cli import CACHE_DIR
from kata.problem import load_problems

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    slug, out = sys.argv[1], Path(sys.argv[2])
    problems, _, errors = load_problems(REPO / "problems", REPO, [slug])
    if errors or not problems:
        sys.exit("\n".join(map(str, errors)) or f"no problem {slug}")
    problem = problems[0]
    frozen = check_all(problems, REPO / CACHE_DIR)[slug]
    if frozen.errors:
        sys.exit("\n".join(map(str, frozen.errors)))
    request = {"code": problem.solution, "entry": problem.entry, "tests": frozen.examples + frozen.tests}
    out.mkdir(parents=True, exist_ok=True)
    (out / "request.json").write_text(json.dumps(request), encoding="utf-8")
    harness_archive(out)


if __name__ == "__main__":
    main()
