"""The sandbox: learner code runs inside it, with its output captured and the world put back.

A ``Sandbox`` wraps one piece of learner-facing code (loading the learner's module, a test's
setup and call). A ``RunGuard`` wraps a whole run: a scratch folder as the working directory,
a garbage collector that runs only inside sandboxes, and a last collection (inside a
sandbox) before the Result is written, so that no finaliser of the learner's runs while the
judge works. The ``World`` (``world.py``) is what gets put back; the audit hook here tells it
when a watched class or function changed, and refuses new audit hooks, which could never be
removed.
"""

from __future__ import annotations

import atexit
import gc
import importlib
import io
import os
import shutil
import sys
import tempfile
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np  # noqa: F401
import numpy.fft  # noqa: F401
import numpy.linalg  # noqa: F401
import numpy.random  # noqa: F401  (imported before the World is taken: NumPy imports these lazily)

from .explain import SOLUTION_FILE, ExitCalled
from .result import TRUNCATION_MARKER
from .world import Audit, World

_POSIX = sys.modules[os.name]
_filters_mutated = getattr(warnings, "_filters_mutated", lambda: None)


class _Scratch:
    """The interpreter's scratch folder, made on first use and removed when Python exits.
    (Slots, not a class attribute: the World would put a class attribute back.)"""

    __slots__ = ("path",)

    def __init__(self) -> None:
        self.path = ""


_SCRATCH = _Scratch()


def _scratch_folder() -> str:
    if not _SCRATCH.path:
        _SCRATCH.path = tempfile.mkdtemp(prefix="kata-run-")
        atexit.register(shutil.rmtree, _SCRATCH.path, True)
    return _SCRATCH.path


def _file_clock(folder: str) -> float:
    """Now, by the file system's clock (which may run coarser than ``time.time()``)."""
    descriptor, marker = tempfile.mkstemp(dir=folder)
    try:
        return os.fstat(descriptor).st_mtime
    finally:
        os.close(descriptor)
        os.remove(marker)


class _Files:
    """Files a run writes: it works in a scratch folder (the '' on Python's path), emptied after
    every run; in the browser, new files in the folders on Python's path are removed too. (In
    CPython, for ``kata check``, listing those folders costs more than the authors' code risks.)"""

    def __init__(self) -> None:
        self.scratch = _scratch_folder()
        self.home = os.getcwd()
        # Python's path as the run found it, longest first so that a file is judged by its
        # nearest folder (site-packages, not the stdlib folder that holds it).
        self.path = sorted({os.path.realpath(p) for p in sys.path if p and os.path.exists(p)},
                           key=len, reverse=True)
        self.listings = {folder: set(os.listdir(folder)) for folder in self.path if os.path.isdir(folder)} \
            if sys.platform == "emscripten" else {}
        self.started = _file_clock(self.scratch)
        os.chdir(self.scratch)

    def existed(self, path: str) -> bool:
        """Whether the module file at ``path`` is the installed Python's: under a folder (or zip
        archive) on Python's path as the run found it, and written before the run began. A
        module from anywhere else (a folder the run put on the path, a file it wrote into a
        package) is not kept for the next run."""
        path = os.path.realpath(path)
        if path.startswith(self.scratch + os.sep):
            return False
        folder = next((f for f in self.path if path.startswith(f + os.sep)), None)
        if folder is None:
            return False
        if os.path.isfile(folder):  # a zip archive: its files are not written one by one
            return True
        listing = self.listings.get(folder)
        if listing is not None and path[len(folder) + 1:].split(os.sep, 1)[0] not in listing:
            return False
        try:
            status = os.stat(path)
        except OSError:
            return False
        return max(status.st_mtime, status.st_ctime) < self.started

    def clean(self) -> None:
        os.chdir(self.home)
        leftovers = [(self.scratch, name) for name in os.listdir(self.scratch)]
        for folder, before in self.listings.items():
            leftovers += [(folder, name) for name in set(os.listdir(folder)) - before]
        for folder, name in leftovers:
            target = os.path.join(folder, name)
            shutil.rmtree(target, ignore_errors=True) if os.path.isdir(target) else os.remove(target)
        if leftovers:
            importlib.invalidate_caches()


# ---------------------------------------------------------------------------------------
# Output and the sandbox

class Sink:
    """Where output nobody reads goes (no ``__dict__``: the World need not watch it)."""

    __slots__ = ()

    def write(self, text: str) -> int:
        return len(text) if type(text) is str else 0

    def flush(self) -> None:
        pass


class Output(io.TextIOBase):
    """A text stream that keeps the first ``limit`` characters and counts the rest."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[str] = []
        self.kept = 0
        self.hidden = 0

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if type(text) is not str:
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        room = self.limit - self.kept
        if room > 0:
            self.parts.append(text[:room])
            self.kept += min(room, len(text))
        self.hidden += max(0, len(text) - max(room, 0))
        return len(text)

    def text(self) -> str:
        body = "".join(self.parts)
        return body + TRUNCATION_MARKER.format(hidden=self.hidden) if self.hidden else body


def _nothing() -> None:
    pass


def _exit_instead(code: int = 0) -> None:
    raise ExitCalled(code)


class Sandbox:
    """Runs one piece of learner-facing code with output captured and the world restored.

    Inside, learner code sees its own output stream, an empty stdin, warnings that print
    to its output, ``os._exit`` that ends only the test, and a working garbage collector
    (so its objects' finalisers run here, not later while the judge compares).
    """

    def __init__(self, output: Output, world: World | None = None, restores: bool = True) -> None:
        self.output = output
        self.world = world or current_world()
        # Bound now: learner code may patch World. Without ``restores``, the caller restores
        # the world itself (deep) right after.
        self.restore = self.world.restore if restores else _nothing

    def __enter__(self) -> Sandbox:
        if not self.world.runs:  # learner code outside a run: it starts from a clean world too
            self.world.begin_run()
        self.saved = (sys.stdout, sys.stderr, sys.stdin, sys.__stdout__, sys.__stderr__,
                      warnings.showwarning, warnings.filters[:], os._exit, self.collecting_now())
        warnings.simplefilter("default")
        warnings.showwarning = self._show_warning
        sys.stdout = sys.stderr = sys.__stdout__ = sys.__stderr__ = self.output
        sys.stdin = io.StringIO("")
        os._exit = _POSIX._exit = _exit_instead  # type: ignore[assignment]
        gc.enable()
        return self

    def __exit__(self, *exc: object, _sys: Any = sys, _warnings: Any = warnings, _os: Any = os,
                 _posix: Any = _POSIX, _filters_set: Callable = list.__setitem__,
                 _filters_mutated: Callable = _filters_mutated, _disable: Callable = gc.disable,
                 _settrace: Callable = sys.settrace, _setprofile: Callable = sys.setprofile) -> None:
        _setprofile(None)  # a learner's trace or profile function must not see the harness run
        _settrace(None)
        # The sandbox's own changes go first, directly: the world is then intact unless the
        # learner's code changed something, and checking that costs far less than restoring.
        (_sys.stdout, _sys.stderr, _sys.stdin, _sys.__stdout__, _sys.__stderr__, _warnings.showwarning,
         filters, _os._exit, collecting) = self.saved
        _posix._exit = self.saved[7]
        try:
            _filters_set(_warnings.filters, slice(None), filters)
            _filters_mutated()
        except BaseException:  # learner code replaced the list itself: the restore puts it back
            pass
        self.restore()
        if not collecting:
            _disable()

    @staticmethod
    def collecting_now() -> bool:
        return gc.isenabled()

    def _show_warning(self, message: Warning | str, category: type[Warning], filename: str,
                      lineno: int, file: object = None, line: str | None = None) -> None:
        where = f" ({SOLUTION_FILE}, line {lineno})" if filename == SOLUTION_FILE else ""
        self.output.write(f"{category.__name__}: {message}{where}\n")


class RunGuard:
    """Around a whole run: its files, a garbage collector that runs only inside sandboxes,
    and a last collection (inside a sandbox) before the Result is written."""

    def __init__(self, world: World | None = None) -> None:
        self.world = world or current_world()

    def __enter__(self) -> RunGuard:
        self.restore = self.world.restore  # bound before any learner code runs
        self.world.begin_run()
        self.world.runs += 1
        self.files = _Files()
        self.world.accepts_new_file = self.files.existed
        self.collecting = gc.isenabled()
        gc.disable()
        return self

    def __exit__(self, *exc: object) -> None:
        with Sandbox(Output(0), self.world, restores=False):  # restored deep below
            gc.collect()
        self.restore(deep=True)  # what no audit event announces, once per run
        if self.world.freeze_after_run:
            gc.freeze()
        self.files.clean()
        self.world.accepts_new_file = lambda path: True
        self.world.runs -= 1
        if self.collecting:
            gc.enable()


_AUDIT = Audit()


def _audit(event: str, args: tuple, _audit: Audit = _AUDIT, _worlds: list = [],  # noqa: B006
           _id: Callable = id) -> None:
    if event == "object.__setattr__" or event == "object.__delattr__":
        if _worlds and _id(args[0]) in _worlds[0].watch.audited:
            _audit.changed = True
    elif event == "sys.addaudithook":
        # An audit hook cannot be removed once added: one from learner code would see (and
        # could break) every later run. Refusing it is the only way to keep them clean.
        raise RuntimeError("sys.addaudithook is not allowed here: your code shares this Python "
                           "with the tests")


sys.addaudithook(_audit)
_WORLDS: list[World] = _audit.__defaults__[1]  # type: ignore[index]  # the hook's own list


def current_world() -> World:
    """The World of this interpreter, taken on first use (once the harness is fully imported)."""
    if not _WORLDS:
        world = World.__new__(World)
        _WORLDS.append(world)  # before the snapshot, which watches this list too
        world.__init__(_AUDIT, own_interpreter=sys.platform == "emscripten")  # type: ignore[misc]
        # Everything alive now is the harness's and the library's: the garbage collector
        # need never look at it again, which makes the collection at the end of a run cheap.
        gc.freeze()
    return _WORLDS[0]
