"""PDFs and images with Typst (the `typst` package embeds the compiler; chosen by measurement, bench/pdf-engines.md).

Editor text never becomes Typst markup: a template reads everything it prints from JSON data passed through
`sys.inputs.data` (`#let d = json(bytes(sys.inputs.data))`), and Typst prints a string as text, so `#`, `[`,
`*` or `<` in a title are just characters. Templates are `generator/templates/typst/*.typ`, which is also the
only folder a template can read from. Any Typst warning (an unknown font falls back to boxes) is an error.
"""

from __future__ import annotations

import json
from pathlib import Path

TEMPLATES = Path(__file__).parent / "templates" / "typst"
_fonts = None


class TypesetError(RuntimeError):
    """Typst failed or warned; the message names the template."""


def fonts():
    """The system fonts (Debian's fonts-noto-cjk), scanned once per process."""
    global _fonts
    if _fonts is None:
        import typst  # imported here: only builds that make PDFs or images need it

        _fonts = typst.Fonts(include_system_fonts=True, include_embedded_fonts=False)
    return _fonts


def typeset(template: str, data: dict, fmt: str = "pdf", ppi: float | None = None,
            pdf_tags: bool = True) -> bytes | list[bytes]:
    """The template filled with data: PDF bytes, or for fmt="png" one PNG per page (`ppi` 72 makes 1 pt 1 px).
    `pdf_tags=False` leaves out the accessibility tags (a smaller PDF, less memory for a long one)."""
    import typst

    try:
        output, warnings = typst.compile_with_warnings(
            str(TEMPLATES / template), root=str(TEMPLATES), font_paths=fonts(), format=fmt, ppi=ppi,
            pdf_tags=pdf_tags, sys_inputs={"data": json.dumps(data, ensure_ascii=False)})
    except typst.TypstError as error:
        raise TypesetError(f"{template}: {error.message}") from error
    if warnings:
        raise TypesetError(f"{template}: " + "; ".join(warning.message for warning in warnings))
    return output


def page_count(template: str, data: dict) -> int:
    """How many pages the filled template makes, without writing them: the template ends with
    `#context [#metadata(counter(page).final().first()) <pages>]` (common.typ's `pages-marker`)."""
    import typst

    try:
        found = typst.query(str(TEMPLATES / template), "<pages>", field="value", one=True, root=str(TEMPLATES),
                            font_paths=fonts(), sys_inputs={"data": json.dumps(data, ensure_ascii=False)})
    except typst.TypstError as error:
        raise TypesetError(f"{template}: {error.message}") from error
    return int(json.loads(found))


def typeset_and_query(template: str, data: dict, *labels: str) -> tuple[bytes, dict[str, list]]:
    """The PDF and, for each label (e.g. "<fit>"), the values of the metadata so labelled, from one compiler:
    for a template that makes a choice while laying out (a leaflet's fit) and reports it as metadata."""
    import typst

    try:
        compiler = typst.Compiler(str(TEMPLATES / template), root=str(TEMPLATES), font_paths=fonts(),
                                  sys_inputs={"data": json.dumps(data, ensure_ascii=False)})
        output, warnings = compiler.compile_with_warnings(format="pdf")
        found = {label: json.loads(compiler.query(label, field="value")) for label in labels}
    except typst.TypstError as error:
        raise TypesetError(f"{template}: {error.message}") from error
    if warnings:
        raise TypesetError(f"{template}: " + "; ".join(warning.message for warning in warnings))
    return output, found


if __name__ == "__main__":  # python -m generator.typeset <template> < data.json > out.pdf (generator/pdf.py)
    import sys

    try:
        sys.stdout.buffer.write(typeset(sys.argv[1], json.loads(sys.stdin.buffer.read())))
    except TypesetError as error:
        sys.exit(str(error))
