"""The page's console: one entry at a time, against the learner's current code.

The learner's code is loaded into a namespace (with ``np`` imported) the first time an entry
comes with it, and again whenever it changed; names an entry binds stay for the next entry
until then. Each entry runs in a ``Sandbox``, like a test: printed output is captured, the
world is restored. The console never changes what Submit judges: Submit always starts from
the editor's code, afresh.
"""

from __future__ import annotations

import builtins
import json
from typing import Any

import numpy as np

from .compare import type_name
from .execute import compile_solution
from .explain import CONSOLE_FILE, explain_exception, learner_line
from .result import TEXT_LIMIT, cut
from .sandbox import Output, Sandbox, World, current_world

_dumps = json.JSONEncoder(ensure_ascii=False).encode
_loads = json.JSONDecoder().decode


class Console:
    """A namespace holding the learner's code, and the entries evaluated against it."""

    def __init__(self, world: World | None = None) -> None:
        self.world = world or current_world()
        self.code: str | None = None
        self.namespace: dict[str, Any] = {}

    def evaluate(self, code: str, source: str) -> dict[str, Any]:
        """Evaluate one entry: ``{status, output, value?, message?, line?, reloaded?}``."""
        output = Output(TEXT_LIMIT)
        answer: dict[str, Any] = {"status": "ok"}
        if code != self.code:
            answer["reloaded"] = True
            failure = self._load(code, output)
            if failure is not None:
                answer.update(status="error", message=f"Your code raised an error while loading:\n{failure}")
                answer["output"] = output.text()
                return answer
        with Sandbox(output, self.world):
            try:
                answer.update(self._run(source))
            except BaseException as exc:  # the entry may raise anything
                answer.update(status="error", message=explain_exception(exc))
                line = learner_line(exc)
                if line:
                    answer["line"] = line
        answer["output"] = output.text()
        return answer

    def _load(self, code: str, output: Output) -> str | None:
        self.code = code
        self.namespace = {"__name__": "__console__", "__builtins__": builtins, "np": np, "numpy": np}
        with Sandbox(output, self.world):
            try:
                exec(compile_solution(code), self.namespace)
            except BaseException as exc:
                self.code = None
                return explain_exception(exc)
        return None

    def _run(self, source: str) -> dict[str, Any]:
        try:
            expression = compile(source, CONSOLE_FILE, "eval", dont_inherit=True)
        except SyntaxError:
            exec(compile(source, CONSOLE_FILE, "exec", dont_inherit=True), self.namespace)
            return {}
        value = eval(expression, self.namespace)
        if value is None:
            return {}
        return {"value": cut(_repr(value)), "type": type_name(value)}


def _repr(value: Any) -> str:
    with np.printoptions(threshold=200, edgeitems=5, linewidth=100):
        return repr(value)


_CONSOLES: list[Console] = []


def console_request(request_json: str) -> str:
    """The browser's entry point: ``{code, source}`` to a JSON answer (see ``Console.evaluate``)."""
    request = _loads(request_json)
    if not _CONSOLES:
        _CONSOLES.append(Console())
    return _dumps(_CONSOLES[0].evaluate(request["code"], request["source"]))
