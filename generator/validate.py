"""Check the content and collect every problem as a value; never stop at the first."""

from __future__ import annotations

import datetime
import difflib
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.load import Source, load_yaml
from generator.models import (CHOICES, FUNCTIONS, INPUTS, LANGS, Citation, Content, DocumentTemplate, GuideIntro,
                              HolidayCalendar, LawRegistry, SiteSettings, StationFile, StatuteText, ToolSet, Topic)
from generator.stations import load_csv
from generator.problems import Problem

SUMMARY_MAX = {"zh": 60, "en": 200}
RAW_HTML_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>|<!--")
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

def check_content(guides_src: Path, today: datetime.date | None = None) -> tuple[Content | None, list[Problem]]:
    """Load, model and cross-check everything in guides_src/. Content is None when any problem was found."""
    today = today or datetime.date.today()
    guides_src = guides_src.resolve()
    root = guides_src.parent
    problems: list[Problem] = []

    def read(path: Path, model):
        loader = load_csv if path.suffix == ".csv" else load_yaml
        source, found = loader(path, path.relative_to(root).as_posix())
        problems.extend(found)
        if source is None:
            return None, None
        obj, found = parse(source, model)
        # A value the loader could not read is reported once, by the loader.
        reported = {(p.line, p.col) for p in problems if p.path == source.path}
        problems.extend(p for p in found if (p.line, p.col) not in reported)
        return source, obj

    site_source, site = read(guides_src / "site.yaml", SiteSettings)
    laws_source, laws = read(guides_src / "laws.yaml", LawRegistry)
    topic_files = []
    topic_paths = sorted((guides_src / "topics").glob("*.yaml"))
    # Topics are known by file name too, so one broken file does not make every link to it an error.
    known_slugs = {path.stem for path in topic_paths}
    for path in topic_paths:
        source, topic = read(path, Topic)
        if source is not None:
            problems.extend(_check_text(source))
        if topic is not None:
            topic_files.append((path, source, topic))

    guide_source, guide = read(guides_src / "guide.yaml", GuideIntro)
    templates = []
    template_sources = []
    for path in sorted((guides_src / "templates").glob("*.yaml")):
        source, template = read(path, DocumentTemplate)
        if template is not None:
            templates.append(template)
            template_sources.append((source, template))
            if template.slug != path.stem:
                problems.append(source.problem(("slug",), f"slug '{template.slug}' does not match the file name "
                                                          f"'{path.name}'"))
            if laws is not None:
                for loc, citation in template.citation_sites():
                    problems.extend(check_citation(source, loc, citation, laws))
    if guide is not None and laws is not None:
        for i, section in enumerate(guide.sections):
            for j, paragraph in enumerate(section.paragraphs):
                for k, citation in enumerate(paragraph.cites):
                    problems.extend(check_citation(guide_source, ("sections", i, "paragraphs", j, "cites", k),
                                                   citation, laws))

    station_files = []
    for path in sorted([*(guides_src / "stations").glob("*.csv"), *(guides_src / "stations").glob("*.yaml")]):
        source, directory = read(path, StationFile)
        if directory is not None:
            station_files.append((source, directory))
    problems.extend(check_stations(station_files, today))

    if laws is not None:
        problems.extend(check_laws(laws_source, laws))
    problems.extend(check_topics(topic_files, known_slugs, site, laws, today))
    if site is not None:
        problems.extend(check_site(site_source, site, known_slugs))
    tools_source, tools = read(guides_src / "tools.yaml", ToolSet)
    if tools is not None:
        problems.extend(check_tools(tools_source, tools, laws, known_slugs))
    holidays_source, holidays = read(guides_src / "holidays.yaml", HolidayCalendar)
    if holidays is not None:
        problems.extend(check_holidays(holidays_source, holidays))
    statutes, found = read_statutes(guides_src, root)
    problems.extend(found)
    if laws is not None:
        cited = [(source, loc, c) for _, source, topic in topic_files for loc, c in topic.citation_sites()]
        cited += [(source, loc, c) for source, template in template_sources for loc, c in template.citation_sites()]
        if guide is not None:
            cited += [(guide_source, ("sections", i, "paragraphs", j, "cites", k), c)
                      for i, section in enumerate(guide.sections) for j, paragraph in enumerate(section.paragraphs)
                      for k, c in enumerate(paragraph.cites)]
        if tools is not None:
            cited += [(tools_source, ("tools", i, "cites", j), c)
                      for i, tool in enumerate(tools.tools) for j, c in enumerate(tool.cites)]
        problems = check_statute_articles(problems, laws_source, laws, statutes, cited)
    if problems or site is None or laws is None or guide is None or tools is None or holidays is None:
        return None, sorted(set(problems))
    topics = sorted((t for _, _, t in topic_files), key=lambda t: t.slug)
    stations = sorted((s for _, d in station_files for s in d.stations), key=lambda s: (s.province, s.city.zh, s.id))
    templates.sort(key=lambda t: t.slug)
    return Content(site=site, laws=laws, topics=topics, stations=stations, guide=guide, templates=templates,
                   tools=tools, holidays=holidays, statutes=statutes), []


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


def check_topics(topic_files, all_slugs: set[str], site: SiteSettings | None, laws: LawRegistry | None,
                 today: datetime.date) -> list[Problem]:
    problems = []
    slugs: dict[str, str] = {}
    for path, source, topic in topic_files:
        if topic.slug != path.stem:
            problems.append(source.problem(("slug",), f"slug '{topic.slug}' does not match the file name '{path.name}'"))
        if topic.slug in slugs:
            problems.append(source.problem(("slug",), f"duplicate slug '{topic.slug}' (also in {slugs[topic.slug]})"))
        slugs.setdefault(topic.slug, source.path)
        for lang in LANGS:
            length = len(topic.summary(lang))
            if length > SUMMARY_MAX[lang]:
                problems.append(source.problem(("summary", lang), f"too long for one line ({length} characters; "
                                                                  f"at most {SUMMARY_MAX[lang]})"))
        for i, related in enumerate(topic.related):
            if related == topic.slug:
                problems.append(source.problem(("related", i), "a topic cannot be related to itself"))
            elif related not in all_slugs:
                problems.append(source.problem(("related", i), f"unknown topic '{related}'" + did_you_mean(related, all_slugs)))
        if topic.reviewed_on > today:
            problems.append(source.problem(("reviewed_on",), f"date {topic.reviewed_on} is in the future"))
        if site is not None:
            if site.category(topic.category) is None:
                ids = [c.id for c in site.categories]
                problems.append(source.problem(("category",), f"unknown category '{topic.category}'" + did_you_mean(topic.category, ids)))
            for i, number in enumerate(topic.help.hotlines):
                if site.hotline(number) is None:
                    problems.append(source.problem(("help", "hotlines", i), f"unknown hotline '{number}' (see guides_src/site.yaml)"))
        if laws is not None:
            for loc, citation in topic.citation_sites():
                problems.extend(check_citation(source, loc, citation, laws))
    return problems


def check_stations(station_files, today: datetime.date) -> list[Problem]:
    problems = []
    seen: dict[str, str] = {}
    for source, directory in station_files:
        for i, station in enumerate(directory.stations):
            if station.id in seen:
                problems.append(source.problem(("stations", i, "id"),
                                               f"duplicate station id '{station.id}' (also in {seen[station.id]})"))
            seen.setdefault(station.id, source.path)
            if station.verified_on > today:
                problems.append(source.problem(("stations", i, "verified_on"),
                                               f"date {station.verified_on} is in the future"))
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
    return problems


def _check_text(source: Source) -> list[Problem]:
    """Rules for every text in a topic file: no raw HTML; Chinese fields hold Chinese."""
    problems = []

    def walk(value, loc):
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, loc + (key,))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                walk(item, loc + (i,))
        elif isinstance(value, str):
            html = RAW_HTML_RE.search(value)
            if html:
                problems.append(source.problem(loc, f"raw HTML is not allowed in text ('{html.group(0)}')"))
            if loc and loc[-1] == "zh" and not CJK_RE.search(value):
                problems.append(source.problem(loc, "has no Chinese text; is the translation in the wrong field?"))

    walk(source.data, ())
    return problems


def check_tools(source: Source, tools: ToolSet, laws: LawRegistry | None, topic_slugs: set[str]) -> list[Problem]:
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
        if laws is not None:
            for j, citation in enumerate(tool.cites):
                problems.extend(check_citation(source, ("tools", i, "cites", j), citation, laws))
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
