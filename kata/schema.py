"""The problem format, declared once with MkDocs' config machinery.

Each field of ``problem.yml`` is a MkDocs config option (``BaseConfigOption``) whose
``run_validation`` says what is wrong in words an author can act on, and whose
``json_schema()`` gives the same rule as JSON Schema: the published schema file is
generated from these classes, never kept by hand.
"""

from __future__ import annotations

import builtins
import difflib
import keyword
import re
import warnings
from typing import Any

import numpy as np
from mkdocs.config import base
from mkdocs.config import config_options as c

from kata.harness.explain import resolve_exception
from kata.harness.result import LEARNER_FAILURES
from kata.harness.values import parse_size

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# problems/index.md is the generated index of all problems: no problem page may take its name.
RESERVED_SLUGS = ("index",)
DIFFICULTIES = ("easy", "medium", "hard")
DEFAULT_TIME_LIMIT = 10.0
# The ways a test can fail, for hints scoped to one of them (``hint_on``).
FAILURE_KINDS = LEARNER_FAILURES


class ItemError(c.ValidationError):
    """A mistake in one item of a list, reported at that item."""

    def __init__(self, index: int, message: str) -> None:
        super().__init__(message)
        self.index = index


class Field(c.BaseConfigOption):
    """A field of the problem format, with a description for the guide and the schema."""

    def __init__(self, description: str, *, required: bool = True, default: Any = None) -> None:
        super().__init__()
        self.description = description
        # Not ``required``: MkDocs' Config sets that to True on every option of a class.
        self.mandatory = required
        self.default = default

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"description": self.description}
        if self.default is not None:
            schema["default"] = self.default
        return schema

    def fail(self, message: str) -> None:
        raise c.ValidationError(message)


def type_name(value: object) -> str:
    """What a YAML value is, in an author's words: ``a string``, ``a list``."""
    names = {str: "a string", int: "an integer", float: "a number", bool: "a boolean",
             list: "a list", dict: "a mapping", type(None): "nothing"}
    return names.get(type(value), f"a {type(value).__name__}")


def describe(value: object) -> str:
    """A YAML value as an error message shows it: scalars with their type, containers by kind."""
    if isinstance(value, (list, dict)) or value is None:
        return type_name(value)
    text = repr(value)
    return f"{text if len(text) <= 40 else text[:37] + '...'} ({type_name(value)})"


class Text(Field):
    """A non-empty string."""

    def __init__(self, description: str, *, pattern: re.Pattern[str] | None = None,
                 pattern_hint: str = "", **kwargs: Any) -> None:
        super().__init__(description, **kwargs)
        self.pattern = pattern
        self.pattern_hint = pattern_hint

    def run_validation(self, value: object) -> str:
        if not isinstance(value, str):
            self.fail(f"expected a string, got {describe(value)}")
        if not value.strip():
            self.fail("must not be empty")
        if self.pattern and not self.pattern.match(value):
            self.fail(f"expected {self.pattern_hint}, got {value!r}")
        return value

    def json_schema(self) -> dict[str, Any]:
        schema = {**super().json_schema(), "type": "string", "minLength": 1}
        if self.pattern:
            schema["pattern"] = self.pattern.pattern
        return schema


class Identifier(Text):
    """A Python identifier: the name the learner's code must define."""

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if not text.isidentifier() or keyword.iskeyword(text):
            self.fail(f"{text!r} is not a Python identifier")
        return text

    def json_schema(self) -> dict[str, Any]:
        return {**super().json_schema(), "pattern": r"^[A-Za-z_][A-Za-z0-9_]*$"}


class Choice(Field):
    def __init__(self, description: str, choices: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(description, **kwargs)
        self.choices = choices

    def run_validation(self, value: object) -> str:
        if value not in self.choices:
            self.fail(f"expected one of {', '.join(self.choices)}, got {value!r}")
        return str(value)

    def json_schema(self) -> dict[str, Any]:
        return {**super().json_schema(), "enum": list(self.choices)}


class Number(Field):
    def __init__(self, description: str, *, integer: bool = False, minimum: float | None = None,
                 exclusive: bool = False, maximum: float | None = None, **kwargs: Any) -> None:
        super().__init__(description, **kwargs)
        self.integer, self.minimum, self.exclusive, self.maximum = integer, minimum, exclusive, maximum

    def run_validation(self, value: object) -> float | int:
        kinds = (int,) if self.integer else (int, float)
        if isinstance(value, bool) or not isinstance(value, kinds):
            self.fail(f"expected {'an integer' if self.integer else 'a number'}, "
                      f"got {describe(value)}")
        assert isinstance(value, (int, float))
        if self.minimum is not None and (value <= self.minimum if self.exclusive
                                         else value < self.minimum):
            self.fail(f"must be {'greater than' if self.exclusive else 'at least'} "
                      f"{self.minimum:g}, got {value!r}")
        if self.maximum is not None and value > self.maximum:
            self.fail(f"must be at most {self.maximum:g}, got {value!r}")
        return value

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {**super().json_schema(),
                                  "type": "integer" if self.integer else "number"}
        if self.minimum is not None:
            schema["exclusiveMinimum" if self.exclusive else "minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return schema


class TextList(Field):
    """A list of non-empty strings."""

    def __init__(self, description: str, *, item_pattern: re.Pattern[str] | None = None,
                 item_hint: str = "", **kwargs: Any) -> None:
        super().__init__(description, **kwargs)
        self.item = Text(description, pattern=item_pattern, pattern_hint=item_hint)

    def run_validation(self, value: object) -> list[str]:
        if not isinstance(value, list):
            self.fail(f"expected a list of strings, got {describe(value)}")
        for index, item in enumerate(value):
            try:
                self.item.run_validation(item)
            except c.ValidationError as error:
                raise ItemError(index, str(error)) from None
        return value

    def json_schema(self) -> dict[str, Any]:
        item = self.item.json_schema()
        item.pop("description")
        item.pop("default", None)
        return {**super().json_schema(), "type": "array", "items": item}


class PythonCode(Text):
    """Python source: statements (``exec``) or one expression (``eval``)."""

    def __init__(self, description: str, *, mode: str = "exec", **kwargs: Any) -> None:
        super().__init__(description, **kwargs)
        self.mode = mode

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        # compile, not ast.parse: `break` outside a loop or `return` outside a function are
        # errors only the compiler finds. Nothing runs; warnings belong to the check's run.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                compile(text, "<problem.yml>", self.mode, dont_inherit=True)
            except SyntaxError as error:
                raise PythonSyntaxError(error, text, self.mode) from None
            except ValueError as error:  # a null character
                raise PythonSyntaxError(SyntaxError(str(error), ("", 1, 1, "")), text, self.mode) from None
        return text

    def json_schema(self) -> dict[str, Any]:
        schema = super().json_schema()
        schema["description"] += " (Python" + (" expression)" if self.mode == "eval" else ")")
        return schema


class PythonSyntaxError(c.ValidationError):
    """A syntax error in embedded Python; carries the 1-based line and column inside the code."""

    def __init__(self, error: SyntaxError, code: str, mode: str) -> None:
        super().__init__(f"Python syntax error: {error.msg}")
        self.msg = error.msg
        self.line = error.lineno or 1
        self.column = error.offset or 0
        if self.column < 1 and mode == "eval":
            # Python 3.11 gives no column for some errors in an expression; the same text
            # as a statement gets one.
            self.column = _statement_offset(code, self.line)
        self.column = max(self.column, 1)


def _statement_offset(code: str, line: int) -> int:
    try:
        compile(code, "<problem.yml>", "exec", dont_inherit=True)
    except SyntaxError as error:
        if error.lineno == line and error.offset:
            return error.offset
    except ValueError:
        pass
    return 1


def _exception_names() -> list[str]:
    return [name for name, value in vars(builtins).items()
            if isinstance(value, type) and issubclass(value, BaseException)]


class ExceptionName(Text):
    """The name of an exception class: a builtin, or a dotted path such as numpy.linalg.LinAlgError."""

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        try:
            resolve_exception(text)
        except (ValueError, ImportError):
            close = difflib.get_close_matches(text, _exception_names(), n=1, cutoff=0.7)
            hint = f"did you mean {close[0]!r}?" if close else \
                "name a builtin such as ValueError, or a dotted path such as numpy.linalg.LinAlgError"
            self.fail(f"{text!r} is not an exception class: {hint}")
        return text


class Pattern(Text):
    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        try:
            re.compile(text)
        except re.error as error:
            self.fail(f"not a valid regular expression: {error}")
        return text


class Size(Field):
    """A byte size such as ``1 MB`` or ``512 KiB``."""

    def run_validation(self, value: object) -> str | int:
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            self.fail(f"expected a size such as '1 MB', got {describe(value)}")
        try:
            parse_size(value)
        except ValueError as error:
            self.fail(str(error))
        return value

    def json_schema(self) -> dict[str, Any]:
        return {**super().json_schema(), "oneOf": [
            {"type": "integer", "minimum": 0},
            {"type": "string", "pattern": r"^\s*\d+(\.\d+)?\s*([kKmMgG][iI]?[bB]|[bB])?\s*$"}]}


class Flag(Field):
    """true or false."""

    def run_validation(self, value: object) -> bool:
        if not isinstance(value, bool):
            self.fail(f"expected true or false, got {describe(value)}")
        return value

    def json_schema(self) -> dict[str, Any]:
        return {**super().json_schema(), "type": "boolean"}


class ChoiceList(Field):
    """A list of words, each one of ``choices`` (a single word stands for a list of one)."""

    def __init__(self, description: str, choices: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(description, **kwargs)
        self.choices = choices

    def run_validation(self, value: object) -> list[str]:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items:
            self.fail(f"expected one of {', '.join(self.choices)}, or a list of them, got {describe(value)}")
        for index, item in enumerate(items):
            if item not in self.choices:
                close = difflib.get_close_matches(str(item), self.choices, n=1, cutoff=0.6)
                message = f"expected one of {', '.join(self.choices)}, got {item!r}" + \
                    (f"; did you mean {close[0]!r}?" if close else "")
                raise ItemError(index, message) if isinstance(value, list) else c.ValidationError(message)
        return list(dict.fromkeys(items))

    def json_schema(self) -> dict[str, Any]:
        word = {"type": "string", "enum": list(self.choices)}
        return {**super().json_schema(), "oneOf": [word, {"type": "array", "minItems": 1, "items": word}]}


class DtypeRule(Text):
    """``exact`` (the reference result's dtype) or the name of a NumPy dtype."""

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if text == "exact":
            return text
        try:
            dtype = np.dtype(text)
        except TypeError:
            dtype = None
        if dtype is None or dtype.kind not in "biufc" or dtype.name != text:
            self.fail(f"expected exact or a NumPy dtype name such as float32, int64, bool, got {text!r}")
        return text


class AnyValue(Field):
    """Any YAML value (an expected result)."""

    def run_validation(self, value: object) -> object:
        return value


class Items(Field):
    """A list of mappings, each checked against ``config_class`` with its own path."""

    def __init__(self, description: str, config_class: type[base.Config], *,
                 min_items: int = 0, **kwargs: Any) -> None:
        super().__init__(description, **kwargs)
        self.config_class = config_class
        self.min_items = min_items

    def run_validation(self, value: object) -> list[Any]:
        if not isinstance(value, list):
            self.fail(f"expected a list, got {describe(value)}")
        if len(value) < self.min_items:
            self.fail(f"expected at least {self.min_items} item{'s' * (self.min_items > 1)}, "
                      "got an empty list")
        return value

    def json_schema(self) -> dict[str, Any]:
        return {**super().json_schema(), "type": "array", "minItems": self.min_items,
                "items": config_schema(self.config_class)}


# ---------------------------------------------------------------------------------------
# The format itself.

class AlternativeSolutionConfig(base.Config):
    name = Text("The route this correct solution takes, in a few words.")
    code = PythonCode("Another correct solution, written from the statement alone: it must pass "
                      "every test, which keeps the tests from asking more than the statement.")


class EquivalentMutantConfig(base.Config):
    mutant = Text("The surviving mutant, exactly as `kata check --mutants` prints it.")
    why = Text("Why this change cannot alter what the function returns or raises.")


class WrongSolutionConfig(base.Config):
    name = Text("What is wrong with this attempt, in a few words.")
    code = PythonCode("A plausible but wrong solution: it must fail at least one test.")


class ExampleConfig(base.Config):
    name = Text("Shown in the results; defaults to 'Example N'.", required=False)
    setup = PythonCode("Statements run before the call, in the test's own namespace "
                       "(np is imported).", required=False)
    call = PythonCode("The expression whose value is checked, e.g. f(x, 2).", mode="eval")
    expect = AnyValue("The expected value, as YAML; omit it to use the reference "
                      "solution's result, computed at build time.", required=False)
    raises = ExceptionName("The exception the call must raise (or a subclass).",
                           required=False)
    match = Pattern("A regular expression the raised exception's message must contain.",
                    required=False)
    rtol = Number("Relative tolerance for floating-point results.", minimum=0, required=False)
    atol = Number("Absolute tolerance for floating-point results.", minimum=0, required=False)
    dtype = DtypeRule("The result's dtype must be exactly the reference result's (exact) or "
                      "this NumPy dtype (float32); without it, the dtype family is checked.",
                      required=False)
    mutates = Flag("The call may change its arguments in place (the point of the test); "
                   "otherwise an argument changed in place fails the test.", required=False)


class TestConfig(ExampleConfig):
    name = Text("The test's name, shown to the learner with its outcome.")
    call = PythonCode("The expression whose value is checked. A test has call or code.",
                      mode="eval", required=False)
    code = PythonCode("Statements for what call/expect cannot say; a failing assert fails "
                      "the test with its message. A test has call or code.", required=False)
    max_alloc = Size("Peak memory the call may allocate (tracemalloc), e.g. '1 MB'.",
                     required=False)
    hint = Text("A sentence shown to the learner when this test fails.", required=False)
    hint_on = ChoiceList("Show the hint only for these kinds of failure: " + ", ".join(FAILURE_KINDS)
                         + ". Default: any failure.", FAILURE_KINDS, required=False)


class ProblemConfig(base.Config):
    title = Text("The problem's title.")
    difficulty = Choice("How hard the problem is.", DIFFICULTIES)
    track = Text("The track the problem belongs to; tracks group problems in the "
                 "navigation and the index.")
    order = Number("Position in its track.", integer=True, minimum=0, required=False)
    tags = TextList("Topics, lowercase words joined by hyphens.", required=False, default=[],
                    item_pattern=SLUG_PATTERN, item_hint="lowercase words joined by hyphens")
    entry = Identifier("The name the learner's code must define (a function or a class).")
    time_limit = Number("Seconds a whole submission may take.", minimum=0, exclusive=True,
                        maximum=120, required=False, default=DEFAULT_TIME_LIMIT)
    statement = Text("The problem statement, Markdown with $inline$ and $$display$$ math.")
    starter = PythonCode("The code the editor starts with.")
    solution = PythonCode("The reference solution: it must pass every example and test.")
    hints = TextList("Hints, revealed one at a time (Markdown).", required=False, default=[])
    explanation = Text("A short editorial shown with the solution: why this approach, its cost, "
                       "the pitfalls (Markdown with math).", required=False)
    examples = Items("Visible examples: Run runs them, the page shows them.", ExampleConfig,
                     min_items=1)
    tests = Items("Hidden tests: Submit runs the examples, then these.", TestConfig,
                  min_items=1)
    wrong_solutions = Items("Known-wrong attempts; each must fail at least one test.",
                            WrongSolutionConfig, required=False, default=[])
    alternative_solutions = Items("Other correct solutions, by other routes; each must pass every "
                                  "test.", AlternativeSolutionConfig, required=False, default=[])
    equivalent_mutants = Items("Mutants of the solution that no test can kill, each with the "
                               "reason it behaves like the solution.", EquivalentMutantConfig,
                               required=False, default=[])


def fields(config_class: type[base.Config]) -> dict[str, Field]:
    """The declared fields of a config class, in declaration order."""
    return {name: option for name, option in config_class._schema  # type: ignore[misc]
            if isinstance(option, Field)}


def config_schema(config_class: type[base.Config]) -> dict[str, Any]:
    """JSON Schema for one config class."""
    declared = fields(config_class)
    return {"type": "object", "additionalProperties": False,
            "required": [name for name, option in declared.items() if option.mandatory],
            "properties": {name: option.json_schema() for name, option in declared.items()}}


def json_schema() -> dict[str, Any]:
    """The JSON Schema of problem.yml, generated from :class:`ProblemConfig`.

    Draft-07, the newest draft editors' YAML support (yaml-language-server) fully handles.
    What a schema cannot say (entry defined by the code, Python syntax) is left to ``kata check``.
    """
    schema = config_schema(ProblemConfig)
    for kind in ("examples", "tests"):
        schema["properties"][kind]["items"]["dependencies"] = {"match": ["raises"]}
    schema["properties"]["tests"]["items"]["oneOf"] = [
        {"required": ["call"], "not": {"required": ["code"]}},
        {"required": ["code"], "not": {"required": ["call"]}}]
    return {"$schema": "http://json-schema.org/draft-07/schema#",
            "$id": "problem.schema.json", "title": "Tensor Kata problem (problem.yml)",
            **schema}
