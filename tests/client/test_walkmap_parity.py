"""The browser's walkmap.js and the server's map reading agree on every tile and area.

The client refuses walks the server would refuse and finds doors, booths and tables where the
server has them only if both read a Tiled map alike. Each map goes to walkmap.js (through
`node`, as the browser gets it from /maps/<space>.json) and to venue/venuefile + domain/maps.py.
"""

from __future__ import annotations

import base64
import gzip
import json
import shutil
import subprocess
import zlib
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REQUIRE_SERVICES, SAMPLES
from tests.venuefile.venue_builders import SEED_VENUE, area_object, tiled_map, write_map
from venue.domain.maps import Area, AreaKind, SpaceMap
from venue.venuefile.loader import load_venue
from venue.venuefile.tiled import read_map
from venue.web.maps import browser_map

DUMP = Path(__file__).with_name("walkmap_dump.js")
WALLED = [1, 1, 1, 1, 1, 2, 2, 1, 1, 1, 1, 1]  # 4 x 3, gid 2 collides


@pytest.fixture(scope="module")
def node() -> str:
    found = shutil.which("node")
    if found is None:
        if REQUIRE_SERVICES:
            pytest.fail("node missing but VENUE_TEST_REQUIRE_SERVICES=1")
        pytest.skip("node is not installed")
    return found


def client_view(node: str, maps: dict[str, Any]) -> dict[str, Any]:
    """What walkmap.js (and maps.js) make of each map."""
    done = subprocess.run(
        [node, str(DUMP)], input=json.dumps(maps), capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _area(area: Area) -> dict[str, Any]:
    r = area.rect
    where = {"x": r.x, "y": r.y, "w": r.w, "h": r.h}
    return {
        "name": area.name,
        **where,
        "kind": area.kind.value,
        "properties": dict(area.properties),
    }


def server_view(space_map: SpaceMap) -> dict[str, Any]:
    """The same description of the server's SpaceMap."""
    m = space_map
    return {
        "size": [m.width, m.height, m.tile_width, m.tile_height],
        "blocked": [
            [tx, ty] for ty in range(m.height) for tx in range(m.width) if (tx, ty) in m.blocked
        ],
        "seats": [[tx, ty] for tx, ty in sorted(m.seats, key=lambda t: (t[1], t[0]))],
        "areas": [_area(a) for a in m.areas],
        "doors": [a.name for a in m.areas_of(AreaKind.DOOR)],
        "booths": [[str(a.properties["booth"]), a.name] for a in m.areas_of(AreaKind.BOOTH)],
        "tables": [a.name for a in m.areas_of(AreaKind.TABLE)],
    }


def test_the_seed_maps_read_alike_in_browser_and_server(node: str) -> None:
    venue = load_venue(SEED_VENUE)
    browser = {
        space.id: json.loads(
            browser_map(SEED_VENUE.resolve(), SEED_VENUE / space.map_file, space.map.areas)[0]
        )
        for space in venue.spaces.values()
    }
    client = client_view(node, browser)
    for space in venue.spaces.values():
        expected = server_view(space.map)
        assert client[space.id] == expected, space.id
        # the booths the client signs are those the venue places in this space
        placed = sorted([b.id, b.area] for b in venue.booths.values() if b.space == space.id)
        assert sorted(client[space.id]["booths"]) == placed, space.id
    # the comparison has substance: walls, doors, booths, tables and chairs are all there
    assert all(client[s]["blocked"] and client[s]["doors"] for s in venue.spaces)
    assert all(client[s]["seats"] for s in ("plenary", "workshop-1", "workshop-2"))
    assert any(client[s]["booths"] for s in venue.spaces)
    assert any(client[s]["tables"] for s in venue.spaces)


def _encoded(gids: list[int], compression: str) -> str:
    raw = b"".join(gid.to_bytes(4, "little") for gid in gids)
    packed = {"": raw, "zlib": zlib.compress(raw), "gzip": gzip.compress(raw)}[compression]
    return base64.b64encode(packed).decode()


def _tricky_maps() -> dict[str, dict[str, Any]]:
    """Maps that exercise each rule of reading: flags, hiding, groups, offsets, odd objects."""
    maps: dict[str, dict[str, Any]] = {}
    flags = 0x80000000 | 0x40000000 | 0x10000000  # flipped both ways, hexagonally rotated
    maps["flags"] = tiled_map([gid | flags if gid == 2 else gid for gid in WALLED])

    hidden = tiled_map(WALLED)
    hidden["layers"][0]["visible"] = False
    maps["hidden"] = hidden

    mask = tiled_map([1, 0, 0, 0] * 3)
    mask["layers"][0].update(
        visible=False, properties=[{"name": "collides", "type": "bool", "value": True}]
    )
    maps["mask"] = mask

    grouped = tiled_map([1] * 12, objects=[])
    walls = dict(grouped["layers"][0], name="walls", data=WALLED)
    floor = grouped["layers"].pop()
    floor["objects"] = [area_object("start", 0, 0, {"start": True})]
    floor.update(offsetx=0, offsety=32)
    grouped["layers"] += [
        {"name": "shown", "type": "group", "opacity": 1, "visible": True, "offsetx": 32,
         "offsety": 0, "layers": [walls, floor]},
        {"name": "off", "type": "group", "opacity": 1, "visible": False,
         "layers": [dict(walls, name="more", data=[2] * 12)]},
    ]  # fmt: skip
    maps["groups"] = grouped

    chairs = tiled_map([0 if gid == 1 else gid for gid in WALLED[:4]] + WALLED[4:])
    chairs["tilesets"][0]["tiles"].append(
        {"id": 0, "properties": [{"name": "seat", "type": "bool", "value": True}]}
    )  # gid 1 is a chair; the first row holds none
    maps["chairs"] = chairs

    for compression in ("", "zlib", "gzip"):
        encoded = tiled_map(WALLED)
        encoded["layers"][0].update(
            encoding="base64", compression=compression, data=_encoded(WALLED, compression)
        )
        maps[f"base64-{compression or 'plain'}"] = encoded

    old = area_object("from-hall", 1, 1, {"start": True})
    old["type"] = old.pop("class")
    odd: list[dict[str, Any]] = [
        old,
        area_object("to-hall", 2, 1, {"exitUrl": "hall.tmj#start", "booth": "x"}),
        area_object("stand", 3, 1, {"booth": "energy"}),
        area_object("tisch", 3, 2, {"table": "Tisch 1", "capacity": 4}),
        area_object("stage", 0, 2, {"stage": True, "table": "t"}),
        area_object("quiet", 1, 2, {"silent": True}),
        area_object("sign", 2, 2, {"booth": "y"}, **{"class": "sign"}),
        area_object("round", 0, 0, {"exitUrl": "a.tmj"}, ellipse=True),
        area_object("spot", 0, 0, {"exitUrl": "a.tmj"}, point=True),
        area_object("poly", 0, 0, {"exitUrl": "a.tmj"}, polygon=[{"x": 0, "y": 0}]),
        area_object("line", 0, 0, {"exitUrl": "a.tmj"}, polyline=[{"x": 0, "y": 0}]),
        area_object("tile", 0, 0, {"exitUrl": "a.tmj"}, gid=1),
        area_object("words", 0, 0, {"exitUrl": "a.tmj"}, text={"text": "Bar", "wrap": True}),
        area_object("turned", 0, 0, {"exitUrl": "a.tmj"}, rotation=90),
        area_object("flat", 0, 0, {"exitUrl": "a.tmj"}, width=0),
        area_object("  ", 0, 0, {"exitUrl": "a.tmj"}),
        area_object("to-hall", 0, 0, {"exitUrl": "b.tmj"}),
    ]
    maps["areas"] = tiled_map(WALLED, objects=odd)
    return maps


@pytest.mark.parametrize("sample", ["fossgis-update-2021.json", "workadventure-starter-office.tmj"])
def test_workadventure_maps_read_alike_through_the_served_map(node: str, sample: str) -> None:
    """Zones of tile layers, a start layer, translated properties: the browser gets the
    server's areas with the map (an old-style map has no area objects of its own)."""
    folder = SAMPLES / "tiled-maps"
    report = read_map(folder / sample)
    assert report.space_map is not None
    served = browser_map(folder, folder / sample, report.space_map.areas)[0]
    client = client_view(node, {"map": json.loads(served)})
    assert client["map"] == server_view(report.space_map)
    assert "start" in [a["name"] for a in client["map"]["areas"]]


def test_maps_that_test_every_rule_read_alike(node: str, tmp_path: Path) -> None:
    maps = _tricky_maps()
    client = client_view(node, maps)
    for name, raw in maps.items():
        report = read_map(write_map(tmp_path, raw, f"{name}.tmj"))
        assert report.space_map is not None, (name, report.problems)
        assert client[name] == server_view(report.space_map), name
    assert client["flags"]["blocked"] == [[1, 1], [2, 1]]
    assert client["mask"]["blocked"] == [[0, 0], [0, 1], [0, 2]]
    assert client["chairs"]["seats"] == [[0, 1], [3, 1], [0, 2], [1, 2], [2, 2], [3, 2]]
    assert client["groups"]["blocked"] == [[1, 1], [2, 1]]
    assert [(a["name"], a["x"], a["y"]) for a in client["groups"]["areas"]] == [("start", 32, 32)]
    assert [a["name"] for a in client["areas"]["areas"]] == [
        "from-hall", "to-hall", "stand", "tisch", "stage", "quiet",
    ]  # fmt: skip
