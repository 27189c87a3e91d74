"""Reading Tiled maps: real samples, encodings, conventions, and broken input."""

from __future__ import annotations

import base64
import gzip
import json
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLES
from tests.venuefile.venue_builders import area_object, tiled_map, write_map
from venue.domain.maps import AreaKind, Rect
from venue.venuefile.problems import Problem
from venue.venuefile.tiled import load_map, read_map


def errors(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems if p.severity == "error"]


def warnings(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems if p.severity == "warning"]


def test_problem_names_file_object_and_reason() -> None:
    problem = Problem(
        "lobby.tmj", "object 'to-plenary' (layer floorLayer)", "door leads to unknown space 'x'"
    )
    expected = "lobby.tmj: object 'to-plenary' (layer floorLayer): door leads to unknown space 'x'"
    assert str(problem) == expected
    assert str(Problem("venue.toml", "", "file not found")) == "venue.toml: file not found"


# --- real maps --------------------------------------------------------------------------------


def _sample_maps() -> list[str]:
    root = SAMPLES / "tiled-maps"
    found = sorted(root.glob("**/*.tmj")) + sorted(root.glob("**/*.json"))
    maps = [p for p in found if json.loads(p.read_text(encoding="utf-8")).get("type") == "map"]
    if not maps:  # fail the collection loudly rather than skip an empty parameter set
        raise FileNotFoundError(f"no Tiled sample maps in {root}")
    return [str(p.relative_to(root)) for p in maps]


@pytest.mark.parametrize("name", _sample_maps())
def test_every_real_sample_loads_without_exceptions(samples: Path, name: str) -> None:
    space_map, problems = load_map(samples / "tiled-maps" / name)
    assert space_map is not None or errors(problems), "an unusable map must say why"
    for problem in problems:
        assert problem.file == Path(name).name
        assert problem.reason


def test_workadventure_office_has_walls_door_and_entry(samples: Path) -> None:
    space_map, problems = load_map(samples / "tiled-maps" / "workadventure-starter-office.tmj")
    assert space_map is not None
    assert errors(problems) == []
    assert space_map.blocked
    assert (space_map.width, space_map.height, space_map.tile_width) == (31, 21, 32)
    door = space_map.area("to-conference")
    entry = space_map.area("from-conference")
    assert door is not None and door.kind is AreaKind.DOOR
    assert door.exit_target == ("conference.tmj", "from-office")
    assert entry is not None and entry.kind is AreaKind.ENTRY
    # its tile layer `start` is WorkAdventure's spawn, and so venue's default entry
    start = space_map.default_entry()
    assert start is not None and start.name == "start" and start.kind is AreaKind.ENTRY
    # meeting rooms without a Jitsi server, zoom and triggers: reported, not guessed
    assert (
        "workadventure-starter-office.tmj: object 'jitsiChillZone' (layer floorLayer): "
        "jitsiRoom 'ChillZone' needs its Jitsi server: add the property jitsiUrl "
        "(e.g. meet.jit.si) or meetingUrl"
    ) in warnings(problems)
    # what venue has no counterpart for: one warning per property, naming its first place
    ignored = [w for w in warnings(problems) if "focusable" in w]
    assert ignored == [
        "workadventure-starter-office.tmj: object 'jitsiChillZone' (layer floorLayer): property "
        "focusable (here and in 1 more place(s)) is ignored: venue does not zoom"
    ]
    silent = space_map.area("silentZone")
    assert silent is not None and silent.kind is AreaKind.SILENT
    # its tileset images are not part of the sample: reported, not fatal
    missing = [w for w in warnings(problems) if "tileset 'WA_Room_Builder'" in w]
    assert missing == [
        "workadventure-starter-office.tmj: tileset 'WA_Room_Builder': "
        "image tilesets/WA_Room_Builder.png not found"
    ]


def test_old_fossgis_map_reads_its_tile_layer_zones(samples: Path) -> None:
    """WorkAdventure 1.x style: doors, spawns, websites, meetings and silence on tile layers."""
    space_map, problems = load_map(samples / "tiled-maps" / "fossgis-update-2021.json")
    assert space_map is not None
    assert space_map.blocked
    assert errors(problems) == []
    door = space_map.area("Exit: square")
    assert door is not None and door.kind is AreaKind.DOOR
    assert door.exit_target == ("square.json", "start-from-fossgis-update")
    spawn = space_map.area("start-from-square")  # startLayer = true
    assert spawn is not None and spawn.kind is AreaKind.ENTRY
    start = space_map.default_entry()
    assert start is not None and start.name == "start"
    website = space_map.area("Link: uMap")
    assert website is not None and website.meeting == "https://umap.openstreetmap.de/"
    jitsi = space_map.area("Jitsi: QGIS")
    assert jitsi is not None and jitsi.meeting is None
    assert (
        "fossgis-update-2021.json: layer 'Jitsi: QGIS': jitsiRoom 'fossgis-update-qgis' needs "
        "its Jitsi server: add the property jitsiUrl (e.g. meet.jit.si) or meetingUrl"
    ) in warnings(problems)
    assert any(a.kind is AreaKind.SILENT for a in space_map.areas)


def test_tile_layer_zones_become_one_area_per_group_of_tiles(tmp_path: Path) -> None:
    data = tiled_map(objects=[area_object("in", 0, 0, {"start": True})], width=5, height=2)
    data["layers"].insert(
        1,
        {
            "id": 9, "name": "Exit", "type": "tilelayer", "width": 5, "height": 2, "x": 0,
            "y": 0, "opacity": 1, "visible": True, "data": [0, 1, 1, 0, 1, 0, 1, 0, 0, 1],
            "properties": [{"name": "exitSceneUrl", "type": "string", "value": "/b.json#x"}],
        },
    )  # fmt: skip
    path = tmp_path / "map.tmj"
    path.write_text(json.dumps(data), encoding="utf-8")
    space_map, problems = load_map(path)
    assert errors(problems) == []
    assert space_map is not None
    doors = [(a.name, a.rect, a.exit_target) for a in space_map.areas_of(AreaKind.DOOR)]
    assert doors == [
        ("Exit", Rect(32, 0, 64, 64), ("b.json", "x")),
        ("Exit #2", Rect(128, 0, 32, 64), ("b.json", "x")),
    ]


def test_jitsi_room_with_its_server_is_a_meeting_area(tmp_path: Path) -> None:
    props = {"start": True, "jitsiRoom": "Kaffee Ecke", "jitsiUrl": "meet.example.org"}
    data = tiled_map(objects=[area_object("in", 0, 0, props)])
    path = tmp_path / "map.tmj"
    path.write_text(json.dumps(data), encoding="utf-8")
    space_map, problems = load_map(path)
    assert space_map is not None and errors(problems) == []
    area = space_map.area("in")
    assert area is not None and area.meeting == "https://meet.example.org/Kaffee%20Ecke"


def test_a_start_point_object_is_the_spawn(tmp_path: Path) -> None:
    start = {"id": 3, "name": "start", "point": True, "x": 70, "y": 40, "width": 0, "height": 0,
             "rotation": 0, "visible": True}  # fmt: skip
    path = tmp_path / "map.tmj"
    path.write_text(json.dumps(tiled_map(objects=[start])), encoding="utf-8")
    space_map, problems = load_map(path)
    assert errors(problems) == []
    assert space_map is not None
    entry = space_map.default_entry()
    assert entry is not None and entry.rect == Rect(64, 32, 32, 32)


@pytest.mark.parametrize("kind", ["b64_zlib", "b64_gzip"])
def test_compressed_fixture_decodes_like_its_csv_twin(samples: Path, kind: str) -> None:
    tests_dir = samples / "tiled-maps" / "pytiled-parser-fixtures" / "layer_tests"
    compressed, _ = load_map(tests_dir / kind / "map.json")
    plain, _ = load_map(tests_dir / "all_layer_types" / "map.json")
    assert compressed is not None and plain is not None
    assert (compressed.width, compressed.height) == (plain.width, plain.height) == (8, 6)


@pytest.mark.parametrize("kind", ["infinite_map", "infinite_map_b64"])
def test_infinite_map_is_an_error_not_a_crash(samples: Path, kind: str) -> None:
    path = samples / "tiled-maps" / "pytiled-parser-fixtures" / "layer_tests" / kind / "map.json"
    space_map, problems = load_map(path)
    assert space_map is None
    assert errors(problems) == [
        "map.json: infinite maps are not supported (Map > Map Properties > Infinite: off)"
    ]


def test_external_tileset_in_another_directory(samples: Path) -> None:
    path = (
        samples / "tiled-maps/pytiled-parser-fixtures/map_tests/external_tileset_dif_dir/map.json"
    )
    space_map, problems = load_map(path)
    assert space_map is not None
    assert (
        "map.json: tileset 'tileset' (tileset/tileset.json): 4 of 4 tile images not found, "
        "e.g. ../../images/tile_01.png"
    ) in warnings(problems)


# --- collisions and encodings -----------------------------------------------------------------

WALLED = [2, 2, 2, 2, 2, 1, 1, 2, 2, 2, 2, 2]  # 4x3: a walkable pair of tiles in the middle row
WALLS = {(x, y) for y in range(3) for x in range(4)} - {(1, 1), (2, 1)}


def _encode(data: list[int], compression: str) -> str:
    raw = b"".join(struct.pack("<I", gid) for gid in data)
    pack = {"zlib": zlib.compress, "gzip": gzip.compress, "": bytes}[compression]
    return base64.b64encode(pack(raw)).decode()


@pytest.mark.parametrize(
    "layer_format",
    [
        {},
        {"encoding": "csv"},
        {"encoding": "base64", "compression": ""},
        {"encoding": "base64"},
        {"encoding": "base64", "compression": "zlib"},
        {"encoding": "base64", "compression": "gzip"},
    ],
)
def test_every_layer_format_gives_the_same_walls(
    tmp_path: Path, layer_format: dict[str, str]
) -> None:
    raw = tiled_map(WALLED, [area_object("start", 1, 1, {"start": True})])
    layer = raw["layers"][0]
    layer.update(layer_format)
    if layer_format.get("encoding") == "base64":
        layer["data"] = _encode(WALLED, layer_format.get("compression", ""))
    space_map, problems = load_map(write_map(tmp_path, raw))
    assert problems == []
    assert space_map is not None and space_map.blocked == WALLS


def test_zstd_layer_is_reported_clearly(tmp_path: Path) -> None:
    raw = tiled_map()
    raw["layers"][0].update(encoding="base64", compression="zstd", data="AAAA")
    space_map, problems = load_map(write_map(tmp_path, raw))
    assert space_map is None
    assert "zstd-compressed tile data needs the optional zstd package" in errors(problems)[0]
    assert errors(problems)[0].startswith("map.tmj: layer 'ground': ")


def test_flipped_tiles_still_collide(tmp_path: Path) -> None:
    flipped = [gid | 0x80000000 if gid == 2 else gid for gid in WALLED]
    space_map, _ = load_map(write_map(tmp_path, tiled_map(flipped)))
    assert space_map is not None and space_map.blocked == WALLS


def test_hidden_layer_does_not_block_but_a_collides_layer_does(tmp_path: Path) -> None:
    raw = tiled_map(WALLED)
    raw["layers"][0]["visible"] = False
    hidden, _ = load_map(write_map(tmp_path, raw, "hidden.tmj"))
    assert hidden is not None and hidden.blocked == frozenset()

    mask = tiled_map([1, 0, 0, 0] * 3)
    mask["layers"][0]["properties"] = [{"name": "collides", "type": "bool", "value": True}]
    mask["layers"][0]["visible"] = False
    masked, _ = load_map(write_map(tmp_path, mask, "mask.tmj"))
    assert masked is not None and masked.blocked == {(0, 0), (0, 1), (0, 2)}


def test_tile_layers_inside_groups_block(tmp_path: Path) -> None:
    raw = tiled_map([1] * 12)
    walls = dict(raw["layers"][0], name="walls1", data=WALLED)
    raw["layers"].append(
        {"name": "walls", "type": "group", "opacity": 1, "visible": True, "layers": [walls]}
    )
    space_map, _ = load_map(write_map(tmp_path, raw))
    assert space_map is not None and space_map.blocked == WALLS


# --- areas ------------------------------------------------------------------------------------


def test_area_by_old_type_and_new_class(tmp_path: Path) -> None:
    old = area_object("from-hall", 1, 1, {"start": True})
    old["type"] = old.pop("class")
    door = area_object("to-hall", 2, 1, {"exitUrl": "hall.tmj#start"})
    other = area_object("sign", 3, 1)
    other["class"] = "sign"
    space_map, _ = load_map(write_map(tmp_path, tiled_map(objects=[old, door, other])))
    assert space_map is not None
    assert [(a.name, a.kind) for a in space_map.areas] == [
        ("from-hall", AreaKind.ENTRY),
        ("to-hall", AreaKind.DOOR),
    ]


def test_area_in_a_group_is_moved_by_the_group_offset(tmp_path: Path) -> None:
    raw = tiled_map(objects=[])
    layer = raw["layers"].pop()
    layer["objects"] = [area_object("start", 0, 0, {"start": True})]
    raw["layers"].append(
        {"name": "g", "type": "group", "opacity": 1, "visible": True, "offsetx": 32, "offsety": 0,
         "layers": [layer]}
    )  # fmt: skip
    report = read_map(write_map(tmp_path, raw))
    assert report.space_map is not None
    entry = report.space_map.area("start")
    assert entry is not None and (entry.rect.x, entry.rect.y) == (32, 0)
    assert report.where("start") == "object 'start' (layer g/floorLayer)"


@pytest.mark.parametrize(
    ("shape", "word"),
    [({"ellipse": True}, "an ellipse"), ({"polygon": [{"x": 0, "y": 0}]}, "a polygon")],
)
def test_non_rectangle_area_is_a_warning_and_skipped(
    tmp_path: Path, shape: dict[str, Any], word: str
) -> None:
    odd = area_object("round-door", 2, 1, {"exitUrl": "x.tmj"}, **shape)
    space_map, problems = load_map(
        write_map(tmp_path, tiled_map(objects=[area_object("start", 0, 0, {"start": True}), odd]))
    )
    assert space_map is not None and space_map.area("round-door") is None
    assert warnings(problems) == [
        f"map.tmj: object 'round-door' (layer floorLayer): an area must be a rectangle, "
        f"this is {word}: ignored"
    ]


def test_nameless_and_duplicate_areas_are_errors(tmp_path: Path) -> None:
    objects = [
        area_object("start", 0, 0, {"start": True}),
        area_object("", 1, 0, {"silent": True}, id=7),
        area_object("start", 2, 0, {"start": True}),
    ]
    _, problems = load_map(write_map(tmp_path, tiled_map(objects=objects)))
    assert errors(problems) == [
        "map.tmj: object #7 (layer floorLayer): the area has no name",
        "map.tmj: object 'start' (layer floorLayer): "
        "duplicate area name (also in layer floorLayer)",
    ]


def test_no_entry_is_an_error_and_no_floor_layer_a_warning(tmp_path: Path) -> None:
    raw = tiled_map(objects=[area_object("quiet", 0, 0, {"silent": True})])
    raw["layers"][1]["name"] = "objects"
    space_map, problems = load_map(write_map(tmp_path, raw))
    assert space_map is not None
    assert errors(problems) == ["map.tmj: no entry area (start=true), start object or start layer"]
    assert warnings(problems) == [
        "map.tmj: no object layer named floorLayer (avatars are drawn at its level)"
    ]


def test_wrongly_typed_door_property(tmp_path: Path) -> None:
    door = area_object("to-x", 1, 1)
    door["properties"] = [{"name": "exitUrl", "type": "int", "value": 3}]
    objects = [area_object("start", 0, 0, {"start": True}), door]
    space_map, problems = load_map(write_map(tmp_path, tiled_map(objects=objects)))
    assert space_map is not None and space_map.areas_of(AreaKind.DOOR) == []
    assert errors(problems) == [
        "map.tmj: object 'to-x' (layer floorLayer): property 'exitUrl' should be a string, is 3"
    ]


# --- broken files -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{ nope", "map.tmj: line 1, column 3: not JSON: Expecting property name enclosed in"),
        ("", "map.tmj: line 1, column 1: not JSON: Expecting value"),
        ("[1, 2]", "map.tmj: not a Tiled map: the JSON is not an object"),
        ('{"type": "tileset"}', "map.tmj: this is a Tiled tileset, not a map"),
        ('{"width": 3}', "map.tmj: not a Tiled map: missing height, tilewidth, tileheight"),
    ],
)
def test_not_a_map(tmp_path: Path, content: str, reason: str) -> None:
    (tmp_path / "map.tmj").write_text(content, encoding="utf-8")
    space_map, problems = load_map(tmp_path / "map.tmj")
    assert space_map is None
    assert errors(problems)[0].startswith(reason)


def test_missing_and_binary_files(tmp_path: Path) -> None:
    assert load_map(tmp_path / "gone.tmj") == (None, [Problem("gone.tmj", "", "file not found")])
    (tmp_path / "bin.tmj").write_bytes(b"\xff\xfe\x00garbage")
    space_map, problems = load_map(tmp_path / "bin.tmj")
    assert space_map is None and "not UTF-8" in errors(problems)[0]


def test_isometric_map_is_refused(tmp_path: Path) -> None:
    space_map, problems = load_map(write_map(tmp_path, tiled_map(orientation="isometric")))
    assert space_map is None
    assert errors(problems) == [
        "map.tmj: only orthogonal maps are supported, this one is isometric"
    ]


def test_missing_external_tileset_is_an_error(tmp_path: Path) -> None:
    raw = tiled_map(tilesets=[{"firstgid": 1, "source": "tilesets/gone.tsj"}])
    space_map, problems = load_map(write_map(tmp_path, raw))
    assert space_map is None
    assert errors(problems) == [
        "map.tmj: tileset tilesets/gone.tsj: external tileset file not found"
    ]


def test_malformed_layer_is_reported_by_name(tmp_path: Path) -> None:
    raw = tiled_map()
    del raw["layers"][1]["objects"]
    space_map, problems = load_map(write_map(tmp_path, raw))
    assert space_map is None
    assert errors(problems) == ["map.tmj: layer 'floorLayer': cannot read: missing key 'objects'"]


# --- never raise ------------------------------------------------------------------------------

JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.text(max_size=3),
    st.builds(list),
    st.builds(dict),
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _paths(value, (*prefix, i))
    return found


@settings(
    max_examples=150,
    deadline=None,  # no timing assertion: a loaded machine is slow, not wrong
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_load_map_never_raises_on_damaged_maps(tmp_path: Path, data: st.DataObject) -> None:
    raw = tiled_map(WALLED, [area_object("start", 1, 1, {"start": True})])
    paths = _paths(raw)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths))
        parent: Any = raw
        try:
            for key in path[:-1]:
                parent = parent[key]
            if data.draw(st.booleans()) and isinstance(parent, dict):
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = data.draw(JUNK)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed this path
    space_map, problems = load_map(write_map(tmp_path, raw))
    assert space_map is not None or errors(problems)
