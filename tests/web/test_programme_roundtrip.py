"""Import → serve → compare: every field of a real programme comes back in /schedule.json,
/schedule.xml and /programme.ics (live delays are the only allowed difference)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import xmlschema
from defusedxml.ElementTree import fromstring
from icalendar import Calendar

from tests.cli import run_venue
from tests.conftest import SAMPLES, SEED
from tests.web.people import Client
from venue.schedule.formats import schema2_event, xml_event
from venue.settings import Settings

DATA = Path(__file__).parents[1] / "data"
VOC = SAMPLES / "voc-schedule"

# (source, --room arguments, fields the schema made the import replace)
SOURCES = {
    "pretalx": (VOC / "pretalx-democon.json", ["Gray Room=plenary", "Tan Room=workshop-1"], ()),
    # frab's slugs break the schema's slug pattern: the import writes valid ones
    "frab": (VOC / "frab-camp2019.json", ["Curie=bar"], ("slug",)),
    "xml": (DATA / "schedule-small.xml", [], ()),
    "schema2": (
        DATA / "schedule-schema2.json",
        ["Saal 1 – Haus A=plenary", "Werkstatt=workshop-1"],
        (),
    ),
}


@pytest.fixture
def imported(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    """A copy of the seed venue whose programme is imported from the sample."""
    source, rooms, _ = SOURCES[request.param]
    venue_dir = Path(shutil.copytree(SEED, tmp_path / "venue"))
    room_args = [arg for room in rooms for arg in ("--room", room)]
    result = run_venue("import-schedule", source, "--venue", venue_dir, *room_args)
    assert result.returncode == 0, result.stdout + result.stderr
    written = (venue_dir / "schedule.json").read_text(encoding="utf-8")
    # the venue's own address is added when served, never written (the sample's are kept)
    assert "localhost:8080" not in written and "programme#slot-" not in written
    assert run_venue("check", venue_dir).returncode == 0
    return venue_dir


@pytest.fixture
def settings(imported: Path, tmp_path: Path) -> Settings:
    return Settings(
        venue_dir=imported,
        database_url=f"sqlite+aiosqlite:///{tmp_path}/venue.sqlite3",
        secret_key="test-secret-0123456789",
        public_url="https://venue.example/",
    )


def _source_events(name: str) -> dict[str, dict[str, Any]]:
    """The sample's events by guid, as schema.json (v1) fields, in the rooms imported."""
    source, rooms, _ = SOURCES[name]
    if source.suffix == ".xml":
        root = fromstring(source.read_bytes())
        events = [xml_event(e) for e in root.iter("event")]
        return {e["guid"]: e for e in events if e["room"] != "Kantine"}
    data = json.loads(source.read_text(encoding="utf-8"))
    mapped = {room.rpartition("=")[0] for room in rooms}
    if name == "schema2":
        names = {r["guid"]: r["name"] for r in data["schedule"]["conference"]["rooms"]}
        pairs = [schema2_event(e, names) for e in data["schedule"]["events"]]
        return {f["guid"]: f for room, f in pairs if room in mapped and f["title"] != "Abgesagt"}
    return {
        event["guid"]: event
        for day in data["schedule"]["conference"]["days"]
        for room, events in day["rooms"].items()
        if room in mapped
        for event in events
    }


def _xml_text(value: object) -> str:
    return str(value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def _served_events(document: Any) -> dict[str, dict[str, Any]]:
    return {
        event["guid"]: event
        for day in document["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
    }


@pytest.mark.parametrize("imported", list(SOURCES), indirect=True)
async def test_every_field_comes_back_in_schedule_json(
    client: Client, imported: Path, request: pytest.FixtureRequest
) -> None:
    name = request.node.callspec.params["imported"]
    replaced = SOURCES[name][2]
    source = _source_events(name)
    document = await (await client.get("/schedule.json")).json()
    served = _served_events(document)
    assert set(served) == set(source)
    slot = {"pretalx": "00:05", "frab": "00:15", "xml": "00:15", "schema2": "00:10"}[name]
    assert document["schedule"]["conference"]["timeslot_duration"] == slot
    for guid, event in source.items():
        for key, value in event.items():
            if key in replaced or (name == "xml" and key in ("persons", "links")):
                continue  # XML persons and links are compared below, as XML
            if name == "xml" and key == "id":
                value = int(value)
            assert served[guid].get(key) == value, (guid, key)


@pytest.mark.parametrize("imported", list(SOURCES), indirect=True)
async def test_schedule_xml_has_the_same_fields_and_validates(
    client: Client, request: pytest.FixtureRequest
) -> None:
    name = request.node.callspec.params["imported"]
    text = await (await client.get("/schedule.xml")).text()
    errors = list(xmlschema.XMLSchema(str(VOC / "schedule.xml.xsd")).iter_errors(text))
    assert not errors, [f"{e.path}: {e.reason}" for e in errors[:3]]
    as_xml = {e["guid"]: e for e in map(xml_event, fromstring(text.encode()).iter("event"))}
    served = _served_events(await (await client.get("/schedule.json")).json())
    assert set(as_xml) == set(served)
    for guid, event in served.items():
        xml = as_xml[guid]
        for key in ("date", "start", "duration", "room", "slug", "type", "url"):
            assert xml[key] == str(event[key] or ""), (guid, key)
        for key in ("title", "subtitle", "abstract", "description", "language", "track"):
            # XML carries line breaks as \n and we read element text stripped
            assert (xml.get(key) or "") == _xml_text(event.get(key)), (guid, key)
        assert [p.get("guid") for p in xml["persons"]] == [p.get("guid") for p in event["persons"]]
        assert [link["url"] for link in xml["links"]] == [link["url"] for link in event["links"]]
        if "do_not_record" in event:
            assert xml["do_not_record"] == bool(event["do_not_record"])
    if name == "xml":
        source = _source_events(name)
        for guid, event in source.items():
            # an event without a URL of its own gets the venue's, when served
            back = as_xml[guid]
            assert {key: back.get(key) for key in event} == event, guid
            assert back["url"] == event.get("url", served[guid]["url"])
            assert served[guid]["url"].startswith("https://venue.example/programme#slot-")


@pytest.mark.parametrize("imported", ["pretalx", "schema2"], indirect=True)
async def test_ics_in_the_event_zone_with_a_link_to_the_venue(
    client: Client, request: pytest.FixtureRequest
) -> None:
    text = await (await client.get("/programme.ics")).read()
    calendar = Calendar.from_ical(text)
    assert [str(z["tzid"]) for z in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert b"DTSTART;TZID=Europe/Berlin:" in text
    source = _source_events(request.node.callspec.params["imported"])
    events = {str(e["uid"]).removesuffix("@lausitz-2021"): e for e in calendar.walk("VEVENT")}
    assert set(events) == set(source)
    for guid, event in source.items():
        vevent = events[guid]
        assert str(vevent["summary"]) == event["title"]
        assert vevent["dtstart"].dt == dt.datetime.fromisoformat(event["date"])
        assert str(vevent["dtstart"].dt.tzinfo) == "Europe/Berlin"
        assert str(vevent["url"]) == f"https://venue.example/programme#slot-{guid}"
        assert str(vevent["attach"]) == event["url"]


@pytest.mark.parametrize("imported", ["pretalx"], indirect=True)
async def test_programme_page_shows_dates_when_the_programme_spans_days(client: Client) -> None:
    body = await (await client.get("/programme")).text()
    days = [day for day in ("14.12.2020", "15.12.2020", "16.12.2020") if day in body]
    assert days == ["14.12.2020", "15.12.2020", "16.12.2020"]
    assert body.count('class="slot-day"') == 36
    english = await (await client.get("/programme?lang=en")).text()
    assert '<span class="slot-day">2020-12-14</span>' in english


@pytest.mark.parametrize("imported", ["schema2"], indirect=True)
async def test_programme_page_of_one_day_shows_no_dates(client: Client) -> None:
    body = await (await client.get("/programme")).text()
    assert 'class="slot-day"' not in body and "30.11.2021" not in body.split("<main")[-1]
