"""The work a Submit does, without the judging: a problem's reference solution against the setup
and call (or code) of each of its examples and tests, as one plain Python script.

The bench runs that script with ``runPython`` in the anchor page (stock Pyodide and NumPy) to
compare a Submit on the site with the work itself. Prints JSON ``{slug, entry, starter,
solution, bare}``. Usage: python bench/bare_work.py SLUG
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from kata.problem import PROBLEM_FILE, load_problem

REPO = Path(__file__).resolve().parent.parent

# Each test in a fresh namespace, like the harness; an exception is expected only where the
# test says `raises`, so a script that does not do the work fails loudly.
RUNNER = '''
solution = compile(SOLUTION, "solution.py", "exec")
for setup, call, code, raises in TESTS:
    namespace = {"np": np}
    exec(solution, namespace)
    exec(compile(setup, "<setup>", "exec"), namespace)
    try:
        if call:
            eval(compile(call, "<call>", "eval"), namespace)
        else:
            exec(compile(code, "<code>", "exec"), namespace)
    except Exception:
        if not raises:
            raise
'''


def _test_tuple(test: dict[str, Any]) -> tuple[str, str, str, bool]:
    return (test.get("setup") or "", test.get("call") or "", test.get("code") or "",
            bool(test.get("raises")))


def bare_script(solution: str, tests: list[dict[str, Any]]) -> str:
    """A script that runs ``solution`` against each test's setup and call or code, judging nothing."""
    rows = ",\n".join(f"    {_test_tuple(test)!r}" for test in tests)
    return (f"import numpy as np\n\nSOLUTION = {solution!r}\n\nTESTS = [\n{rows},\n]\n{RUNNER}")


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: python bench/bare_work.py SLUG")
    slug = sys.argv[1]
    path = REPO / "problems" / slug / PROBLEM_FILE
    problem, errors = load_problem(path, str(path.relative_to(REPO)))
    if problem is None:
        sys.exit("\n".join(map(str, errors)))
    bare = bare_script(problem.solution, [*problem.examples, *problem.tests])
    print(json.dumps({"slug": slug, "entry": problem.entry, "starter": problem.starter,
                      "solution": problem.solution, "bare": bare}))


if __name__ == "__main__":
    main()
