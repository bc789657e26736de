"""Check the content and collect every problem as a value; never stop at the first."""

from __future__ import annotations

import datetime
import difflib
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from generator.load import Source, load_yaml, read_mkdocs_config
from generator.models import (WORKLOG_LABELS, CHECKUP_MIN, CHOICES, CITATION_RE, DocumentSet, EventFile, HTTPS_URL_RE, FUNCTIONS, INPUTS, LANGS, Citation, Content, DocumentTemplate,
                              GuideIntro, HolidayCalendar, LawRegistry, SiteSettings, StationFile, StatuteText, ToolSet, Topic,
                              WorkLogPage)
from generator.stations import load_csv
from generator.stations_xlsx import load_xlsx
from generator import clock
from generator.problems import Problem

SUMMARY_MAX = {"zh": 60, "en": 200}
CJK_RE = re.compile(r"[\u4e00-\u9fff]")


def did_you_mean(word: str, choices) -> str:
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.8)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _describe(value: Any) -> str:
    names = {str: "text", int: "a number", float: "a number", bool: "true/false",
             list: "a list", dict: "a mapping", type(None): "nothing"}
    return names.get(type(value), type(value).__name__)


def _message(error: dict, model: type[BaseModel]) -> tuple[tuple, str, bool]:
    """Turn one pydantic error into (location, plain message, point-at-key)."""
    loc = tuple(part for part in error["loc"] if not isinstance(part, str) or not part.startswith("function-"))
    kind, value = error["type"], error.get("input")
    if kind == "missing":
        name = loc[-1]
        if name in LANGS:
            return loc[:-1], f"missing translation '{name}'", False
        return loc[:-1], f"missing field '{name}'", False
    if kind == "extra_forbidden":
        return loc[:-1], f"unknown field '{loc[-1]}'" + did_you_mean(str(loc[-1]), _fields_at(model, loc[:-1])), True
    if kind.startswith("date"):
        return loc, f"'{value}' is not a date (use YYYY-MM-DD)", False
    if kind == "string_pattern_mismatch":
        pattern = error["ctx"]["pattern"]
        if pattern.startswith("^https://"):
            return loc, (f"'{value}' is not an https:// address (only https:// links are allowed; no spaces, "
                         "quotes, brackets or parentheses)"), False
        if "a-z0-9" in pattern:
            return loc, f"'{value}' is not a valid id (lowercase letters, digits and hyphens)", False
        if "[0-9]{3,5}" in pattern:
            return loc, f"'{value}' is not a hotline number (3 to 5 digits, in quotes)", False
        return loc, f"'{value}' is not a valid article number (e.g. '30' or '276-1')", False
    if kind == "string_too_short":
        return loc, "must not be empty", False
    if kind == "too_short":
        return loc, "needs at least one entry", False
    if kind == "value_error":
        return loc, str(error["ctx"]["error"]), False
    if kind == "literal_error":
        return loc, f"'{value}' is not one of: {error['ctx']['expected']}", False
    if kind == "none_required":
        return loc, "is not in use yet; leave it out", False
    if kind in ("bool_type", "bool_parsing"):
        return loc, f"expected true or false, got {_describe(value)}", False
    if kind in ("string_type",):
        return loc, f"expected text, got {_describe(value)}", False
    if kind in ("list_type",):
        return loc, f"expected a list, got {_describe(value)}", False
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return loc, f"expected a mapping of fields, got {_describe(value)}", False
    return loc, error["msg"], False


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """Field names of the model found at `loc`, for 'did you mean'."""
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return []
        inner = _model_in(field.annotation)
        if inner is None:
            return []
        model = inner
    return list(model.model_fields)


def _model_in(annotation) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found:
            return found
    for meta in getattr(annotation, "__metadata__", ()) or ():
        found = _model_in(meta)
        if found:
            return found
    origin = getattr(annotation, "__origin__", None)
    return _model_in(origin) if origin not in (None, list, dict) and origin is not annotation else None


def parse(source: Source, model: type[BaseModel]):
    """Validate a loaded file against its model; return the object or None, and the problems."""
    try:
        return model.model_validate(source.data), []
    except ValidationError as error:
        problems = []
        for item in error.errors(include_url=False):
            loc, message, at_key = _message(item, model)
            if source.columns and item["type"] == "missing":
                # A spreadsheet has no keys: name the empty column instead.
                name = item["loc"][-1]
                message = f"missing translation '{name}'" if name in LANGS else "is empty; every row needs it"
                problems.append(source.problem(tuple(item["loc"]), message))
            elif at_key:
                problems.append(_key_problem(source, loc, item["loc"][-1], message))
            else:
                problems.append(source.problem(loc, message))
        return None, problems


def _key_problem(source: Source, parent: tuple, key, message: str) -> Problem:
    line, col = source.locate(parent + (key,), key=True)
    return Problem(source.path, line, col, ".".join(str(p) for p in parent), message)


# ── Whole-content checks ─────────────────────────────────────────────────────────

# The folders of guides_src/ and the file types each holds; any other spelling of these types is reported.
CONTENT_FOLDERS = {"topics": (".yaml",), "templates": (".yaml",), "stations": (".csv", ".yaml", ".xlsx"),
                   "events": (".yaml",)}
LOOKALIKE_SUFFIXES = {".yaml", ".yml", ".csv"}
# Spreadsheets saved in a format the station loader does not read: saved again, not renamed.
OTHER_SPREADSHEETS = {".xls", ".xlsm", ".xlsb", ".et", ".ods", ".numbers"}


def content_files(folder: Path, root: Path, suffixes: tuple[str, ...]) -> tuple[list[Path], list[Problem]]:
    """The files of one content folder, sorted; a file with a look-alike suffix (.yml, .YAML) is a problem."""
    if not folder.exists():
        return [], []
    problem = not_regular_folder(folder, root)
    if problem:
        return [], [problem]
    paths, problems = [], []
    for path in sorted(folder.iterdir()):
        display = path.relative_to(root).as_posix()
        if path.name.startswith("~$"):
            continue  # the lock file Excel and WPS keep beside a workbook while it is open
        if path.suffix in suffixes:
            paths.append(path)
        elif path.suffix.lower() in LOOKALIKE_SUFFIXES and not path.name.startswith("."):
            expected = " or ".join(suffixes)
            problems.append(Problem(display, 1, 0, "", f"is not read: files here must end in {expected} "
                                                      f"(rename it to '{path.stem}{suffixes[0]}')"))
        elif ".xlsx" in suffixes and path.suffix.lower() == ".xlsx":
            problems.append(Problem(display, 1, 0, "", f"is not read: rename it to '{path.stem}.xlsx'"))
        elif ".xlsx" in suffixes and path.suffix.lower() in OTHER_SPREADSHEETS:
            problems.append(Problem(display, 1, 0, "", "is not read: save it from Excel or WPS as "
                                                      "'Excel 工作簿 (*.xlsx)' or as 'CSV UTF-8'"))
    return paths, problems


def not_regular_folder(folder: Path, root: Path) -> Problem | None:
    display = folder.relative_to(root).as_posix()
    if folder.is_symlink():
        return Problem(display, 1, 0, "", "is a symbolic link; only folders inside guides_src/ are read")
    if not folder.is_dir():
        return Problem(display, 1, 0, "", "is not a folder")
    return None


def read_model(path: Path, root: Path, model) -> tuple[Source | None, object | None, list[Problem]]:
    """One content file, loaded as its suffix says (YAML, CSV or a workbook) and modelled, with its problems."""
    loader = {".csv": load_csv, ".xlsx": load_xlsx}.get(path.suffix, load_yaml)
    source, problems = loader(path, path.relative_to(root).as_posix())
    if source is None:
        return None, None, problems
    obj, found = parse(source, model)
    # A value the loader could not read is reported once, by the loader.
    reported = {(p.line, p.col) for p in problems}
    return source, obj, problems + [p for p in found if (p.line, p.col) not in reported]


def check_content(guides_src: Path, today: datetime.date | None = None) -> tuple[Content | None, list[Problem]]:
    """Load, model and cross-check everything in guides_src/. Content is None when any problem was found."""
    today = today or clock.today()
    guides_src = guides_src.resolve()
    root = guides_src.parent
    problems: list[Problem] = []
    sources: list[Source] = []

    def read(path: Path, model):
        source, obj, found = read_model(path, root, model)
        problems.extend(found)
        if source is not None:
            sources.append(source)
        return source, obj

    folders = {}
    for name, suffixes in CONTENT_FOLDERS.items():
        folders[name], found = content_files(guides_src / name, root, suffixes)
        problems.extend(found)

    site_source, site = read(guides_src / "site.yaml", SiteSettings)
    laws_source, laws = read(guides_src / "laws.yaml", LawRegistry)
    topic_files = []
    # Topics are known by file name too, so one broken file does not make every link to it an error.
    known_slugs = {path.stem for path in folders["topics"]}
    for path in folders["topics"]:
        source, topic = read(path, Topic)
        if source is not None:
            topic_files.append((path, source, topic))

    guide_source, guide = read(guides_src / "guide.yaml", GuideIntro)
    templates = []
    for path in folders["templates"]:
        source, template = read(path, DocumentTemplate)
        if template is not None:
            templates.append(template)
            if template.slug != path.stem:
                problems.append(source.problem(("slug",), f"slug '{template.slug}' does not match the file name "
                                                          f"'{path.name}'"))

    station_files = []
    for path in folders["stations"]:
        source, directory = read(path, StationFile)
        if directory is not None:
            station_files.append((source, directory))
    problems.extend(check_stations(station_files))

    event_files = []
    for path in folders["events"]:
        source, events = read(path, EventFile)
        if source is not None:
            event_files.append((source, events))
    problems.extend(check_events([source for source, _ in event_files], known_slugs))

    if laws is not None:
        problems.extend(check_laws(laws_source, laws))
    problems.extend(check_topics(topic_files, known_slugs, site))
    if site is not None:
        problems.extend(check_site(site_source, site, known_slugs))
    tools_source, tools = read(guides_src / "tools.yaml", ToolSet)
    if tools is not None:
        problems.extend(check_tools(tools_source, tools, known_slugs))
    holidays_source, holidays = read(guides_src / "holidays.yaml", HolidayCalendar)
    if holidays is not None:
        problems.extend(check_holidays(holidays_source, holidays))
    worklog_source, worklog = read(guides_src / "worklog.yaml", WorkLogPage)
    if worklog is not None:
        problems.extend(check_worklog(worklog_source, worklog))
    statutes, found = read_statutes(guides_src, root)
    problems.extend(found)
    documents_source, documents = read(guides_src / "documents.yaml", DocumentSet)
    if documents is not None:
        problems.extend(check_documents(documents_source, documents))
    # Rules for every text and every citation run on the loaded data, so they hold even where a file has a
    # type error elsewhere (a wrong true/false does not hide an unknown law).
    for source in sources:
        problems.extend(check_values(source, today))
        if laws is not None:
            problems.extend(check_citations(source, laws))
    if laws is not None:
        cited = [(source, loc, citation) for source in sources for loc, citation in citation_sites(source)]
        problems = check_statute_articles(problems, laws_source, laws, statutes, cited)
    if problems or site is None or laws is None or guide is None or tools is None or holidays is None or worklog is None \
            or documents is None or any(topic is None for _, _, topic in topic_files) \
            or any(events is None for _, events in event_files):
        return None, sorted(set(problems))
    topics = sorted((t for _, _, t in topic_files), key=lambda t: t.slug)
    stations = sorted((s for _, d in station_files for s in d.stations), key=lambda s: (s.province, s.city.zh, s.id))
    templates.sort(key=lambda t: t.slug)
    events = sorted((e for _, f in event_files for e in f.events), key=lambda e: e.sort_key())
    return Content(site=site, laws=laws, topics=topics, stations=stations, guide=guide, templates=templates,
                   tools=tools, holidays=holidays, statutes=statutes, worklog=worklog, documents=documents,
                   events=events), []


def check_laws(source: Source, laws: LawRegistry) -> list[Problem]:
    problems = []
    seen: dict[str, int] = {}
    for i, law in enumerate(laws.laws):
        if law.id in seen:
            problems.append(source.problem(("laws", i, "id"), f"duplicate law id '{law.id}' (also law {seen[law.id]})"))
        seen.setdefault(law.id, i)
        if law.amended and law.adopted and law.amended < law.adopted:
            problems.append(source.problem(("laws", i, "amended"), "amended before it was adopted"))
        numbers: set[str] = set()
        for j, article in enumerate(law.articles):
            if article.number in numbers:
                problems.append(source.problem(("laws", i, "articles", j, "number"),
                                               f"duplicate article '{article.number}' in '{law.id}'"))
            numbers.add(article.number)
    return problems


def check_citation(source: Source, loc: tuple, citation: Citation, laws: LawRegistry) -> list[Problem]:
    law = laws.law(citation.law)
    if law is None:
        known = [law.id for law in laws.laws]
        return [source.problem(loc, f"unknown law '{citation.law}'" + did_you_mean(citation.law, known))]
    if citation.article is None:
        if law.citable_as_whole:
            return []
        example = law.articles[0].number if law.articles else "1"
        return [source.problem(loc, f"cite an article of '{law.id}', e.g. '{law.id} {example}'")]
    if law.article(citation.article) is None:
        return [source.problem(loc, f"'{law.id}' has no article {citation.article} in the law registry "
                                    "(add it to guides_src/laws.yaml first)")]
    return []


def check_topics(topic_files, all_slugs: set[str], site: SiteSettings | None) -> list[Problem]:
    """Cross-checks of the topic files, read from the loaded data so they run even when a field has a type error."""
    problems = []
    slugs: dict[str, str] = {}
    for path, source, _ in topic_files:
        data = source.data if isinstance(source.data, dict) else {}
        slug = data.get("slug")
        if isinstance(slug, str):
            if slug != path.stem:
                problems.append(source.problem(("slug",), f"slug '{slug}' does not match the file name '{path.name}'"))
            if slug in slugs:
                problems.append(source.problem(("slug",), f"duplicate slug '{slug}' (also in {slugs[slug]})"))
            slugs.setdefault(slug, source.path)
        summary = data.get("summary")
        for lang in LANGS:
            text = summary.get(lang) if isinstance(summary, dict) else None
            if isinstance(text, str) and len(text) > SUMMARY_MAX[lang]:
                problems.append(source.problem(("summary", lang), f"too long for one line ({len(text)} characters; "
                                                                  f"at most {SUMMARY_MAX[lang]})"))
        for i, related in _strings(data.get("related")):
            if related == path.stem:
                problems.append(source.problem(("related", i), "a topic cannot be related to itself"))
            elif related not in all_slugs:
                problems.append(source.problem(("related", i), f"unknown topic '{related}'" + did_you_mean(related, all_slugs)))
        if site is not None:
            category = data.get("category")
            if isinstance(category, str) and site.category(category) is None:
                ids = [c.id for c in site.categories]
                problems.append(source.problem(("category",), f"unknown category '{category}'" + did_you_mean(category, ids)))
            elif isinstance(category, str) and site.category(category).checkup:
                problems += _check_checkup(source, data, category)
            hotlines = data.get("help", {}).get("hotlines") if isinstance(data.get("help"), dict) else None
            for i, number in _strings(hotlines):
                if site.hotline(number) is None:
                    problems.append(source.problem(("help", "hotlines", i), f"unknown hotline '{number}' (see guides_src/site.yaml)"))
    return problems


def _check_checkup(source, data: dict, category: str) -> list[Problem]:
    """A topic about an employer's duties gives lawyers at least CHECKUP_MIN checkpoints for the check-up."""
    chapter = data.get("practitioner")
    if not isinstance(chapter, dict):
        return []  # the model reports a missing chapter
    points = chapter.get("checkup")
    if isinstance(points, list) and len(points) >= CHECKUP_MIN:
        return []
    where = ("practitioner", "checkup") if isinstance(points, list) else ("practitioner",)
    return [source.problem(where, f"a topic in category '{category}' needs at least {CHECKUP_MIN} check-up points "
                                  f"(practitioner.checkup) for lawyers checking an enterprise; it has "
                                  f"{len(points) if isinstance(points, list) else 0}")]


def _strings(value) -> list[tuple[int, str]]:
    """The text entries of a list in loaded data, with their positions (other entries are the model's to report)."""
    return [(i, item) for i, item in enumerate(value) if isinstance(item, str)] if isinstance(value, list) else []


def check_stations(station_files) -> list[Problem]:
    problems = []
    seen: dict[str, str] = {}
    for source, directory in station_files:
        for i, station in enumerate(directory.stations):
            if station.id in seen:
                problems.append(source.problem(("stations", i, "id"),
                                               f"duplicate station id '{station.id}' (also in {seen[station.id]})"))
            seen.setdefault(station.id, source.path)
    return problems


def check_site(source: Source, site: SiteSettings, topic_slugs: set[str]) -> list[Problem]:
    problems = []
    for name, items, key in (("categories", site.categories, "id"), ("hotlines", site.hotlines, "number")):
        seen = set()
        for i, item in enumerate(items):
            value = getattr(item, key)
            if value in seen:
                problems.append(source.problem((name, i, key), f"duplicate {key} '{value}'"))
            seen.add(value)
    for i, problem in enumerate(site.problems):
        if problem.topic not in topic_slugs:
            problems.append(source.problem(("problems", i, "topic"), f"unknown topic '{problem.topic}'"
                                           + did_you_mean(problem.topic, topic_slugs)))
    seen = set()
    for i, campaign in enumerate(site.campaigns):
        if campaign.id in seen:
            problems.append(source.problem(("campaigns", i, "id"), f"duplicate campaign id '{campaign.id}'"))
        seen.add(campaign.id)
        if campaign.end < campaign.start:
            problems.append(source.problem(("campaigns", i, "end"), f"ends ({campaign.end}) before it starts "
                                                                    f"({campaign.start})"))
        for j, slug in enumerate(campaign.topics):
            if slug not in topic_slugs:
                problems.append(source.problem(("campaigns", i, "topics", j), f"unknown topic '{slug}'"
                                               + did_you_mean(slug, topic_slugs)))
    return problems


def check_events(sources: list[Source], topic_slugs: set[str]) -> list[Problem]:
    """Across the event files: ids unique, topics known, an end not before its start and of the same kind (both
    all-day dates, or both with a time). Read from the loaded data, so they run even where a field has a type
    error."""
    from generator.models import _event_time

    problems = []
    seen: dict[str, str] = {}
    for source in sources:
        events = source.data.get("events") if isinstance(source.data, dict) else None
        for i, event in enumerate(events if isinstance(events, list) else []):
            if not isinstance(event, dict):
                continue
            event_id = event.get("id")
            if isinstance(event_id, str):
                if event_id in seen:
                    problems.append(source.problem(("events", i, "id"),
                                                   f"duplicate event id '{event_id}' (also in {seen[event_id]})"))
                seen.setdefault(event_id, source.path)
            for j, slug in _strings(event.get("topics")):
                if slug not in topic_slugs:
                    problems.append(source.problem(("events", i, "topics", j), f"unknown topic '{slug}'"
                                                   + did_you_mean(slug, topic_slugs)))
            try:
                start, end = _event_time(event.get("start")), _event_time(event.get("end"))
            except ValueError:
                continue  # the model reports a missing or unreadable time
            if isinstance(start, datetime.datetime) != isinstance(end, datetime.datetime):
                problems.append(source.problem(("events", i, "end"), "give both start and end as dates (all day), "
                                                                     "or both as dates with a time"))
            elif end < start:
                problems.append(source.problem(("events", i, "end"), f"ends ({_iso(end)}) before it starts "
                                                                     f"({_iso(start)})"))
    return problems


def _iso(value: datetime.date) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime.datetime) else value.isoformat()


# Control characters (form feed, carriage return, escape…), the line and paragraph separators and the
# bidirectional overrides that can make text read differently from what it is ("Trojan source").
CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Longest text allowed, by field: about twice the longest real text (labels 168, paragraphs 1,138 characters),
# so a pasted page or a runaway line is caught before it makes a page no phone can open.
SHORT_FIELDS = {"title", "short_title", "name", "heading", "label", "keywords", "text", "choices", "hint",
                "reviewed_by", "issued_by", "how_to_dial", "use_for", "document_number", "checked_at", "source",
                "city", "district", "address", "hours", "url", "id", "slug", "number", "place", "organisers",
                "phone", "link", "message"}
MAX_SHORT = 400
MAX_TEXT = 3000
# Dates that record something already done: a future one is a typing mistake.
PAST_DATES = {"reviewed_on", "verified_on", "published", "adopted", "amended"}


def leaves(value, loc: tuple = ()):
    """Every scalar of loaded data, with its path."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, loc + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from leaves(item, loc + (i,))
    else:
        yield loc, value


def check_values(source: Source, today: datetime.date) -> list[Problem]:
    """Rules for every value of a file: no control characters, no over-long text, no future dates for things
    done, and Chinese in the Chinese fields of topics."""
    problems = []
    is_topic = source.path.startswith("guides_src/topics/")
    for loc, value in leaves(source.data):
        if isinstance(value, str):
            problems.extend(_text_problems(source, loc, value, is_topic))
        if _field(loc) in PAST_DATES:
            date = _as_date(value)
            if date and date > today:
                problems.append(source.problem(loc, f"date {date} is in the future"))
    return problems


def _as_date(value) -> datetime.date | None:
    """A loaded date (YAML) or an ISO date text (a spreadsheet cell); None for anything else."""
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(value.strip()) if isinstance(value, str) else None
    except ValueError:
        return None


def _field(loc: tuple) -> str:
    """The field a value belongs to: the last name in its path that is not a language or a position."""
    names = [part for part in loc if isinstance(part, str) and part not in LANGS]
    return names[-1] if names else ""


def _text_problems(source: Source, loc: tuple, text: str, is_topic: bool) -> list[Problem]:
    control = CONTROL_RE.search(text)
    if control:
        return [source.problem(loc, f"contains the control character U+{ord(control.group(0)):04X}; remove it "
                                    "(retype the text if it was pasted)")]
    limit = MAX_SHORT if _field(loc) in SHORT_FIELDS else MAX_TEXT
    if len(text) > limit:
        return [source.problem(loc, f"is {len(text):,} characters long; at most {limit:,} here")]
    if is_topic and loc and loc[-1] == "zh" and not CJK_RE.search(text):
        return [source.problem(loc, "has no Chinese text; is the translation in the wrong field?")]
    return []


def citation_sites(source: Source) -> list[tuple[tuple, Citation]]:
    """Every well-formed citation in a file (an entry of any list named `cites`), with where it stands."""
    sites = []
    for loc, value in leaves(source.data):
        if len(loc) >= 2 and loc[-2] == "cites" and isinstance(loc[-1], int) and isinstance(value, str):
            match = CITATION_RE.match(value.strip())
            if match:
                sites.append((loc, Citation(**match.groupdict())))
    return sites


def check_citations(source: Source, laws: LawRegistry) -> list[Problem]:
    """Every citation in a file names a law and article of the registry."""
    return [problem for loc, citation in citation_sites(source)
            for problem in check_citation(source, loc, citation, laws)]


def check_tools(source: Source, tools: ToolSet, topic_slugs: set[str]) -> list[Problem]:
    """Each calculator once, its labels for exactly its inputs, its topics and citations known."""
    problems = []
    seen: set[str] = set()
    for i, tool in enumerate(tools.tools):
        if tool.slug in seen:
            problems.append(source.problem(("tools", i, "slug"), f"duplicate tool '{tool.slug}'"))
        seen.add(tool.slug)
        for j, slug in enumerate(tool.topics):
            if slug not in topic_slugs:
                problems.append(source.problem(("tools", i, "topics", j),
                                               f"unknown topic '{slug}'" + did_you_mean(slug, sorted(topic_slugs))))
        expected = [name for name, _, _ in INPUTS[tool.slug]]
        for name in tool.fields:
            if name not in expected:
                problems.append(source.problem(("tools", i, "fields", name), f"'{tool.slug}' has no input '{name}'"
                                               + did_you_mean(name, expected)))
        for name in expected:
            if name not in tool.fields:
                problems.append(source.problem(("tools", i, "fields"), f"missing the label of input '{name}'"))
            elif name in CHOICES and sorted(tool.fields[name].choices or {}) != sorted(CHOICES[name]):
                problems.append(source.problem(("tools", i, "fields", name, "choices"),
                                               f"'{name}' needs exactly the choices {', '.join(CHOICES[name])}"))
    for slug in FUNCTIONS:
        if slug not in seen:
            problems.append(source.problem(("tools",), f"missing the calculator '{slug}'"))
    return problems


def check_documents(source: Source, documents: DocumentSet) -> list[Problem]:
    """Each question once; every document prints only known questions, each once; dates compared with dates;
    choices and lists have what they need."""
    problems = []
    kinds: dict[str, str] = {}
    for i, field in enumerate(documents.fields):
        if field.id in kinds:
            problems.append(source.problem(("fields", i, "id"), f"duplicate question '{field.id}'"))
        kinds[field.id] = field.kind
        for loc, item in [(("fields", i), field)] + [(("fields", i, "items", j), sub)
                                                      for j, sub in enumerate(field.items or [])]:
            problems.extend(_check_question(source, loc, item))
        if field.kind != "list" and field.items:
            problems.append(source.problem(("fields", i, "items"), "only a 'list' question has items"))
    for i, field in enumerate(documents.fields):
        if field.after is not None and (field.kind != "date" or kinds.get(field.after) != "date"):
            problems.append(source.problem(("fields", i, "after"), f"'after' compares two dates; '{field.after}' "
                                           "is not a date question" if field.kind == "date"
                                           else "'after' is only for a date question"))
    slugs: set[str] = set()
    for where, document in [(("documents", i), d) for i, d in enumerate(documents.documents)] + [
            (("summary",), documents.summary)]:
        if document.slug in slugs:
            problems.append(source.problem(where + ("slug",), f"duplicate document '{document.slug}'"))
        slugs.add(document.slug)
        seen: set[str] = set()
        for j, section in enumerate(document.sections):
            for k, name in enumerate(section.fields):
                loc = where + ("sections", j, "fields", k)
                if name not in kinds:
                    problems.append(source.problem(loc, f"unknown question '{name}'" + did_you_mean(name, kinds)))
                elif name in seen:
                    problems.append(source.problem(loc, f"'{name}' is already printed in this document"))
                seen.add(name)
    return problems


def _check_question(source: Source, loc: tuple, field) -> list[Problem]:
    if field.kind == "choice" and not field.choices:
        return [source.problem(loc, f"'{field.id}' is a choice: list its choices")]
    if field.kind == "list" and not field.items:
        return [source.problem(loc, f"'{field.id}' is a list: give its items")]
    if field.kind != "choice" and field.choices:
        return [source.problem(loc + ("choices",), "only a 'choice' question has choices")]
    return []


def check_holidays(source: Source, calendar: HolidayCalendar) -> list[Problem]:
    """Each year once; days off in their year; make-up working days only on weekends that are not days off."""
    problems = []
    years = [y.year for y in calendar.years]
    for i, year in enumerate(calendar.years):
        if years.count(year.year) > 1:
            problems.append(source.problem(("years", i, "year"), f"the year {year.year} is listed twice"))
        off = set(year.days())
        for j, period in enumerate(year.days_off):
            if period.last < period.first:
                problems.append(source.problem(("years", i, "days_off", j, "to"), "ends before it starts"))
            elif period.last.year != year.year and period.first.year != year.year:
                problems.append(source.problem(("years", i, "days_off", j), f"is not in {year.year}"))
        for j, day in enumerate(year.working_days):
            if day.year != year.year:
                problems.append(source.problem(("years", i, "working_days", j), f"{day} is not in {year.year}"))
            elif day.weekday() < 5:
                problems.append(source.problem(("years", i, "working_days", j),
                                               f"{day} is a weekday; list only weekend days made working days"))
            elif day in off:
                problems.append(source.problem(("years", i, "working_days", j), f"{day} is also a day off"))
    return problems


def check_worklog(source: Source, worklog: WorkLogPage) -> list[Problem]:
    """The log page's script needs exactly its labels."""
    problems = []
    for name in WORKLOG_LABELS:
        if name not in worklog.labels:
            problems.append(source.problem(("labels",), f"missing the label '{name}'"))
    for name in worklog.labels:
        if name not in WORKLOG_LABELS:
            problems.append(source.problem(("labels", name), f"the page script has no label '{name}'"))
    return problems


# ── mkdocs.yml ───────────────────────────────────────────────────────────────────
# The theme prints these texts into pages as HTML, unescaped: they must not hold markup.
MKDOCS_TEXTS = {"site_name", "site_description", "copyright", "name"}
MARKUP_RE = re.compile(r'[<>"]')


def check_mkdocs(path: Path) -> list[Problem]:
    """The deployer's settings: site_url is an https:// address; texts the theme prints hold no markup."""
    source, problems = load_yaml(path, path.name, any_tags=True)
    if source is None:
        return problems
    try:
        config = read_mkdocs_config(path)
    except (yaml.YAMLError, ValueError, OSError) as error:
        return problems + [Problem(path.name, 1, 0, "", f"MkDocs cannot read it ({error})")]
    url = config.get("site_url")
    if not isinstance(url, str) or not HTTPS_URL_RE.match(url) or "?" in url or "#" in url:
        problems.append(source.problem(("site_url",), f"'{url}' is not the site's https:// address "
                                                      "(e.g. https://example.org/help/)"))

    for loc, value in leaves(config):
        markup = MARKUP_RE.search(value) if isinstance(value, str) and ("extra" in loc or _field(loc) in MKDOCS_TEXTS) else None
        if markup:
            problems.append(source.problem(loc, f"must not contain '{markup.group(0)}' (the theme prints this text "
                                                "into pages as HTML)"))
    return problems


# ── Statute texts (guides_src/statutes/, made by `statutes import`) ─────────────────

def read_statutes(guides_src: Path, root: Path) -> tuple[dict[str, StatuteText], list[Problem]]:
    """The imported texts by law id. They are generated, so a fast loader without line marks is enough."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    texts: dict[str, StatuteText] = {}
    problems: list[Problem] = []
    for path in sorted((guides_src / "statutes").glob("*.yaml")):
        display = path.relative_to(root).as_posix()
        try:
            data = yaml.load(path.read_text("utf-8"), Loader=loader)
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            problems.append(Problem(display, 1, 0, "", f"cannot be read ({error.__class__.__name__}); "
                                                       "run `python -m generator statutes import` again"))
            continue
        text, found = parse(Source(display, data), StatuteText)
        problems.extend(found)
        if text is not None:
            if text.law != path.stem:
                problems.append(Problem(display, 1, 0, "law", f"'{text.law}' does not match the file name "
                                                              f"'{path.name}'"))
            texts[text.law] = text
    return texts, problems


def _no_such_article(name: str, number: str, text: StatuteText) -> str:
    return f"{name} has no article {number} (it has {len(text.articles)})"


def check_statute_articles(problems: list[Problem], laws_source: Source, laws: LawRegistry,
                           statutes: dict[str, StatuteText], cited: list) -> list[Problem]:
    """Every article of a law with text, in laws.yaml and in each citation, must exist in that text.

    Returns `problems` with these added; a citation of an article missing from the text is reported as that,
    instead of as missing from the registry.
    """
    found = []
    for i, law in enumerate(laws.laws):
        text = statutes.get(law.id)
        for j, article in enumerate(law.articles):
            if text is not None and text.article(article.number) is None:
                found.append(laws_source.problem(("laws", i, "articles", j, "number"),
                                                 _no_such_article(law.short_title.zh, article.number, text)))
    for source, loc, citation in cited:
        law, text = laws.law(citation.law), statutes.get(citation.law)
        if law is not None and text is not None and citation.article and text.article(citation.article) is None:
            found.append(source.problem(loc, _no_such_article(law.short_title.zh, citation.article, text)))
    replaced = {(p.path, p.line, p.col, p.field) for p in found}
    return [p for p in problems if (p.path, p.line, p.col, p.field) not in replaced] + found
