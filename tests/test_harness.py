"""Golden tests of the harness: one folder per scenario under ``tests/golden/harness/``.

Each folder holds the learner's code (``solution.py``; a scenario about consecutive runs adds
``solution_2.py`` and so on, run one after the other in the same process), ``tests.yml`` (the
``entry`` and the ``tests``, where ``expect`` is a Python expression with ``np`` in scope,
encoded as the build would), and ``expected.json``: the exact Result (a list of Results for
several runs), with every ``duration_ms`` replaced by a placeholder.

``KATA_UPDATE_GOLDEN=1 pytest tests/test_harness.py`` rewrites the expected files: read every
changed message before committing it, as the learner will.
"""

from __future__ import annotations

import builtins
import json
import os
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from kata.harness import compare, execute, judge, run
from kata.harness.values import encode

GOLDEN = Path(__file__).parent / "golden" / "harness"
SCENARIOS = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir())
UPDATE = os.environ.get("KATA_UPDATE_GOLDEN") == "1"
DURATION = "<duration_ms>"


def load_tests(folder: Path) -> tuple[str, list[dict[str, Any]]]:
    """The scenario's entry and its tests, with ``expect`` evaluated and encoded."""
    spec = yaml.safe_load((folder / "tests.yml").read_text())
    tests = []
    for test in spec["tests"]:
        test = dict(test)
        if "expect" in test:
            test["expected"] = encode(eval(str(test.pop("expect")), {"np": np}))
        tests.append(test)
    return spec["entry"], tests


def without_durations(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: DURATION if k == "duration_ms" else without_durations(v) for k, v in value.items()}
    if isinstance(value, list):
        return [without_durations(item) for item in value]
    return value


def run_scenario(folder: Path) -> Any:
    entry, tests = load_tests(folder)
    solutions = sorted(folder.glob("solution*.py"))
    results = [without_durations(run.run(path.read_text(), entry, tests)) for path in solutions]
    return results[0] if len(results) == 1 else results


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_golden(scenario: str) -> None:
    folder = GOLDEN / scenario
    result = run_scenario(folder)
    expected_file = folder / "expected.json"
    if UPDATE:
        expected_file.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    assert result == json.loads(expected_file.read_text())


def test_at_least_thirty_scenarios() -> None:
    assert len(SCENARIOS) >= 30


def test_the_world_is_restored_after_every_scenario() -> None:
    before = (builtins.isinstance, builtins.print, np.allclose, np.ndarray.__eq__, json.dumps,
              sys.stdout, sys.getrecursionlimit(), compare.compare, compare.compare.__code__,
              judge.judge, dict(sys.modules), np.geterr())
    for scenario in SCENARIOS:
        run_scenario(GOLDEN / scenario)
    after = (builtins.isinstance, builtins.print, np.allclose, np.ndarray.__eq__, json.dumps,
             sys.stdout, sys.getrecursionlimit(), compare.compare, compare.compare.__code__,
             judge.judge, {k: v for k, v in sys.modules.items() if k in before[10]}, np.geterr())
    assert after == before


def test_run_request_round_trips_json() -> None:
    request = {"code": "def f(x):\n    return x + 1\n", "entry": "f",
               "tests": [{"name": "adds one", "call": "f(1)", "expected": 2}]}
    result = json.loads(run.run_request(json.dumps(request)))
    assert [(t["name"], t["status"]) for t in result["tests"]] == [("adds one", "pass")]


def test_progress_reports_start_and_done_for_each_test() -> None:
    events: list[dict[str, Any]] = []
    tests = [{"name": "one", "call": "f()", "expected": 1}, {"name": "two", "call": "f()", "expected": 2}]
    run.run("def f():\n    return 1\n", "f", tests, lambda text: events.append(json.loads(text)))
    assert [(e["event"], e["index"]) for e in events] == [("start", 0), ("done", 0), ("start", 1), ("done", 1)]
    assert events[3]["test"]["status"] == "fail"


def test_execute_test_leaves_comparison_to_the_caller() -> None:
    compiled = execute.compile_solution("import numpy as np\ndef f():\n    return np.arange(3)\n")
    outcome = execute.execute_test(compiled, "f", {"name": "t", "call": "f()"})
    assert outcome.error is None and outcome.value.tolist() == [0, 1, 2]


def test_output_is_cut_per_test_and_the_run_keeps_only_what_loading_printed() -> None:
    tests = [{"name": f"t{i}", "call": "f()", "expected": 0} for i in range(3)]
    code = "print('loading')\ndef f():\n    print('y' * 12000)\n    return 0\n"
    result = run.run(code, "f", tests)
    assert result["status"] == "pass"
    assert result["tests"][0]["output"].endswith("\n[output truncated: 2001 more characters not shown]\n")
    assert result["output"] == "loading\n"


def test_long_messages_are_cut_with_a_marker() -> None:
    code = "def f():\n    raise ValueError('z' * 50000)\n"
    result = run.run(code, "f", [{"name": "t", "call": "f()", "expected": 0}])
    assert result["tests"][0]["message"].endswith(" more characters not shown]\n")
    assert len(result["tests"][0]["message"]) < 10_100


def test_a_harness_crash_never_becomes_a_pass_for_null_bytes() -> None:
    result = run.run("def f():\n    return 1\n\0", "f", [{"name": "t", "call": "f()", "expected": 1}])
    assert result["status"] == "error"


def test_a_module_file_written_during_a_run_is_not_kept_for_the_next(tmp_path: Path) -> None:
    (tmp_path / "kata_installed_before.py").write_text("def f():\n    return 1\n")
    os.utime(tmp_path / "kata_installed_before.py", (0, 0))
    sys.path.insert(0, str(tmp_path))
    plant = (f"with open({str(tmp_path / 'kata_written_during.py')!r}, 'w') as file:\n"
             "    file.write('def f():\\n    return 1\\n')\n"
             "import kata_written_during\nimport kata_installed_before\n\ndef f():\n    return 1\n")
    try:
        result = run.run(plant, "f", [{"name": "t", "call": "f()", "expected": 1}])
        assert result["status"] == "pass"
        assert "kata_written_during" not in sys.modules
        assert "kata_installed_before" in sys.modules
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("kata_installed_before", None)


def test_a_world_that_cannot_be_restored_stops_the_run_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    from kata.harness import world as world_module
    from kata.harness.sandbox import current_world

    world = current_world()
    monkeypatch.setattr(world_module, "_what_differs", lambda world: "NumPy's ndarray type")
    patched = "import numpy as np\n\ndef f():\n    np.ones = None\n    return 1\n"
    monkeypatch.setattr(world_module.World, "intact", lambda self, deep=False: False)
    tests = [{"name": "one", "call": "f()", "expected": 1}, {"name": "two", "call": "f()", "expected": 1}]
    try:
        result = run.run(patched, "f", tests)
    finally:
        world.tainted = ""
    assert result["status"] == "error"
    assert [t["name"] for t in result["tests"]] == ["one"]
    assert result["tainted"] == "NumPy's ndarray type"
    assert result["message"] == ("Your code changed NumPy's ndarray type in a way that cannot be undone, so "
                                 "the tests after it were not run. Python will be restarted before your "
                                 "next run.")


def test_a_dict_changed_in_place_is_found_through_its_version_tag() -> None:
    from kata.harness import world
    group, mapping = world._Dicts(), {"a": object(), "b": 1}
    group.add(mapping)
    group._seal()
    original = mapping["a"]
    assert group.versions is not None and group.values_intact()
    mapping["a"] = object()
    assert not group.values_intact()
    mapping["a"] = original
    assert group.values_intact()  # put back: intact, and its tag is taken again
    assert world._changed_dicts(group.versions) == []


def test_a_list_changed_in_place_is_found_through_its_slots() -> None:
    from kata.harness import world
    group, items = world._Lists(), [object(), object()]
    group.add(items)
    group._seal()
    first = items[0]
    assert group.slots is not None and group.intact()
    items[0] = object()
    assert not group.intact()
    items[0] = first
    assert group.intact()
    items.append(first)
    assert not group.intact()


def test_without_version_tags_the_world_scans(monkeypatch: pytest.MonkeyPatch) -> None:
    from kata.harness import world
    monkeypatch.setattr(world, "_VERSION_OFFSET", None)
    dicts, mapping, lists, items = world._Dicts(), {"a": 1}, world._Lists(), [1, 2]
    dicts.add(mapping)
    dicts._seal()
    lists.add(items)
    lists._seal()
    assert dicts.versions is None and lists.slots is None
    assert dicts.values_intact() and lists.intact()
    mapping["a"], items[0] = 2, 3
    assert not dicts.values_intact() and not lists.intact()
