"""`venue import-schedule`: lenient reading with warnings, strict writing, clear refusals."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.cli import run_venue
from tests.conftest import SAMPLES, SEED
from venue.schedule.importer import served_form

VOC = SAMPLES / "voc-schedule"
DATA = Path(__file__).parent / "data"


@pytest.fixture
def venue_dir(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SEED, tmp_path / "venue"))


def programme(venue_dir: Path) -> bytes:
    return (venue_dir / "schedule.json").read_bytes()


def validate(document: Any) -> None:
    """The document as the server serves it (with its public URL) passes schema.json."""
    document = served_form(document, "https://venue.example/")
    schema = json.loads((VOC / "schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)
    errors = list(validator(schema, format_checker=validator.FORMAT_CHECKER).iter_errors(document))
    assert not errors, [f"{e.json_path}: {e.message}" for e in errors]


def events_of(document: Any) -> list[dict[str, Any]]:
    return [
        event
        for day in document["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
    ]


def renamed(sample: str, rooms: dict[str, str], target: Path) -> Path:
    """A copy of a sample whose rooms carry the names of the venue's spaces."""
    text = (VOC / sample).read_text(encoding="utf-8")
    for old, new in rooms.items():
        text = text.replace(json.dumps(old), json.dumps(new))
    target.write_text(text, encoding="utf-8")
    return target


def assert_checks(venue_dir: Path) -> None:
    check = run_venue("check", venue_dir)
    assert check.returncode == 0, check.stdout + check.stderr


def test_pretalx_export_imports_into_mapped_spaces(venue_dir: Path, tmp_path: Path) -> None:
    source = renamed(
        "pretalx-democon.json",
        {"Gray Room": "Plenary hall", "Tan Room": "workshop-1"},
        tmp_path / "pretalx.json",
    )
    result = run_venue("import-schedule", source, "--venue", venue_dir)
    assert result.returncode == 0, result.stderr
    assert "room 'Plenary hall' → space plenary" in result.stdout
    assert "room 'workshop-1' → space workshop-1" in result.stdout
    assert "36 event(s) imported, 2 room(s) mapped, 0 room(s) without a space" in result.stdout
    assert "not on the event's date 2021-11-30" in result.stdout  # democon is in 2020
    written = json.loads(programme(venue_dir))
    validate(written)
    events = events_of(written)
    assert len(events) == 36
    # rooms keep their names: the venue maps them to its spaces when it loads the programme
    assert {e["room"] for e in events} == {"Plenary hall", "workshop-1"}
    first = next(e for e in events if e["guid"] == "8079583e-8321-506c-95af-fd2903a5f075")
    assert first["title"] == "Focused 5thgeneration hardware"
    assert first["date"] == "2020-12-14T09:00:00+01:00" and first["duration"] == "00:30"
    assert first["persons"][0]["public_name"] == "Brian Robinson"  # as pretalx wrote it
    assert written["schedule"]["conference"]["acronym"] == "democon"
    assert_checks(venue_dir)


def test_rooms_without_a_space_are_named_with_their_event_counts(
    venue_dir: Path, tmp_path: Path
) -> None:
    source = renamed("pretalx-democon.json", {"Gray Room": "PLENARSAAL"}, tmp_path / "p.json")
    result = run_venue("import-schedule", source, "--venue", venue_dir)
    assert result.returncode == 0, result.stderr
    assert "room 'Tan Room' has no space in the venue: its 9 event(s) are not imported" in (
        result.stdout
    )
    assert "27 event(s) imported, 1 room(s) mapped, 1 room(s) without a space" in result.stdout
    assert len(events_of(json.loads(programme(venue_dir)))) == 27


def test_frab_export_imports_with_schema_warnings(venue_dir: Path, tmp_path: Path) -> None:
    source = renamed("frab-camp2019.json", {"Curie": "Digitale Bar"}, tmp_path / "camp.json")
    result = run_venue("import-schedule", source, "--venue", venue_dir)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stdout.splitlines() if line.startswith("warning: ")]
    # file, JSON path and reason of each violation
    assert "warning: camp.json: $.schedule.conference.acronym: 'Camp2019' does not match" in (
        result.stdout
    )
    assert any(".slug: 'Camp2019-" in line for line in warnings)
    assert "room 'Meitner' has no space in the venue: its 38 event(s)" in result.stdout
    assert "41 event(s) imported" in result.stdout
    written = json.loads(programme(venue_dir))
    validate(written)  # strict on the way out, whatever came in
    assert {e["room"] for e in events_of(written)} == {"Digitale Bar"}
    assert_checks(venue_dir)


def test_xml_schedule_imports(venue_dir: Path) -> None:
    result = run_venue("import-schedule", DATA / "schedule-small.xml", "--venue", venue_dir)
    assert result.returncode == 0, result.stderr
    assert "warning:" in result.stdout  # only the unmapped room
    assert "room 'Kantine' has no space in the venue: its 1 event(s)" in result.stdout
    assert "3 event(s) imported, 2 room(s) mapped" in result.stdout
    written = json.loads(programme(venue_dir))
    validate(written)
    events = {e["title"]: e for e in events_of(written)}
    assert set(events) == {"Eröffnung & Grüße", "Keynote", "Ausklang"}
    opening = events["Eröffnung & Grüße"]
    assert opening["room"] == "Plenary hall" and opening["slug"] == "testcon-11-eroeffnung"
    assert opening["persons"][0]["name"] == "Ada Lovelace"
    assert opening["links"][0]["url"] == "https://example.org/slides.pdf"
    assert events["Keynote"]["date"] == "2021-11-30T11:30:00+01:00"
    assert_checks(venue_dir)


def test_output_and_dry_run_leave_the_programme_alone(venue_dir: Path, tmp_path: Path) -> None:
    before = programme(venue_dir)
    dry = run_venue(
        "import-schedule", DATA / "schedule-small.xml", "--venue", venue_dir, "--dry-run"
    )
    assert dry.returncode == 0 and "dry run, nothing written" in dry.stdout
    out = tmp_path / "elsewhere.json"
    result = run_venue(
        "import-schedule", DATA / "schedule-small.xml", "--venue", venue_dir, "--output", out
    )
    assert result.returncode == 0, result.stderr
    assert programme(venue_dir) == before
    validate(json.loads(out.read_text(encoding="utf-8")))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere.json", "venue"]


def test_a_schedule_with_no_room_of_the_venue_is_refused(venue_dir: Path) -> None:
    before = programme(venue_dir)
    result = run_venue("import-schedule", VOC / "pretalx-democon.json", "--venue", venue_dir)
    assert result.returncode == 1
    assert "room 'Gray Room' has no space in the venue: its 27 event(s)" in result.stdout
    assert "refused: no event is in a room of the venue" in result.stderr
    assert "nothing written" in result.stderr
    assert programme(venue_dir) == before


def test_the_invalid_example_is_refused_with_its_violations_reported(venue_dir: Path) -> None:
    before = programme(venue_dir)
    result = run_venue("import-schedule", VOC / "invalid-example.json", "--venue", venue_dir)
    assert result.returncode == 1
    assert (
        "warning: invalid-example.json: $.schedule.conference.days[0].rooms.Winterchaos[0].id: "
        "'2814' is not of type 'integer'"
    ) in result.stdout
    assert "refused" in result.stderr and programme(venue_dir) == before


XML_BOMB = """<?xml version="1.0"?>
<!DOCTYPE schedule [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<schedule><version>&b;</version></schedule>
"""


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "not UTF-8 text"),
        (b"Programm: 11 Uhr Beginn", "neither JSON nor XML: not a schedule"),
        (b'{"schedule": {"version": "1"}}', "not a schedule: no schedule.conference.days"),
        (b"[1, 2, 3]", "neither JSON nor XML"),
        (b'{"schedule": ', "not valid JSON: Expecting value (line 1, column 14)"),
        (b"<html><body>Programm</body></html>", "not a schedule: the root element is <html>"),
        (b"<schedule><day>", "not well-formed XML"),
        (XML_BOMB.encode(), "XML with entity declarations or external references"),
        (
            b'{"schedule": {"version": "1", "conference": {"days": []}}}',
            "no event with a date and duration: not a programme",
        ),
    ],
)
def test_files_that_are_not_schedules_are_refused(
    venue_dir: Path, tmp_path: Path, content: bytes, reason: str
) -> None:
    before = programme(venue_dir)
    source = tmp_path / "upload.json"
    source.write_bytes(content)
    result = run_venue("import-schedule", source, "--venue", venue_dir)
    assert result.returncode == 1
    assert f"refused: {reason}" in result.stderr
    assert "nothing written" in result.stderr
    assert programme(venue_dir) == before


def test_files_larger_than_5_mb_are_refused(venue_dir: Path, tmp_path: Path) -> None:
    before = programme(venue_dir)
    source = tmp_path / "huge.json"
    pretalx = (VOC / "pretalx-democon.json").read_text(encoding="utf-8")
    source.write_text(pretalx + " " * (5 * 1024 * 1024), encoding="utf-8")
    result = run_venue("import-schedule", source, "--venue", venue_dir)
    assert result.returncode == 1
    assert "is larger than the limit of 5 MB" in result.stderr
    assert programme(venue_dir) == before


def test_overlapping_events_in_one_room_are_refused(venue_dir: Path, tmp_path: Path) -> None:
    before = programme(venue_dir)
    data = json.loads(before)
    plenary = data["schedule"]["conference"]["days"][0]["rooms"]["Plenarsaal"]
    plenary[1]["date"] = "2021-11-30T11:05:00+01:00"  # inside the opening (11:00–11:15)
    plenary[1].pop("end")
    source = tmp_path / "overlap.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run_venue("import-schedule", source, "--venue", venue_dir)
    assert result.returncode == 1
    assert (
        "'Begrüßung und offizieller Auftakt' (2021-11-30 11:00–11:15) and "
        "'Status quo der Bündnisarbeit' (2021-11-30 11:05–11:35) overlap in room 'Plenarsaal'"
    ) in result.stderr
    assert programme(venue_dir) == before


def test_two_rooms_of_one_space_must_not_overlap_either(venue_dir: Path, tmp_path: Path) -> None:
    data = json.loads(programme(venue_dir))
    rooms = data["schedule"]["conference"]["days"][0]["rooms"]
    rooms["plenary"] = [dict(rooms["Plenarsaal"][0], room="plenary", guid=None)]
    source = tmp_path / "twice.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run_venue("import-schedule", source, "--venue", venue_dir)
    assert result.returncode == 1
    assert "overlap in space 'plenary'" in result.stderr


def test_our_own_export_round_trips(venue_dir: Path) -> None:
    before = json.loads(programme(venue_dir))
    result = run_venue("import-schedule", venue_dir / "schedule.json", "--venue", venue_dir)
    assert result.returncode == 0, result.stderr
    assert "warning:" not in result.stdout and "0 warning(s)" in result.stdout
    assert "8 event(s) imported, 5 room(s) mapped" in result.stdout
    after = json.loads(programme(venue_dir))
    validate(after)

    def times(document: Any) -> set[tuple[str, str, str, str]]:
        return {(e["guid"], e["room"], e["date"], e["duration"]) for e in events_of(document)}

    assert times(after) == times(before)
    assert_checks(venue_dir)


def test_room_option_maps_rooms_and_is_remembered_in_the_manifest(
    venue_dir: Path, tmp_path: Path
) -> None:
    source = VOC / "pretalx-democon.json"
    result = run_venue(
        "import-schedule", source, "--venue", venue_dir, "--room", "Gray Room=plenary"
    )
    assert result.returncode == 0, result.stderr
    assert "room 'Gray Room' → space plenary" in result.stdout
    assert "room 'Tan Room' has no space in the venue" in result.stdout
    assert "(map it with --room 'Tan Room=SPACE' or [rooms] in venue.toml)" in result.stdout
    manifest = (venue_dir / "venue.toml").read_text(encoding="utf-8")
    assert manifest.endswith('[rooms]\n"Gray Room" = "plenary"\n')
    again = run_venue("import-schedule", source, "--venue", venue_dir, "--room", "Tan Room=bar")
    assert again.returncode == 0, again.stderr
    assert "room 'Gray Room' → space plenary" in again.stdout  # remembered
    manifest = (venue_dir / "venue.toml").read_text(encoding="utf-8")
    assert '[rooms]\n"Tan Room" = "bar"\n"Gray Room" = "plenary"\n' in manifest
    assert_checks(venue_dir)


def test_a_room_like_a_space_gets_a_suggestion(venue_dir: Path, tmp_path: Path) -> None:
    source = renamed("pretalx-democon.json", {"Gray Room": "Plenarsaal A"}, tmp_path / "p.json")
    result = run_venue("import-schedule", source, "--venue", venue_dir)
    assert (
        "room 'Plenarsaal A' has no space in the venue: its 27 event(s) are not imported; "
        "did you mean 'plenary'? (--room 'Plenarsaal A=plenary')"
    ) in result.stdout


@pytest.mark.parametrize(
    ("room", "reason"),
    [
        ("Gray Room", "--room 'Gray Room': write ROOM=SPACE"),
        ("Gray Room=attic", "--room Gray Room=attic: no space 'attic' in venue.toml"),
    ],
)
def test_bad_room_options_are_refused(venue_dir: Path, room: str, reason: str) -> None:
    before = programme(venue_dir), (venue_dir / "venue.toml").read_bytes()
    source = VOC / "pretalx-democon.json"
    result = run_venue("import-schedule", source, "--venue", venue_dir, "--room", room)
    assert result.returncode == 1
    assert reason in result.stderr and "nothing written" in result.stderr
    assert (programme(venue_dir), (venue_dir / "venue.toml").read_bytes()) == before


def test_a_room_the_manifest_maps_elsewhere_is_refused(venue_dir: Path) -> None:
    manifest = venue_dir / "venue.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8") + '\n[rooms]\n"Gray Room" = "bar"\n', "utf-8"
    )
    source = VOC / "pretalx-democon.json"
    result = run_venue(
        "import-schedule", source, "--venue", venue_dir, "--room", "Gray Room=plenary"
    )
    assert result.returncode == 1
    assert "venue.toml [rooms] maps 'Gray Room' to 'bar'; change it there" in result.stderr
