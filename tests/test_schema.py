"""The JSON Schema of problem.yml: generated from the one declaration, up to date, and it
agrees with ``kata check`` on real problems and on typical mistakes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from kata import schema
from kata.cli import main
from kata.harness.values import parse_size
from kata.problem import load_problem

ROOT = Path(__file__).parent.parent
SCHEMA_FILE = ROOT / "problems" / "problem.schema.json"
TEMPLATE = ROOT / "kata" / "templates" / "problem.yml"
REAL_PROBLEMS = sorted((ROOT / "problems").glob("*/problem.yml"))

# ---------------------------------------------------------------------------------------
# A tiny validator for the part of JSON Schema (draft-07) the generated schema uses.

ANNOTATIONS = {"$schema", "$id", "title", "description", "default"}
TYPES = {"object": dict, "array": list, "string": str, "integer": int, "number": (int, float),
         "boolean": bool}


def _type_ok(value: Any, name: str) -> bool:
    if isinstance(value, bool) and name in ("integer", "number"):
        return False
    return isinstance(value, TYPES[name])


def validate(value: Any, rule: dict[str, Any]) -> list[str]:
    """Every violation of ``rule`` by ``value``; an unknown keyword fails loudly."""
    unknown = set(rule) - ANNOTATIONS - set(CHECKS)
    assert not unknown, f"the test's validator does not know {unknown}"
    return [problem for keyword in rule if keyword in CHECKS
            for problem in CHECKS[keyword](value, rule[keyword], rule)]


def _properties(value: Any, properties: dict[str, Any], rule: dict[str, Any]) -> list[str]:
    if not isinstance(value, dict):
        return []
    return [f"{key}: {p}" for key, sub in properties.items() if key in value
            for p in validate(value[key], sub)]


def _additional(value: Any, allowed: bool, rule: dict[str, Any]) -> list[str]:
    if allowed or not isinstance(value, dict):
        return []
    return [f"unknown {key}" for key in value if key not in rule.get("properties", {})]


def _one_of(value: Any, options: list[dict[str, Any]], rule: dict[str, Any]) -> list[str]:
    passing = sum(not validate(value, option) for option in options)
    return [] if passing == 1 else [f"{passing} of oneOf match"]


def _dependencies(value: Any, needs: dict[str, list[str]], rule: dict[str, Any]) -> list[str]:
    if not isinstance(value, dict):
        return []
    return [f"{key} needs {other}" for key, others in needs.items() if key in value
            for other in others if other not in value]


CHECKS: dict[str, Any] = {
    "type": lambda v, t, r: [] if _type_ok(v, t) else [f"not {t}"],
    "enum": lambda v, e, r: [] if v in e else [f"{v!r} not in {e}"],
    "required": lambda v, names, r: [f"missing {n}" for n in names if isinstance(v, dict) and n not in v],
    "properties": _properties,
    "additionalProperties": _additional,
    "items": lambda v, sub, r: [f"[{i}] {p}" for i, item in enumerate(v) for p in validate(item, sub)]
    if isinstance(v, list) else [],
    "minItems": lambda v, n, r: [f"fewer than {n}"] if isinstance(v, list) and len(v) < n else [],
    "minLength": lambda v, n, r: [f"shorter than {n}"] if isinstance(v, str) and len(v) < n else [],
    "pattern": lambda v, p, r: [f"{v!r} !~ {p}"] if isinstance(v, str) and not re.search(p, v) else [],
    "minimum": lambda v, n, r: [f"< {n}"] if _type_ok(v, "number") and v < n else [],
    "exclusiveMinimum": lambda v, n, r: [f"<= {n}"] if _type_ok(v, "number") and v <= n else [],
    "maximum": lambda v, n, r: [f"> {n}"] if _type_ok(v, "number") and v > n else [],
    "oneOf": _one_of,
    "not": lambda v, sub, r: [] if validate(v, sub) else ["matches not"],
    "dependencies": _dependencies,
}


# ---------------------------------------------------------------------------------------

def test_the_schema_file_is_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    generated = capsys.readouterr().out
    assert SCHEMA_FILE.read_text(encoding="utf-8") == generated, \
        "problems/problem.schema.json is out of date: run `kata schema -o problems/problem.schema.json`"


def test_the_schema_is_draft_07_for_editors() -> None:
    assert schema.json_schema()["$schema"] == "http://json-schema.org/draft-07/schema#"


@pytest.mark.parametrize(("config_class", "pointer"), [
    (schema.ProblemConfig, []), (schema.ExampleConfig, ["examples", "items"]),
    (schema.TestConfig, ["tests", "items"]), (schema.WrongSolutionConfig, ["wrong_solutions", "items"])])
def test_every_declared_field_is_in_the_schema(config_class: type, pointer: list[str]) -> None:
    rule = schema.json_schema()
    for key in pointer:
        rule = rule["properties"][key] if key != "items" else rule["items"]
    declared = schema.fields(config_class)
    assert list(rule["properties"]) == list(declared)
    assert rule["required"] == [name for name, option in declared.items() if option.mandatory]
    assert all(rule["properties"][name]["description"] for name in declared)


def _template() -> dict[str, Any]:
    return yaml.safe_load(TEMPLATE.read_text(encoding="utf-8").replace("{track}", "Practice"))


@pytest.mark.parametrize("path", REAL_PROBLEMS, ids=lambda p: p.parent.name)
def test_the_schema_accepts_every_real_problem(path: Path) -> None:
    assert validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema.json_schema()) == []


def test_the_schema_accepts_the_template() -> None:
    assert validate(_template(), schema.json_schema()) == []


def _set(path: tuple[Any, ...], value: Any) -> Any:
    def change(data: dict[str, Any]) -> None:
        for key in path[:-1]:
            data = data[key]
        data[path[-1]] = value  # type: ignore[index]
    return change


def _drop(path: tuple[Any, ...]) -> Any:
    def change(data: dict[str, Any]) -> None:
        for key in path[:-1]:
            data = data[key]
        del data[path[-1]]
    return change


def _rename(old: str, new: str) -> Any:
    def change(data: dict[str, Any]) -> None:
        data[new] = data.pop(old)
    return change


MISTAKES = {
    "near-miss key": _rename("difficulty", "dificulty"),
    "missing entry": _drop(("entry",)),
    "bad enum": _set(("difficulty",), "hardest"),
    "order as text": _set(("order",), "three"),
    "order as a boolean": _set(("order",), True),
    "title as a list": _set(("title",), ["Row", "sums"]),
    "bad tag": _set(("tags",), ["numpy", "Reductions"]),
    "entry not an identifier": _set(("entry",), "row sums"),
    "zero time limit": _set(("time_limit",), 0),
    "time limit too long": _set(("time_limit",), 1000),
    "no tests": _set(("tests",), []),
    "tests not a list": _set(("tests",), {"name": "x", "call": "f()"}),
    "unknown test field": _set(("tests", 0, "expected"), [1.0]),
    "call and code": _set(("tests", 0, "code"), "assert True"),
    "neither call nor code": _drop(("tests", 1, "call")),
    "unparseable max_alloc": _set(("tests", 0, "max_alloc"), "1 megabyte"),
    "negative max_alloc": _set(("tests", 0, "max_alloc"), -1),
    "match without raises": _set(("tests", 0, "match"), "shape"),
    "negative rtol": _set(("tests", 0, "rtol"), -1e-6),
    "example without call": _drop(("examples", 0, "call")),
    "example with code": _set(("examples", 0, "code"), "assert True"),
    "unnamed test": _drop(("tests", 0, "name")),
    "wrong solution without code": _drop(("wrong_solutions", 0, "code")),
    "empty statement": _set(("statement",), ""),
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_the_schema_and_kata_check_both_reject_typical_mistakes(mistake: str, tmp_path: Path) -> None:
    data = _template()
    MISTAKES[mistake](data)
    assert validate(data, schema.json_schema()) != []
    folder = tmp_path / "row-sums"
    folder.mkdir()
    (folder / "problem.yml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert load_problem(folder / "problem.yml", "problem.yml")[1] != []


@pytest.mark.parametrize("text", ["1 MB", "512 KiB", "1.5mb", " 2048 ", "10 B", "3 GiB", "7"])
def test_the_size_pattern_accepts_what_the_harness_parses(text: str) -> None:
    parse_size(text)
    assert validate(text, schema.json_schema()["properties"]["tests"]["items"]["properties"]["max_alloc"]) == []


@pytest.mark.parametrize("text", ["1 megabyte", "MB", "-1 MB", "1 TB", "1,5 MB", ""])
def test_the_size_pattern_rejects_what_the_harness_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_size(text)
    assert validate(text, schema.json_schema()["properties"]["tests"]["items"]["properties"]["max_alloc"]) != []


def test_the_validator_in_this_test_notices_mistakes() -> None:
    assert validate({"a": 1}, {"type": "object", "additionalProperties": False, "properties": {}}) == ["unknown a"]
    assert validate(3, {"oneOf": [{"type": "integer"}, {"type": "number"}]}) == ["2 of oneOf match"]
    assert json.loads(json.dumps(schema.json_schema())) == schema.json_schema()
