"""Reading ``problems/<slug>/problem.yml``: YAML with line numbers, validated against the schema.

Every mistake in every file is collected as a :class:`ProblemError`, printed as one line
``problems/<slug>/problem.yml:LINE:COL: field.path: what is wrong``; nothing here raises
on bad input.
"""

from __future__ import annotations

import ast
import difflib
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config import base
from mkdocs.config import config_options as c

from kata import schema

PROBLEM_FILE = "problem.yml"
TRACKS_FILE = "tracks.yml"

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class ProblemError:
    """One mistake in one file, at a line and column (1-based)."""

    path: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.field}: {self.message}"


def format_path(path: FieldPath) -> str:
    """``("tests", 2, "raises")`` -> ``tests[2].raises``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "(file)"


@dataclass
class Located:
    """Where each value of a YAML document sits: its node, by field path."""

    nodes: dict[FieldPath, yaml.Node] = field(default_factory=dict)
    keys: dict[FieldPath, yaml.Node] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    def position(self, path: FieldPath) -> tuple[int, int]:
        """Line and column (1-based) of the value at ``path``, or of its nearest parent."""
        while path not in self.nodes and path:
            path = path[:-1]
        node = self.nodes.get(path)
        if node is None:
            return 1, 1
        return node.start_mark.line + 1, node.start_mark.column + 1

    def key_position(self, path: FieldPath) -> tuple[int, int]:
        node = self.keys.get(path)
        return (node.start_mark.line + 1, node.start_mark.column + 1) if node else \
            self.position(path)

    def code_position(self, path: FieldPath, line: int, column: int) -> tuple[int, int]:
        """Map a position inside embedded Python to a position in the YAML file."""
        node = self.nodes[path]
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            yaml_line = node.start_mark.line + line  # 0-based: the line after the indicator
            text = self.lines[yaml_line] if yaml_line < len(self.lines) else ""
            code_lines = str(node.value).splitlines() or [""]
            code_line = code_lines[line - 1] if line - 1 < len(code_lines) else ""
            indent = len(text) - len(code_line) if text.endswith(code_line) else 0
            return yaml_line + 1, indent + column
        quote = 1 if isinstance(node, yaml.ScalarNode) and node.style in ("'", '"') else 0
        return node.start_mark.line + line, node.start_mark.column + quote + column


@dataclass
class Problem:
    """A problem, validated. ``tests`` and ``examples`` are plain dicts as the harness takes them."""

    slug: str
    path: Path
    display_path: str
    title: str
    difficulty: str
    track: str
    order: int | None
    tags: list[str]
    entry: str
    time_limit: float
    statement: str
    starter: str
    solution: str
    hints: list[str]
    examples: list[dict[str, Any]]
    tests: list[dict[str, Any]]
    wrong_solutions: list[dict[str, Any]]
    located: Located
    source: bytes

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.source).hexdigest()

    def error(self, path: FieldPath, message: str) -> ProblemError:
        line, column = self.located.position(path)
        return ProblemError(self.display_path, line, column, format_path(path), message)


# ---------------------------------------------------------------------------------------
# YAML with positions

def _locate(node: yaml.Node, path: FieldPath, located: Located,
            duplicates: list[tuple[FieldPath, yaml.Node]]) -> None:
    located.nodes[path] = node
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            if key in seen:
                duplicates.append((path + (key,), key_node))
            seen.add(key)
            located.keys[path + (key,)] = key_node
            _locate(value_node, path + (key,), located, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _locate(item, path + (index,), located, duplicates)


def read_yaml(text: str, display: str) -> tuple[Any, Located, list[ProblemError]]:
    """Parse YAML, keeping each value's node; a syntax error becomes a ProblemError."""
    located = Located(lines=text.splitlines())
    try:
        loader = yaml.SafeLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(part for part in (error.context, error.problem) if part)
        return None, located, [ProblemError(display, line, column, "yaml", what)]
    except yaml.YAMLError as error:
        return None, located, [ProblemError(display, 1, 1, "yaml", str(error))]
    duplicates: list[tuple[FieldPath, yaml.Node]] = []
    if node is not None:
        _locate(node, (), located, duplicates)
    errors = [ProblemError(display, n.start_mark.line + 1, n.start_mark.column + 1,
                           format_path(p), "duplicate key: only the last value would be used")
              for p, n in duplicates]
    return data, located, errors


# ---------------------------------------------------------------------------------------
# Validation against the schema

class _Validator:
    def __init__(self, display: str, located: Located) -> None:
        self.display = display
        self.located = located
        self.errors: list[ProblemError] = []

    def add(self, path: FieldPath, message: str, *, at_key: bool = False,
            position: tuple[int, int] | None = None) -> None:
        line, column = position or (self.located.key_position(path) if at_key
                                    else self.located.position(path))
        self.errors.append(ProblemError(self.display, line, column, format_path(path), message))

    def mapping(self, data: Any, config_class: type[base.Config],
                path: FieldPath) -> dict[str, Any] | None:
        """Validate one mapping against a config class; return its values with defaults."""
        if not isinstance(data, dict):
            self.add(path, f"expected a mapping of fields, got {schema._type_name(data)}")
            return None
        declared = schema.fields(config_class)
        for key in data:
            if key not in declared:
                self.add(path + (str(key),), self._unknown(str(key), list(declared)), at_key=True)
        values: dict[str, Any] = {}
        for name, option in declared.items():
            if name in data and data[name] is not None:
                values[name] = self.value(option, data[name], path + (name,))
            elif option.mandatory and name in data:
                self.add(path + (name,), "required field is empty")
            elif option.mandatory:
                self.add(path, f"missing required field {name!r}")
            else:
                values[name] = option.default
        return values

    def value(self, option: schema.Field, value: Any, path: FieldPath) -> Any:
        try:
            checked = option.run_validation(value)
        except schema.PythonSyntaxError as error:
            position = self.located.code_position(path, error.line, error.column)
            self.add(path, str(error), position=position)
            return None
        except c.ValidationError as error:
            self.add(path, str(error))
            return None
        if isinstance(option, schema.Items):
            return [self.mapping(item, option.config_class, path + (i,))
                    for i, item in enumerate(checked)]
        return checked

    @staticmethod
    def _unknown(key: str, known: list[str]) -> str:
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else f"; known fields: {', '.join(known)}"
        return f"unknown field {key!r}{hint}"


def _check_tests(values: dict[str, Any], check: _Validator) -> None:
    for kind in ("examples", "tests"):
        names: dict[str, int] = {}
        for index, test in enumerate(values.get(kind) or []):
            if test is None:
                continue
            path: FieldPath = (kind, index)
            has_call, has_code = test.get("call") is not None, test.get("code") is not None
            if has_call and has_code:
                check.add(path + ("code",), "a test has either call or code, not both", at_key=True)
            elif not has_call and not has_code and kind == "tests":
                check.add(path, "a test needs call (an expression) or code (statements)")
            if has_code:
                for key in ("expect", "raises", "match", "rtol", "atol", "max_alloc"):
                    if test.get(key) is not None:
                        check.add(path + (key,), f"{key} applies to call tests; a code test "
                                  "checks with assert", at_key=True)
            if test.get("raises") is not None and test.get("expect") is not None:
                check.add(path + ("expect",), "a test expects either a value or an exception "
                          "(raises), not both", at_key=True)
            if test.get("match") is not None and test.get("raises") is None:
                check.add(path + ("match",), "match needs raises", at_key=True)
            name = test.get("name") or f"Example {index + 1}"
            test["name"] = name
            if name in names:
                check.add(path + ("name",), f"duplicate test name {name!r} (also {kind}[{names[name]}])")
            names[name] = index


def defined_names(code: str) -> set[str]:
    """Names bound at the top level of a module's source."""
    names: set[str] = set()
    for node in ast.parse(code).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(t.id for t in targets if isinstance(t, ast.Name))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return names


def _check_entry(values: dict[str, Any], check: _Validator) -> None:
    entry = values.get("entry")
    if not entry:
        return
    for key in ("solution", "starter"):
        if values.get(key) and entry not in defined_names(values[key]):
            check.add((key,), f"does not define {entry!r}, the problem's entry")
    for index, wrong in enumerate(values.get("wrong_solutions") or []):
        if wrong and wrong.get("code") and entry not in defined_names(wrong["code"]):
            check.add(("wrong_solutions", index, "code"), f"does not define {entry!r}, "
                      "the problem's entry")


def load_problem(path: Path, display: str, tracks: list[str] | None = None
                 ) -> tuple[Problem | None, list[ProblemError]]:
    """Load and validate one problem file; return the problem, or None and its errors."""
    slug = path.parent.name
    try:
        source = path.read_bytes()
        text = source.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, [ProblemError(display, 1, 1, "(file)", f"cannot read: {error}")]
    data, located, errors = read_yaml(text, display)
    if errors and data is None:
        return None, errors
    check = _Validator(display, located)
    check.errors.extend(errors)
    if not schema.SLUG_PATTERN.match(slug):
        check.add((), f"folder name {slug!r} is not a valid slug: use lowercase letters, "
                  "digits and hyphens, e.g. lora-forward")
    values = check.mapping(data, schema.ProblemConfig, ())
    if values is not None:
        _check_tests(values, check)
        _check_entry(values, check)
        if tracks is not None and values.get("track") and values["track"] not in tracks:
            check.add(("track",), f"unknown track {values['track']!r}; tracks are listed in "
                      f"problems/{TRACKS_FILE}: {', '.join(tracks)}")
    if check.errors or values is None:
        return None, sorted(check.errors)
    return Problem(slug=slug, path=path, display_path=display, located=located, source=source,
                   **values), []


@dataclass
class Track:
    name: str
    description: str = ""


def load_tracks(problems_dir: Path, display_root: Path) -> tuple[list[Track], list[ProblemError]]:
    """The ordered list of tracks from ``problems/tracks.yml`` (absent: no constraint)."""
    path = problems_dir / TRACKS_FILE
    display = _display(path, display_root)
    if not path.exists():
        return [], []
    data, located, errors = read_yaml(path.read_text(encoding="utf-8"), display)
    if errors:
        return [], errors
    tracks: list[Track] = []
    if not isinstance(data, list):
        return [], [ProblemError(display, 1, 1, "(file)", "expected a list of tracks, each "
                                 "with name and description")]
    for index, item in enumerate(data):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            line, column = located.position((index,))
            errors.append(ProblemError(display, line, column, f"[{index}]",
                                       "expected a mapping with a name (and a description)"))
            continue
        tracks.append(Track(item["name"], str(item.get("description") or "")))
    return tracks, errors


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def load_problems(problems_dir: Path, root: Path, slugs: list[str] | None = None
                  ) -> tuple[list[Problem], list[Track], list[ProblemError]]:
    """Load every problem under ``problems_dir`` (or only ``slugs``), collecting all errors."""
    tracks, errors = load_tracks(problems_dir, root)
    names = [t.name for t in tracks] if tracks else None
    problems: list[Problem] = []
    folders = sorted(p for p in problems_dir.iterdir() if p.is_dir()) if problems_dir.is_dir() else []
    if slugs:
        known = {p.name for p in folders}
        for slug in slugs:
            if slug not in known:
                errors.append(ProblemError(_display(problems_dir, root), 1, 1, "(folder)",
                                           f"no problem named {slug!r}"))
        folders = [p for p in folders if p.name in slugs]
    for folder in folders:
        path = folder / PROBLEM_FILE
        if not path.exists():
            errors.append(ProblemError(_display(folder, root), 1, 1, "(folder)",
                                       f"has no {PROBLEM_FILE}"))
            continue
        problem, problem_errors = load_problem(path, _display(path, root), names)
        errors.extend(problem_errors)
        if problem is not None:
            problems.append(problem)
    return sort_problems(problems, names or []), tracks, errors


def sort_problems(problems: list[Problem], track_order: list[str]) -> list[Problem]:
    """Problems in track order, then by ``order`` within a track, then by title."""
    rank = {name: i for i, name in enumerate(track_order)}
    return sorted(problems, key=lambda p: (rank.get(p.track, len(rank)), p.track,
                                           p.order if p.order is not None else 10**9, p.title))
