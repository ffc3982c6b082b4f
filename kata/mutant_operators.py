"""The mutation operators: where a solution's source can be changed, and how each change reads.

Each operator takes a parsed solution and one site (a statement, or an expression that a
statement owns) and yields :class:`Change`s: exact edits of the source text, each with the
sentence that describes it to an author. Messages are never changed: not the expressions of
a ``raise`` statement (the raise operator removes it whole), not an ``assert``'s message,
not f-strings; nor are annotations.
"""

from __future__ import annotations

import ast
import bisect
import io
import tokenize
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kata.problem import defined_names

SNIPPET_LIMIT = 100  # characters of code quoted in a description
NTH = "\x00"  # where an ordinal goes in a description when several mutants would read the same


# ---------------------------------------------------------------------------------------
# The source, with positions in characters (the AST counts columns in UTF-8 bytes).

class Source:
    """A solution's text: character offsets of AST positions, snippets on one line."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line) + 1)
        self.comments = _comment_spans(text, self.starts)

    def index(self, line: int, byte_column: int) -> int:
        """The character offset of an AST position (1-based line, column in UTF-8 bytes)."""
        text = self.lines[line - 1]
        return self.starts[line - 1] + len(text.encode("utf-8")[:byte_column].decode("utf-8", "ignore"))

    def start(self, node: ast.AST) -> int:
        """Where a node's code starts, as a character offset."""
        return self.index(node.lineno, node.col_offset)  # type: ignore[attr-defined]

    def end(self, node: ast.AST) -> int:
        """Where a node's code ends, as a character offset."""
        return self.index(node.end_lineno, node.end_col_offset)  # type: ignore[attr-defined]

    def segment(self, node: ast.AST) -> str:
        """A node's code, exactly as written (without the parentheses around it)."""
        return self.text[self.start(node):self.end(node)]

    def position(self, index: int) -> tuple[int, int]:
        """1-based line and column of a character offset."""
        line = bisect.bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1

    def without_comments(self, start: int, end: int) -> str:
        """The text from ``start`` to ``end`` with its comments blanked out."""
        text = list(self.text[start:end])
        for first, last in self.comments:
            for i in range(max(first, start), min(last, end)):
                text[i - start] = " "
        return "".join(text)

    def one_line(self, start: int, end: int) -> str:
        """The code from ``start`` to ``end`` as a description quotes it: one line, no comments."""
        return _cut(" ".join(self.without_comments(start, end).split()))


def _comment_spans(text: str, starts: list[int]) -> list[tuple[int, int]]:
    tokens = tokenize.generate_tokens(io.StringIO(text).readline)
    return [(starts[t.start[0] - 1] + t.start[1], starts[t.end[0] - 1] + t.end[1])
            for t in tokens if t.type == tokenize.COMMENT]


def _cut(text: str) -> str:
    return text if len(text) <= SNIPPET_LIMIT else text[:SNIPPET_LIMIT - 3] + "..."


# ---------------------------------------------------------------------------------------
# Where mutations can go: every statement, and the expressions each statement owns.

@dataclass(frozen=True)
class _Site:
    """A node that an operator may change, with its statement and where it is."""

    node: ast.AST
    statement: ast.stmt
    function: str = ""     # the enclosing function's (or class's) qualified name, "" at module level
    public: bool = False   # a def that is part of the solution's interface, or code that runs in one
    method: bool = False   # the node is a function defined in a class body


@dataclass(frozen=True)
class _Scope:
    """Where statements are: module level, a class body or a function body."""

    name: str = ""
    public: bool = True       # the solution's interface: module level, a public function
    exposes: bool = True      # a def or class here is public unless its name starts with _
    in_class: bool = False


_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _sites(statements: list[ast.stmt], scope: _Scope = _Scope()) -> Iterator[_Site]:
    for statement in statements:
        function = isinstance(statement, _FUNCTIONS)
        public = _exposed(statement, scope) if function else scope.public
        yield _Site(statement, statement, scope.name, public, scope.in_class and function)
        if not isinstance(statement, ast.Raise):  # an exception and its message: removed whole
            for node in _owned_expressions(statement):
                yield _Site(node, statement, scope.name, scope.public)
        yield from _nested_sites(statement, scope)


def _nested_sites(statement: ast.stmt, scope: _Scope) -> Iterator[_Site]:
    if isinstance(statement, (*_FUNCTIONS, ast.ClassDef)):
        name = f"{scope.name}.{statement.name}" if scope.name else statement.name
        public = _exposed(statement, scope)
        is_class = isinstance(statement, ast.ClassDef)
        # A function's own helpers (nested functions) are not part of the interface.
        yield from _sites(statement.body, _Scope(name, public, public and is_class, is_class))
        return
    for block in _blocks(statement):
        yield from _sites(block, scope)


def _exposed(definition: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, scope: _Scope) -> bool:
    """A function or class that is part of the solution's interface: defined at module level
    or in a public class, and named without a leading underscore (dunder methods count)."""
    name = definition.name
    return scope.exposes and (not name.startswith("_") or name.startswith("__") and name.endswith("__"))


def _blocks(statement: ast.stmt) -> list[list[ast.stmt]]:
    blocks = [getattr(statement, name) for name in ("body", "orelse", "finalbody")
              if isinstance(getattr(statement, name, None), list)]
    blocks += [handler.body for handler in getattr(statement, "handlers", [])]
    blocks += [case.body for case in getattr(statement, "cases", [])]
    return blocks


def _owned_expressions(statement: ast.stmt) -> Iterator[ast.AST]:
    """The expressions of a statement itself, not of the statements nested in it, nor its
    annotations."""
    if isinstance(statement, _FUNCTIONS):
        roots: list[ast.AST] = [*statement.decorator_list, *_defaults(statement.args)]
    elif isinstance(statement, ast.Assert):
        roots = [statement.test]  # not its message
    elif isinstance(statement, ast.AnnAssign):
        roots = [statement.target] + ([statement.value] if statement.value else [])
    else:
        roots = [child for child in ast.iter_child_nodes(statement)
                 if not isinstance(child, (ast.stmt, ast.excepthandler, ast.match_case))]
    for root in roots:
        yield from _expressions(root)


def _defaults(arguments: ast.arguments) -> list[ast.expr]:
    return [*arguments.defaults, *(d for d in arguments.kw_defaults if d is not None)]


def _expressions(node: ast.AST) -> Iterator[ast.AST]:
    """``node`` and the nodes under it, leaving out f-strings (messages) and annotations."""
    if isinstance(node, ast.JoinedStr):
        return
    yield node
    if isinstance(node, ast.Lambda):
        children: list[ast.AST] = [*_defaults(node.args), node.body]
    else:
        children = list(ast.iter_child_nodes(node))
    for child in children:
        yield from _expressions(child)


# ---------------------------------------------------------------------------------------
# A change to the source, described as an author reads it.

@dataclass(frozen=True)
class Change:
    """Replace ``source[start:end]`` with ``text``; report it at ``at``."""

    operator: str
    start: int
    end: int
    text: str
    at: int
    description: str  # may hold NTH, where an ordinal goes if another mutant reads the same


class _Module:
    """A parsed solution, and what the operators need to know about it."""

    def __init__(self, text: str) -> None:
        self.source = Source(text)
        self.tree = ast.parse(text)
        self.parents = {child: parent for parent in ast.walk(self.tree)
                        for child in ast.iter_child_nodes(parent)}
        self.numpy = "np" in defined_names(text)
        self.max_names = _names_assigned_a_max(self.tree)
        self.sites = list(_sites(self.tree.body))

    def context(self, statement: ast.stmt) -> str:
        """The statement on one line; a compound statement by its header (``if r < 1:``)."""
        start = self.source.start(statement)
        body = getattr(statement, "body", None)
        if isinstance(body, list) and body:
            return self.source.one_line(start, self.source.start(body[0]))
        return self.source.one_line(start, self.source.end(statement))

    def snippet(self, node: ast.AST) -> str:
        return self.source.one_line(self.source.start(node), self.source.end(node))

    def operand(self, node: ast.AST) -> str:
        """The node's code, in parentheses unless it can stand anywhere as it is."""
        text = self.source.segment(node)
        return text if _atomic(node) else f"({text})"

    def replace(self, operator: str, site: _Site, node: ast.AST, text: str, *, old: str | None = None,
                new: str | None = None, note: str = "", description: str = "") -> Change:
        """Replace ``node`` with ``text``, described as ``replaced `old` with `new` in `context```
        unless a ``description`` is given."""
        old = old if old is not None else self.snippet(node)
        new = new if new is not None else _cut(" ".join(text.split()))
        where = f" in `{self.context(site.statement)}`" if node is not site.statement else ""
        description = description or f"replaced {NTH}`{old}` with `{new}`{where}" + (f" {note}" if note else "")
        start = self.source.start(node)
        return Change(operator, start, self.source.end(node), text, start, description)

    def swap_token(self, operator: str, site: _Site, left: ast.AST, right: ast.AST,
                   old: str, new: str) -> Change | None:
        """Replace the operator token ``old`` that sits between ``left`` and ``right``."""
        start, end = self.source.end(left), self.source.start(right)
        found = self.source.without_comments(start, end).find(old)
        if found < 0:
            return None
        at = start + found
        description = f"replaced {NTH}`{old}` with `{new}` in `{self.context(site.statement)}`"
        return Change(operator, at, at + len(old), new, at, description)

    def edited(self, outer: ast.AST, inner: ast.AST, text: str) -> str:
        """The code of ``outer`` with ``inner`` (a node inside it) replaced by ``text``, on one line."""
        start, end = self.source.start(outer), self.source.end(outer)
        code = self.source.without_comments(start, end)
        inner_start = self.source.start(inner) - start
        code = code[:inner_start] + text + code[self.source.end(inner) - start:]
        return _cut(" ".join(code.split()))


def _atomic(node: ast.AST) -> bool:
    return isinstance(node, (ast.Name, ast.Attribute, ast.Call, ast.Subscript, ast.Constant,
                             ast.List, ast.Dict, ast.Set, ast.ListComp, ast.SetComp, ast.DictComp))


_MAX_CALLS = ("max", "amax", "nanmax", "logsumexp")


def _is_max_call(node: ast.AST) -> bool:
    """``x.max(...)``, ``np.max(x, ...)``, ``logsumexp(x)``: what a stabiliser subtracts."""
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    return isinstance(func, ast.Attribute) and func.attr in _MAX_CALLS or \
        isinstance(func, ast.Name) and func.id == "logsumexp"


def _names_assigned_a_max(tree: ast.Module) -> set[str]:
    """Names bound to an expression that takes a maximum (``row_max = scores.max(...)``)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(_is_max_call(n) for n in ast.walk(node.value)):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


def _number(node: ast.AST | None) -> int | float | None:
    """The value of a number literal (``-1`` included), or None."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        value = _number(node.operand)
        return -value if value is not None else None
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return node.value  # type: ignore[no-any-return]
    return None


def _shifted(module: _Module, node: ast.AST, delta: int) -> str:
    """The code of ``node`` plus or minus one (``n - 1``, ``start + m + 1``)."""
    text = module.source.segment(node)
    arithmetic = isinstance(node, ast.UnaryOp) or isinstance(node, ast.BinOp) and isinstance(
        node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow, ast.MatMult))
    if not (_atomic(node) or arithmetic):
        text = f"({text})"
    return f"{text} + 1" if delta > 0 else f"{text} - 1"


def _is_numpy(node: ast.AST) -> bool:
    return isinstance(node, ast.Name) and node.id in ("np", "numpy")


# ---------------------------------------------------------------------------------------
# The operators. Each takes the module and a site and yields changes; OPERATORS keeps their
# order, which decides which operator a mutant is credited to when two make the same code.

Operator = Callable[[_Module, _Site], Iterator[Change]]

_ARITHMETIC = {ast.Add: ("+", ["-"]), ast.Sub: ("-", ["+"]), ast.Mult: ("*", ["/"]),
               ast.Div: ("/", ["*", "//"]), ast.FloorDiv: ("//", ["/"])}
_COMPARISON = {ast.Lt: ("<", "<="), ast.LtE: ("<=", "<"), ast.Gt: (">", ">="),
               ast.GtE: (">=", ">"), ast.Eq: ("==", "!="), ast.NotEq: ("!=", "==")}


def _arithmetic(module: _Module, site: _Site) -> Iterator[Change]:
    """``+`` and ``-``, ``*`` and ``/``, ``/`` and ``//`` swapped (``+=`` and ``-=`` too)."""
    node = site.node
    if isinstance(node, ast.BinOp):
        left, right, suffix = node.left, node.right, ""
    elif isinstance(node, ast.AugAssign):
        left, right, suffix = node.target, node.value, "="
    else:
        return
    old, news = _ARITHMETIC.get(type(node.op), ("", []))
    for new in news:
        change = module.swap_token("arithmetic", site, left, right, old + suffix, new + suffix)
        if change is not None:
            yield change


def _comparison(module: _Module, site: _Site) -> Iterator[Change]:
    """``<`` and ``<=``, ``>`` and ``>=``, ``==`` and ``!=`` swapped."""
    node = site.node
    if not isinstance(node, ast.Compare):
        return
    lefts = [node.left, *node.comparators[:-1]]
    for left, op, right in zip(lefts, node.ops, node.comparators):
        if type(op) in _COMPARISON:
            old, new = _COMPARISON[type(op)]
            change = module.swap_token("comparison", site, left, right, old, new)
            if change is not None:
                yield change


def _constant(module: _Module, site: _Site) -> Iterator[Change]:
    """A number nudged: an integer n to n + 1 and n - 1, 0.0 to 1.0, 1.0 to 0.0, a small
    float (1e-5) to 0.0, any other float c to 2c. ``axis=`` values are the axis operator's."""
    node = site.node
    value = _number(node)
    if value is None or _part_of_another(module.parents.get(node)):
        return
    for new in _nudges(value):
        yield module.replace("constant", site, node, repr(new))


def _part_of_another(parent: ast.AST | None) -> bool:
    """The number is the 1 of ``-1`` (changed with its sign, as one number) or an ``axis=``."""
    return _number(parent) is not None or isinstance(parent, ast.keyword) and parent.arg == "axis"


def _nudges(value: int | float) -> list[int | float]:
    if isinstance(value, int):
        return [value + 1, value - 1]
    if value in (0.0, 1.0):
        return [1.0 - value] + ([2.0] if value == 1.0 else [])
    return [0.0] if abs(value) < 1e-3 else [2 * value]


def _axis(module: _Module, site: _Site) -> Iterator[Change]:
    """``axis=`` changed to another of 0, -1 and 1, or dropped."""
    node = site.node
    if not isinstance(node, ast.Call):
        return
    for keyword in node.keywords:
        value = _number(keyword.value)
        if keyword.arg != "axis" or not isinstance(value, int):
            continue
        for axis in (0, -1, 1):
            if axis != value:
                yield module.replace("axis", site, keyword, f"axis={axis}")
        yield _drop_argument(module, site, node, keyword)


def _drop_argument(module: _Module, site: _Site, call: ast.Call, argument: ast.AST) -> Change:
    """Remove one argument of a call with the comma that goes with it."""
    source = module.source
    items = sorted([*call.args, *call.keywords], key=source.start)
    index = items.index(argument)  # type: ignore[arg-type]
    if index > 0:
        start, end = source.end(items[index - 1]), source.end(argument)
    elif len(items) > 1:
        start, end = source.start(argument), source.start(items[1])
    else:
        start, end = source.start(argument), source.end(argument)
    description = f"removed {NTH}`{module.snippet(argument)}` in `{module.context(site.statement)}`"
    return Change("axis", start, end, "", source.start(argument), description)


def _keepdims(module: _Module, site: _Site) -> Iterator[Change]:
    """``keepdims=True`` and ``keepdims=False`` swapped."""
    node = site.node
    if not isinstance(node, ast.Call):
        return
    for keyword in node.keywords:
        if keyword.arg == "keepdims" and isinstance(keyword.value, ast.Constant) \
                and isinstance(keyword.value.value, bool):
            yield module.replace("keepdims", site, keyword, f"keepdims={not keyword.value.value}")


def _transpose(module: _Module, site: _Site) -> Iterator[Change]:
    """``x.T``, ``x.transpose(...)``, ``np.transpose(x, ...)``, ``np.swapaxes(x, ...)`` -> ``x``."""
    node = site.node
    inner = _transposed(node)
    if inner is not None:
        yield module.replace("transpose", site, node, module.operand(inner))


def _transposed(node: ast.AST) -> ast.AST | None:
    if isinstance(node, ast.Attribute) and node.attr == "T" and isinstance(node.ctx, ast.Load):
        return node.value
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)) \
            or node.func.attr not in ("transpose", "swapaxes"):
        return None
    if _is_numpy(node.func.value):
        return node.args[0] if node.args else None
    return node.func.value


def _matmul(module: _Module, site: _Site) -> Iterator[Change]:
    """The operands of ``@`` swapped."""
    node = site.node
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
        swapped = f"{module.operand(node.right)} @ {module.operand(node.left)}"
        yield module.replace("matmul", site, node, swapped)


def _stabiliser(module: _Module, site: _Site) -> Iterator[Change]:
    """``x - x.max(...)``, ``x - np.max(x, ...)``, ``x - row_max`` -> ``x``."""
    node = site.node
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Sub) and (
            _is_max_call(node.right) or isinstance(node.right, ast.Name)
            and node.right.id in module.max_names):
        yield module.replace("stabiliser", site, node, module.operand(node.left),
                             note="(stabiliser removed)")


_MATH = ("sqrt", "log", "exp")


def _math(module: _Module, site: _Site) -> Iterator[Change]:
    """``np.sqrt``, ``np.log`` and ``np.exp`` (or ``math.``'s) removed, or swapped with each other."""
    node = site.node
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr in _MATH and isinstance(node.func.value, ast.Name)
            and node.func.value.id in ("np", "numpy", "math")):
        return
    if len(node.args) == 1 and not node.keywords:
        yield module.replace("math", site, node, module.operand(node.args[0]))
    for other in _MATH:
        if other != node.func.attr:
            yield module.replace("math", site, node.func, f"{node.func.value.id}.{other}")


def _raise(module: _Module, site: _Site) -> Iterator[Change]:
    """A ``raise`` statement replaced by ``pass``."""
    if isinstance(site.node, ast.Raise):
        yield module.replace("raise", site, site.node, "pass")


def _guard(module: _Module, site: _Site) -> Iterator[Change]:
    """The test of an ``if`` whose body raises or returns replaced by ``False``; not when the
    body is a lone ``raise`` with no ``else``, which the raise operator already removes."""
    node = site.node
    if not isinstance(node, ast.If) or not _exits(node.body) or isinstance(node.test, ast.Constant):
        return
    if len(node.body) == 1 and isinstance(node.body[0], ast.Raise) and not node.orelse:
        return
    yield module.replace("guard", site, node.test, "False")


def _exits(statements: list[ast.stmt]) -> bool:
    for statement in statements:
        for node in ast.walk(statement):
            if isinstance(node, (ast.Raise, ast.Return)):
                return True
    return False


_PYTHON_VALUES = ("float", "int", "bool", "str", "len", "list", "tuple", "dict", "set", "sorted",
                  "round", "sum", "range", "repr", "format")
_NOT_ARRAYS = (ast.Constant, ast.Tuple, ast.List, ast.Dict, ast.Set, ast.ListComp, ast.SetComp,
               ast.DictComp, ast.GeneratorExp, ast.JoinedStr, ast.Compare, ast.BoolOp, ast.Lambda)


def _float64(module: _Module, site: _Site) -> Iterator[Change]:
    """The value returned by a public function wrapped in ``np.asarray(..., dtype=np.float64)``,
    where it may be a float array (not a tuple, list, dict, literal or Python scalar)."""
    node = site.node
    if not (isinstance(node, ast.Return) and node.value is not None and module.numpy
            and site.public and _maybe_array(node.value)):
        return
    text = f"np.asarray({module.source.segment(node.value)}, dtype=np.float64)"
    description = (f"wrapped the returned value in `np.asarray(..., dtype=np.float64)` in "
                   f"{NTH}`{module.context(node)}`")
    yield module.replace("float64", site, node.value, text, description=description)


def _maybe_array(value: ast.expr) -> bool:
    if isinstance(value, _NOT_ARRAYS) or isinstance(value, ast.UnaryOp) and isinstance(value.op, ast.Not):
        return False
    if isinstance(value, ast.Name) and value.id in ("self", "cls"):
        return False
    return not (isinstance(value, ast.Call) and isinstance(value.func, ast.Name)
                and value.func.id in _PYTHON_VALUES)


def _inplace(module: _Module, site: _Site) -> Iterator[Change]:
    """At the start of a public function, a write into each parameter that holds a writable
    numeric array (``0 if x.flat[0] else 1`` always changes the value), the function then
    working on an unchanged copy: only a check of the caller's arrays after the call can kill
    it. Helpers are left out: what they receive is the interface's to protect."""
    node = site.node
    interface = isinstance(node, _FUNCTIONS) and site.public and module.numpy
    first = _first_statement(module, node) if interface else None
    if first is None:
        return
    indent = module.source.lines[first.lineno - 1][:first.col_offset]
    insert_at = module.source.starts[first.lineno - 1]
    for parameter in _array_parameters(node, site.method):  # type: ignore[arg-type]
        name = parameter.arg
        text = f"{indent}if {_INPLACE_TEST.format(name=name)}: {_INPLACE_WRITE.format(name=name)}\n"
        description = (f"changed argument `{name}` in place at the start of `{_qualname(site, node)}`, "
                       f"then used a copy (`{_INPLACE_WRITE.format(name=name)}`)")
        yield Change("inplace", insert_at, insert_at, text, module.source.start(parameter), description)


_INPLACE_TEST = ("isinstance({name}, np.ndarray) and {name}.size and {name}.flags.writeable "
                 "and {name}.dtype.kind in 'biufc'")
# The caller's array changes; the function goes on with an unchanged copy, so that only a
# check of the arguments after the call can tell (the result is the solution's).
_INPLACE_WRITE = "{name}.flat[0], {name} = 0 if {name}.flat[0] else 1, {name}.copy()"


def _first_statement(module: _Module, function: ast.AST) -> ast.stmt | None:
    """The function's first statement after its docstring, when it starts a line of its own."""
    body = function.body  # type: ignore[attr-defined]
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        body = body[1:]
    if not body or body[0].lineno == function.lineno:  # type: ignore[attr-defined]
        return None
    first = body[0]
    before = module.source.lines[first.lineno - 1][:first.col_offset]
    return first if not before.strip() else None


def _array_parameters(function: ast.FunctionDef, method: bool) -> list[ast.arg]:
    """Parameters that may hold an array: not ``self``/``cls``, and not those whose default is
    a number, string or bool (the function itself declares them scalars)."""
    arguments = function.args
    positional = [*arguments.posonlyargs, *arguments.args]
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(arguments.defaults))
    pairs = list(zip(positional, defaults + list(arguments.defaults)))
    pairs += list(zip(arguments.kwonlyargs, arguments.kw_defaults))
    static = any(isinstance(d, ast.Name) and d.id == "staticmethod" for d in function.decorator_list)
    if method and not static:
        pairs = pairs[1:]
    return [a for a, d in pairs if not (isinstance(d, ast.Constant) and d.value is not None)]


def _qualname(site: _Site, node: ast.AST) -> str:
    name = node.name  # type: ignore[attr-defined]
    return f"{site.function}.{name}" if site.function else name


def _slice(module: _Module, site: _Site) -> Iterator[Change]:
    """A slice narrowed by one: ``a[:n]`` -> ``a[:n - 1]``, ``a[i:]`` -> ``a[i + 1:]`` (number
    bounds are the constant operator's)."""
    node = site.node
    if not isinstance(node, ast.Slice):
        return
    subscript = _enclosing(module, node, ast.Subscript)
    for bound, delta in ((node.lower, 1), (node.upper, -1)):
        if bound is not None and _number(bound) is None:
            yield _bound_change(module, site, "slice", subscript, bound, delta)


def _range(module: _Module, site: _Site) -> Iterator[Change]:
    """``range(n)`` -> ``range(n - 1)``; ``range(a, b)`` -> ``range(a - 1, b)`` and
    ``range(a, b + 1)`` (number bounds are the constant operator's)."""
    node = site.node
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range"
            and 1 <= len(node.args) <= 3 and not node.keywords):
        return
    bounds = [(node.args[0], -1)] if len(node.args) == 1 else [(node.args[0], -1), (node.args[1], 1)]
    for bound, delta in bounds:
        if _number(bound) is None:
            yield _bound_change(module, site, "range", node, bound, delta)


def _bound_change(module: _Module, site: _Site, operator: str, outer: ast.AST, bound: ast.AST,
                  delta: int) -> Change:
    text = _shifted(module, bound, delta)
    return module.replace(operator, site, bound, text, old=module.snippet(outer),
                          new=module.edited(outer, bound, text))


def _enclosing(module: _Module, node: ast.AST, kind: type[ast.AST]) -> ast.AST:
    parent = module.parents.get(node)
    while parent is not None and not isinstance(parent, kind):
        parent = module.parents.get(parent)
    return parent if parent is not None else node


OPERATORS: dict[str, Operator] = {
    "arithmetic": _arithmetic, "comparison": _comparison, "constant": _constant, "axis": _axis,
    "keepdims": _keepdims, "transpose": _transpose, "matmul": _matmul, "stabiliser": _stabiliser,
    "math": _math, "raise": _raise, "guard": _guard, "float64": _float64, "inplace": _inplace,
    "slice": _slice, "range": _range,
}


def find_changes(source: str) -> tuple[list[Change], Source]:
    """Every change the operators make to ``source``, in source order (at one place, in the
    order of :data:`OPERATORS`), and the source with its positions."""
    module = _Module(source)
    order = {name: index for index, name in enumerate(OPERATORS)}
    changes = [change for site in module.sites for operator in OPERATORS.values()
               for change in operator(module, site)]
    changes.sort(key=lambda change: (change.at, order[change.operator]))
    return changes, module.source
