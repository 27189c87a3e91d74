"""`venue check DIR`: print every problem of a venue folder and a summary line."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from venue.venuefile.loader import inspect_venue


def run_check(directory: Path, out: TextIO) -> int:
    """Print the venue's problems grouped by file and a summary; 1 if any error, else 0."""
    report = inspect_venue(directory)
    # sorted by file only: within a file the order found follows the file's own order
    for problem in sorted(report.problems, key=lambda p: p.file):
        print(f"{problem.severity}: {problem}", file=out)
    manifest = report.manifest
    counts = [
        _count(len(manifest.spaces) if manifest else 0, "space"),
        _count(len(manifest.booths) if manifest else 0, "booth"),
        _count(len(report.errors), "error"),
        _count(len(report.warnings), "warning"),
    ]
    print(f"{report.name}: {', '.join(counts)}", file=out)
    return 1 if report.errors else 0


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
