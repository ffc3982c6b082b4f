"""Judging one test: an Outcome (plain data) against the test's expectation, as a row of
the Result with its message, its kind of failure, the hint when it is about that kind, and
what the test called, so that a learner can reproduce a failure in the console."""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from .compare import Mismatch, Rules, describe, describe_change, mismatch
from .execute import Outcome
from .explain import SOLUTION_FILE
from .result import LEARNER_FAILURES, Argument, Inputs, TestRow, cut
from .values import Opaque, decode, format_size, parse_size

ARGUMENT_VALUES_LIMIT = 20     # an argument's values are shown when it has at most this many

Verdict = dict[str, Any]  # status, message, kind, detail, line: the judged fields of a TestRow


def judge(test: dict[str, Any], outcome: Outcome, entry: str) -> Verdict:
    """Turn an outcome into a verdict: a status, and for a failure its message and kind."""
    if outcome.setup_error is not None:
        return {"status": "error", "kind": "setup",
                "message": "The test's own setup failed (a problem with the test, not your code):\n"
                           + outcome.setup_error.text}
    verdict = _judge_raises(test, outcome) if test.get("raises") else _judge_value(test, outcome, entry)
    if verdict["status"] == "pass" and outcome.peak is not None:
        verdict = _judge_memory(test, outcome)
    return verdict


def _judge_value(test: dict[str, Any], outcome: Outcome, entry: str) -> Verdict:
    error = outcome.error
    if error is not None and error.is_assertion and test.get("code"):
        return {"status": "fail", "kind": "values", "line": error.line,
                "message": error.message or "An assertion in the test failed."}
    if error is not None and error.names_missing(entry):
        return {"status": "error", "kind": "exception", "message": f"{SOLUTION_FILE} does not define {entry}."}
    if error is not None:
        return {"status": "error", "kind": "exception", "message": error.text, "line": error.line}
    if outcome.changed:
        return _changed_verdict(outcome.changed)
    if test.get("code") or "expected" not in test:  # nothing to compare: it ran, that is all
        return {"status": "pass"}
    expected = decode(test["expected"])
    if outcome.value is None and expected is not None:
        return {"status": "fail", "kind": "shape",
                "message": f"{entry or 'Your function'} returned None: did you forget to return?"}
    found = mismatch(expected, outcome.value, Rules(test.get("rtol"), test.get("atol"), test.get("dtype")))
    if found is None:
        return {"status": "pass"}
    return {"status": "fail", "kind": found.kind, "message": found.message, "detail": found.detail}


def _changed_verdict(changed: list[tuple[str, Mismatch]]) -> Verdict:
    label, found = changed[0]
    return {"status": "fail", "kind": "inplace", "detail": found.detail,
            "message": f"your function changed {_argument_words(label)} in place ({describe_change(found)}): "
                       "work on a copy, or build a new array, and leave the caller's data as it was"}


def _argument_words(label: str) -> str:
    """"its argument x" for an argument the call names, "its 2nd argument" for one it writes out."""
    if label.startswith("argument ") and label[9:].isdigit():
        n = int(label[9:])
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"its {n}{suffix} argument"
    return f"its argument {label}"


def _judge_raises(test: dict[str, Any], outcome: Outcome) -> Verdict:
    wanted, error = test["raises"], outcome.error
    if error is None:
        return {"status": "fail", "kind": "exception",
                "message": f"expected {wanted} to be raised, but the call returned normally "
                           f"({describe(outcome.value)})"}
    if not error.expected:
        return {"status": "fail", "kind": "exception", "line": error.line,
                "message": f"expected {wanted}, but got {error.type_name}:\n{error.text}"}
    pattern = test.get("match")
    if pattern and error.message is None:
        return {"status": "fail", "kind": "exception",
                "message": f"{wanted} was raised, but its message cannot be read (str() of the exception failed)"}
    if pattern and not re.search(pattern, error.message or ""):
        return {"status": "fail", "kind": "exception",
                "message": f"{wanted} was raised, but its message {cut(repr(error.message), 200)} does not "
                           f"say what the test looks for (pattern {pattern!r})"}
    return {"status": "pass"}


def _judge_memory(test: dict[str, Any], outcome: Outcome) -> Verdict:
    limit = parse_size(test["max_alloc"])
    peak = outcome.peak or 0
    if peak < 0:
        return {"status": "error", "kind": "memory",
                "message": "Your code stopped tracemalloc, so its memory could not be measured."}
    if peak <= limit:
        return {"status": "pass"}
    advice = "" if test.get("hint") else ": use less intermediate memory"
    return {"status": "fail", "kind": "memory",
            "message": f"peak allocation {format_size(peak)} during the call, limit {format_size(limit)}{advice}"}


# ---------------------------------------------------------------------------------------
# A test's row in the Result

def test_row(test: dict[str, Any], outcome: Outcome, verdict: Verdict) -> TestRow:
    """The row the page shows: the verdict, the hint when it is about this failure, and for a
    failure what the test called, so the learner can reproduce it."""
    row: TestRow = {"name": test["name"], "status": verdict["status"],
                    "duration_ms": round(outcome.duration_ms, 3)}
    if verdict["status"] != "pass":
        row["message"] = cut(verdict["message"])
        row["kind"] = verdict["kind"]
        for key in ("detail", "line"):
            if verdict.get(key) is not None:
                row[key] = verdict[key]  # type: ignore[literal-required]
        # A hint is about the learner's code: never shown when the test's own setup failed.
        hint = test.get("hint")
        if hint and verdict["kind"] in (test.get("hint_on") or LEARNER_FAILURES):
            row["hint"] = hint
        row["inputs"] = _inputs(test, outcome)
    if outcome.output:
        row["output"] = outcome.output
    return row


def _inputs(test: dict[str, Any], outcome: Outcome) -> Inputs:
    inputs: Inputs = {key: test[key] for key in ("setup", "call", "code") if test.get(key)}  # type: ignore[misc]
    if outcome.arguments:
        inputs["args"] = [_argument(label, value) for label, value in outcome.arguments]
    return inputs


def _argument(label: str, value: Any) -> Argument:
    """An argument as the failing test passed it (its value as it was before the call)."""
    if type(value) is Opaque:
        return {"name": label, "type": "object", "value": value.description}
    argument: Argument = {"name": label, "type": type(value).__name__}
    if type(value) is np.ndarray or isinstance(value, np.generic):
        array = np.asarray(value)
        argument.update(shape=list(array.shape), dtype=str(array.dtype))
        if array.size <= ARGUMENT_VALUES_LIMIT:
            argument["value"] = cut(np.array2string(array, separator=", ", threshold=ARGUMENT_VALUES_LIMIT), 2000)
    elif type(value) in (list, tuple, dict):
        argument["shape"] = [len(value)]
        if len(value) <= ARGUMENT_VALUES_LIMIT:
            argument["value"] = cut(repr(value), 2000)
    else:
        argument["value"] = cut(repr(value), 2000)
    return argument
