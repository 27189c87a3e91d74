"""The `venue` command as an organiser runs it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.cli import run_venue
from venue.settings import ROOT

MINI = ROOT / "tests" / "data" / "venues" / "mini"


def test_check_passes_on_the_seed_venue() -> None:
    result = run_venue("check", ROOT / "maps" / "lausitz-2021")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "6 spaces, 4 booths, 0 errors" in result.stdout


def test_serve_refuses_a_broken_venue_with_the_check_messages(tmp_path: Path) -> None:
    """The smoke test of `python -m venue` itself: a real process, its exit status and output."""
    broken = tmp_path / "broken"
    shutil.copytree(MINI, broken)
    toml = broken / "venue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("hall.tmj", "hal.tmj"), "utf-8")

    checked = run_venue("check", broken)
    command = ["serve", "--venue", str(broken), "--port", "1", "--database", "sqlite://"]
    served = subprocess.run(
        [sys.executable, "-m", "venue", *command],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        check=False,
    )
    assert checked.returncode == served.returncode == 1
    problem = next(line for line in checked.stdout.splitlines() if "hal.tmj" in line)
    assert problem.removeprefix("error: ") in served.stderr
    assert "has problems" in served.stderr
