"""Registrations as CSV that Excel opens correctly in a German locale."""

from __future__ import annotations

import asyncio
import csv
import io
from collections.abc import Iterable, Sequence

from aiohttp import web

from venue.domain.errors import Code
from venue.web.refusals import json_exception

BOM = "\ufeff"  # without it Excel reads UTF-8 as Windows-1252
SEPARATOR = ";"  # German Excel splits on semicolons, because the comma is the decimal mark
# A cell starting with one of these is a formula to spreadsheet programs (CSV injection);
# tab and carriage return are in OWASP's list because they can precede one.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Exports are registrations, leads and booths: a venue's are thousands of rows. Beyond this
# an export is refused rather than built; above INLINE_ROWS it is written in a thread.
EXPORT_MAX_ROWS = 100_000
INLINE_ROWS = 2_000


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


async def csv_download(
    header: Sequence[str], rows: Sequence[Sequence[str]], filename: str
) -> web.Response:
    """A CSV attachment; an export with more than EXPORT_MAX_ROWS rows is `export.too_large`."""
    if len(rows) > EXPORT_MAX_ROWS:
        raise json_exception(
            web.HTTPRequestEntityTooLarge,
            Code.EXPORT_TOO_LARGE,
            f"An export has at most {EXPORT_MAX_ROWS} rows.",
            max_size=EXPORT_MAX_ROWS,
            actual_size=len(rows),
        )
    if len(rows) > INLINE_ROWS:  # a large one would hold up ticks while it is written
        body = await asyncio.to_thread(to_csv, header, rows)
    else:
        body = to_csv(header, rows)
    return web.Response(
        body=body,
        content_type="text/csv",
        charset="utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )
