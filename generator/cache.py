"""Outputs of earlier builds, kept in .cache/<kind>/ under a hash of everything that goes into them and the
version of the tool that made them, so a build whose content did not change does not make them again: PDFs
(a changed guide is laid out again in full) and QR codes (segno tries eight masks for each). A damaged or
missing entry only means the output is made again."""

from __future__ import annotations

import hashlib
import os
import tempfile
from importlib.metadata import version
from pathlib import Path


class DiskCache:
    def __init__(self, folder: Path | None, suffix: str, tool: str):
        self.folder = folder
        self.suffix = suffix
        self.tool = f"{tool} {version(tool)}"
        self.used: set[str] = set()

    def key(self, *parts: str) -> str:
        digest = hashlib.sha256(self.tool.encode())
        for part in parts:
            digest.update(b"\0" + part.encode("utf-8"))
        return digest.hexdigest()

    def get(self, key: str) -> bytes | None:
        self.used.add(key)
        if self.folder is None:
            return None
        try:
            return (self.folder / f"{key}{self.suffix}").read_bytes()
        except OSError:
            return None

    def path(self, key: str) -> Path | None:
        """Where the entry is kept, if it is (counted as asked for, like get)."""
        self.used.add(key)
        if self.folder is None:
            return None
        path = self.folder / f"{key}{self.suffix}"
        return path if path.is_file() else None

    def put(self, key: str, data: bytes) -> None:
        self.used.add(key)
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=self.folder, prefix=".tmp-", delete=False) as handle:
            handle.write(data)
        os.replace(handle.name, self.folder / f"{key}{self.suffix}")

    def prune(self) -> None:
        """Delete the entries this build did not ask for (content that has changed or gone)."""
        if self.folder is None or not self.folder.exists():
            return
        for path in self.folder.glob(f"*{self.suffix}"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)


def pdf_cache(folder: Path | None) -> DiskCache:
    """PDFs, keyed by the version of the `typst` package (which embeds the compiler)."""
    return DiskCache(folder, ".pdf", "typst")
