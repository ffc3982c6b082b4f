"""Write the Results that tests_e2e/results.spec.js renders: real harness output (CPython, the
same harness as the browser's) for real problems and learner code, plus the few Results the
page makes itself (a time-out, a stop). Durations are rounded; rerun after the Result's shape
changes:

    .venv/bin/python tests_e2e/results-fixtures/make_fixtures.py
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from kata.check import freeze
from kata.harness.run import run
from kata.harness.values import encode
from kata.problem import Problem, load_problem

HERE = Path(__file__).parent
ROOT = HERE.parent.parent

LORA_NAME_ERROR = """\
import numpy as np


def lora_forward(x, W0, A, B, alpha):
    r = A.shape[0]
    delta = (x @ A.T) @ B.T
    return x @ W0.T + scaling * delta
"""

TOKENIZER_SPLITS = """\
import re


def tokenize(text):
    print("tokens for", repr(text[:30]))
    return re.findall(r"\\w+|[^\\w\\s]", text)
"""

TRAINABLE_PARAMS_DICT = """\
def lora_trainable_params(d, r, n_layers, modules):
    lora = n_layers * len(modules) * r * d
    full = n_layers * 4 * d * d
    return {"lora": lora, "full": full, "fraction": lora / full}
"""

PERPLEXITY_MEAN = """\
import numpy as np


def perplexity(log_probs, mask=None):
    log_probs = np.asarray(log_probs, dtype=np.float64)
    if mask is not None:
        log_probs = log_probs * np.asarray(mask)
    return float(np.exp(-log_probs.mean()))
"""

PRINTS_HTML = """\
import numpy as np

print("<img src=x onerror=alert(1)><b>at import</b>")


def lora_forward(x, W0, A, B, alpha):
    print("<b>bold</b> <script>alert(2)</script>")
    return x @ W0.T
"""

ARRAYS = """\
import numpy as np


def curve(x):
    y = np.sin(6 * x) * 2
    y[40:52] += 0.5
    y[100] = np.nan
    y[101] = np.inf
    y[250:253] *= -1
    return y


def heads(q):
    out = q.copy()
    out[2, 1, 3] += 3.0
    out[2, 2, 0:2] -= 0.4
    out[0, 3, 4] += 0.25
    return out


def counts(n):
    table = np.arange(n * n).reshape(n, n) % 7
    table[1, 2] = -1
    table[3, 0] = 9
    return table
"""


def problem(slug: str) -> Problem:
    found, errors = load_problem(ROOT / "problems" / slug / "problem.yml", slug)
    assert found is not None, errors
    return found


def judged(slug: str, code: str, examples_only: bool = False) -> dict[str, Any]:
    """The Result of ``code`` against a problem's examples (Run) or examples and tests (Submit)."""
    chosen = problem(slug)
    frozen = freeze(chosen)
    tests = frozen.examples if examples_only else frozen.examples + frozen.tests
    return rounded(outside_tests(run(code, chosen.entry, tests)))


def outside_tests(result: dict[str, Any]) -> dict[str, Any]:
    """The Result's ``output`` as result.js documents it, printed outside any test: the harness
    (run.py) still copies every test's output into it too, which issue 10 asks to stop."""
    output = result.get("output", "")
    for row in result["tests"]:
        output = output.replace(row.get("output", ""), "", 1) if row.get("output") else output
    return {**result, "output": output} if output else {k: v for k, v in result.items() if k != "output"}


def rounded(result: Any) -> Any:
    """Durations to a tenth of a millisecond, so that regenerating changes little."""
    if isinstance(result, dict):
        return {k: round(v, 1) if k == "duration_ms" else rounded(v) for k, v in result.items()}
    if isinstance(result, list):
        return [rounded(v) for v in result]
    return result


def arrays() -> dict[str, Any]:
    """A long 1-D array with NaN and inf, a 3-D one, and an integer 2-D one compared exactly."""
    x = np.linspace(-1, 1, 300)
    q = np.random.default_rng(7).standard_normal((3, 4, 5))
    tests = [
        {"name": "A smooth curve", "setup": "x = np.linspace(-1, 1, 300)\n", "call": "curve(x)",
         "expected": encode(np.sin(6 * x) * 2)},
        {"name": "Scores of three heads", "setup": "q = np.random.default_rng(7).standard_normal((3, 4, 5))\n",
         "call": "heads(q)", "expected": encode(q)},
        {"name": "Counts modulo 7", "call": "counts(6)", "expected": encode(np.arange(36).reshape(6, 6) % 7)},
    ]
    rows = [run(ARRAYS, entry, [test])["tests"][0] for entry, test in zip(("curve", "heads", "counts"), tests)]
    return rounded({"status": "fail", "tests": rows, "duration_ms": sum(row["duration_ms"] for row in rows)})


def timeout(lora: dict[str, Any]) -> dict[str, Any]:
    """As runner.js makes it: the finished rows, then the running one marked "Timed out"."""
    finished = lora["tests"][:3]
    running = {"name": lora["tests"][3]["name"], "status": "error", "message": "Timed out", "duration_ms": 10000}
    return {"status": "timeout", "tests": [*finished, running], "duration_ms": 10012,
            "message": f'Time limit of 10 s exceeded while running "{running["name"]}". '
                       "Python was restarted; your code is still in the editor."}


def stopped(lora: dict[str, Any]) -> dict[str, Any]:
    return {"status": "error", "tests": lora["tests"][:2], "duration_ms": 840, "stopped": True,
            "message": "You stopped the run. Python was restarted; your code is still in the editor."}


def main() -> None:
    lora = problem("lora-forward")
    lora_wrong = judged("lora-forward", lora.wrong_solutions[0]["code"])
    fixtures = {
        "lora-wrong-scaling": lora_wrong,
        "lora-name-error": judged("lora-forward", LORA_NAME_ERROR),
        "lora-syntax-error": judged("lora-forward", "import numpy as np\n\ndef lora_forward(x, W0:\n    pass\n"),
        "lora-prints-html": judged("lora-forward", PRINTS_HTML, examples_only=True),
        "lora-pass-submit": judged("lora-forward", lora.solution),
        "lora-pass-run": judged("lora-forward", lora.solution, examples_only=True),
        "lora-timeout": timeout(lora_wrong),
        "lora-stopped": stopped(lora_wrong),
        "tokenizer-splits": judged("regex-tokenizer", TOKENIZER_SPLITS),
        "tokenizer-contractions": judged("regex-tokenizer", problem("regex-tokenizer").wrong_solutions[4]["code"]),
        "trainable-params-dict": judged("lora-trainable-params", TRAINABLE_PARAMS_DICT),
        "perplexity-scalar": judged("perplexity", PERPLEXITY_MEAN),
        "arrays": arrays(),
    }
    for name, result in fixtures.items():
        (HERE / f"{name}.json").write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
