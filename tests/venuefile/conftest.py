"""Fixtures for the venue folder tests: real-world samples, the mini venue, map builders."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SAMPLES
from tests.venuefile.venue_builders import MINI_VENUE, MapEditor


@pytest.fixture
def samples() -> Path:
    """The real-world sample files in tests/data/samples (licences in PROVENANCE.md there)."""
    return SAMPLES


@pytest.fixture
def venue_dir(tmp_path: Path) -> Path:
    """A fresh copy of the valid mini venue, for a test to break one thing in."""
    target = tmp_path / "mini"
    shutil.copytree(MINI_VENUE, target)
    return target


@pytest.fixture
def edit_map(venue_dir: Path) -> MapEditor:
    """Change one map of the copied mini venue in place."""

    def edit(name: str, change: Callable[[dict[str, Any]], None]) -> None:
        path = venue_dir / name
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(json.dumps(data), encoding="utf-8")

    return edit
