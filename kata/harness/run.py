"""A whole run: learner code against a list of tests, as a Result; the browser's entry point."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from .execute import Failure, Outcome, compile_solution, execute_test, load_solution
from .explain import SOLUTION_FILE, syntax_error_result
from .judge import judge, test_row
from .result import RUN_OUTPUT_LIMIT, Result, TestRow, cut, make_result
from .sandbox import Output, RunGuard, World, current_world

_dumps = json.JSONEncoder(ensure_ascii=False).encode   # bound before any learner code runs
_loads = json.JSONDecoder().decode


def run(code: str, entry: str, tests: list[dict[str, Any]], progress: Callable[[str], Any] | None = None,
        first_failure: bool = False, world: World | None = None) -> Result:
    """Run learner ``code`` against ``tests`` and return a Result (see DESIGN.md).

    With ``first_failure``, stop at the first test that does not pass (checking wrong
    solutions and mutants needs only one).
    """
    start = time.perf_counter()
    world = world or current_world()
    # Frozen as immutable text before any learner code runs: its code can reach the test
    # dicts (gc, frames) and change them, but each test is read afresh from this text.
    frozen = tuple(_dumps(test) for test in tests)
    try:
        compiled = compile_solution(code)
    except SyntaxError as exc:
        return syntax_error_result(exc)
    except ValueError as exc:  # a null character
        return syntax_error_result(SyntaxError(str(exc), (SOLUTION_FILE, 1, 1, "")))
    run_output = Output(RUN_OUTPUT_LIMIT)
    try:
        return _guarded_run(compiled, entry, frozen, run_output, progress, first_failure, world, start)
    except KeyboardInterrupt:  # between tests, in the harness's own code: the run ends here
        return make_result("error", [], _ms(start), message="Interrupted.", tainted=world.tainted)


def _guarded_run(compiled: Any, entry: str, frozen: tuple[str, ...], run_output: Output,
                 progress: Callable[[str], Any] | None, first_failure: bool, world: World,
                 start: float) -> Result:
    with RunGuard(world):
        defined, failure = load_solution(compiled, run_output, world)
        if failure is not None or entry not in defined:
            return _not_loaded(failure, entry, run_output, start, world)
        rows = _run_tests(compiled, entry, frozen, progress, first_failure, world)
    status = "pass" if all(r["status"] == "pass" for r in rows) else "fail"
    if world.tainted:
        status = "error"
    return make_result(status, rows, _ms(start), output=run_output.text() if run_output.kept else "",
                       tainted=world.tainted, message=_tainted_message(world))


def _run_tests(compiled: Any, entry: str, frozen: tuple[str, ...], progress: Callable[[str], Any] | None,
               first_failure: bool, world: World) -> list[TestRow]:
    """Each test in turn; a row's printed output stays in its row (the Result's own ``output``
    is what the learner's module printed while loading)."""
    rows: list[TestRow] = []
    for index, text in enumerate(frozen):
        test = _loads(text)
        if progress is not None:
            progress(_dumps({"event": "start", "index": index, "name": test["name"]}))
        outcome = execute_test(compiled, entry, test, world=world)
        row = test_row(test, outcome, judge(_loads(text), outcome, entry))
        rows.append(row)
        if progress is not None:
            progress(_dumps({"event": "done", "index": index, "test": row}))
        if world.tainted or (first_failure and row["status"] != "pass") or _interrupted(outcome):
            break
    return rows


def _interrupted(outcome: Outcome) -> bool:
    """The runner interrupted Python (a time-out, the Stop button): the run ends here."""
    return outcome.error is not None and outcome.error.type_name == "KeyboardInterrupt"


def _not_loaded(failure: Failure | None, entry: str, output: Output, start: float, world: World) -> Result:
    if failure is not None:
        message = f"Your code raised an error while loading:\n{failure.text}"
        location = {"line": failure.line, "column": 1} if failure.line else None
    else:
        message = f"{SOLUTION_FILE} does not define {entry}: keep the name from the starter code."
        location = None
    return make_result("error", [], _ms(start), message=cut(message), location=location,
                       output=output.text(), tainted=world.tainted)


def _tainted_message(world: World) -> str:
    if not world.tainted:
        return ""
    return (f"Your code changed {world.tainted} in a way that cannot be undone, so the tests after "
            "it were not run. Python will be restarted before your next run.")


def _ms(start: float) -> float:
    return round((time.perf_counter() - start) * 1000, 3)


def run_request(request_json: str, progress: Callable[[str], Any] | None = None) -> str:
    """The browser's entry point: a JSON request ``{code, entry, tests}`` to a JSON Result."""
    request = _loads(request_json)
    return _dumps(run(request["code"], request["entry"], request["tests"], progress))
