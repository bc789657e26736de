"""A problem found in the content: where it is and what is wrong, as a value."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}" if self.col else f"{self.path}:{self.line}"
        field = f"{self.field}: " if self.field else ""
        return f"{where}: error: {field}{self.message}"


def summary_line(problems: list[Problem], docs_written: bool = False, outcome: str | None = None) -> str:
    files = len({p.path for p in problems})
    errors = "error" if len(problems) == 1 else "errors"
    in_files = "file" if files == 1 else "files"
    outcome = outcome or ("docs/ was updated, site/ was left as it was" if docs_written else "nothing was written")
    return f"{len(problems)} {errors} in {files} {in_files}; {outcome}"


def field_path(loc: tuple) -> str:
    return ".".join(str(part) for part in loc)
