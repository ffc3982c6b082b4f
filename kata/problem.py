"""Reading ``problems/<slug>/problem.yml``: YAML with line numbers, validated against the schema.

Every mistake in every file is collected as a :class:`ProblemError`, printed as one line
``problems/<slug>/problem.yml:LINE:COL: field.path: what is wrong``; nothing here raises
on bad input.
"""

from __future__ import annotations

import ast
import difflib
import hashlib
import re
from dataclasses import dataclass, field, fields
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


def error_report(errors: list[ProblemError]) -> list[str]:
    """Each mistake once, in file and line order, then ``N problem(s) with errors``."""
    lines = sorted(set(errors))
    count = len({e.path for e in lines})
    return [*map(str, lines), f"{count} problem{'s' * (count != 1)} with errors"]


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

    def code_position(self, path: FieldPath, line: int, column: int) -> tuple[int, int] | None:
        """Map a 1-based position inside embedded Python to one in the YAML file.

        Exact for a literal block (``|``) and for a value on one line, plain or quoted; None
        for a folded block (``>``) or a value over several lines, whose lines YAML joined.
        """
        node = self.nodes.get(path)
        if not isinstance(node, yaml.ScalarNode):
            return None
        if node.style == "|":
            return self._literal_position(node, line, column)
        if node.style in (None, "", "'", '"') and node.start_mark.line == node.end_mark.line:
            return self._inline_position(node, line, column)
        return None

    def _literal_position(self, node: yaml.ScalarNode, line: int, column: int) -> tuple[int, int]:
        code_lines = str(node.value).split("\n")
        if code_lines[-1] == "" and len(code_lines) > 1:
            code_lines.pop()  # the final line break, not a line
        line = min(max(line, 1), len(code_lines))
        column = min(max(column, 1), len(code_lines[line - 1]) + 1)
        # The block's content starts on the line after the indicator (``|``).
        return node.start_mark.line + 1 + line, self._block_indent(node, code_lines) + column

    def _block_indent(self, node: yaml.ScalarNode, code_lines: list[str]) -> int:
        for offset, code_line in enumerate(code_lines):
            index = node.start_mark.line + 1 + offset
            if code_line and index < len(self.lines) and self.lines[index].endswith(code_line):
                return len(self.lines[index]) - len(code_line)
        return 0

    def _inline_position(self, node: yaml.ScalarNode, line: int, column: int) -> tuple[int, int]:
        code_lines = str(node.value).split("\n")  # several only through "\n" escapes
        line = min(max(line, 1), len(code_lines))
        index = sum(len(text) + 1 for text in code_lines[:line - 1]) + max(column, 1) - 1
        raw = self.lines[node.start_mark.line] if node.start_mark.line < len(self.lines) else ""
        quoted = node.style in ("'", '"')
        start = node.start_mark.column + quoted
        return node.start_mark.line + 1, _raw_index(raw, start, index, node.style) + 1


def _raw_index(raw: str, start: int, index: int, style: str | None) -> int:
    """The index in the YAML line of character ``index`` of a one-line scalar starting at ``start``."""
    position = start
    for _ in range(index):
        if position >= len(raw):
            break
        if style == "'" and raw.startswith("''", position):
            position += 2
        elif style == '"' and raw[position] == "\\":
            position += {"x": 4, "u": 6, "U": 10}.get(raw[position + 1:position + 2], 2)
        else:
            position += 1
    return position


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
    explanation: str | None
    examples: list[dict[str, Any]]
    tests: list[dict[str, Any]]
    wrong_solutions: list[dict[str, Any]]
    alternative_solutions: list[dict[str, Any]]
    equivalent_mutants: list[dict[str, Any]]
    source: bytes
    _located: Located | None = field(default=None, repr=False, compare=False)

    @property
    def located(self) -> Located:
        """Where each value sits in problem.yml; parsed from the source on first use when the
        problem came from the check's cache (only error messages need it)."""
        if self._located is None:
            self._located = read_yaml(self.source.decode("utf-8"), self.display_path)[1]
        return self._located

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.source).hexdigest()

    def values(self) -> dict[str, Any]:
        """The validated fields of problem.yml, as ``Problem(**values)`` takes them back."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in _NOT_VALUES}

    def error(self, path: FieldPath, message: str) -> ProblemError:
        line, column = self.located.position(path)
        return ProblemError(self.display_path, line, column, format_path(path), message)


# Where a problem is, rather than what it says.
_NOT_VALUES = frozenset(("slug", "path", "display_path", "source", "_located"))


# ---------------------------------------------------------------------------------------
# YAML with positions

def _locate(node: yaml.Node, path: FieldPath, located: Located, duplicates: list[ProblemError],
            display: str, active: frozenset[int] = frozenset()) -> None:
    if id(node) in active:
        return  # an alias of one of its own parents: YAML allows it, a problem never needs it
    located.nodes[path] = node
    active = active | {id(node)}
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, yaml.Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node.value)
            if key in seen:
                duplicates.append(ProblemError(
                    display, key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                    format_path(path + (key,)), f"appears twice (also at line "
                    f"{seen[key].start_mark.line + 1}): only the last value would be used, remove one"))
            seen[key] = key_node
            located.keys[path + (key,)] = key_node
            _locate(value_node, path + (key,), located, duplicates, display, active)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _locate(item, path + (index,), located, duplicates, display, active)


# PyYAML's words for the commonest slips, and what to do about them.
_YAML_HINTS = {
    "found character '\\t' that cannot start any token": "a tab character: YAML indents with spaces only",
    "mapping values are not allowed here": "unexpected ':': put a value that holds ': ' in quotes, "
                                           "or check the indentation",
    "found unexpected end of stream": "this quoted value is never closed: add its closing quote",
    "but found another document": "a second document (after ---): problem.yml holds one mapping of fields",
}
# ... and for its parser's jargon.
_YAML_WORDS = {
    "<block end>": "a key at this indentation", "'<scalar>'": "more text",
    "'<block mapping start>'": "an indented mapping", "'<block sequence start>'": "a list",
    "while parsing a block mapping": "in the mapping", "while parsing a block collection": "in the list",
    "while parsing a flow sequence": "in the [...] list", "while parsing a flow mapping": "in the {...} mapping",
    "while scanning a quoted scalar": "in the quoted value", "while scanning a simple key": "in the key",
    "'<stream end>'": "the end of the file",
}


def _yaml_message(error: yaml.MarkedYAMLError, text: str) -> str:
    problem = str(error.problem or "invalid YAML")
    message = _YAML_HINTS.get(problem, problem)
    context, where, mark = error.context, error.context_mark, error.problem_mark
    if context and problem not in _YAML_HINTS and where is not None and (mark is None or where.line != mark.line):
        message += f" ({context} that starts at line {where.line + 1}, column {where.column + 1})"
    for jargon, words in _YAML_WORDS.items():
        message = message.replace(jargon, words)
    quote = _quote_ending_at(text, mark.line) if mark is not None else None
    if quote is not None:
        message += f"; the quoted value from line {quote.line + 1}, column {quote.column + 1} runs on " \
                   f"to this line: is its closing quote missing?"
    return message


def _quote_ending_at(text: str, line: int) -> yaml.Mark | None:
    """Where a quoted value that spans several lines and ends on ``line`` starts, if one does."""
    found = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.ScalarToken) and token.style in ("'", '"') \
                    and token.start_mark.line < token.end_mark.line == line:
                found = token.start_mark
    except yaml.YAMLError:
        pass
    return found


# libyaml's parser, when PyYAML has it: the same nodes and marks, about ten times faster.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse(text: str, loader_class: type) -> tuple[yaml.Node | None, Any]:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def read_yaml(text: str, display: str) -> tuple[Any, Located, list[ProblemError]]:
    """Parse YAML, keeping each value's node; a syntax error becomes a ProblemError.

    Parsed with libyaml; a file it refuses is parsed again with PyYAML's own parser, whose
    messages (and positions) are the ones the hints below know.
    """
    located = Located(lines=text.splitlines())
    try:
        try:
            node, data = _parse(text, _FAST_LOADER)
        except yaml.YAMLError:
            node, data = _parse(text, yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        # A quote left open is found at the end of the file; the author needs its start.
        at_start = error.problem == "found unexpected end of stream" and error.context_mark
        mark = error.context_mark if at_start else error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, located, [ProblemError(display, line, column, "(yaml)", _yaml_message(error, text))]
    except yaml.reader.ReaderError as error:  # a character YAML does not allow, before any parsing
        line = text.count("\n", 0, error.position) + 1
        column = error.position - text.rfind("\n", 0, error.position)
        return None, located, [ProblemError(display, line, column, "(yaml)", f"character "
                                            f"U+{error.character:04X} is not allowed in YAML: remove it")]
    duplicates: list[ProblemError] = []
    if node is not None:
        _locate(node, (), located, duplicates, display)
    return data, located, duplicates


def read_text(path: Path, display: str) -> tuple[bytes, str | None, list[ProblemError]]:
    """A file's bytes and its text; a file that cannot be read or is not UTF-8 becomes an error."""
    try:
        source = path.read_bytes()
    except OSError as error:
        return b"", None, [ProblemError(display, 1, 1, "(file)", f"cannot read: {error.strerror}")]
    try:
        return source, source.decode("utf-8"), []
    except UnicodeDecodeError as error:
        before = source[:error.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8")) + 1
        return source, None, [ProblemError(display, line, column, "(file)", f"not UTF-8: byte "
                                           f"0x{source[error.start]:02x} cannot be decoded; "
                                           "save the file as UTF-8")]


# ---------------------------------------------------------------------------------------
# Validation against the schema

class _Validator:
    def __init__(self, display: str, located: Located) -> None:
        self.display = display
        self.located = located
        self.errors: list[ProblemError] = []
        self.failed: set[FieldPath] = set()  # values present but invalid, already reported

    def add(self, path: FieldPath, message: str, *, at_key: bool = False,
            position: tuple[int, int] | None = None) -> None:
        line, column = position or (self.located.key_position(path) if at_key
                                    else self.located.position(path))
        self.errors.append(ProblemError(self.display, line, column, format_path(path), message))

    def mapping(self, data: Any, config_class: type[base.Config],
                path: FieldPath) -> dict[str, Any] | None:
        """Validate one mapping against a config class; return its values with defaults."""
        declared = schema.fields(config_class)
        if not isinstance(data, dict):
            first = next(name for name, option in declared.items() if option.mandatory)
            self.add(path, f"expected a mapping of fields ({first}: ..., ...), got {schema.describe(data)}")
            return None
        guessed = self._unknown_keys(data, declared, path)
        values: dict[str, Any] = {}
        for name, option in declared.items():
            if data.get(name) is not None:
                values[name] = self.value(option, data[name], path + (name,))
            elif option.mandatory and name in data:
                self.add(path + (name,), "required field is empty")
            elif option.mandatory and name not in guessed:
                self.add(path + (name,), "required field is missing")
            else:
                values[name] = option.default
        return values

    def _unknown_keys(self, data: dict[Any, Any], declared: dict[str, schema.Field],
                      path: FieldPath) -> set[str]:
        """Report keys the format does not know; return the fields they were probably meant as."""
        guessed: set[str] = set()
        for key in data:
            if key in declared:
                continue
            close = difflib.get_close_matches(str(key), [n for n in declared if n not in data],
                                              n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}?" if close else f"known fields: {', '.join(declared)}"
            self.add(path + (str(key),), f"unknown field {str(key)!r}; {hint}", at_key=True)
            guessed.update(close)
        return guessed

    def value(self, option: schema.Field, value: Any, path: FieldPath) -> Any:
        try:
            checked = option.run_validation(value)
        except schema.PythonSyntaxError as error:
            self._syntax_error(path, error)
        except schema.ItemError as error:
            self.add(path + (error.index,), str(error))
        except c.ValidationError as error:
            self.add(path, str(error))
        else:
            if isinstance(option, schema.Items):
                return [self.mapping(item, option.config_class, path + (i,))
                        for i, item in enumerate(checked)]
            return checked
        self.failed.add(path)
        return None

    def _syntax_error(self, path: FieldPath, error: schema.PythonSyntaxError) -> None:
        position = self.located.code_position(path, error.line, error.column)
        if position is None:
            node = self.located.nodes.get(path)
            joined = "a folded block (>) joins lines: write Python in a literal block (|)" \
                if isinstance(node, yaml.ScalarNode) and node.style == ">" else \
                "YAML joined the lines of this value"
            self.add(path, f"Python syntax error: {error.msg}, at line {error.line}, column "
                     f"{error.column} of the code; {joined}")
            return
        # Python counts lines from the start of the code; the author reads the file's lines.
        def file_line(match: re.Match[str]) -> str:
            mapped = self.located.code_position(path, int(match.group(1)), 1)
            return f"on line {mapped[0] if mapped else match.group(1)}"

        message = re.sub(r"\bon line (\d+)", file_line, error.msg)
        self.add(path, f"Python syntax error: {message}", position=position)


def _check_tests(values: dict[str, Any], check: _Validator) -> None:
    names: dict[str, FieldPath] = {}
    for kind in ("examples", "tests"):
        for index, test in enumerate(values.get(kind) or []):
            if test is not None:
                _check_test(test, (kind, index), check)
                _check_name(test, (kind, index), names, check)


def _check_test(test: dict[str, Any], path: FieldPath, check: _Validator) -> None:
    def given(key: str) -> bool:
        return test.get(key) is not None or path + (key,) in check.failed

    if given("call") and given("code"):
        check.add(path + ("code",), "a test has either call or code, not both", at_key=True)
    elif not given("call") and not given("code") and path[0] == "tests":
        check.add(path, "a test needs call (an expression) or code (statements)")
    if given("code") and not given("call"):
        for key in ("expect", "raises", "match", "rtol", "atol", "max_alloc", "dtype", "mutates"):
            if given(key):
                check.add(path + (key,), f"{key} applies to call tests; a code test checks with assert",
                          at_key=True)
    if given("raises") and given("expect"):
        check.add(path + ("expect",), "a test expects either a value or an exception (raises), "
                  "not both", at_key=True)
    if given("hint_on") and not given("hint"):
        check.add(path + ("hint_on",), "hint_on needs hint: it says when the hint is shown", at_key=True)
    if given("dtype") and given("raises"):
        check.add(path + ("dtype",), "dtype applies to a returned value, not to an exception (raises)",
                  at_key=True)
    if given("match") and not given("raises"):
        check.add(path + ("match",), "match needs raises: it checks the raised exception's message",
                  at_key=True)


def _check_name(test: dict[str, Any], path: FieldPath, names: dict[str, FieldPath],
                check: _Validator) -> None:
    name = test.get("name") or f"Example {path[1] + 1}"  # type: ignore[operator]
    test["name"] = name
    if name in names:
        check.add(path + ("name",), f"{name!r} is also the name of {format_path(names[name])}: "
                  "examples and tests need names of their own")
    names.setdefault(name, path)


def defined_names(code: str) -> set[str]:
    """Names bound at the top level of a module's source ("*" for a star import).

    Looks inside ``if``, ``try``, ``with`` and loops, as ``try: import x`` fallbacks need.
    """
    names: set[str] = set()
    _bind(ast.parse(code).body, names)
    return names


def _bind(statements: list[ast.stmt], names: set[str]) -> None:
    for node in statements:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
        for target in _targets(node):
            _bind_target(target, names)
        for block in _blocks(node):
            _bind(block, names)


def _targets(node: ast.stmt) -> list[ast.expr]:
    if isinstance(node, ast.Assign):
        return list(node.targets)
    if isinstance(node, (ast.AnnAssign, ast.AugAssign, ast.For, ast.AsyncFor)):
        return [node.target]
    if isinstance(node, (ast.With, ast.AsyncWith)):
        return [item.optional_vars for item in node.items if item.optional_vars is not None]
    return []


def _bind_target(target: ast.expr, names: set[str]) -> None:
    if isinstance(target, ast.Name):
        names.add(target.id)
    elif isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            _bind_target(element, names)
    elif isinstance(target, ast.Starred):
        _bind_target(target.value, names)


def _blocks(node: ast.stmt) -> list[list[ast.stmt]]:
    """The statement lists nested in a compound statement (not in a function or class)."""
    blocks = [getattr(node, name) for name in ("body", "orelse", "finalbody")
              if isinstance(getattr(node, name, None), list)]
    blocks += [handler.body for handler in getattr(node, "handlers", [])]
    blocks += [case.body for case in getattr(node, "cases", [])]
    return blocks


def _check_entry(values: dict[str, Any], check: _Validator) -> None:
    entry = values.get("entry")
    codes = {key: values[key] for key in ("solution", "starter") if values.get(key)}
    if not entry or not codes:
        return
    missing = [key for key, code in codes.items() if not _defines(code, entry)]
    if len(missing) == 2:  # the entry's name is the mistake, not the code
        check.add(("entry",), f"neither the solution nor the starter defines {entry!r}; "
                  + _entry_hint(entry, codes["solution"]))
        return
    for key in missing:
        check.add((key,), _undefined(entry))
    for kind in ("wrong_solutions", "alternative_solutions"):
        for index, other in enumerate(values.get(kind) or []):
            if other and other.get("code") and not _defines(other["code"], entry):
                check.add((kind, index, "code"), _undefined(entry))


def _defines(code: str, entry: str) -> bool:
    names = defined_names(code)
    return entry in names or "*" in names


def _undefined(entry: str) -> str:
    return f"does not define {entry!r}, the problem's entry: define it at the top level"


def _entry_hint(entry: str, solution: str) -> str:
    tree = ast.parse(solution)
    defined = [node.name for node in tree.body
               if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]
    close = difflib.get_close_matches(entry, defined, n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    if defined:
        return f"the solution defines {', '.join(map(repr, defined))}"
    return "define it with def or class"


def _check_slug(slug: str, display: str) -> list[ProblemError]:
    if not schema.SLUG_PATTERN.match(slug):
        why = f"folder name {slug!r} is not a valid slug: use lowercase letters, digits and hyphens, " \
              "e.g. lora-forward"
    elif slug in schema.RESERVED_SLUGS:
        why = f"folder name {slug!r} is reserved (problems/{slug}.md is the index of all problems)"
    else:
        return []
    return [ProblemError(display, 1, 1, "(folder)", why)]


def load_problem(path: Path, display: str, tracks: list[str] | None = None
                 ) -> tuple[Problem | None, list[ProblemError]]:
    """Load and validate one problem file; return the problem, or None and its errors."""
    slug = path.parent.name
    slug_errors = _check_slug(slug, display)
    source, text, errors = read_text(path, display)
    if text is None:
        return None, slug_errors + errors
    data, located, errors = read_yaml(text, display)
    if data is None and not errors:
        required = [name for name, option in schema.fields(schema.ProblemConfig).items() if option.mandatory]
        errors = [ProblemError(display, 1, 1, "(file)", f"the file is empty: a problem needs "
                               f"{', '.join(required)} (`kata new SLUG` writes a worked example)")]
    if data is None:
        return None, sorted(slug_errors + errors)
    check = _Validator(display, located)
    check.errors.extend(slug_errors + errors)
    values = check.mapping(data, schema.ProblemConfig, ())
    if values is not None:
        _check_tests(values, check)
        _check_entry(values, check)
        _check_track(values, tracks, check)
    if check.errors or values is None:
        return None, sorted(check.errors)
    return Problem(slug=slug, path=path, display_path=display, _located=located, source=source,
                   **values), []


def _check_track(values: dict[str, Any], tracks: list[str] | None, check: _Validator) -> None:
    track = values.get("track")
    if tracks is None or not track or track in tracks:
        return
    check.add(("track",), unknown_track(track, tracks))


def unknown_track(track: str, tracks: list[str]) -> str:
    """The message for a track that tracks.yml does not list: a near miss, or the list."""
    by_lower = {name.lower(): name for name in tracks}
    close = difflib.get_close_matches(track.lower(), list(by_lower), n=1, cutoff=0.6)
    hint = f"did you mean {by_lower[close[0]]!r}?" if close else \
        f"tracks are listed in problems/{TRACKS_FILE}: " + ", ".join(tracks)
    return f"unknown track {track!r}; {hint}"


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
    _, text, errors = read_text(path, display)
    if text is None:
        return [], errors
    data, located, errors = read_yaml(text, display)
    if errors:
        return [], errors
    if not isinstance(data, list):
        return [], [ProblemError(display, 1, 1, "(file)", "expected a list of tracks, each a mapping "
                                 f"with name and description, got {schema.describe(data)}")]
    tracks: list[Track] = []
    for index, item in enumerate(data):
        line, column = located.position((index,))
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            errors.append(ProblemError(display, line, column, f"[{index}]",
                                       "expected a mapping with a name (and a description)"))
        elif item["name"] in [t.name for t in tracks]:
            errors.append(ProblemError(display, line, column, f"[{index}].name",
                                       f"track {item['name']!r} is listed twice"))
        else:
            tracks.append(Track(item["name"], str(item.get("description") or "")))
    return tracks, errors


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _problem_folders(problems_dir: Path) -> list[Path]:
    # Hidden folders (.ipynb_checkpoints, an editor's) are not problems.
    return sorted(p for p in problems_dir.iterdir() if p.is_dir() and not p.name.startswith("."))


def load_problems(problems_dir: Path, root: Path, slugs: list[str] | None = None
                  ) -> tuple[list[Problem], list[Track], list[ProblemError]]:
    """Load every problem under ``problems_dir`` (or only ``slugs``), collecting all errors."""
    files, tracks, errors = problem_files(problems_dir, root, slugs)
    names = [t.name for t in tracks] if tracks else None
    problems: list[Problem] = []
    for path, display in files:
        problem, problem_errors = load_problem(path, display, names)
        errors.extend(problem_errors)
        if problem is not None:
            problems.append(problem)
    return sort_problems(problems, names or []), tracks, errors


def problem_files(problems_dir: Path, root: Path, slugs: list[str] | None = None
                  ) -> tuple[list[tuple[Path, str]], list[Track], list[ProblemError]]:
    """Every problem file under ``problems_dir`` (or only ``slugs``'), with the name it is
    shown by, and the tracks; a folder without one, or an unknown slug, is an error."""
    if not problems_dir.is_dir():
        return [], [], [ProblemError(_display(problems_dir, root), 1, 1, "(folder)",
                                     "no such folder: problems live in problems/<slug>/problem.yml")]
    tracks, errors = load_tracks(problems_dir, root)
    files: list[tuple[Path, str]] = []
    folders = _problem_folders(problems_dir)
    if slugs:
        known = {p.name for p in folders}
        for slug in dict.fromkeys(slugs):
            if slug not in known:
                close = difflib.get_close_matches(slug, known, n=1)
                errors.append(ProblemError(_display(problems_dir, root), 1, 1, "(folder)",
                                           f"no problem named {slug!r}"
                                           + (f"; did you mean {close[0]!r}?" if close else "")))
        folders = [p for p in folders if p.name in slugs]
    for folder in folders:
        path = folder / PROBLEM_FILE
        if not path.exists():
            errors.append(ProblemError(_display(folder, root), 1, 1, "(folder)",
                                       f"has no {PROBLEM_FILE}: every folder in problems/ is a "
                                       "problem; add one, or move the folder out"))
            continue
        files.append((path, _display(path, root)))
    return files, tracks, errors


def sort_problems(problems: list[Problem], track_order: list[str]) -> list[Problem]:
    """Problems in track order, then by ``order`` within a track, then by title."""
    rank = {name: i for i, name in enumerate(track_order)}
    return sorted(problems, key=lambda p: (rank.get(p.track, len(rank)), p.track,
                                           p.order if p.order is not None else 10**9, p.title))
