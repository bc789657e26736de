"""Read YAML into plain data and keep where each value came from (file, line, column)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from generator.problems import Problem, field_path

Loc = tuple  # a path into the data, e.g. ("law_says", 0, "cites", 1)


@dataclass
class Source:
    """One loaded file: its data as plain dicts/lists/scalars and the marks of every node."""

    path: str
    data: Any
    marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    # For spreadsheet rows: the column a field came from, so problems name the column.
    columns: dict[Loc, str] = field(default_factory=dict)

    def locate(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at `loc` (or of its key), else of its nearest parent."""
        loc = tuple(loc)
        if key and loc in self.key_marks:
            return self.key_marks[loc]
        while loc not in self.marks and loc:
            loc = loc[:-1]
        return self.marks.get(loc, (1, 1))

    def problem(self, loc: Loc, message: str, *, key: bool = False) -> Problem:
        line, col = self.locate(loc, key=key)
        return Problem(self.path, line, col, self.field_name(loc), message)

    def field_name(self, loc: Loc) -> str:
        loc = tuple(loc)
        for end in range(len(loc), 0, -1):
            if loc[:end] in self.columns:
                return self.columns[loc[:end]]
        return field_path(loc)


class _Builder:
    def __init__(self, source: Source):
        self.source = source
        self.problems: list[Problem] = []
        self.constructor = SafeConstructor()

    def build(self, node, loc: Loc):
        self.source.marks[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, MappingNode):
            result: dict = {}
            for key_node, value_node in node.value:
                key = self.scalar(key_node, loc)
                if not isinstance(key, (str, int)):
                    self.problems.append(self.source.problem(loc, f"key {key!r} must be a name"))
                    continue
                key_mark = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                if key in result:
                    first = self.source.key_marks[loc + (key,)][0]
                    self.problems.append(
                        Problem(self.source.path, *key_mark, field_path(loc + (key,)),
                                f"duplicate key (first given on line {first})"))
                    continue
                self.source.key_marks[loc + (key,)] = key_mark
                result[key] = self.build(value_node, loc + (key,))
            return result
        if isinstance(node, SequenceNode):
            return [self.build(item, loc + (i,)) for i, item in enumerate(node.value)]
        return self.scalar(node, loc)

    def scalar(self, node, loc: Loc):
        if not isinstance(node, ScalarNode):
            return None
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, yaml.constructor.ConstructorError):
            # e.g. 2026-13-01 matches YAML's date pattern but is no date
            if node.tag.endswith(":timestamp"):
                message = f"'{node.value}' is not a valid date (use YYYY-MM-DD)"
            else:
                message = f"'{node.value}' cannot be read as {node.tag.rsplit(':', 1)[-1]}"
            line, col = node.start_mark.line + 1, node.start_mark.column + 1
            self.problems.append(Problem(self.source.path, line, col, field_path(loc), message))
            return node.value


def load_yaml(path: Path, display_path: str) -> tuple[Source | None, list[Problem]]:
    """Load one YAML file. On a syntax error return no source and the error as a problem."""
    source = Source(display_path, None)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return None, [Problem(display_path, 1, 0, "", "file not found")]
    except UnicodeDecodeError as error:
        return None, [Problem(display_path, 1, 0, "", f"not UTF-8 text ({error.reason})")]
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 0)
        reason = error.problem or error.context or "invalid YAML"
        return None, [Problem(display_path, line, col, "", f"YAML syntax: {reason}")]
    if node is None:
        return None, [Problem(display_path, 1, 0, "", "the file is empty")]
    builder = _Builder(source)
    source.data = builder.build(node, ())
    return source, builder.problems
