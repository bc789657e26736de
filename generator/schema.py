"""JSON Schemas for the YAML sources, generated from the models, for editors' completion and checks."""

from __future__ import annotations

import json

from generator.models import (DocumentSet, DocumentTemplate, EventFile, GuideIntro, HolidayCalendar, LawRegistry, SiteSettings, StationFile,
                              ToolSet, Topic, WorkLogPage)
from generator.render import GENERATED_MARK

SCHEMAS = {"topic.schema.json": Topic, "laws.schema.json": LawRegistry, "site.schema.json": SiteSettings,
           "stations.schema.json": StationFile, "template.schema.json": DocumentTemplate,
           "guide.schema.json": GuideIntro, "tools.schema.json": ToolSet, "holidays.schema.json": HolidayCalendar,
           "worklog.schema.json": WorkLogPage, "documents.schema.json": DocumentSet, "events.schema.json": EventFile}


def schema_files() -> dict[str, str]:
    """{file name: JSON text} for guides_src/schema/."""
    files = {}
    for name, model in sorted(SCHEMAS.items()):
        schema = {"$comment": GENERATED_MARK, **model.model_json_schema()}
        files[name] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return files
