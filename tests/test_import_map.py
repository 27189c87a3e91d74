"""`venue import-map`: a venue folder drafted from a WorkAdventure world, explained by check."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli import run_venue
from tests.conftest import SAMPLES

OFFICE = SAMPLES / "tiled-maps" / "workadventure-starter-office.tmj"


def _world(tmp_path: Path, images: bool = True) -> Path:
    """The starter kit's office and a conference map whose door leads back to it, tilesets
    shared in tilesets/ (empty stand-ins: the sample comes without its images)."""
    world = tmp_path / "world"
    (world / "tilesets").mkdir(parents=True)
    (world / "office.tmj").write_bytes(OFFICE.read_bytes())
    data: dict[str, Any] = json.loads(OFFICE.read_text(encoding="utf-8"))
    for layer in data["layers"]:
        for obj in layer.get("objects", []):
            for prop in obj.get("properties", []):
                if prop["name"] == "exitUrl":
                    prop["value"] = "office.tmj#from-conference"
            obj["name"] = {"from-conference": "from-office"}.get(obj["name"], obj["name"])
    for prop in data["properties"]:
        if prop["name"] == "mapName":
            prop["value"] = "Konferenz"
    (world / "conference.tmj").write_text(json.dumps(data), encoding="utf-8")
    for tileset in data["tilesets"] if images else []:
        (world / tileset["image"]).write_bytes(b"\x89PNG\r\n\x1a\n")
    (world / ".git").mkdir()
    (world / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    return world


def test_a_world_becomes_a_venue_that_check_passes(tmp_path: Path) -> None:
    world = _world(tmp_path)
    venue = tmp_path / "venue"
    result = run_venue("import-map", world, venue, "--date", "2026-12-07")
    assert result.returncode == 0, result.stderr
    assert "2 space(s): conference, office" in result.stdout
    manifest = (venue / "venue.toml").read_text(encoding="utf-8")
    assert 'asset_root = "../world"' in manifest
    assert (
        'map = "../world/conference.tmj"' in manifest and 'map = "../world/office.tmj"' in manifest
    )
    assert 'title = { de = "Konferenz", en = "Konferenz" }' in manifest
    assert "date = 2026-12-07" in manifest and 'lobby = "conference"' in manifest
    check = run_venue("check", venue)
    assert check.returncode == 0, check.stdout
    assert "world: 2 spaces, 0 booths, 0 errors" in check.stdout
    # what venue cannot take over is explained, naming file, object and reason
    assert (
        "warning: ../world/office.tmj: object 'jitsiMeetingRoom' (layer floorLayer): jitsiRoom "
        "'MeetingRoom' needs its Jitsi server"
    ) in check.stdout


def test_one_map_file_becomes_a_venue_and_check_explains_its_door(tmp_path: Path) -> None:
    world = _world(tmp_path)
    venue = tmp_path / "venue"
    assert run_venue("import-map", world / "office.tmj", venue).returncode == 0
    check = run_venue("check", venue)
    assert check.returncode == 1
    assert (
        "error: ../world/office.tmj: object 'to-conference' (layer floorLayer): door leads to "
        "unknown space '../world/conference.tmj'"
    ) in check.stdout


def test_missing_tileset_images_are_errors_naming_each(tmp_path: Path) -> None:
    world = _world(tmp_path, images=False)
    venue = tmp_path / "venue"
    assert run_venue("import-map", world, venue).returncode == 0
    check = run_venue("check", venue)
    assert check.returncode == 1
    assert (
        "error: ../world/office.tmj: tileset 'WA_Room_Builder': "
        "image tilesets/WA_Room_Builder.png not found"
    ) in check.stdout


@pytest.mark.parametrize(
    ("arrange", "reason"),
    [
        ("missing", "no such file or folder"),
        ("no maps", "no Tiled JSON map (.tmj, .json) found"),
        ("taken", "exists and is not an empty folder; name a new one"),
    ],
)
def test_bad_sources_and_targets_are_refused_and_nothing_is_written(
    tmp_path: Path, arrange: str, reason: str
) -> None:
    source = tmp_path / "world"
    venue = tmp_path / "venue"
    if arrange == "no maps":
        source.mkdir()
        (source / "notes.json").write_text('{"type": "tileset"}', encoding="utf-8")
    elif arrange == "taken":
        source = _world(tmp_path)
        venue.mkdir()
        (venue / "keep.txt").write_text("mine", encoding="utf-8")
    result = run_venue("import-map", source, venue)
    assert result.returncode != 0
    assert reason in result.stderr
    assert not venue.exists() or [p.name for p in venue.iterdir()] == ["keep.txt"]


def test_a_door_to_a_world_url_is_explained(tmp_path: Path) -> None:
    world = _world(tmp_path)
    office = world / "office.tmj"
    text = office.read_text(encoding="utf-8").replace(
        '"conference.tmj#from-office"', '"/@/org/world/lobby#start"'
    )
    office.write_text(text, encoding="utf-8")
    venue = tmp_path / "venue"
    assert run_venue("import-map", world, venue).returncode == 0
    check = run_venue("check", venue)
    assert check.returncode == 1
    assert (
        "error: ../world/office.tmj: object 'to-conference' (layer floorLayer): door leads to "
        "'/@/org/world/lobby#start', outside this venue (a WorkAdventure world URL?): write "
        "exitUrl as MAP#ENTRY of one of its spaces"
    ) in check.stdout
