"""How long checking takes for hundreds of problems, cold and cached (medians, one run).

Copies every problem of problems/ N times under new slugs into a temporary folder, then
times `kata check` with an empty cache (every problem runs) and again with the cache filled
(nothing runs). Usage: python bench/check_speed.py [COPIES] [REPEATS]
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
KATA = REPO / ".venv" / "bin" / "kata"


def _populate(root: Path, copies: int) -> int:
    source = REPO / "problems"
    (root / "problems").mkdir()
    shutil.copy(source / "tracks.yml", root / "problems" / "tracks.yml")
    count = 0
    for folder in sorted(p for p in source.iterdir() if (p / "problem.yml").exists()):
        for i in range(copies):
            target = root / "problems" / f"{folder.name}-{i}"
            target.mkdir()
            shutil.copy(folder / "problem.yml", target / "problem.yml")
            count += 1
    return count


def _time(root: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run([str(KATA), "--root", str(root), "check"], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"kata check failed:\n{result.stdout[-2000:]}")
    return elapsed


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    cold, warm = [], []
    for _ in range(repeats):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            count = _populate(root, copies)
            cold.append(_time(root))
            warm.append(_time(root))
    print(f"kata check, {count} problems: cold median {statistics.median(cold):.2f} s, "
          f"cached median {statistics.median(warm):.2f} s "
          f"({statistics.median(cold) / statistics.median(warm):.0f}x), {repeats} runs")


if __name__ == "__main__":
    main()
