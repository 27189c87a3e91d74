"""The `venue` command in-process: its exit status and what it printed, without a new interpreter.

A subprocess costs about a second of imports per call on this machine; `venue.cli.main` is the
same code behind `python -m venue` (tests/test_cli.py keeps one subprocess smoke test for that).
"""

from __future__ import annotations

import io
import os
from concurrent.futures import ThreadPoolExecutor
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from venue.cli import main


@dataclass(frozen=True)
class Ran:
    """The outcome of one `venue ...`, named like subprocess.CompletedProcess."""

    returncode: int
    stdout: str
    stderr: str


def run_venue(*args: str | Path) -> Ran:
    """`venue ARGS`; in a thread of its own, since commands run their own event loop."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="venue-cli")
    try:
        return pool.submit(_captured, [str(arg) for arg in args]).result(timeout=120)
    finally:
        pool.shutdown(wait=False)


def _captured(argv: list[str]) -> Ran:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            status = main(argv)
        except SystemExit as exc:  # argparse: --help, usage errors
            status = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    return Ran(status, out.getvalue(), err.getvalue())


def isolate_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the test's own VENUE_TEST_* settings; none of the caller's VENUE_* leak in."""
    for key in list(os.environ):
        if key.startswith("VENUE_") and not key.startswith("VENUE_TEST_"):
            monkeypatch.delenv(key)
