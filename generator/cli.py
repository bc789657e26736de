"""Command line: argument parsing and exit codes only. 0 ok, 1 content problems, 2 usage or internal error."""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from generator.build import Project, build, check
from generator.problems import summary_line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: current folder)")
    parser.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate guides_src/ only; write nothing")
    commands.add_parser("build", help="validate, generate docs/ and build site/ with MkDocs")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return 2 if exit_.code else 0
    project = Project(args.root.resolve())
    try:
        if args.command == "check":
            _, problems = check(project)
            return report(problems, "guides_src/ is valid")
        result = build(project)
        if result.problems:
            return report(result.problems, "")
        docs = result.docs
        print(f"docs/: {len(docs.written)} written, {len(docs.unchanged)} unchanged, {len(docs.removed)} removed; "
              f"generate {result.timings['generate']:.2f}s, mkdocs {result.timings['mkdocs']:.2f}s, "
              f"search index {result.timings['search']:.2f}s, PDFs {result.timings['pdf']:.2f}s; site/ updated")
        return 0
    except Exception as error:  # noqa: BLE001 - the last line of defence turns crashes into exit 2
        if args.debug:
            traceback.print_exc()
        print(f"internal error: {error.__class__.__name__}: {error} (run with --debug for details)", file=sys.stderr)
        return 2


def report(problems, ok_message: str) -> int:
    if not problems:
        print(ok_message)
        return 0
    for problem in problems:
        print(problem, file=sys.stderr)
    print(summary_line(problems), file=sys.stderr)
    return 1
