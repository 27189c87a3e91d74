"""`venue init DIR`: a starting point an organiser can check, serve and grow."""

from __future__ import annotations

import io
import json
import tomllib
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from aiohttp.test_utils import TestServer

from tests.conftest import Participant
from venue.cli import main
from venue.schedule.importer import schema_errors
from venue.settings import Settings
from venue.venuefile.check import run_check

STARTER = "tagung-2026"
Join = Callable[[str], Awaitable[Participant]]


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    folder = tmp_path / STARTER
    assert main(["init", str(folder), "--title", 'Tagung "Süd" 2026', "--date", "2026-05-04"]) == 0
    return folder


@pytest.fixture
def settings(tmp_path: Path, starter: Path) -> Settings:
    return Settings(
        venue_dir=starter,
        database_url=f"sqlite+aiosqlite:///{tmp_path}/venue.sqlite3",
        secret_key="test-secret-0123456789",
    )


def test_the_new_folder_passes_the_check(starter: Path) -> None:
    out = io.StringIO()
    assert run_check(starter, out) == 0
    # the one title given stands in both languages: the check says what to translate
    assert out.getvalue().strip().splitlines() == [
        "warning: venue.toml: event.title: the same in German and English: add the translation",
        f"{STARTER}: 1 space, 0 booths, 0 errors, 1 warning",
    ]
    assert sorted(p.name for p in starter.iterdir()) == [
        "lobby.tmj",
        "schedule.json",
        "tilesets",
        "venue.toml",
    ]


def test_the_manifest_and_programme_say_what_was_asked(starter: Path) -> None:
    manifest = tomllib.loads((starter / "venue.toml").read_text(encoding="utf-8"))
    assert manifest["event"]["id"] == STARTER
    assert manifest["event"]["title"] == {"de": 'Tagung "Süd" 2026', "en": 'Tagung "Süd" 2026'}
    assert str(manifest["event"]["date"]) == "2026-05-04"
    programme = json.loads((starter / "schedule.json").read_text(encoding="utf-8"))
    assert schema_errors(programme) == []
    assert programme["schedule"]["conference"]["days"][0]["rooms"] == {}


async def test_the_new_venue_serves_a_lobby_to_walk_in(server: TestServer, join: Join) -> None:
    ann = await join("Ann")
    welcome = await ann.wait_for("venue.welcome")
    assert welcome["venue"] == STARTER
    assert [s["id"] for s in welcome["spaces"]] == ["lobby"]
    [me] = [p for p in welcome["snapshot"]["people"] if p["id"] == ann.id]
    assert await ann.call("presence.move", {"x": me["x"] + 8, "y": me["y"]}) == {"ok": True}


def test_init_refuses_a_folder_with_something_in_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    assert main(["init", str(tmp_path / "taken")]) == 2
    assert "exists and is not an empty folder" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "taken").iterdir()] == ["notes.txt"]


def test_init_refuses_an_id_the_manifest_would_refuse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["init", str(tmp_path / "Mein Event")]) == 2
    assert "cannot be the event's id" in capsys.readouterr().err
    assert not (tmp_path / "Mein Event").exists()
    assert main(["init", str(tmp_path / "Mein Event"), "--id", "mein-event"]) == 0
