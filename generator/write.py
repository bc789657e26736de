"""Write generated files into the folders the generator owns: atomically per file, only when changed."""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.render import GENERATED_MARK


@dataclass
class WriteReport:
    written: list[str]
    unchanged: list[str]
    removed: list[str]


def is_generated(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8") as handle:
            head = handle.read(400)
    except (UnicodeDecodeError, OSError):
        return False
    return GENERATED_MARK in head


def write_tree(root: Path, files: dict[str, str], owned: list[str]) -> WriteReport:
    """Write `files` (paths relative to `root`) and remove stale generated files under the `owned` folders.

    A file is rewritten only when its bytes change. Files without the generated mark are never
    touched: a hand-made file where a generated one should go is an error the caller reports first.
    """
    report = WriteReport([], [], [])
    for relative, text in sorted(files.items()):
        if not any(relative.startswith(folder + "/") for folder in owned):
            raise ValueError(f"{relative} is outside the generated folders {owned}")
        target = root / relative
        data = text.encode("utf-8")
        if target.exists() and target.read_bytes() == data:
            report.unchanged.append(relative)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, prefix=".tmp-", delete=False) as handle:
            try:
                handle.write(data)
            except BaseException:
                os.unlink(handle.name)
                raise
        os.replace(handle.name, target)
        report.written.append(relative)
    for folder in owned:
        for path in sorted((root / folder).rglob("*")):
            relative = path.relative_to(root).as_posix()
            if path.is_file() and relative not in files and is_generated(path):
                path.unlink()
                report.removed.append(relative)
    return report


# Keeps docs/zh/ and docs/en/ in a fresh clone, where the generated pages are not (they are not in git).
# MkDocs leaves out files whose names start with a dot.
PLACEHOLDER = ".gitkeep"


def foreign_files(root: Path) -> list[str]:
    """Files under `root` the generator did not make: MkDocs would publish them unchecked."""
    if not root.exists():
        return []
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*")
                  if path.is_symlink() or (path.is_file() and path.name != PLACEHOLDER and not is_generated(path)))
