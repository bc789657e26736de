"""Command line: argument parsing and exit codes only. 0 ok, 1 content problems, 2 usage or internal error."""

from __future__ import annotations

import argparse
import datetime
import sys
import time
import traceback
from pathlib import Path

from generator.build import Project, build, check
from generator.event_pack import PackError, event_pack
from generator.problems import summary_line
from generator.provinces import province
from generator.qr import site_url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: current folder)")
    parser.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate guides_src/ only; write nothing")
    build_command = commands.add_parser("build", help="validate, generate docs/ and build site/ with MkDocs")
    build_command.add_argument("--force", action="store_true", help="build even if nothing changed since the last build")
    preview = commands.add_parser("serve", help="a local preview, rebuilt and reloaded when a source changes")
    preview.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000)")
    pack = commands.add_parser("event-pack", help="one PDF for an event: cover with QR code, leaflets, stations")
    pack.add_argument("--event", help="an event's id from guides_src/events/: its name, time, place and contact go "
                                      "on the cover, and its province and topics are the default")
    pack.add_argument("--province", help="province code or Chinese name, e.g. guangdong or 广东 (needed without --event)")
    pack.add_argument("--topics", help="topic slugs separated by commas, e.g. unpaid-wages,work-injury (needed "
                                       "without --event)")
    pack.add_argument("--lang", choices=["zh", "en"], default="zh")
    pack.add_argument("--output", type=Path, help="PDF to write (default: event-pack-<province>-<lang>.pdf); "
                                                  "never inside guides_src/, docs/ or site/")
    pack.add_argument("--force", action="store_true", help="replace the output file if it exists")
    add_statute_commands(commands)
    stations = commands.add_parser(
        "stations", help="the station directory: entries that need a look",
        description="exit status: 0 when every entry is fine, 1 when an entry needs a look or a file has problems, "
                    "2 on a usage error")
    station_actions = stations.add_subparsers(dest="action", required=True)
    station_check = station_actions.add_parser(
        "check", help="list entries verified more than 12 months ago and phone numbers that do not dial; "
                      "exit status 0 when there are none, 1 otherwise",
        description="One line per entry that needs a look (file:line: id: reasons): verified more than 12 months "
                    "(365 days) ago, or a phone number that does not dial. Exit status 0 when there are none, 1 "
                    "otherwise (also when a station file has problems), 2 on a usage error.")
    station_check.add_argument("--today", type=_date, default=None, metavar="YYYY-MM-DD",
                               help="count the 12 months back from this day instead of today")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return 2 if exit_.code else 0
    project = Project(args.root.resolve())
    try:
        if args.command == "check":
            _, problems = check(project)
            return report(problems, "guides_src/ is valid")
        if args.command == "serve":
            from generator.preview import serve

            return serve(project, args.port)
        if args.command == "event-pack":
            return make_event_pack(project, args)
        if args.command == "stations":
            return check_stations(project, args.today or datetime.date.today())
        if args.command in ("statutes", "review-pack"):
            return run_statute_command(project, args)
        result = build(project, force=args.force)
        if result.up_to_date:
            print("site/ is up to date: nothing it is built from has changed since the last build (--force builds anyway)")
            return 0
        if result.problems:
            return report(result.problems, "", docs_written=result.docs is not None)
        docs = result.docs
        print(f"docs/: {len(docs.written)} written, {len(docs.unchanged)} unchanged, {len(docs.removed)} removed; "
              f"generate {result.timings['generate']:.2f}s (share images {result.timings['share']:.2f}s), mkdocs {result.timings['mkdocs']:.2f}s, "
              f"search index {result.timings['search']:.2f}s, PDFs {result.timings['pdf']:.2f}s, "
              f"offline zip {result.timings['offline']:.2f}s; site/ updated")
        return 0
    except KeyboardInterrupt:
        print("interrupted; site/ was left as it was", file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - the last line of defence turns crashes into exit 2
        if args.debug:
            traceback.print_exc()
        print(f"internal error: {error.__class__.__name__}: {error} (run with --debug for details)", file=sys.stderr)
        return 2


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (use YYYY-MM-DD)") from None


def check_stations(project: Project, today: datetime.date) -> int:
    from generator.stations_check import check_directory

    lines, count, problems = check_directory(project.guides_src, today)
    if problems:
        return report(problems, "")
    for line in lines:
        print(line)
    entries = "entry" if count == 1 else "entries"
    if lines:
        print(f"{len(lines)} of {count} {entries} need a look", file=sys.stderr)
        return 1
    print(f"{count} {entries}: all verified within 12 months, every phone number dials")
    return 0


def make_event_pack(project: Project, args) -> int:
    if args.event is None and (args.province is None or args.topics is None):
        print("give --event, or --province and --topics", file=sys.stderr)
        return 2
    content, problems = check(project)
    if problems:
        return report(problems, "")
    event = None
    if args.event is not None:
        event = next((e for e in content.events if e.id == args.event), None)
        if event is None:
            print(f"unknown event '{args.event}'; events are {', '.join(e.id for e in content.events) or '(none)'}",
                  file=sys.stderr)
            return 2
    found = province(args.province or event.province)
    if found is None:
        print(f"unknown province '{args.province}' (use a code such as guangdong or a name such as 广东)", file=sys.stderr)
        return 2
    slugs = [slug.strip() for slug in args.topics.split(",") if slug.strip()] if args.topics else list(event.topics)
    unknown = [slug for slug in slugs if content.topic(slug) is None]
    if unknown or not slugs:
        print(f"unknown topic: {', '.join(unknown) or '(none given)'}; topics are "
              f"{', '.join(t.slug for t in content.topics)}", file=sys.stderr)
        return 2
    target = args.output or Path(f"event-pack-{found.code}-{args.lang}.pdf")
    refusal = output_refusal(project, target, args.force)
    if refusal:
        print(f"error: --output {target}: {refusal}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        pages = event_pack(content, found, slugs, args.lang, site_url(project.root / "mkdocs.yml"), target, event)
    except PackError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"{target}: {pages} pages in {time.perf_counter() - started:.1f}s")
    return 0


def output_refusal(project: Project, target: Path, force: bool) -> str | None:
    """Why the event pack must not be written to `target`, or None: only new .pdf files outside the project's
    content, pages and site."""
    if target.suffix.lower() != ".pdf":
        return "the file name must end in .pdf"
    resolved = target.resolve()
    for folder in ("guides_src", "docs", "site"):
        if resolved.is_relative_to((project.root / folder).resolve()):
            return f"must not be inside {folder}/; choose another folder"
    if target.is_symlink() or (target.exists() and not target.is_file()):
        return "exists and is not a regular file"
    if target.exists() and not force:
        return "exists; add --force to replace it"
    return None


def report(problems, ok_message: str, docs_written: bool = False) -> int:
    if not problems:
        print(ok_message)
        return 0
    for problem in problems:
        print(problem, file=sys.stderr)
    print(summary_line(problems, docs_written), file=sys.stderr)
    return 1


def add_statute_commands(commands) -> None:
    statutes = commands.add_parser("statutes", help="import the statute texts, or compare them with a newer snapshot")
    actions = statutes.add_subparsers(dest="action", required=True)
    imported = actions.add_parser("import", help="parse a snapshot folder into guides_src/statutes/")
    imported.add_argument("snapshot", type=Path, help="folder of statute texts, e.g. ../shared/statutes")
    diff = actions.add_parser("diff", help="list the articles a newer snapshot changes, and the pages citing them")
    diff.add_argument("snapshot", type=Path, help="folder of a newer snapshot in the same format")
    pack = commands.add_parser("review-pack", help="one PDF per topic for a lawyer to check and sign")
    pack.add_argument("--topic", help="only this topic (its slug, e.g. unpaid-wages)")
    pack.add_argument("--output", type=Path, default=Path("review-pack"), help="folder (default: review-pack/)")


def run_statute_command(project: Project, args) -> int:
    from generator import statutes

    if args.command == "review-pack":
        return make_review_pack(project, args)
    if not args.snapshot.is_dir():
        print(f"error: {args.snapshot} is not a folder", file=sys.stderr)
        return 2
    try:
        texts, skipped = statutes.read_snapshot(args.snapshot)
    except statutes.SnapshotError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.action == "import":
        written, removed = statutes.save_statutes(project.guides_src, texts)
        for name in skipped:
            print(f"{name}: no articles (第…条); not imported")
        print(f"guides_src/statutes/: {len(texts)} laws, {len(written)} written, {len(removed)} removed")
        return 0
    report_lines, cited_changed = statutes.diff_report(project.guides_src, texts)
    print("\n".join(report_lines))
    return 1 if cited_changed else 0


def make_review_pack(project: Project, args) -> int:
    from generator.review_pack import review_pack

    content, problems = check(project)
    if problems:
        return report(problems, "")
    if args.topic and content.topic(args.topic) is None:
        print(f"unknown topic: {args.topic}; topics are {', '.join(t.slug for t in content.topics)}", file=sys.stderr)
        return 2
    slugs = [args.topic] if args.topic else [t.slug for t in content.topics]
    output = args.output if args.output.is_absolute() else Path.cwd() / args.output
    for path in review_pack(content, slugs, output):
        print(path)
    return 0
