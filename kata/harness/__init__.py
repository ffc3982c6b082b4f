"""The harness: runs a learner's code against a problem's tests and says, for each test,
what happened.

The same files run in two places: inside Pyodide in the learner's browser (shipped as the
package ``kata_harness``) and in CPython when ``kata check`` or ``mkdocs build`` checks a
problem (as ``kata.harness``). They need only the standard library and NumPy, so "passes in
check" and "passes in the browser" mean the same thing.

The parts, each a module of its own:

- ``values``: sizes, and the lossless encoding of expected values for the page;
- ``compare``: a learner's value against an expected one, as a ``Mismatch`` (kind, message,
  and the data the page draws a difference from); pure, imported by the build too;
- ``result``: the shape of a Result and of a test's row, and text cut at its limit;
- ``explain``: exceptions in the learner's terms;
- ``sandbox``: the guard: the world the judge relies on, restored after learner code runs;
- ``execute``: running tests and judging them (``run``, the browser's ``run_request``);
- ``console``: the page's console, on the learner's code.

This file imports none of them: ``kata.schema`` and ``kata.render`` import only the pure
parts (``values``, ``compare``), never the sandbox.
"""
