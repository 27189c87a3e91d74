"""Registrations as CSV that Excel opens correctly in a German locale."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

BOM = "\ufeff"  # without it Excel reads UTF-8 as Windows-1252
SEPARATOR = ";"  # German Excel splits on semicolons, because the comma is the decimal mark
# A cell starting with one of these is a formula to spreadsheet programs (CSV injection);
# tab and carriage return are in OWASP's list because they can precede one.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def defuse(cell: str) -> str:
    """A cell that a spreadsheet shows as text, never evaluates."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def to_csv(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """UTF-8 with BOM, `;`-separated, CRLF line ends, every cell defused."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=SEPARATOR, lineterminator="\r\n")
    writer.writerow([defuse(cell) for cell in header])
    for row in rows:
        writer.writerow([defuse(cell) for cell in row])
    return (BOM + out.getvalue()).encode("utf-8")
