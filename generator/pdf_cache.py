"""PDFs from earlier builds, kept in .cache/pdf/ under a hash of everything that goes into them (the HTML,
the stylesheet, the WeasyPrint version), so a build whose content did not change runs no WeasyPrint at all.
A damaged or missing entry only means the PDF is rendered again."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


class PdfCache:
    def __init__(self, folder: Path | None):
        self.folder = folder
        self.used: set[str] = set()

    @staticmethod
    def key(*parts: str) -> str:
        from weasyprint import __version__

        digest = hashlib.sha256(__version__.encode())
        for part in parts:
            digest.update(b"\0" + part.encode("utf-8"))
        return digest.hexdigest()

    def get(self, key: str) -> bytes | None:
        self.used.add(key)
        if self.folder is None:
            return None
        try:
            return (self.folder / f"{key}.pdf").read_bytes()
        except OSError:
            return None

    def put(self, key: str, pdf: bytes) -> None:
        self.used.add(key)
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=self.folder, prefix=".tmp-", delete=False) as handle:
            handle.write(pdf)
        os.replace(handle.name, self.folder / f"{key}.pdf")

    def prune(self) -> None:
        """Delete the entries this build did not ask for (content that has changed or gone)."""
        if self.folder is None or not self.folder.exists():
            return
        for path in self.folder.glob("*.pdf"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)
