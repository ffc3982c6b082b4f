"""The ``kata`` command: ``check`` problems, scaffold a ``new`` one, ``list`` them, write the ``schema``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from kata import schema
from kata.check import check_site
from kata.mutants import check_mutants
from kata.problem import ProblemError, error_report, load_problems
from kata.scaffold import scaffold

CACHE_DIR = Path(".cache") / "kata" / "checks"


def _problems_dir(root: Path) -> Path:
    return root / "problems"


def cmd_check(args: argparse.Namespace) -> int:
    root = Path(args.root)
    site = check_site(_problems_dir(root), root, args.slugs or None, None if args.no_cache else root / CACHE_DIR,
                      progress=_progress_printer())
    problems, frozen, errors, warnings = site.problems, site.frozen, site.errors, site.warnings
    if errors:
        print("\n".join(error_report(errors)))  # counts the problems with errors, not with warnings
    if warnings:
        print("\n".join(map(str, sorted(warnings))))
    if errors:
        return 1
    if args.mutants:
        return check_mutants(problems, frozen, None if args.no_cache else root / CACHE_DIR)
    tests = sum(len(p.examples) + len(p.tests) for p in problems)
    summary = f"{len(problems)} problem{'s' * (len(problems) != 1)}, {tests} tests: all good"
    print(summary + (f" ({len(warnings)} warning{'s' * (len(warnings) != 1)})" if warnings else ""))
    return 0


def _progress_printer() -> Callable[[int, int, str], None]:
    """Progress on stderr: one updating line on a terminal, else a line every tenth of the way."""
    interactive = sys.stderr.isatty()
    shown = [-1]

    def show(done: int, total: int, slug: str) -> None:
        if interactive:
            end = "\n" if done == total else ""
            print(f"\rchecking problems: {done} of {total} ({slug})\033[K", end=end, file=sys.stderr, flush=True)
        elif done * 10 // total > shown[0] or done == total:
            shown[0] = done * 10 // total
            print(f"checking problems: {done} of {total} ({slug})", file=sys.stderr, flush=True)

    return show


def cmd_new(args: argparse.Namespace) -> int:
    root = Path(args.root)
    try:
        path = scaffold(_problems_dir(root), args.slug, args.track)
    except ValueError as error:
        print(f"kata new: {error}", file=sys.stderr)
        return 1
    print(f"created {path.relative_to(root) if path.is_relative_to(root) else path}")
    print(f"next: edit it, then run `kata check {args.slug}`")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    root = Path(args.root)
    problems, _, errors = load_problems(_problems_dir(root), root)
    if errors:
        for error in errors:
            print(error, file=sys.stderr)
        return 1
    rows = [{"slug": p.slug, "title": p.title, "track": p.track, "entry": p.entry,
             "starter": p.starter, "solution": p.solution,
             "wrong_solutions": p.wrong_solutions} for p in problems]
    if args.json:
        print(json.dumps(rows, indent=1))
    else:
        for p in problems:
            print(f"{p.slug:32} {p.track:24} {p.difficulty:7} {p.title}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    text = json.dumps(schema.json_schema(), indent=2) + "\n"
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kata", description=__doc__)
    parser.add_argument("--root", default=".", help="the project folder (holding problems/)")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate problems and run their checks")
    check.add_argument("slugs", nargs="*", metavar="SLUG")
    check.add_argument("--no-cache", action="store_true", help="re-run every problem's checks")
    check.add_argument("--mutants", action="store_true", help="then run the mutants of every reference "
                       "solution: each must fail a test, or be listed under equivalent_mutants")
    check.set_defaults(func=cmd_check)
    new = commands.add_parser("new", help="scaffold problems/SLUG/problem.yml")
    new.add_argument("slug", metavar="SLUG")
    new.add_argument("--track", default=None, help="the track (default: the first in tracks.yml)")
    new.set_defaults(func=cmd_new)
    listing = commands.add_parser("list", help="list problems")
    listing.add_argument("--json", action="store_true", help="with code, as JSON (for tests)")
    listing.set_defaults(func=cmd_list)
    schema_cmd = commands.add_parser("schema", help="print the JSON Schema of problem.yml")
    schema_cmd.add_argument("--output", "-o", default=None)
    schema_cmd.set_defaults(func=cmd_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


__all__ = ["main", "ProblemError"]

if __name__ == "__main__":
    raise SystemExit(main())
