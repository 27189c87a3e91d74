"""The `venue` command as an organiser runs it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from venue.settings import ROOT

MINI = ROOT / "tests" / "data" / "venues" / "mini"


def venue(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "venue", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        check=False,
    )


def test_check_passes_on_the_seed_venue() -> None:
    result = venue("check", "maps/lausitz-2021")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "6 spaces, 4 booths, 0 errors" in result.stdout


def test_serve_refuses_a_broken_venue_with_the_check_messages(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(MINI, broken)
    toml = broken / "venue.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("hall.tmj", "hal.tmj"), "utf-8")

    checked = venue("check", str(broken))
    served = venue("serve", "--venue", str(broken), "--port", "1", "--database", "sqlite://")
    assert checked.returncode == served.returncode == 1
    problem = next(line for line in checked.stdout.splitlines() if "hal.tmj" in line)
    assert problem.removeprefix("error: ") in served.stderr
    assert "has problems" in served.stderr
