"""A WorkAdventure world imported as it is: its old-style tile-layer door works over the wire."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from tests.cli import run_venue
from tests.conftest import SAMPLES, Participant
from tests.walking import path_to, walk
from venue.domain.maps import AreaKind
from venue.settings import Settings
from venue.web.keys import VENUE

OFFICE = SAMPLES / "tiled-maps" / "workadventure-starter-office.tmj"


def _door_as_tile_layer(data: dict[str, Any], door: str, target: str) -> None:
    """Replace the door object by a WorkAdventure 1.x tile layer with `exitUrl`."""
    floor = next(layer for layer in data["layers"] if layer["name"] == "floorLayer")
    obj = next(o for o in floor["objects"] if o["name"] == door)
    floor["objects"].remove(obj)
    width, tile = data["width"], data["tilewidth"]
    cells = [0] * (width * data["height"])
    for ty in range(int(obj["y"]) // tile, int(obj["y"] + obj["height"]) // tile):
        for tx in range(int(obj["x"]) // tile, int(obj["x"] + obj["width"]) // tile):
            cells[ty * width + tx] = 1
    data["layers"].insert(0, {
        "id": 999, "name": door, "type": "tilelayer", "width": width, "height": data["height"],
        "x": 0, "y": 0, "opacity": 1, "visible": True, "data": cells,
        "properties": [{"name": "exitUrl", "type": "string", "value": target}],
    })  # fmt: skip


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """The starter kit's office and a conference whose door back is an old-style tile layer."""
    world = tmp_path / "world"
    (world / "tilesets").mkdir(parents=True)
    office: dict[str, Any] = json.loads(OFFICE.read_text(encoding="utf-8"))
    (world / "office.tmj").write_text(json.dumps(office), encoding="utf-8")
    conference = json.loads(json.dumps(office))
    for layer in conference["layers"]:
        for obj in layer.get("objects", []):
            obj["name"] = {"from-conference": "from-office", "to-conference": "to-office"}.get(
                obj["name"], obj["name"]
            )
    _door_as_tile_layer(conference, "to-office", "office.tmj#from-conference")
    (world / "conference.tmj").write_text(json.dumps(conference), encoding="utf-8")
    for tileset in office["tilesets"]:
        (world / tileset["image"]).write_bytes(b"\x89PNG\r\n\x1a\n")
    venue = tmp_path / "venue"
    assert run_venue("import-map", world, venue).returncode == 0
    return Settings(
        venue_dir=venue,
        database_url=f"sqlite+aiosqlite:///{tmp_path}/venue.sqlite3",
        secret_key="test-secret-0123456789",
        disconnect_grace=0.3,
        tick_hz=20,
    )


async def test_a_tile_layer_door_leads_to_the_entry_it_names(
    join: Callable[[str], Awaitable[Participant]], server: TestServer
) -> None:
    ann = await join("Ann")
    me = ann.welcome["snapshot"]["me"]
    assert ann.welcome["snapshot"]["space"] == "conference"  # the lobby
    lobby = server.app[VENUE].spaces["conference"].map
    door = lobby.area("to-office", AreaKind.DOOR)
    assert door is not None  # made of the tile layer
    start = (me["x"], me["y"])
    await walk(ann.call, start, path_to(lobby, start, door.rect))
    ack = await ann.call("door.use", {"door": "to-office"})
    assert ack["ok"] is True and ack["data"]["space"] == "office", ack
    office = server.app[VENUE].spaces["office"].map
    entry = office.area("from-conference", AreaKind.ENTRY)
    assert entry is not None
    assert entry.rect.contains(ack["data"]["me"]["x"], ack["data"]["me"]["y"])
    # the browser gets the same door with the map
    async with (
        aiohttp.ClientSession() as session,
        session.get(server.make_url("/maps/conference.json")) as response,
    ):
        served = await response.json()
    doors = [
        obj["name"]
        for layer in served["layers"]
        if layer["type"] == "objectgroup"
        for obj in layer["objects"]
        if any(p["name"] == "exitUrl" for p in obj.get("properties", []))
    ]
    assert doors == ["to-office"]
