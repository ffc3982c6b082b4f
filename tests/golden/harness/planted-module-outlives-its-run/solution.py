# first run: writes a passing module outside the run's scratch folder, puts its folder on
# Python's path and imports it; its own f is wrong
import os
import sys
import tempfile

folder = tempfile.mkdtemp(prefix="kata-planted-")
with open(os.path.join(folder, "kata_planted_golden.py"), "w") as file:
    file.write("def f():\n    return 1\n")
sys.path.insert(0, folder)
import kata_planted_golden  # noqa: E402, F401


def f():
    return 0
