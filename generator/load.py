"""Read YAML into plain data and keep where each value came from (file, line, column)."""

from __future__ import annotations

from dataclasses import dataclass, field
import stat
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import CollectionEndEvent, CollectionStartEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from generator.problems import Problem, field_path

Loc = tuple  # a path into the data, e.g. ("law_says", 0, "cites", 1)

# Limits far above real content (the deepest file nests 6 levels; laws.yaml holds ~3,000 values in 94 KB),
# so that a hostile or broken file is reported instead of exhausting memory or the stack.
MAX_DEPTH = 40
MAX_VALUES = 100_000
MAX_FILE_BYTES = 2_000_000
# libyaml's parser (in the PyYAML wheel) reads the sources about ten times faster than the pure-Python one; the
# line and column it reports are the same.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _TooManyValues(Exception):
    def __init__(self, node):
        self.node = node


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
    def __init__(self, source: Source, any_tags: bool = False):
        self.source = source
        self.problems: list[Problem] = []
        self.constructor = SafeConstructor()
        # mkdocs.yml may use MkDocs' own tags (!ENV, !relative): keep their text, MkDocs resolves them.
        self.any_tags = any_tags
        self.values = 0
        self.open_nodes: set[int] = set()  # the nodes being built, to catch an alias inside its own anchor

    def build(self, node, loc: Loc):
        self.source.marks[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
        self.values += 1
        if self.values > MAX_VALUES:
            raise _TooManyValues(node)
        if id(node) in self.open_nodes:
            self.problems.append(self.problem(node, loc, "an alias refers to the value that contains it"))
            return None
        self.open_nodes.add(id(node))
        try:
            return self.build_node(node, loc)
        finally:
            self.open_nodes.discard(id(node))

    def problem(self, node, loc: Loc, message: str) -> Problem:
        return Problem(self.source.path, node.start_mark.line + 1, node.start_mark.column + 1, field_path(loc), message)

    def build_node(self, node, loc: Loc):
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
        if self.any_tags and node.tag.startswith("!") and not node.tag.startswith("!!"):
            return node.value
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, OverflowError, yaml.constructor.ConstructorError):
            # e.g. 2026-13-01 matches YAML's date pattern but is no date
            if node.tag.endswith(":timestamp"):
                message = f"'{node.value}' is not a valid date (use YYYY-MM-DD)"
            else:
                message = f"'{node.value}' cannot be read as {node.tag.rsplit(':', 1)[-1]}"
            line, col = node.start_mark.line + 1, node.start_mark.column + 1
            self.problems.append(Problem(self.source.path, line, col, field_path(loc), message))
            return node.value


def load_yaml(path: Path, display_path: str, *, any_tags: bool = False) -> tuple[Source | None, list[Problem]]:
    """Load one YAML file. On a syntax error, or a file too large or too deep, return no source and the problem."""
    source = Source(display_path, None)
    text, problem = read_text(path, display_path)
    if problem:
        return None, [problem]
    try:
        problem = _too_deep(text, display_path)
        if problem:
            return None, [problem]
        node = yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError:
        return None, [_syntax_problem(text, display_path)]
    if node is None:
        return None, [Problem(display_path, 1, 0, "", "the file is empty")]
    builder = _Builder(source, any_tags)
    try:
        source.data = builder.build(node, ())
    except _TooManyValues as error:
        line, col = error.node.start_mark.line + 1, error.node.start_mark.column + 1
        return None, [Problem(display_path, line, col, "", f"more than {MAX_VALUES:,} values once aliases are "
                                                          "expanded; is an alias repeated by mistake?")]
    return source, builder.problems


def _syntax_problem(text: str, display_path: str) -> Problem:
    """The error as the pure-Python parser words it ("expected ',' or ']', but got ':'"), which tells an editor
    more than libyaml's; read again only when the fast parser has failed."""
    try:
        yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 0)
        return Problem(display_path, line, col, "", f"YAML syntax: {error.problem or error.context or 'invalid YAML'}")
    except yaml.YAMLError as error:
        return Problem(display_path, 1, 0, "", f"YAML syntax: {error}")
    return Problem(display_path, 1, 0, "", "YAML syntax: invalid YAML")


def _too_deep(text: str, display_path: str) -> Problem | None:
    """Nesting past MAX_DEPTH, found from the parser's events before anything recursive runs."""
    depth = 0
    for event in yaml.parse(text, Loader=LOADER):
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                return Problem(display_path, mark.line + 1, mark.column + 1, "",
                               f"nested more than {MAX_DEPTH} levels deep")
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
    return None


def read_text(path: Path, display_path: str) -> tuple[str | None, Problem | None]:
    """The UTF-8 text of a regular file inside the content folder (read_bytes), or the reason it cannot be read."""
    data, problem = read_bytes(path, display_path)
    if problem:
        return None, problem
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        return None, Problem(display_path, 1, 0, "", f"not UTF-8 text ({error.reason})")


def read_bytes(path: Path, display_path: str) -> tuple[bytes | None, Problem | None]:
    """The bytes of a regular file inside the content folder of at most MAX_FILE_BYTES, or the reason not.

    Symbolic links and special files (FIFOs, devices, folders) are refused before they are opened, so a
    link to a file elsewhere never has its lines echoed in an error and a FIFO never blocks the build."""
    problem = not_regular_file(path, display_path)
    if problem:
        return None, problem
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, Problem(display_path, 1, 0, "", f"the file is {size:,} bytes; at most {MAX_FILE_BYTES:,}")
        return path.read_bytes(), None
    except OSError as error:
        return None, Problem(display_path, 1, 0, "", f"cannot be read ({error.strerror or error.__class__.__name__})")


def not_regular_file(path: Path, display_path: str) -> Problem | None:
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return Problem(display_path, 1, 0, "", "file not found")
    except OSError as error:
        return Problem(display_path, 1, 0, "", f"cannot be read ({error.strerror or error.__class__.__name__})")
    if stat.S_ISLNK(mode):
        return Problem(display_path, 1, 0, "", "is a symbolic link; only regular files inside guides_src/ are read")
    if not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
        return Problem(display_path, 1, 0, "", f"is {kind}; only regular files are read")
    return None


def read_mkdocs_config(path: Path) -> dict:
    """mkdocs.yml as MkDocs reads it (its !ENV tag resolved), but with the safe loader."""
    from mkdocs.utils.yaml import get_yaml_loader

    config = yaml.load(path.read_text("utf-8-sig"), Loader=get_yaml_loader(yaml.SafeLoader))
    return config if isinstance(config, dict) else {}
