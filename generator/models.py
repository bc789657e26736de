"""Typed content: laws, site settings and topics. Unknown keys are errors; both languages are required."""

from __future__ import annotations

import datetime
import json
import re
from typing import Annotated, ClassVar, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Check = Literal["official", "secondary"]
HotlineNumber = Annotated[str, StringConstraints(pattern=r"^[0-9]{3,5}$")]

# An https:// address with a host and no characters that could end a Markdown link or an HTML attribute.
HTTPS_URL_RE = re.compile(r"^https://[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?(/[A-Za-z0-9\-._~%!$&*+,;=:@/?#]*)?$")
HttpsUrl = Annotated[str, StringConstraints(pattern=HTTPS_URL_RE.pattern)]

CITATION_RE = re.compile(r"^(?P<law>[a-z0-9]+(?:-[a-z0-9]+)*)(?: (?P<article>[0-9]+(?:-[0-9]+)?))?$")


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Model):
    """A text in both languages."""

    zh: NonEmpty
    en: NonEmpty

    def __call__(self, lang: Lang) -> str:
        return getattr(self, lang)


class Citation(Model):
    """A reference to a law in the registry, and to one of its articles unless the law is cited whole."""

    law: str
    article: str | None = None

    def __str__(self) -> str:
        return self.law if self.article is None else f"{self.law} {self.article}"


def _parse_citation(value):
    if isinstance(value, str):
        match = CITATION_RE.match(value.strip())
        if not match:
            raise ValueError(f"'{value}' is not a citation; write '<law-id> <article>', "
                             "e.g. 'labour-contract-law 30'")
        return match.groupdict()
    return value


CitationField = Annotated[
    Citation,
    BeforeValidator(_parse_citation),
    Field(json_schema_extra={"type": "string", "pattern": CITATION_RE.pattern}),
]


# ── Law registry (guides_src/laws.yaml) ─────────────────────────────────────────

class Article(Model):
    number: Annotated[str, StringConstraints(pattern=r"^[0-9]+(-[0-9]+)?$")]
    check: Check
    zh: NonEmpty
    en: NonEmpty

    def summary(self, lang: Lang) -> str:
        return getattr(self, lang)


class Law(Model):
    id: Slug
    kind: Literal["law", "administrative-regulation", "departmental-rule",
                  "judicial-interpretation", "normative-document", "guiding-case"]
    title: Text
    short_title: Text
    issued_by: Text
    document_number: str | None = None
    adopted: datetime.date | None = None
    # null when the reference sheet does not give the date: never guess one
    effective: datetime.date | None
    amended: datetime.date | None = None
    check: Check
    citable_as_whole: bool = False
    note: Text | None = None
    articles: list[Article]

    def article(self, number: str) -> Article | None:
        return next((a for a in self.articles if a.number == number), None)


class LawRegistry(Model):
    laws: list[Law]

    def law(self, law_id: str) -> Law | None:
        return next((law for law in self.laws if law.id == law_id), None)


# ── Site settings (guides_src/site.yaml) ────────────────────────────────────────

class Category(Model):
    id: Slug
    name: Text
    description: Text
    # Its topics are about an employer's duties, so each has a check-up for enterprises (at least three
    # checkpoints); false for the topics on getting help (arbitration, legal aid ...).
    checkup: bool = True


class Hotline(Model):
    number: HotlineNumber
    name: Text
    use_for: Text
    how_to_dial: Text | None = None
    emergency_only: bool = False


class WorkerProblem(Model):
    """A worker's problem on the home page, leading to the topic that answers it."""

    text: Text
    topic: Slug


class SourceDoc(Model):
    name: Text
    url: HttpsUrl | None = None


class Campaign(Model):
    """A push on some topics for a while (e.g. a year-end campaign on unpaid wages): a banner on every page and
    its topics first on the home page, from `start` to `end` inclusive (dates in China)."""

    id: Slug
    title: Text
    start: datetime.date
    end: datetime.date
    topics: Annotated[list[Slug], Field(min_length=1)]
    message: Text | None = None
    link: HttpsUrl | None = None


class SiteSettings(Model):
    name: Text
    description: Text
    categories: list[Category]
    problems: list[WorkerProblem]
    hotlines: list[Hotline]
    disclaimer: Text
    review_policy: Text
    sources: list[SourceDoc]
    campaigns: list["Campaign"] = []

    def hotline(self, number: str) -> Hotline | None:
        return next((h for h in self.hotlines if h.number == number), None)

    def hotlines_for(self, numbers: list[str]) -> list[Hotline]:
        return [self.hotline(number) for number in numbers]

    def everyday_hotlines(self) -> list[Hotline]:
        """The hotlines for labour questions, without the emergency-only numbers."""
        return [h for h in self.hotlines if not h.emergency_only]

    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def running_campaigns(self, today: datetime.date) -> list["Campaign"]:
        """The campaigns whose dates include `today`, the one that started first first."""
        return sorted((c for c in self.campaigns if c.start <= today <= c.end), key=lambda c: (c.start, c.id))

    def campaign_topics(self, today: datetime.date) -> list[str]:
        """The topics of the running campaigns, in the campaigns' order, without repeats."""
        return list(dict.fromkeys(slug for c in self.running_campaigns(today) for slug in c.topics))


# ── Topics (guides_src/topics/<slug>.yaml) ──────────────────────────────────────

class Statement(Model):
    """A legal statement: it must cite at least one article."""

    zh: NonEmpty
    en: NonEmpty
    cites: Annotated[list[CitationField], Field(min_length=1)]

    def text(self, lang: Lang) -> str:
        return getattr(self, lang)


class Step(Model):
    """Something the worker can do now; cites the rule it relies on, if any."""

    zh: NonEmpty
    en: NonEmpty
    cites: list[CitationField] = []

    def text(self, lang: Lang) -> str:
        return getattr(self, lang)


class Help(Model):
    hotlines: Annotated[list[HotlineNumber], Field(min_length=1)]
    # True when the next step is to visit a legal aid station (the station directory links here).
    stations: bool


class Keywords(Model):
    zh: Annotated[list[NonEmpty], Field(min_length=1)]
    en: Annotated[list[NonEmpty], Field(min_length=1)]

    def words(self, lang: Lang) -> list[str]:
        return getattr(self, lang)


class EvidenceItem(Model):
    zh: NonEmpty
    en: NonEmpty
    held_by: Literal["worker", "employer", "third-party", "authority"]

    def text(self, lang: Lang) -> str:
        return getattr(self, lang)


Severity = Literal["high", "medium", "low"]
CHECKUP_MIN = 3


class Checkpoint(Model):
    """One thing a lawyer checks in an enterprise's legal check-up (用工法治体检), from the employer's side."""

    look_at: Text  # the documents, registers, payroll or policies to ask for
    requirement: Statement  # what the law requires, cited
    risk: Statement  # what the enterprise risks if it fails (payments to workers, fines, ...), cited
    # high: money owed to workers (double wages, compensation) or criminal liability; medium: fines or orders
    # to put it right; low: records and procedure with no sanction of their own.
    severity: Severity
    fix: Text


class Practitioner(Model):
    """The lawyers' chapter on the same subject as the worker page; every part is required (the check-up only
    for topics about an employer's duties)."""

    summary: Text
    elements: Annotated[list[Step], Field(min_length=1)]
    legal_basis: Annotated[list[Statement], Field(min_length=1)]
    burden_of_proof: Statement
    evidence: Annotated[list[EvidenceItem], Field(min_length=1)]
    procedure: Annotated[list[Step], Field(min_length=1)]
    remedies: Annotated[list[Statement], Field(min_length=1)]
    pitfalls: Annotated[list[Step], Field(min_length=1)]
    intake_questions: Annotated[list[Text], Field(min_length=1)]
    checkup: list[Checkpoint] = []
    reviewed_on: datetime.date
    reviewed_by: NonEmpty

    CITED_PARTS: ClassVar[tuple[str, ...]] = ("elements", "legal_basis", "procedure", "remedies", "pitfalls")

    def citation_sites(self) -> list[tuple[tuple, Citation]]:
        sites = []
        for part in self.CITED_PARTS:
            for i, item in enumerate(getattr(self, part)):
                sites += [((part, i, "cites", j), c) for j, c in enumerate(item.cites)]
        sites += [(("burden_of_proof", "cites", j), c) for j, c in enumerate(self.burden_of_proof.cites)]
        for i, point in enumerate(self.checkup):
            for part in ("requirement", "risk"):
                sites += [(("checkup", i, part, "cites", j), c) for j, c in enumerate(getattr(point, part).cites)]
        return sites


class Topic(Model):
    slug: Slug
    category: Slug
    title: Text
    summary: Text
    law_says: Annotated[list[Statement], Field(min_length=1)]
    steps: Annotated[list[Step], Field(min_length=1)]
    evidence: Annotated[list[Text], Field(min_length=1)]
    deadline: Statement
    help: Help
    keywords: Keywords
    related: list[Slug] = []
    reviewed_on: datetime.date
    reviewed_by: NonEmpty
    practitioner: Practitioner

    def citation_sites(self) -> list[tuple[tuple, Citation]]:
        """Every citation in the file with where it stands: worker page first, then the lawyers' chapter."""
        sites = []
        for part in ("law_says", "steps"):
            for i, item in enumerate(getattr(self, part)):
                sites += [((part, i, "cites", j), c) for j, c in enumerate(item.cites)]
        sites += [(("deadline", "cites", j), c) for j, c in enumerate(self.deadline.cites)]
        sites += [(("practitioner", *loc), c) for loc, c in self.practitioner.citation_sites()]
        return sites

    def citations(self) -> list[Citation]:
        """Every citation on the worker page, first use first, without repeats."""
        return _unique([c for loc, c in self.citation_sites() if loc[0] != "practitioner"])

    def practitioner_citations(self) -> list[Citation]:
        return _unique([c for _, c in self.practitioner.citation_sites()])


def _unique(citations: list[Citation]) -> list[Citation]:
    seen: dict[str, Citation] = {}
    for citation in citations:
        seen.setdefault(str(citation), citation)
    return list(seen.values())


# ── Practitioner guide: introduction and document templates ─────────────────────

class GuideSection(Model):
    heading: Text
    paragraphs: Annotated[list[Step], Field(min_length=1)]


class GuideIntro(Model):
    title: Text
    summary: Text
    sections: Annotated[list[GuideSection], Field(min_length=1)]
    reviewed_on: datetime.date
    reviewed_by: NonEmpty


class TemplateField(Model):
    label: Text
    lines: Annotated[int, Field(ge=1, le=12)]


class TemplateSection(Model):
    heading: Text
    fields: Annotated[list[TemplateField], Field(min_length=1)]
    note: Text | None = None


class DocumentTemplate(Model):
    """A fill-in form printed with blanks to write on by hand."""

    slug: Slug
    title: Text
    purpose: Text
    cites: Annotated[list[CitationField], Field(min_length=1)]
    sections: Annotated[list[TemplateSection], Field(min_length=1)]
    notes: list[Step] = []
    reviewed_on: datetime.date
    reviewed_by: NonEmpty

    def citation_sites(self) -> list[tuple[tuple, Citation]]:
        sites = [(("cites", j), c) for j, c in enumerate(self.cites)]
        for i, note in enumerate(self.notes):
            sites += [(("notes", i, "cites", j), c) for j, c in enumerate(note.cites)]
        return sites


# ── Station directory (guides_src/stations/*.csv, *.yaml) ───────────────────────

StationKind = Literal["legal-aid-centre", "union-workstation", "community-workstation", "service-window",
                      "mobile-station", "hotline"]
Service = Literal["consultation", "representation", "mediation", "arbitration-help", "wage-claims", "work-injury"]
SERVICES: tuple[str, ...] = Service.__args__
# Landline with area code (010-12345678), 11-digit mobile, or a 5-digit national service number (12348).
PHONE_RE = re.compile(r"^(0\d{2,3}-?\d{7,8}|1[3-9]\d{9}|1\d{4})$")


def _province_code(value):
    from generator.provinces import province

    if isinstance(value, str):
        found = province(value)
        if found is None:
            raise ValueError(f"unknown province '{value}' (use a code such as 'guangdong' or the Chinese name '广东')")
        return found.code
    return value


def _phone(value):
    if isinstance(value, str) and not PHONE_RE.match(value.strip()):
        raise ValueError(f"'{value}' is not a phone number (area code and number, 11-digit mobile, "
                         "or a 5-digit service number such as 12348)")
    return value.strip() if isinstance(value, str) else value


ProvinceCode = Annotated[str, BeforeValidator(_province_code)]
Phone = Annotated[str, BeforeValidator(_phone)]


class Station(Model):
    """A place (or line) where a worker can get help, with where the entry was confirmed and when."""

    id: Slug
    name: Text
    kind: StationKind
    province: ProvinceCode
    city: Text
    district: Text | None = None
    address: Text | None = None
    phones: Annotated[list[Phone], Field(min_length=1)]
    hours: Text | None = None
    services: Annotated[list[Service], Field(min_length=1)]
    platform_workers: bool
    source: NonEmpty
    verified_on: datetime.date

    def tel(self, phone: str) -> str:
        return "tel:" + phone.replace("-", "")


class StationFile(Model):
    stations: list[Station]


# ── Events and mobile stations (guides_src/events/*.yaml) ───────────────────────

EventKind = Literal["talk", "consultation_day", "mobile_station"]
EVENT_KINDS: tuple[str, ...] = EventKind.__args__
EVENT_TIME_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?$")


def _event_time(value):
    """A date (all day) or a date and time in China: a YAML date or timestamp, or 'YYYY-MM-DD HH:MM' text."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            from generator.clock import CHINA

            value = value.astimezone(CHINA).replace(tzinfo=None)
        return value
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        match = EVENT_TIME_RE.match(text)
        try:
            if match:
                day, hour, minute, second = match.groups()
                return datetime.datetime.combine(datetime.date.fromisoformat(day),
                                                 datetime.time(int(hour), int(minute), int(second or 0)))
            return datetime.date.fromisoformat(text)
        except ValueError:
            pass
        raise ValueError(f"'{value}' is not a date or a date and time (use YYYY-MM-DD, or YYYY-MM-DD HH:MM in "
                         "China time)")
    raise ValueError(f"expected a date (YYYY-MM-DD) or a date and time (YYYY-MM-DD HH:MM), got {value!r}")


def _event_time_schema(schema: dict) -> None:
    schema.clear()
    schema.update(type="string", pattern=r"^\d{4}-\d{2}-\d{2}([T ]\d{1,2}:\d{2}(:\d{2})?)?$",
                  description="YYYY-MM-DD (all day) or YYYY-MM-DD HH:MM (China time)")


EventTime = Annotated[datetime.datetime | datetime.date, BeforeValidator(_event_time),
                      Field(json_schema_extra=_event_time_schema)]


class EventContact(Model):
    """Who to call about the event: a phone checked like a station's, and optionally a name."""

    phone: Phone
    name: Text | None = None

    def tel(self) -> str:
        return "tel:" + self.phone.replace("-", "")


class Event(Model):
    """A talk, a consultation day or a mobile station's stop: where and when, who runs it, on which topics.
    Times are China time (Asia/Shanghai); a date without a time is an all-day event."""

    id: Slug
    kind: EventKind
    title: Text
    start: EventTime
    end: EventTime
    place: Text
    province: ProvinceCode
    city: Text
    organisers: Annotated[list[Text], Field(min_length=1)]
    topics: Annotated[list[Slug], Field(min_length=1)]
    contact: EventContact
    note: Text | None = None
    source: NonEmpty
    verified_on: datetime.date

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime.datetime)

    @property
    def first_day(self) -> datetime.date:
        return self.start.date() if isinstance(self.start, datetime.datetime) else self.start

    @property
    def last_day(self) -> datetime.date:
        return self.end.date() if isinstance(self.end, datetime.datetime) else self.end

    def upcoming(self, today: datetime.date) -> bool:
        """Still to come or under way on `today` (a date in China): shown until its last day is over."""
        return self.last_day >= today

    def sort_key(self) -> tuple:
        start = self.start if isinstance(self.start, datetime.datetime) else datetime.datetime.combine(
            self.start, datetime.time())
        return (start, self.id)


class EventFile(Model):
    events: list[Event]


# ── Calculators (guides_src/tools.yaml, guides_src/holidays.yaml) ───────────────────────
# The rules are in overrides/assets/calculators.js; INPUTS lists the inputs each of its functions takes.

FieldKind = Literal["date", "money", "hours", "years", "days", "choice", "yes-no"]

# Each calculator's inputs, in form order: (name, kind, required); names are the function's parameters.
INPUTS: dict[str, list[tuple[str, FieldKind, bool]]] = {
    "arbitration-deadline": [("claim", "choice", True), ("knewOn", "date", False),
                             ("employmentEnded", "date", False)],
    "double-wages": [("start", "date", True), ("contractSigned", "date", False), ("end", "date", False),
                     ("monthlyWage", "money", True), ("partMonthWorkdays", "days", False)],
    "severance": [("start", "date", True), ("end", "date", True), ("monthlyWage", "money", True),
                  ("localAverageWage", "money", False), ("unlawful", "yes-no", False)],
    "overtime": [("monthlyWage", "money", True), ("workdayHours", "hours", False), ("restDayHours", "hours", False),
                 ("holidayHours", "hours", False)],
    "work-injury": [("grade", "choice", True), ("ownWage", "money", True), ("localAverageWage", "money", False)],
    "annual-leave": [("cumulativeYears", "years", True), ("daysTaken", "days", False), ("monthlyWage", "money", True)],
    "unpaid-wages": [("periodStart", "date", True), ("periodEnd", "date", True), ("wagesDue", "money", True),
                     ("wagesPaid", "money", False)],
}
FUNCTIONS = {"arbitration-deadline": "arbitrationDeadline", "double-wages": "doubleWages",
             "severance": "severance", "overtime": "overtimePay", "work-injury": "workInjuryBenefits",
             "annual-leave": "annualLeavePay", "unpaid-wages": "unpaidWages"}
CHOICES = {"claim": ["wages", "other"], "grade": [str(grade) for grade in range(1, 11)]}


class ToolField(Model):
    label: Text
    hint: Text | None = None
    choices: dict[str, Text] | None = None


class Tool(Model):
    slug: Literal["arbitration-deadline", "double-wages", "severance", "overtime", "work-injury", "annual-leave",
                  "unpaid-wages"]
    title: Text
    summary: Text
    topics: list[Slug]
    cites: list[CitationField]
    fields: dict[str, ToolField]

    @property
    def function(self) -> str:
        return FUNCTIONS[self.slug]

    def inputs(self) -> list[tuple[str, FieldKind, bool, ToolField]]:
        return [(name, kind, required, self.fields[name]) for name, kind, required in INPUTS[self.slug]]


class ToolSet(Model):
    reviewed_on: datetime.date
    reviewed_by: Text
    tools: list[Tool]

    def for_topic(self, slug: str) -> list[Tool]:
        return [tool for tool in self.tools if slug in tool.topics]


class HolidaySource(Model):
    title: str
    document_number: str | None
    published: datetime.date
    checked_at: str
    check: Check


class DaysOff(Model):
    name: Text
    # "from" is a Python keyword, so the model names it `first`; the YAML key stays `from`.
    first: datetime.date = Field(alias="from")
    last: datetime.date = Field(alias="to")


class HolidayYear(Model):
    year: int
    source: HolidaySource
    days_off: list[DaysOff]
    working_days: list[datetime.date]

    def days(self) -> list[datetime.date]:
        return [period.first + datetime.timedelta(n) for period in self.days_off
                for n in range((period.last - period.first).days + 1)]


class HolidayCalendar(Model):
    years: list[HolidayYear]

    def module(self, mark: str) -> str:
        """The calendar as the ES module calculators.js imports (assets/holidays.js)."""
        data = {
            "years": [y.year for y in self.years],
            "off": [day.isoformat() for y in self.years for day in y.days()],
            "work": [day.isoformat() for y in self.years for day in y.working_days],
            "sources": [{"year": y.year, "title": y.source.title, "number": y.source.document_number,
                         "published": y.source.published.isoformat()} for y in self.years],
        }
        return f"// {mark} (guides_src/holidays.yaml)\nexport const CALENDAR = {json.dumps(data, ensure_ascii=False)};\n"



# ── Statute texts (guides_src/statutes/<law-id>.yaml, made by `statutes import`) ──────

class StatuteArticle(Model):
    """One article of the official text: its number as in laws.yaml ("82", "276-1") and its paragraphs and items."""

    number: Annotated[str, StringConstraints(pattern=r"^[0-9]+(-[0-9]+)?$")]
    paragraphs: Annotated[list[NonEmpty], Field(min_length=1)]


class StatuteText(Model):
    """A law's Chinese text as imported from a snapshot of LawRefBook/Laws."""

    law: Slug
    title: NonEmpty
    source_file: NonEmpty
    snapshot_commit: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{40}$")]
    version_date: datetime.date
    articles: Annotated[list[StatuteArticle], Field(min_length=1)]

    def article(self, number: str) -> StatuteArticle | None:
        return next((a for a in self.articles if a.number == number), None)


# A page is "checked by the editors" until a lawyer signs it off: then reviewed_by names the lawyer instead.
EDITORS_ONLY = re.compile(r"editor|pending|编辑|待", re.I)


def lawyer_signed(reviewed_by: str) -> bool:
    return not EDITORS_ONLY.search(reviewed_by)


# ── The work and pay log (guides_src/worklog.yaml) ──────────────────────────────
# The words the page script (overrides/assets/javascripts/log.js) shows; each must be given in both languages.
WORKLOG_LABELS = (
    "app_no_script", "record_today", "day_form", "date", "worked", "not_worked", "hours", "hours_hint",
    "start", "end", "site", "assigned_by", "pieces", "note", "unpaid", "holiday", "save", "edit", "delete",
    "undo", "deleted", "saved", "wage_form", "basis", "basis_day", "basis_hour", "basis_piece", "basis_month", "rate",
    "payment_form", "amount", "method", "method_cash", "method_transfer", "method_wechat", "method_alipay",
    "method_advance", "calendar", "prev_month", "next_month", "kind_work", "kind_rest", "kind_holiday", "mark_off",
    "mark_makeup", "calendar_missing", "entries", "payments", "no_entries", "totals", "month", "days", "total_hours",
    "beyond_workday", "beyond_rest", "beyond_holiday", "due", "received", "owed", "unpaid_days", "working",
    "to_unpaid_wages", "to_overtime", "evidence_out", "print_sheet", "csv", "backup", "restore", "restored",
    "clear", "clear_confirm", "cleared", "storage_persisted", "storage_not_persisted", "storage_full",
    "storage_failed", "storage_unavailable", "storage_blocked", "error_date", "error_hours", "error_amount", "error_rate",
    "sheet_title", "sheet_worker", "sheet_employer", "sheet_signatures", "sheet_sign_worker", "sheet_sign_coworker",
    "sheet_sign_foreman", "sheet_date", "yes", "no", "col_date", "col_kind", "col_worked", "col_start", "col_end",
    "col_hours", "col_beyond", "col_site", "col_assigned", "col_pieces", "col_unpaid", "col_note", "pay_date",
    "pay_method", "pay_amount", "pay_note", "yuan", "hours_unit")


class WorkLogPage(Model):
    """The words of /log/: what the page is for, what makes a self-kept log stronger, and the script's labels."""

    title: Text
    summary: Text
    private: Text
    evidence_intro: Text
    evidence_tips: Annotated[list[Text], Field(min_length=1)]
    law_says: Annotated[list[Statement], Field(min_length=1)]
    totals_note: Statement
    # The articles the working of the totals may cite (overrides/assets/worklog.js, `steps`).
    cites: list[CitationField]
    labels: dict[str, Text]
    reviewed_on: datetime.date
    reviewed_by: Text

    def citations(self) -> list[Citation]:
        return _unique([c for s in [*self.law_says, self.totals_note] for c in s.cites] + list(self.cites))

    def script_labels(self, lang: Lang) -> dict[str, str]:
        return {key: text(lang) for key, text in sorted(self.labels.items())}


# ── Guided fill-in documents (guides_src/documents.yaml) ─────────────────────────

DocumentFieldKind = Literal["text", "long-text", "date", "money", "number", "choice", "list"]
# Longest answer kept per kind (characters); a longer one is refused on the page with a message.
ANSWER_MAX = {"text": 100, "long-text": 3000, "date": 10, "money": 20, "number": 10, "choice": 40}


class DocumentField(Model):
    """One question, asked once and shared by every document that prints it."""

    id: Slug
    kind: DocumentFieldKind
    required: bool
    # The label on the paper form, always Chinese: the filed document is in Chinese.
    printed: NonEmpty
    question: Text
    meaning: Text
    example: Text | None = None
    # A date field this date may not come before (e.g. the last day of work after the first).
    after: Slug | None = None
    choices: dict[str, Text] | None = None
    items: list["DocumentField"] | None = None


class DocumentSection(Model):
    printed: NonEmpty
    heading: Text
    fields: Annotated[list[Slug], Field(min_length=1)]


class FilledDocument(Model):
    """A document the worker fills in on the phone and prints in Chinese."""

    slug: Slug
    title: Text
    printed_title: NonEmpty
    summary: Text
    cites: Annotated[list[CitationField], Field(min_length=1)]
    sections: Annotated[list[DocumentSection], Field(min_length=1)]
    signature: list[NonEmpty]

    def field_ids(self) -> list[str]:
        return [name for section in self.sections for name in section.fields]


class DocumentSet(Model):
    reviewed_on: datetime.date
    reviewed_by: Text
    fields: Annotated[list[DocumentField], Field(min_length=1)]
    documents: Annotated[list[FilledDocument], Field(min_length=1)]
    # The one-page case summary for a lawyer (/act/summary/), printed like the documents.
    summary: FilledDocument

    def field(self, field_id: str) -> DocumentField | None:
        return next((f for f in self.fields if f.id == field_id), None)


class Content(Model):
    """Everything in guides_src/, checked: the site settings, the law registry, the topics and the stations."""

    site: SiteSettings
    laws: LawRegistry
    topics: list[Topic]
    stations: list[Station] = []
    guide: GuideIntro
    templates: list[DocumentTemplate] = []
    tools: ToolSet
    holidays: HolidayCalendar
    # The official text of each law that has one, by law id.
    statutes: dict[str, StatuteText] = {}
    worklog: WorkLogPage
    documents: DocumentSet
    events: list[Event] = []

    def upcoming_events(self, today: datetime.date, province_code: str | None = None) -> list[Event]:
        """Events not yet over on `today`, soonest first; only a province's when one is given."""
        return sorted((e for e in self.events if e.upcoming(today)
                       and (province_code is None or e.province == province_code)), key=Event.sort_key)

    def statute_article(self, law_id: str, number: str | None) -> tuple[StatuteText, StatuteArticle] | None:
        text = self.statutes.get(law_id)
        article = text.article(number) if text and number else None
        return (text, article) if article else None

    def topics_by_category(self) -> list[Topic]:
        """Topics in the order of the site's categories, as the guide presents its chapters."""
        return [t for category in self.site.categories for t in self.topics_in(category.id)]

    def stations_in(self, province_code: str) -> list[Station]:
        return [s for s in self.stations if s.province == province_code]

    def topic(self, slug: str) -> Topic | None:
        return next((t for t in self.topics if t.slug == slug), None)

    def topics_in(self, category_id: str) -> list[Topic]:
        return [t for t in self.topics if t.category == category_id]
