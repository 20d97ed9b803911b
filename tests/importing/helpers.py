"""Small fixture builders: every test writes its own file, a few lines long."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from business_logic.importing import ImportResult, import_bytes


def csv_bytes(rows: Sequence[Sequence[str]], delimiter: str = ";", encoding: str = "utf-8",
              newline: str = "\r\n") -> bytes:
    """Rows joined as CSV text; cells holding the delimiter, quotes or newlines get quoted."""
    def cell(value: str) -> str:
        if any(ch in value for ch in (delimiter, '"', "\n", "\r")):
            return '"' + value.replace('"', '""') + '"'
        return value

    text = newline.join(delimiter.join(cell(v) for v in row) for row in rows) + newline
    return text.encode(encoding)


def import_rows(rows: Sequence[Sequence[str]], **options: object) -> ImportResult:
    return import_bytes(csv_bytes(rows), "test.csv", **options)


def xlsx_bytes(rows: Sequence[Sequence[object]], sheet_title: str = "Affaires",
               extra_sheets: dict[str, Sequence[Sequence[object]]] | None = None) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    for row in rows:
        sheet.append(list(row))
    for title, other_rows in (extra_sheets or {}).items():
        other = workbook.create_sheet(title)
        for row in other_rows:
            other.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_sheet_xml(data: bytes, rewrite: Callable[[str], str]) -> bytes:
    """The workbook with its first sheet's XML passed through `rewrite` (e.g. a wrong
    `<dimension>` tag, as some exporters write)."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            body = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                body = rewrite(body.decode("utf-8")).encode("utf-8")
            target.writestr(item, body)
    return buffer.getvalue()
