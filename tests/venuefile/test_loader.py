"""Checking whole venue folders: the mini venue broken one way per test, and the seed."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.venuefile.venue_builders import SEED_VENUE, MapEditor, replace_in
from venue.domain.maps import AreaKind
from venue.domain.venue import SpaceKind
from venue.venuefile.check import run_check
from venue.venuefile.loader import check_venue, load_venue
from venue.venuefile.problems import Problem, VenueInvalid


def errors(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems if p.severity == "error"]


def warnings(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems if p.severity == "warning"]


def objects(data: dict[str, Any]) -> list[dict[str, Any]]:
    layer = next(layer for layer in data["layers"] if layer["name"] == "floorLayer")
    found: list[dict[str, Any]] = layer["objects"]
    return found


def set_property(data: dict[str, Any], area: str, key: str, value: object) -> None:
    obj = next(o for o in objects(data) if o["name"] == area)
    prop = next(p for p in obj["properties"] if p["name"] == key)
    prop["value"] = value


def test_mini_venue_is_valid(venue_dir: Path) -> None:
    venue, problems = check_venue(venue_dir)
    assert problems == []
    assert venue is not None
    assert venue.id == "mini" and venue.lobby == "lobby"
    assert list(venue.spaces) == ["lobby", "talks", "hall"]
    assert venue.spaces["hall"].kind is SpaceKind.EXHIBITION
    assert venue.booths["demo"].area == "booth-demo"
    talks, entry = venue.door_destination("lobby", venue.spaces["lobby"].map.areas[1])
    assert (talks.id, entry.name, entry.kind) == ("talks", "from-lobby", AreaKind.ENTRY)
    assert venue.event is not None
    assert venue.event.timezone == "Europe/Berlin"
    assert venue.event.contact == (
        "Erika Muster",
        "Geschäftsstelle",
        "Weg 1",
        "02763 Zittau",
        "+49 1",
    )


def test_load_venue_raises_with_every_problem(venue_dir: Path, edit_map: MapEditor) -> None:
    edit_map("lobby.tmj", lambda d: set_property(d, "to-talks", "exitUrl", "plenary2.tmj"))
    with pytest.raises(VenueInvalid) as caught:
        load_venue(venue_dir)
    assert [str(p) for p in caught.value.problems if p.is_error] == [
        "lobby.tmj: object 'to-talks' (layer floorLayer): "
        "door leads to unknown space 'plenary2.tmj'",
        "venue.toml: spaces[1] (id 'talks'): "
        "no doors lead here from the lobby 'lobby' (add a door to talks.tmj)",
    ]


def test_door_to_unknown_space(venue_dir: Path, edit_map: MapEditor) -> None:
    edit_map("hall.tmj", lambda d: set_property(d, "to-lobby", "exitUrl", "foyer#from-hall"))
    venue, problems = check_venue(venue_dir)
    assert venue is None
    assert errors(problems) == [
        "hall.tmj: object 'to-lobby' (layer floorLayer): door leads to unknown space 'foyer'"
    ]
    # the hall can still be entered, only not left on foot
    assert warnings(problems) == [
        "venue.toml: spaces[2] (id 'hall'): "
        "no doors lead back to the lobby 'lobby' (only the space list does)"
    ]


def test_door_to_unknown_entry(venue_dir: Path, edit_map: MapEditor) -> None:
    edit_map("lobby.tmj", lambda d: set_property(d, "to-hall", "exitUrl", "hall#from-foyer"))
    _, problems = check_venue(venue_dir)
    assert errors(problems) == [
        "lobby.tmj: object 'to-hall' (layer floorLayer): "
        "door leads to unknown entry 'from-foyer' in hall.tmj"
    ]


def test_door_to_an_area_that_is_no_entry(venue_dir: Path, edit_map: MapEditor) -> None:
    edit_map("lobby.tmj", lambda d: set_property(d, "to-hall", "exitUrl", "hall.tmj#booth-demo"))
    _, problems = check_venue(venue_dir)
    assert errors(problems) == [
        "lobby.tmj: object 'to-hall' (layer floorLayer): "
        "door leads to 'booth-demo' in hall.tmj, which is not an entry (start=true)"
    ]


def test_door_without_entry_uses_the_default_entry(venue_dir: Path, edit_map: MapEditor) -> None:
    edit_map("lobby.tmj", lambda d: set_property(d, "to-hall", "exitUrl", "hall.tmj"))
    assert check_venue(venue_dir)[1] == []


def test_unreachable_space(venue_dir: Path, edit_map: MapEditor) -> None:
    edit_map("lobby.tmj", lambda d: objects(d).remove(objects(d)[3]))  # the door to the hall
    _, problems = check_venue(venue_dir)
    assert errors(problems) == [
        "venue.toml: spaces[2] (id 'hall'): "
        "no doors lead here from the lobby 'lobby' (add a door to hall.tmj)"
    ]


def test_door_out_of_reach_on_foot(venue_dir: Path, edit_map: MapEditor) -> None:
    def wall_off_the_hall_door(data: dict[str, Any]) -> None:
        walls = data["layers"][1]["layers"][0]
        grid = [2 if x in (0, 7) or y in (0, 5) else 0 for y in range(6) for x in range(8)]
        for x, y in ((4, 4), (5, 3), (6, 3)):
            grid[y * 8 + x] = 2
        walls.update(data=grid)
        del walls["encoding"], walls["compression"]

    edit_map("lobby.tmj", wall_off_the_hall_door)
    _, problems = check_venue(venue_dir)
    assert errors(problems) == []
    assert warnings(problems) == [
        "lobby.tmj: object 'to-hall' (layer floorLayer): "
        "cannot be reached on foot from the entry 'start'",
        "lobby.tmj: object 'from-hall' (layer floorLayer): "
        "cannot be reached on foot from the entry 'start'",
    ]


def test_door_inside_a_wall(venue_dir: Path, edit_map: MapEditor) -> None:
    def move_door_into_wall(data: dict[str, Any]) -> None:
        door = next(o for o in objects(data) if o["name"] == "to-talks")
        door["x"], door["y"] = 7 * 32, 2 * 32

    edit_map("lobby.tmj", move_door_into_wall)
    _, problems = check_venue(venue_dir)
    assert errors(problems) == [
        "lobby.tmj: object 'to-talks' (layer floorLayer): "
        "no walkable tile in the door: nobody can use it"
    ]


def test_booth_area_missing(venue_dir: Path) -> None:
    replace_in(venue_dir / "venue.toml", 'area = "booth-demo"', 'area = "booth-dem0"')
    _, problems = check_venue(venue_dir)
    assert errors(problems) == [
        "venue.toml: booths[0].area: no area 'booth-dem0' in hall.tmj",
        "hall.tmj: object 'booth-demo' (layer floorLayer): "
        "venue.toml puts booth 'demo' in area 'booth-dem0' of space 'hall'",
    ]


def test_booth_area_names_an_unknown_booth(venue_dir: Path, edit_map: MapEditor) -> None:
    edit_map("hall.tmj", lambda d: set_property(d, "booth-demo", "booth", "demo-2"))
    _, problems = check_venue(venue_dir)
    assert errors(problems) == [
        "hall.tmj: object 'booth-demo' (layer floorLayer): booth 'demo-2' is not in venue.toml"
    ]


def test_booth_in_a_space_that_is_no_exhibition(venue_dir: Path) -> None:
    replace_in(venue_dir / "venue.toml", 'space = "hall"', 'space = "talks"')
    _, problems = check_venue(venue_dir)
    assert errors(problems)[:2] == [
        "venue.toml: booths[0].space: "
        "space 'talks' is a plenary; booths stand in exhibition spaces",
        "venue.toml: booths[0].area: no area 'booth-demo' in talks.tmj",
    ]


def test_schedule_room_unknown(venue_dir: Path) -> None:
    path = venue_dir / "schedule.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["schedule"]["conference"]["days"][0]["rooms"]["Saal 3"] = []
    path.write_text(json.dumps(data), encoding="utf-8")
    _, problems = check_venue(venue_dir)
    assert errors(problems) == [
        "schedule.json: schedule.conference.days[0].rooms: room 'Saal 3' matches no space by "
        "[rooms] in venue.toml, id, German or English name "
        "(map it with --room 'Saal 3=SPACE' or [rooms] in venue.toml)"
    ]


def test_schedule_room_like_a_space_is_suggested_and_mapped_by_the_rooms_table(
    venue_dir: Path,
) -> None:
    path = venue_dir / "schedule.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    rooms = data["schedule"]["conference"]["days"][0]["rooms"]
    rooms["Vortragssaal – Haus A"] = rooms.pop("Vortragssaal")
    path.write_text(json.dumps(data), encoding="utf-8")
    _, problems = check_venue(venue_dir)
    assert errors(problems) == [
        "schedule.json: schedule.conference.days[0].rooms: room 'Vortragssaal – Haus A' matches "
        "no space by [rooms] in venue.toml, id, German or English name; did you mean 'talks'? "
        "(--room 'Vortragssaal – Haus A=talks')"
    ]
    manifest = venue_dir / "venue.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text + '\n[rooms]\n"Vortragssaal – Haus A" = "talks"\n', "utf-8")
    assert errors(check_venue(venue_dir)[1]) == []
    manifest.write_text(text + '\n[rooms]\n"Vortragssaal – Haus A" = "attic"\n', "utf-8")
    assert "venue.toml: rooms.'Vortragssaal – Haus A': unknown space 'attic'" in errors(
        check_venue(venue_dir)[1]
    )


def test_schedule_missing_or_not_json(venue_dir: Path) -> None:
    (venue_dir / "schedule.json").write_text("<schedule/>", encoding="utf-8")
    assert errors(check_venue(venue_dir)[1]) == [
        "schedule.json: line 1, column 1: not JSON: Expecting value"
    ]
    (venue_dir / "schedule.json").unlink()
    assert errors(check_venue(venue_dir)[1]) == [
        "schedule.json: file not found (event.programme in venue.toml)"
    ]


def test_duplicate_space_id(venue_dir: Path) -> None:
    replace_in(venue_dir / "venue.toml", 'id = "hall"', 'id = "talks"')
    venue, problems = check_venue(venue_dir)
    assert venue is None
    assert errors(problems) == ["venue.toml: spaces: duplicate space id: 'talks' at [1, 2]"]


def test_bad_toml_names_the_line(venue_dir: Path) -> None:
    replace_in(venue_dir / "venue.toml", 'capacity = 20\n\n[[spaces]]\nid = "talks"', "capacity =")
    venue, problems = check_venue(venue_dir)
    assert venue is None
    assert errors(problems) == ["venue.toml: line 26, column 11: not valid TOML: Invalid value"]


def test_bad_capacity(venue_dir: Path) -> None:
    replace_in(venue_dir / "venue.toml", "capacity = 10", "capacity = 0")
    _, problems = check_venue(venue_dir)
    assert errors(problems) == [
        "venue.toml: spaces[2].capacity: Input should be greater than or equal to 1 (got 0)"
    ]


def test_unknown_key_in_manifest(venue_dir: Path) -> None:
    replace_in(venue_dir / "venue.toml", 'kind = "exhibition"', 'kind = "exhibition"\nsize = 3')
    assert errors(check_venue(venue_dir)[1]) == [
        "venue.toml: spaces[2].size: unknown key (not part of the venue format)"
    ]


def test_lobby_must_be_a_lobby(venue_dir: Path) -> None:
    replace_in(venue_dir / "venue.toml", 'lobby = "lobby"', 'lobby = "talks"')
    _, problems = check_venue(venue_dir)
    assert errors(problems)[0] == "venue.toml: event.lobby: space 'talks' is a plenary, not a lobby"


def test_missing_map_file(venue_dir: Path) -> None:
    (venue_dir / "talks.tmj").unlink()
    venue, problems = check_venue(venue_dir)
    assert venue is None
    assert problems == [Problem("talks.tmj", "", "file not found")]


def test_non_json_map(venue_dir: Path) -> None:
    (venue_dir / "hall.tmj").write_text("hall: big\n", encoding="utf-8")
    venue, problems = check_venue(venue_dir)
    assert venue is None
    assert errors(problems) == ["hall.tmj: line 1, column 1: not JSON: Expecting value"]


def test_missing_manifest_and_folder(tmp_path: Path) -> None:
    assert check_venue(tmp_path) == (None, [Problem("venue.toml", "", "file not found")])
    venue, problems = check_venue(tmp_path / "nowhere")
    assert venue is None and "not a venue folder" in problems[0].reason


def test_small_lobby_is_a_warning(venue_dir: Path) -> None:
    replace_in(venue_dir / "venue.toml", "capacity = 20", "capacity = 5")
    _, problems = check_venue(venue_dir)
    assert errors(problems) == []
    assert warnings(problems) == [
        "venue.toml: spaces[0].capacity: the lobby holds 5, fewer than 'talks' (20): "
        "people leaving it may not fit"
    ]


def test_missing_tileset_image_is_an_error_naming_file_tileset_and_path(venue_dir: Path) -> None:
    (venue_dir / "tilesets" / "mini.png").unlink()
    venue, problems = check_venue(venue_dir)
    assert venue is None
    assert errors(problems) == [
        "lobby.tmj: tileset 'mini': image tilesets/mini.png not found",
        "talks.tmj: tileset 'mini' (tilesets/mini.tsj): image tilesets/mini.png not found",
        "hall.tmj: tileset 'mini' (tilesets/mini.tsj): image tilesets/mini.png not found",
    ]


def test_maps_and_tilesets_in_a_sibling_folder_under_the_asset_root(venue_dir: Path) -> None:
    """A WorkAdventure world: maps in maps/, tilesets shared in tilesets/, venue.toml apart."""
    world = venue_dir.parent / "world"
    (world / "maps").mkdir(parents=True)
    shutil.move(venue_dir / "tilesets", world / "tilesets")
    for name in ("lobby.tmj", "talks.tmj", "hall.tmj"):
        text = (venue_dir / name).read_text(encoding="utf-8")
        text = text.replace('"tilesets/', '"../tilesets/')
        (world / "maps" / name).write_text(text, encoding="utf-8")
        (venue_dir / name).unlink()
    manifest = (venue_dir / "venue.toml").read_text(encoding="utf-8")
    manifest = manifest.replace('map = "', 'map = "../world/maps/')
    (venue_dir / "venue.toml").write_text('asset_root = ".."\n' + manifest, encoding="utf-8")
    venue, problems = check_venue(venue_dir)
    assert errors(problems) == []
    assert venue is not None and venue.spaces["talks"].map_file == "../world/maps/talks.tmj"


def test_maps_and_images_outside_the_root_are_errors(venue_dir: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    shutil.copy(venue_dir / "tilesets" / "mini.png", outside / "mini.png")
    shutil.copy(venue_dir / "talks.tmj", outside / "talks.tmj")
    lobby = (venue_dir / "lobby.tmj").read_text(encoding="utf-8")
    lobby = lobby.replace('"tilesets/mini.png"', '"../elsewhere/mini.png"')
    (venue_dir / "lobby.tmj").write_text(lobby, encoding="utf-8")
    manifest = (venue_dir / "venue.toml").read_text(encoding="utf-8")
    manifest = manifest.replace('map = "talks.tmj"', 'map = "../elsewhere/talks.tmj"')
    (venue_dir / "venue.toml").write_text(manifest, encoding="utf-8")
    venue, problems = check_venue(venue_dir)
    assert venue is None
    assert errors(problems) == [
        "lobby.tmj: tileset 'mini': image ../elsewhere/mini.png lies outside the venue's root "
        "(asset_root)",
        "venue.toml: spaces[1].map: ../elsewhere/talks.tmj lies outside the venue's root "
        "'.' (asset_root)",
        # the lobby's door names talks.tmj, which is no longer a space's map
        "lobby.tmj: object 'to-talks' (layer floorLayer): door leads to unknown space 'talks.tmj'",
    ]


def test_hidden_files_are_never_part_of_a_venue(venue_dir: Path) -> None:
    (venue_dir / ".git").mkdir()
    shutil.copy(venue_dir / "tilesets" / "mini.png", venue_dir / ".git" / "mini.png")
    lobby = (venue_dir / "lobby.tmj").read_text(encoding="utf-8")
    (venue_dir / "lobby.tmj").write_text(lobby.replace('"tilesets/', '".git/'), encoding="utf-8")
    assert errors(check_venue(venue_dir)[1]) == [
        "lobby.tmj: tileset 'mini': image .git/mini.png lies outside the venue's root (asset_root)"
    ]


# --- venue check ------------------------------------------------------------------------------


def test_run_check_on_a_valid_venue(venue_dir: Path) -> None:
    out = io.StringIO()
    assert run_check(venue_dir, out) == 0
    assert out.getvalue() == "mini: 3 spaces, 1 booth, 0 errors, 0 warnings\n"


def test_run_check_prints_problems_by_file(venue_dir: Path, edit_map: MapEditor) -> None:
    edit_map("talks.tmj", lambda d: set_property(d, "to-lobby", "exitUrl", "lobby#nowhere"))
    replace_in(venue_dir / "venue.toml", "capacity = 20", "capacity = 5")
    out = io.StringIO()
    assert run_check(venue_dir, out) == 1
    assert out.getvalue().splitlines() == [
        "error: talks.tmj: object 'to-lobby' (layer floorLayer): "
        "door leads to unknown entry 'nowhere' in lobby.tmj",
        "warning: venue.toml: spaces[0].capacity: the lobby holds 5, fewer than 'talks' (20): "
        "people leaving it may not fit",
        "mini: 3 spaces, 1 booth, 1 error, 1 warning",
    ]


def test_seed_venue_has_no_errors(tmp_path: Path) -> None:
    if not (SEED_VENUE / "venue.toml").is_file():
        pytest.skip("the seed venue is not there yet")
    venue, problems = check_venue(SEED_VENUE)
    assert errors(problems) == []
    assert venue is not None
    assert venue.id == "lausitz-2021"
    # every door of the seed leads somewhere
    for space in venue.spaces.values():
        for door in space.map.areas_of(AreaKind.DOOR):
            venue.door_destination(space.id, door)
    # and a copy elsewhere checks the same: nothing depends on the working directory
    shutil.copytree(SEED_VENUE, tmp_path / "seed")
    out = io.StringIO()
    assert run_check(tmp_path / "seed", out) == 0
    assert out.getvalue().splitlines()[-1].startswith("lausitz-2021: 6 spaces, 4 booths, 0 errors")


def test_schedule_rooms_match_case_insensitively(venue_dir: Path) -> None:
    path = venue_dir / "schedule.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["schedule"]["conference"]["rooms"].append({"name": "LECTURE HALL"})
    path.write_text(json.dumps(data), encoding="utf-8")
    assert check_venue(venue_dir)[1] == []


def _event(guid: str, title: str, date: str, duration: str = "00:30") -> dict[str, Any]:
    return {"guid": guid, "title": title, "date": date, "duration": duration}


def test_programme_is_cross_checked_against_the_event(venue_dir: Path) -> None:
    """Other days, outside the hours, overlaps in a space: each named with file and event id."""
    path = venue_dir / "schedule.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["schedule"]["conference"]["days"][0]["rooms"]["Vortragssaal"] = [
        _event("e-1", "Auftakt", "2021-11-30T11:00:00+01:00"),
        _event("e-2", "Zu lang", "2021-11-30T11:15:00+01:00"),
        _event("e-3", "Abends", "2021-11-30T18:00:00+01:00"),
        _event("e-4", "Am Tag davor", "2021-11-29T11:00:00+01:00"),
        {"guid": "e-5", "title": "Ohne Zeit", "date": "bald"},
    ]
    path.write_text(json.dumps(data), encoding="utf-8")
    _, problems = check_venue(venue_dir)
    at = "schedule.json: schedule.conference.days[0].rooms['Vortragssaal']"
    assert errors(problems) == [
        f"{at}[1] (event e-2): 'Zu lang' overlaps 'Auftakt' ({at.split(': ')[1]}[0] (event e-1)) "
        "in space 'talks'"
    ]
    assert warnings(problems) == [
        f"{at}[2] (event e-3): 'Abends' (18:00–18:30) lies outside the event's hours "
        "11:00–13:00 (venue.toml)",
        f"{at}[3] (event e-4): 'Am Tag davor' is on 2021-11-29, not on the event's date 2021-11-30",
        f"{at}[4] (event e-5): no usable date and duration: not shown",
    ]


def test_a_link_out_of_the_root_is_outside(venue_dir: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.mkdir()
    shutil.copy(venue_dir / "tilesets" / "mini.png", secret / "mini.png")
    (venue_dir / "tilesets" / "linked.png").symlink_to(secret / "mini.png")
    lobby = (venue_dir / "lobby.tmj").read_text(encoding="utf-8")
    lobby = lobby.replace('"tilesets/mini.png"', '"tilesets/linked.png"')
    (venue_dir / "lobby.tmj").write_text(lobby, encoding="utf-8")
    assert errors(check_venue(venue_dir)[1]) == [
        "lobby.tmj: tileset 'mini': image tilesets/linked.png lies outside the venue's root "
        "(asset_root)"
    ]


def test_an_untranslated_text_is_a_warning(venue_dir: Path) -> None:
    text = 'title = { de = "Tag der offenen Tür", en = "Tag der offenen Tür" }'
    manifest = (venue_dir / "venue.toml").read_text(encoding="utf-8")
    first = next(line for line in manifest.splitlines() if line.startswith("title = "))
    replace_in(venue_dir / "venue.toml", first, text)
    venue, problems = check_venue(venue_dir)
    assert venue is not None and errors(problems) == []
    assert warnings(problems) == [
        "venue.toml: event.title: the same in German and English: add the translation"
    ]
