"""The work of a Submit without the harness, for bench/harness_cost.mjs (runs in Pyodide).

The learner's module is loaded once, then each test's setup and its call (or code) run in a
fresh namespace, with no sandbox, no copies, no comparison and no judging: what a Submit
would cost if judging were free. An expected exception (``raises``) is caught.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np


class BareSubmit:
    """A request's code and tests, compiled once; ``run()`` does the bare work."""

    def __init__(self, request_json: str) -> None:
        request = json.loads(request_json)
        self.entry = request["entry"]
        self.module = compile(request["code"], "solution.py", "exec")
        self.tests = [(_compile(t.get("setup"), "exec"), _compile(t.get("call"), "eval"),
                       _compile(t.get("code"), "exec"), bool(t.get("raises"))) for t in request["tests"]]

    def run(self) -> int:
        """Run every test once; the number of tests that raised (expected or not)."""
        namespace: dict[str, Any] = {"__name__": "solution"}
        exec(self.module, namespace)
        raised = 0
        for setup, call, code, _ in self.tests:
            scope = {"np": np, "numpy": np, self.entry: namespace[self.entry]}
            try:
                if setup is not None:
                    exec(setup, scope)
                if call is not None:
                    eval(call, scope)
                if code is not None:
                    exec(code, scope)
            except Exception:
                raised += 1
        return raised


def _compile(text: str | None, mode: str) -> Any:
    return compile(text, "<test>", mode) if text else None
