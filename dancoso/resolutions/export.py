"""The dashboard as an XLSX workbook: one sheet of targets, one of every target per unit.
Every text cell is neutralised as in the household export (OWASP formula injection)."""

import io

from dancoso.households.exporting import neutralise

STATE_LABELS = {"green": "Đạt", "amber": "Gần đạt", "red": "Chưa đạt", "none": "Chưa có số liệu"}
TARGET_HEAD = [
    "Mã",
    "Mục tiêu",
    "Nguồn",
    "Căn cứ",
    "Mức đạt (%)",
    "Tử số",
    "Mẫu số",
    "Giá trị (%)",
    "Đánh giá",
]
UNIT_HEAD = ["Mã mục tiêu", "Cấp", "Đơn vị", "Tử số", "Mẫu số", "Giá trị (%)", "Đánh giá"]
LEVEL_LABELS = {"commune": "Xã", "village": "Thôn, tổ dân phố", "agency": "Cơ quan, đơn vị"}


def _text(value) -> str:
    return neutralise(str(value or ""))


def target_rows(data: dict):
    for t in data["targets"]:
        yield [
            _text(t["code"]),
            _text(t["text"]),
            _text(t["origin"]),
            _text(t["source"]),
            t["threshold"],
            t["numerator"],
            t["denominator"],
            t["percent"],
            STATE_LABELS[t["state"]],
        ]


def unit_rows(data: dict):
    for t in data["targets"]:
        for u in t["units"]:
            yield [
                _text(t["code"]),
                LEVEL_LABELS.get(u["level"], u["level"]),
                _text(u["name"]),
                u["numerator"],
                u["denominator"],
                u["percent"],
                STATE_LABELS[u["state"]],
            ]


def workbook(sheets: list[tuple[str, list[str], object]]) -> bytes:
    """``(title, header, rows)`` per sheet, written in streaming mode."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for title, head, rows in sheets:
        sheet = book.create_sheet(title=title[:31])
        sheet.append(head)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def dashboard_xlsx(data: dict) -> bytes:
    return workbook(
        [
            ("Mục tiêu", TARGET_HEAD, target_rows(data)),
            ("Theo đơn vị", UNIT_HEAD, unit_rows(data)),
        ]
    )
