"""The World: everything learner code could change that the judge and the tests rely on.

Learner code runs in this very interpreter (there is no other in a browser tab), so it can
patch anything: NumPy, builtins, the harness, the JSON encoder, ``sys.path``. The World is
a snapshot of it all, taken once, and the means to tell cheaply whether anything changed
and to put it back. It watches:

- the dict of every loaded module; module-level lists (``sys.path``, ``gc.callbacks``), and
  apart from them the modules' ``__all__``, which only steers star imports;
- the classes found in those modules: Python classes (their changes are announced by the
  ``object.__setattr__`` audit event), and builtin and NumPy types, whose attributes can
  only change through their real dict (reached with ``gc``);
- module-level dicts and instances of Python classes (the JSON encoder, registries);
- the code, defaults and closure cells of every function found there (code and defaults
  changes are announced by audit events too);
- interpreter settings kept outside any dict: recursion limit, trace and profile functions,
  NumPy's error and print options, the collector's thresholds, ``sys.modules``.

Checking is a few identity scans over flat tuples at C speed. What is checked when:

- after every piece of learner code: module dicts and module-level lists, settings, and,
  when the audit hook saw a watched class or function change, those too;
- at the start and the end of every run ("deep"): everything else as well, ``__all__`` included
  (no judge star-imports; a quarter of what the lists hold, left out of every test's check).

What cannot be put back taints the World: the interpreter must then be replaced.
"""

from __future__ import annotations

import gc
import itertools
import operator
import os
import signal
import sys
import tempfile
import types
import warnings
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
import numpy.ctypeslib

try:
    import ctypes
except ImportError:  # a Python built without it: the World scans every dict
    ctypes = None  # type: ignore[assignment]

_IMMUTABLE_TYPE = 1 << 8   # Py_TPFLAGS_IMMUTABLETYPE: builtin types that refuse new attributes
_HEAP_TYPE = 1 << 9        # Py_TPFLAGS_HEAPTYPE: classes written in Python (or heap C types)
_is = operator.is_
_chain = itertools.chain.from_iterable
_code_of = operator.attrgetter("__code__")
_defaults_of = operator.attrgetter("__defaults__")
_kwdefaults_of = operator.attrgetter("__kwdefaults__")
_real_dict = gc.get_referents      # a mappingproxy's referent is the class's own dict
_clear_type_cache = sys._clear_type_cache
_filters_mutated = getattr(warnings, "_filters_mutated", lambda: None)
_MISSING = object()
_ModuleSpec = type(sys.__spec__)   # the import system changes specs as it works
# The import system changes its own classes' state as it works (a path epoch, locks).
_IMPORT_SYSTEM = frozenset(("_frozen_importlib", "_frozen_importlib_external", "importlib._bootstrap",
                            "importlib._bootstrap_external", "importlib.machinery"))


# The types whose methods the judge and the tests' setups call: an attribute of theirs changed
# through their real dict (``gc``) is found after every piece of learner code, not only deep.
_CORE_TYPES = frozenset((object, type, int, float, complex, bool, str, bytes, list, tuple, dict, set,
                         frozenset, slice, range, BaseException, np.ndarray, np.dtype, np.generic,
                         np.number, np.integer, np.floating, np.complexfloating, np.bool_, np.float64,
                         np.float32, np.float16, np.int64, np.int32, np.int16, np.int8, np.uint8,
                         np.uint16, np.uint32, np.uint64, np.complex128, np.complex64, np.ufunc,
                         type(np.random.default_rng())))


def _volatile() -> set[int]:
    """Containers that the import system and its caches change by design: never restored."""
    import encodings
    import linecache
    import re

    boot = sys.modules.get("_frozen_importlib")
    candidates = [sys.modules, sys.path_importer_cache, linecache.cache,
                  getattr(re, "_cache", None), getattr(re, "_cache2", None),
                  getattr(encodings, "_cache", None), getattr(boot, "_module_locks", None),
                  getattr(boot, "_blocking_on", None), gc.garbage]
    return {id(c) for c in candidates if c is not None}


def is_imported(module: object, _type: type = type, _module: type = types.ModuleType,
                _getattr: Callable = getattr, _modules: dict = sys.modules) -> bool:
    """A module the import system loaded, not an object a learner put in ``sys.modules``."""
    spec = _getattr(module, "__spec__", None) if _type(module) is _module else None
    return spec is not None and _modules.get(module.__name__) is module


def _is_submodule(value: object, _type: type = type, _module: type = types.ModuleType,
                  _imported: Callable = is_imported) -> bool:
    """A module that an import registered (kept: packages bind their submodules lazily)."""
    return _type(value) is _module and _imported(value)


def _try(action: Callable[..., None], *args: Any) -> None:
    try:
        action(*args)
    except (AttributeError, TypeError):  # a special attribute: the dict write after does it
        pass


def _restore_dict(mapping: dict, owner: Any, keys: tuple, values: tuple,
                  _setattr: Callable = type.__setattr__, _delattr: Callable = type.__delattr__,
                  _zip: Callable = zip, _dict: type = dict, _list: type = list,
                  _is_submodule: Callable = _is_submodule, _try: Callable = _try,
                  _clear_type_cache: Callable = _clear_type_cache) -> None:
    """Put one dict back as it was, keys in their order (with references bound before learner
    code ran: this restores builtins and the harness's own modules too).

    A module keeps the submodules an import registered since (packages bind them lazily).
    A Python class goes through ``type.__setattr__`` first, so that its slots (``__eq__``,
    ``__add__``) follow the restored attributes; a builtin type's method cache is cleared.
    """
    saved = _dict(_zip(keys, values))
    kept = [(k, v) for k, v in _list(mapping.items()) if k not in saved and _is_submodule(v)] \
        if owner is None else []
    if owner is not None and not owner.__flags__ & _IMMUTABLE_TYPE:
        for key in [k for k in _list(mapping) if k not in saved]:
            _try(_delattr, owner, key)
        for key, value in saved.items():
            if mapping.get(key, _MISSING) is not value:
                _try(_setattr, owner, key, value)
    mapping.clear()
    mapping.update(saved)
    mapping.update(kept)
    _clear_type_cache()


# ---------------------------------------------------------------------------------------
# Dicts' version tags: whether any of a thousand dicts changed, in one gather

def _version_offset() -> int | None:
    """Where CPython keeps a dict's version tag (``ma_version_tag``, which takes a new value
    whenever the dict changes, a value replaced in place included), found by watching a dict
    change; None where no such field behaves so (another Python, ctypes missing)."""
    if ctypes is None:
        return None
    probe: dict[str, int] = {"a": 1}

    def tag(offset: int) -> int:
        return int(ctypes.c_uint64.from_address(id(probe) + offset).value)

    for offset in range(8, 64, 8):
        before = tag(offset)
        probe["a"] = 2          # replaced in place: same size, same keys
        replaced = tag(offset)
        probe.get("a")          # read only
        read = tag(offset)
        probe["a"] = 3
        again = tag(offset)
        if replaced != before and read == replaced and again not in (replaced, before):
            return offset
    return None


class _Versions:
    """The version tags of a list of dicts, read in one gather through a NumPy view of the
    memory that holds them, and the tags they had when last known intact. (Slots: the World
    does not watch its own bookkeeping.)"""

    __slots__ = ("memory", "indices", "saved", "saved_bytes")

    def __init__(self, memory: np.ndarray, indices: np.ndarray) -> None:
        self.memory, self.indices = memory, indices
        self.retake()

    @classmethod
    def of(cls, dicts: list[dict]) -> _Versions | None:
        """None when the tags cannot be read (no offset, unaligned dicts): checks then scan."""
        if _VERSION_OFFSET is None or ctypes is None or not dicts:
            return None
        addresses = [id(d) + _VERSION_OFFSET for d in dicts]
        low = min(addresses)
        if any((a - low) % 8 for a in addresses):
            return None
        words = (max(addresses) - low) // 8 + 1
        try:  # a span of memory too large to view (past 2 GB on a 32-bit Python): scan instead
            memory = np.ctypeslib.as_array((ctypes.c_uint64 * words).from_address(low))
        except (OverflowError, ValueError, MemoryError):
            return None
        return cls(memory, np.array([(a - low) // 8 for a in addresses], dtype=np.intp))

    def retake(self) -> None:
        self.saved = self.memory.take(self.indices)
        self.saved_bytes = self.saved.tobytes()


def _changed_dicts(versions: _Versions | None, _take: Callable = np.ndarray.take,
                   _tobytes: Callable = np.ndarray.tobytes, _ne: Callable = np.ndarray.__ne__,
                   _nonzero: Callable = np.ndarray.nonzero, _tolist: Callable = np.ndarray.tolist
                   ) -> list[int] | None:
    """The positions of the dicts whose tags changed since they were saved (none: ``[]``), or
    None when tags cannot be read. Only C methods bound at import: it runs after learner code."""
    if versions is None:
        return None
    now = _take(versions.memory, versions.indices)
    if _tobytes(now) == versions.saved_bytes:
        return []
    return _tolist(_nonzero(_ne(now, versions.saved))[0])


_VERSION_OFFSET = _version_offset()


# ---------------------------------------------------------------------------------------
# Groups of watched objects, each with its flat snapshot

class _Dicts:
    """Dicts snapshotted as flat tuples of keys and values, checked by identity; when their
    version tags say that none changed since they were last found intact, not even scanned."""

    def __init__(self) -> None:
        self.dicts: list[dict] = []
        self.owners: list[Any] = []      # the class a dict belongs to, else None
        self.keys: list[tuple] = []
        self.values: list[tuple] = []
        self._seal()

    def add(self, mapping: dict, owner: Any = None) -> None:
        self.dicts.append(mapping)
        self.owners.append(owner)
        self.keys.append(tuple(mapping))
        self.values.append(tuple(mapping.values()))

    def _seal(self) -> None:
        self.flat_keys = tuple(_chain(self.keys))
        self.flat_values = tuple(_chain(self.values))
        self.lengths = [len(k) for k in self.keys]
        self.versions = _Versions.of(self.dicts)  # taken while the dicts hold the snapshot

    def refresh(self) -> None:
        """Take the snapshot again from what the dicts hold now."""
        self.keys = [tuple(d) for d in self.dicts]
        self.values = [tuple(d.values()) for d in self.dicts]
        self._seal()

    # Checks and restores use only references bound when this module was imported (default
    # arguments): learner code may have replaced builtins or this module's globals.

    def values_intact(self, _changed: Callable = _changed_dicts) -> bool:
        changed = _changed(self.versions)
        if changed is None:
            return self._values_scan()
        return self._scanned(self._dicts_intact(changed, False))

    def intact(self, _changed: Callable = _changed_dicts, _all: Callable = all, _map: Callable = map,
               _is: Callable = _is, _chain: Callable = _chain) -> bool:
        changed = _changed(self.versions)
        if changed is None:
            return self._values_scan() and _all(_map(_is, _chain(self.dicts), self.flat_keys))
        return self._scanned(self._dicts_intact(changed, True))

    def _values_scan(self, _list: type = list, _map: Callable = map, _len: Callable = len,
                     _all: Callable = all, _values: Callable = dict.values, _is: Callable = _is,
                     _chain: Callable = _chain) -> bool:
        return (_list(_map(_len, self.dicts)) == self.lengths
                and _all(_map(_is, _chain(_map(_values, self.dicts)), self.flat_values)))

    def _dicts_intact(self, positions: list[int], keys: bool, _len: Callable = len, _all: Callable = all,
                      _map: Callable = map, _is: Callable = _is, _values: Callable = dict.values) -> bool:
        """Whether the dicts at ``positions`` (those whose tags changed) hold their snapshot."""
        for i in positions:
            mapping = self.dicts[i]
            if _len(mapping) != self.lengths[i] or not _all(_map(_is, _values(mapping), self.values[i])) \
                    or (keys and not _all(_map(_is, mapping, self.keys[i]))):
                return False
        return True

    def _scanned(self, intact: bool) -> bool:
        """A scan's verdict; an intact group's tags are saved again (a dict changed and was put
        back, or was written with what it held), so that the next check scans nothing."""
        if intact and self.versions is not None:
            self.versions.retake()
        return intact

    def restore(self, _enumerate: Callable = enumerate, _len: Callable = len, _all: Callable = all,
                _map: Callable = map, _is: Callable = _is, _restore_dict: Callable = _restore_dict,
                _tuple: type = tuple) -> None:
        grown = False
        for index, mapping in _enumerate(self.dicts):
            keys, values = self.keys[index], self.values[index]
            if _len(mapping) != _len(keys) or not _all(_map(_is, mapping.values(), values)) \
                    or not _all(_map(_is, mapping, keys)):
                _restore_dict(mapping, self.owners[index], keys, values)
                if _len(mapping) != _len(keys):  # it kept submodules an import bound meanwhile
                    self.keys[index], self.values[index] = _tuple(mapping), _tuple(mapping.values())
                    grown = True
        if grown:
            self._seal()


class _ListSlots:
    """Where a list of lists keeps its items in memory: each list's size and item array (its
    head), then every item's slot, read in two gathers through a NumPy view of memory, with
    what they held when last known intact. A list that grew or moved its items changes its
    head, so its old slots are never read. (Slots: the World does not watch its bookkeeping.)"""

    __slots__ = ("memory", "heads", "items", "saved_heads", "saved_items")

    @classmethod
    def of(cls, lists: list[list]) -> _ListSlots | None:
        """None when the layout is not CPython's as expected: checks then scan every item."""
        if ctypes is None or _VERSION_OFFSET is None:
            return None
        width = ctypes.sizeof(ctypes.c_void_p)
        word = ctypes.c_uint64 if width == 8 else ctypes.c_uint32
        heads: list[int] = []
        items: list[int] = []
        for lst in lists:
            size_at, array_at = id(lst) + 2 * width, id(lst) + 3 * width  # after refcount and type
            array = int(word.from_address(array_at).value)
            if word.from_address(size_at).value != len(lst) or any(
                    word.from_address(array + width * i).value != id(item) for i, item in enumerate(lst)):
                return None
            heads += [size_at, array_at]
            items += [array + width * i for i in range(len(lst))]
        addresses = heads + items
        low = min(addresses, default=0)
        if not addresses or any((a - low) % width for a in addresses):
            return None
        try:  # a span of memory too large to view: scan instead
            memory = np.ctypeslib.as_array((word * ((max(addresses) - low) // width + 1)).from_address(low))
        except (OverflowError, ValueError, MemoryError):
            return None
        slots = cls()
        slots.memory = memory
        slots.heads = np.array([(a - low) // width for a in heads], dtype=np.intp)
        slots.items = np.array([(a - low) // width for a in items], dtype=np.intp)
        slots.saved_heads = memory.take(slots.heads).tobytes()
        slots.saved_items = memory.take(slots.items).tobytes()
        return slots


def _same_slots(slots: _ListSlots | None, _take: Callable = np.ndarray.take,
                _tobytes: Callable = np.ndarray.tobytes) -> bool:
    """Whether no list changed size, moved its items or holds another object in a slot (C
    methods bound at import only: it runs after learner code)."""
    return (slots is not None and _tobytes(_take(slots.memory, slots.heads)) == slots.saved_heads
            and _tobytes(_take(slots.memory, slots.items)) == slots.saved_items)


class _Lists:
    """Lists snapshotted as a flat tuple of items; when their slots in memory hold what they
    held when last found intact, not even scanned."""

    def __init__(self) -> None:
        self.lists: list[list] = []
        self.items: list[tuple] = []
        self._seal()

    def add(self, lst: list) -> None:
        self.lists.append(lst)
        self.items.append(tuple(lst))

    def _seal(self) -> None:
        self.flat = tuple(_chain(self.items))
        self.lengths = [len(i) for i in self.items]
        self.slots = _ListSlots.of(self.lists) if self.lists else None

    def refresh(self) -> None:
        self.items = [tuple(lst) for lst in self.lists]
        self._seal()

    def intact(self, _same: Callable = _same_slots, _list: type = list, _map: Callable = map,
               _len: Callable = len, _all: Callable = all) -> bool:
        if _same(self.slots):
            return True
        intact = _list(_map(_len, self.lists)) == self.lengths and _all(_map(_is, _chain(self.lists), self.flat))
        if intact and self.lists:
            self.slots = _ListSlots.of(self.lists)  # the same items, moved (or slots unreadable)
        return intact

    def restore(self) -> None:
        for lst, items in zip(self.lists, self.items):
            if len(lst) != len(items) or not all(map(_is, lst, items)):
                lst[:] = items
        _filters_mutated()  # warnings.filters is one of them


class _Functions:
    """Functions' code and defaults (reading them is audited: checked only when needed), and
    their closure cells."""

    def __init__(self) -> None:
        self.functions: list[types.FunctionType] = []
        self.codes: list[Any] = []
        self.defaults: list[Any] = []
        self.kwdefaults: list[Any] = []
        self.cells: list[Any] = []
        self.contents: list[Any] = []

    def add(self, function: types.FunctionType) -> None:
        self.functions.append(function)
        self.codes.append(function.__code__)
        self.defaults.append(function.__defaults__)
        self.kwdefaults.append(function.__kwdefaults__)
        for cell in function.__closure__ or ():
            try:
                self.contents.append(cell.cell_contents)
            except ValueError:  # an empty cell
                continue
            self.cells.append(cell)

    def _seal(self) -> None:
        pass

    def refresh(self) -> None:
        self.codes = list(map(_code_of, self.functions))
        self.defaults = list(map(_defaults_of, self.functions))
        self.kwdefaults = list(map(_kwdefaults_of, self.functions))
        self.contents = [cell.cell_contents for cell in self.cells]

    def intact(self, _map: Callable = map, _all: Callable = all) -> bool:
        return (_all(_map(_is, _map(_code_of, self.functions), self.codes))
                and _all(_map(_is, _map(_defaults_of, self.functions), self.defaults))
                and _all(_map(_is, _map(_kwdefaults_of, self.functions), self.kwdefaults))
                and self.cells_intact())

    def cells_intact(self) -> bool:
        try:
            return all(map(_is, (cell.cell_contents for cell in self.cells), self.contents))
        except ValueError:  # a cell was emptied
            return False

    def restore(self) -> None:
        for function, code, defaults, kwdefaults in zip(self.functions, self.codes, self.defaults,
                                                        self.kwdefaults):
            if function.__code__ is not code or function.__defaults__ is not defaults \
                    or function.__kwdefaults__ is not kwdefaults:
                function.__code__, function.__defaults__, function.__kwdefaults__ = code, defaults, kwdefaults
        for cell, content in zip(self.cells, self.contents):
            cell.cell_contents = content


# ---------------------------------------------------------------------------------------
# Collecting what to watch

class _Watch:
    """What the World watches, by how it is checked."""

    def __init__(self) -> None:
        self.seen: set[int] = set()
        self.volatile = _volatile()
        self.modules = _Dicts()      # polled after every piece of learner code
        self.lists = _Lists()        # polled too
        self.exports = _Lists()      # modules' __all__: checked deep
        self.classes = _Dicts()      # Python classes: announced by audit events
        self.core_types = _Dicts()   # the builtin and NumPy types the judge calls methods of: polled
        self.types = _Dicts()        # other builtin and C types: checked deep
        self.others = _Dicts()       # module-level dicts and instances: checked deep
        self.functions = _Functions()
        self.audited: set[int] = set()   # ids of the classes and functions the audit hook reports

    def add_modules(self, modules: Iterable[Any]) -> None:
        """Watch these modules and what they hold; the snapshot of what was watched before is
        kept as it was (it is never taken again from what may have changed since)."""
        for module in modules:
            if isinstance(module, types.ModuleType) and module.__name__ != "__main__" \
                    and id(module) not in self.seen:
                self.seen.add(id(module))
                self._add_dict(module.__dict__, self.modules)
        for group in (self.modules, self.classes, self.core_types, self.types, self.others, self.lists,
                      self.exports):
            group._seal()

    def _add_dict(self, mapping: dict, group: _Dicts, owner: Any = None) -> None:
        if id(mapping) in self.seen or id(mapping) in self.volatile:
            return
        self.seen.add(id(mapping))
        group.add(mapping, owner)
        exports = mapping.get("__all__") if group is self.modules else None
        if type(exports) is list and id(exports) not in self.seen and id(exports) not in self.volatile:
            self.seen.add(id(exports))
            self.exports.add(exports)
        for value in list(mapping.values()):
            self._add_value(value)

    def _add_value(self, value: Any) -> None:
        kind = type(value)
        if kind is dict:
            self._add_dict(value, self.others)
            return
        if kind is types.ModuleType or id(value) in self.seen or id(value) in self.volatile:
            return
        self.seen.add(id(value))
        if kind is types.FunctionType:
            self.audited.add(id(value))
            self.functions.add(value)
        elif isinstance(value, type):
            self._add_class(value)
        elif kind in (staticmethod, classmethod):
            self._add_value(value.__func__)
        elif kind is property:
            for accessor in (value.fget, value.fset, value.fdel):
                self._add_value(accessor)
        elif kind is list:
            self.lists.add(value)
        elif kind.__flags__ & _HEAP_TYPE and kind is not _ModuleSpec:
            self._add_instance(value)

    def _add_instance(self, value: Any) -> None:
        try:
            attributes = value.__dict__
        except Exception:  # an object whose attributes are not a plain dict (a thread-local)
            return
        if type(attributes) is dict:
            self._add_dict(attributes, self.others)

    def _add_class(self, cls: type) -> None:
        if cls.__module__ in _IMPORT_SYSTEM:
            return
        if not cls.__flags__ & _IMMUTABLE_TYPE:
            self.audited.add(id(cls))
            group = self.classes
        else:
            group = self.core_types if cls in _CORE_TYPES else self.types
        self._add_dict(_real_dict(cls.__dict__)[0], group, cls)

    def refresh(self) -> None:
        for group in (self.modules, self.lists, self.exports, self.classes, self.core_types, self.types,
                      self.others, self.functions):
            group.refresh()

    def restore(self) -> None:
        for group in (self.modules, self.lists, self.exports, self.classes, self.core_types, self.types,
                      self.others, self.functions):
            group.restore()


try:  # NumPy's error state and print options, read without building dicts (see _Settings)
    from numpy._core.arrayprint import _format_options as _PRINT_OPTIONS
    from numpy._core.umath import _extobj_contextvar as _ERROR_STATE
except ImportError:
    _ERROR_STATE = _PRINT_OPTIONS = None


class _Settings:
    """Interpreter settings that live outside any dict: read with getters, set with setters.
    NumPy's are first compared by identity (its error state object, its print options' tag)."""

    def __init__(self) -> None:
        self.recursion = sys.getrecursionlimit()
        self.trace, self.profile = sys.gettrace(), sys.getprofile()
        self.numpy_errors = np.geterr()
        self.numpy_print = np.get_printoptions()
        self.error_state = _ERROR_STATE.get() if _ERROR_STATE is not None else None
        self.print_tag = _Versions.of([_PRINT_OPTIONS]) if type(_PRINT_OPTIONS) is dict else None
        self.gc = gc.get_threshold()  # whether it runs is the sandbox's business
        self.switch = sys.getswitchinterval()
        self.int_digits = sys.get_int_max_str_digits()
        self.alarm = signal.getsignal(signal.SIGALRM) if hasattr(signal, "SIGALRM") else None

    def same(self) -> bool:
        return (sys.getrecursionlimit() == self.recursion and sys.gettrace() is self.trace
                and sys.getprofile() is self.profile and self._numpy_same() and gc.get_threshold() == self.gc
                and sys.getswitchinterval() == self.switch
                and sys.get_int_max_str_digits() == self.int_digits)

    def _numpy_same(self) -> bool:
        if self.error_state is not None and _ERROR_STATE.get() is self.error_state \
                and _changed_dicts(self.print_tag) == []:
            return True
        return np.geterr() == self.numpy_errors and np.get_printoptions() == self.numpy_print

    def restore(self) -> None:
        sys.setrecursionlimit(self.recursion)
        sys.settrace(self.trace)
        sys.setprofile(self.profile)
        np.seterr(**self.numpy_errors)
        np.set_printoptions(**self.numpy_print)
        gc.set_threshold(*self.gc)
        sys.setswitchinterval(self.switch)
        sys.set_int_max_str_digits(self.int_digits)
        if self.alarm is not None and signal.getsignal(signal.SIGALRM) is not self.alarm:
            signal.signal(signal.SIGALRM, self.alarm)


class Audit:
    """What the audit hook saw: whether a watched class or function changed. (No ``__dict__``,
    so the World does not watch its own flag.)"""

    __slots__ = ("changed",)

    def __init__(self) -> None:
        self.changed = False


# ---------------------------------------------------------------------------------------
# The World

class World:
    """Everything learner code could change that the judge or the tests rely on.

    ``own_interpreter``: in the browser, the interpreter is the harness's alone, so anything
    found changed at the start of a run is put back. In CPython, the host (``kata check``,
    pytest) changes its own modules between runs, so the World takes its snapshot again.
    """

    def __init__(self, audit: Audit, own_interpreter: bool) -> None:
        _warm_up()
        self.audit = audit
        self.own_interpreter = own_interpreter
        self.watch = _Watch()
        self.modules = dict(sys.modules)
        self.watch.add_modules(self.modules.values())
        self.modules_versions = _Versions.of([sys.modules])
        self.settings = _Settings()
        self.tainted = ""
        self.runs = 0  # runs under way (a RunGuard): sandboxes outside one begin their own
        self.accepts_new_file: Callable[[str], bool] = lambda path: True
        # A process that only runs checks (``kata check``'s workers) freezes what is alive after
        # each run's last collection, so that the next run's collection looks at its own
        # objects only; a host with a life of its own (MkDocs, pytest) must not: its garbage
        # cycles would never be collected.
        self.freeze_after_run = False

    def intact(self, deep: bool = False) -> bool:
        """Whether nothing changed. ``deep`` adds what no audit event announces."""
        watch = self.watch
        if self.audit.changed:
            if not (watch.classes.intact() and watch.functions.intact()):
                return False
            self.audit.changed = False
        if deep and not (watch.types.values_intact() and watch.others.values_intact()
                         and watch.exports.intact() and watch.functions.cells_intact()):
            return False
        return (self._modules_intact() and watch.modules.values_intact() and watch.lists.intact()
                and watch.core_types.values_intact() and self.settings.same())

    def _modules_intact(self, _changed: Callable = _changed_dicts, _len: Callable = len, _all: Callable = all,
                        _map: Callable = map, _is: Callable = _is, _modules: dict = sys.modules) -> bool:
        if _changed(self.modules_versions) == []:  # no import nor removal since last found intact
            return True
        intact = _len(_modules) == _len(self.modules) and _all(
            _map(_is, _map(_modules.get, self.modules), self.modules.values()))
        if intact and self.modules_versions is not None:
            self.modules_versions.retake()
        return intact

    def restore(self, deep: bool = False) -> None:
        """Put the world back if anything changed; taint it if that fails."""
        if self.intact(deep):
            return
        self.watch.modules.restore()  # first: builtins and the harness's modules come back
        self._restore_modules()
        self.watch.restore()
        self.settings.restore()
        self.audit.changed = True  # so that the check below covers classes and functions
        if not self.intact(deep=True):
            self.tainted = self.tainted or _what_differs(self)

    def begin_run(self) -> None:
        """Before a run: put back what changed since the last one, or, in a host's interpreter,
        accept it as the new starting point."""
        if self.intact(deep=True):
            return
        if self.own_interpreter:
            self.restore(deep=True)
        else:
            self._adopt([m for n, m in sys.modules.items() if n not in self.modules
                         and type(m) is types.ModuleType and m.__name__ == n])
            self.watch.refresh()
            self.settings = _Settings()
            self.audit.changed = False

    def _restore_modules(self) -> None:
        """Modules that learner code replaced come back; new ones are adopted or removed."""
        for name, module in self.modules.items():
            if sys.modules.get(name, _MISSING) is not module:
                sys.modules[name] = module
        new = {name: module for name, module in list(sys.modules.items()) if name not in self.modules}
        adopted = [m for name, m in new.items() if self._adoptable(name, m)]
        for name, module in new.items():
            if not any(module is m for m in adopted):
                del sys.modules[name]
        self._adopt(adopted)

    def _adopt(self, modules: list[Any]) -> None:
        for module in modules:
            self.modules[module.__name__] = module
        if modules:
            self.watch.add_modules(modules)

    def _adoptable(self, name: str, module: Any) -> bool:
        """A module imported from the installed Python (stdlib, NumPy) under its own name, not
        from learner files nor put in ``sys.modules`` by the learner's code."""
        if type(module) is not types.ModuleType or module.__name__ != name or not is_imported(module):
            return False
        origin = getattr(module.__spec__, "origin", None)
        if origin in ("built-in", "frozen"):
            return True
        return isinstance(origin, str) and self.accepts_new_file(origin)


def _warm_up() -> None:
    """Let the standard library make the state it makes lazily, before the World is taken."""
    os.rmdir(tempfile.mkdtemp(prefix="kata-warm-up-"))
    with warnings.catch_warnings():
        warnings.simplefilter("default")
    # NumPy's caches of machine limits, which np.isclose, np.allclose and friends fill: filled
    # during a run, they would differ from the snapshot, and every run would end in a restore.
    for kind in "efdgFDG":
        np.finfo(kind)
    for kind in "bhilqBHILQ":
        np.iinfo(kind).min, np.iinfo(kind).max


def _what_differs(world: World) -> str:
    """In words, for the learner, what could not be put back."""
    if not world._modules_intact():
        return "the list of loaded modules"
    if not world.settings.same():
        return "the interpreter's settings"
    return "Python's own objects"
