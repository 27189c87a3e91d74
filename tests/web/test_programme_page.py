"""The printable programme, the whole event as iCalendar and the c3voc exports, with live delays."""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

import aiohttp
import jsonschema
import pytest
import xmlschema
from aiohttp import web
from icalendar import Calendar

from tests.conftest import SAMPLES, SEED, tuned
from tests.web.people import Client
from venue.app import create_app
from venue.domain.people import Role
from venue.domain.permissions import Actor
from venue.domain.programme import Delay, Programme
from venue.settings import Settings
from venue.venuefile.loader import load_venue
from venue.web.keys import LIVE

VOC = SAMPLES / "voc-schedule"
BERLIN = dt.timezone(dt.timedelta(hours=1))
MODERATOR = Actor("mod-1", Role.MODERATOR)


@pytest.fixture
def settings(settings: Settings) -> Settings:
    # a rehearsal clock before the exhibition break (block 1), so it can still be delayed
    return tuned(settings, clock=dt.datetime(2021, 11, 30, 11, 30))


async def _text(client: Client, path: str) -> tuple[aiohttp.ClientResponse, str]:
    response = await client.get(path)
    return response, await response.text()


def _validate_json(document: Any) -> None:
    schema = json.loads((VOC / "schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)
    assert validator is jsonschema.Draft6Validator  # the draft the schema declares
    errors = list(validator(schema, format_checker=validator.FORMAT_CHECKER).iter_errors(document))
    assert not errors, [f"{e.json_path}: {e.message}" for e in errors]


def _validate_xml(text: str) -> None:
    schema = xmlschema.XMLSchema(str(VOC / "schedule.xml.xsd"))
    errors = list(schema.iter_errors(text))
    assert not errors, [f"{e.path}: {e.reason}" for e in errors]


def _events(document: Any) -> dict[str, dict[str, Any]]:
    return {
        event["guid"]: event
        for day in document["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
    }


async def _delay_the_break(app: web.Application) -> None:
    """A moderator delays the next transition (the exhibition break, block 1) by 10 minutes."""
    conductor = app[LIVE].conductor
    programme = conductor.day.programme
    assert programme.upcoming(conductor.clock.now()).index == 1  # type: ignore[union-attr]
    await conductor.delay(10, True, MODERATOR)
    assert conductor.day.programme.adjustments == (Delay(block=1, minutes=10),)


BREAK = "6d94daf5-55e4-5523-8d7d-a120df0aa9e6"
WORKSHOP_1 = "7518314e-cd4e-5fed-89d7-7d9be8353701"
OPENING = "0a8f0848-360e-54ad-85d1-4a9df9506daa"


async def test_page_in_german_shows_the_event_contact_every_slot_and_links(client: Client) -> None:
    response, body = await _text(client, "/programme")
    assert response.status == 200
    assert response.content_type == "text/html"
    text = html.unescape(body)
    assert '<html lang="de">' in body
    assert "3. Bündnistreffen Lausitz – Life & Technology" in text
    assert "30. November 2021, 11:00–16:00 Uhr" in text
    assert "Veranstalter: " in text and "Lausitz – Life & Technology (L&T)" in text
    assert "Leonie Liemich, M.A." in text and "02763 Zittau" in text
    for title in (
        "Begrüßung und offizieller Auftakt",
        "Pause mit virtuellen Messeständen",
        "Ausklang: freies Netzwerken an der digitalen Bar",
    ):
        assert title in text
    assert "Prof. Raj Kollmorgen" in text  # persons
    assert "Plenarsaal" in text and "Digitale Bar" in text  # space names
    for href in ("/programme.ics", "/schedule.json", "/schedule.xml", "/register"):
        assert f'href="{href}' in body
    assert "/static/css/print.css" in body
    assert "/static/js/main.js" not in body  # no venue client on a printable page
    assert 'id="boot"' not in body


async def test_the_two_workshops_stand_side_by_side_with_full_descriptions(client: Client) -> None:
    _, body = await _text(client, "/programme")
    parallel = body.split('class="programme-parallel"')[1].split("</section>")[0]
    text = html.unescape(parallel)
    assert parallel.count('class="slot slot-workshop"') == 2
    assert "Workshop 1 – Energiespeicher und Energiesysteme" in text
    assert "Workshop 2 – Außerschulische MINT-Bildung" in text
    # the full descriptions, not just the abstracts
    assert "gesellschaftlicher Akzeptanz im Strukturwandelprozess vorangetrieben" in text
    assert "Welche neuen Technologien und Kompetenzen braucht die Oberlausitz?" in text
    assert "13:30" in text and "15:30" in text


async def test_page_in_english(client: Client) -> None:
    _, body = await _text(client, "/programme?lang=en")
    text = html.unescape(body)
    assert '<html lang="en">' in body
    assert "3rd Alliance Meeting Lausitz – Life & Technology" in text
    assert "Organiser: " in text and "Contact" in text
    assert "Plenary hall" in text and "Workshop 1 – Energy storage and energy systems" in text
    assert "Parallel workshops" in text and "Programme" in text


async def test_texts_from_the_programme_are_escaped(
    aiohttp_client: Callable[..., Awaitable[Client]], settings: Settings
) -> None:
    venue = load_venue(SEED)
    first = venue.programme.slots[0]
    evil = replace(
        first,
        title="<script>alert(1)</script>",
        abstract='"><img src=x onerror=alert(2)>',
        persons=("<b>Mallory</b>",),
    )
    venue = replace(venue, programme=Programme((evil, *venue.programme.slots[1:])))
    # served by the fixture, which closes it (and its database) after the test
    client = await aiohttp_client(
        await create_app(settings, venue), cookie_jar=aiohttp.DummyCookieJar()
    )
    _, body = await _text(client, "/programme")
    assert "<script>alert(1)</script>" not in body
    assert "<img src=x" not in body and "<b>Mallory</b>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "&lt;b&gt;Mallory&lt;/b&gt;" in body


async def test_page_shows_live_times_after_a_delay(client: Client, app: web.Application) -> None:
    _, before = await _text(client, "/programme")
    assert "verschoben" not in before
    await _delay_the_break(app)
    _, body = await _text(client, "/programme")
    article = body.split(f'id="slot-{BREAK}"')[1].split("</article>")[0]
    assert ">13:10</time>–<time" in article and ">13:40</time>" in article
    assert "(verschoben, geplant 13:00 Uhr)" in article
    workshop = body.split(f'id="slot-{WORKSHOP_1}"')[1].split("</article>")[0]
    assert ">13:40</time>–<time" in workshop and ">15:40</time>" in workshop
    opening = body.split(f'id="slot-{OPENING}"')[1].split("</article>")[0]
    assert ">11:00</time>" in opening and "verschoben" not in opening  # already held
    assert "Die Zeiten berücksichtigen die aktuellen Verschiebungen" in html.unescape(body)


async def test_ics_has_the_whole_event_with_stable_uids_and_live_times(
    client: Client, app: web.Application
) -> None:
    response = await client.get("/programme.ics")
    assert response.status == 200
    assert response.content_type == "text/calendar"
    assert response.charset == "utf-8"
    first = Calendar.from_ical(await response.read())
    events = {str(e["uid"]): e for e in first.walk("VEVENT")}
    assert len(events) == 8
    assert all(uid.endswith("@lausitz-2021") for uid in events)
    assert "Begrüßung und offizieller Auftakt" in {str(e["summary"]) for e in events.values()}
    planned = events[f"{BREAK}@lausitz-2021"]["dtstart"].dt
    assert planned == dt.datetime(2021, 11, 30, 13, 0, tzinfo=BERLIN)

    await _delay_the_break(app)
    second = Calendar.from_ical(await (await client.get("/programme.ics")).read())
    moved = {str(e["uid"]): e for e in second.walk("VEVENT")}
    assert set(moved) == set(events)  # same UIDs: calendar apps update instead of duplicating
    assert moved[f"{BREAK}@lausitz-2021"]["dtstart"].dt == planned + dt.timedelta(minutes=10)
    assert moved[f"{WORKSHOP_1}@lausitz-2021"]["dtend"].dt == dt.datetime(
        2021, 11, 30, 15, 40, tzinfo=BERLIN
    )


async def test_schedule_json_validates_before_and_after_a_delay(
    client: Client, app: web.Application
) -> None:
    response = await client.get("/schedule.json")
    assert response.status == 200 and response.content_type == "application/json"
    before = await response.json()
    _validate_json(before)
    conference = before["schedule"]["conference"]
    assert conference["acronym"] == "lausitz_2021"
    assert all(room["guid"] for room in conference["rooms"])
    assert _events(before)[BREAK]["date"] == "2021-11-30T13:00:00+01:00"

    await _delay_the_break(app)
    after = await (await client.get("/schedule.json")).json()
    _validate_json(after)
    moved = _events(after)
    assert moved[BREAK]["date"] == "2021-11-30T13:10:00+01:00"
    assert moved[BREAK]["start"] == "13:10" and moved[BREAK]["duration"] == "00:30"
    assert moved[WORKSHOP_1]["date"] == "2021-11-30T13:40:00+01:00"
    assert moved[OPENING]["date"] == "2021-11-30T11:00:00+01:00"
    assert after["schedule"]["version"] != before["schedule"]["version"]
    assert conference["rooms"] == after["schedule"]["conference"]["rooms"]


async def test_schedule_xml_validates_before_and_after_a_delay(
    client: Client, app: web.Application
) -> None:
    response = await client.get("/schedule.xml")
    assert response.status == 200 and response.content_type == "application/xml"
    before = await response.text()
    _validate_xml(before)
    assert "<start>13:00</start>" in before

    await _delay_the_break(app)
    after = await (await client.get("/schedule.xml")).text()
    _validate_xml(after)
    assert "<date>2021-11-30T13:10:00+01:00</date>" in after
    assert "<date>2021-11-30T13:40:00+01:00</date>" in after
    assert "<date>2021-11-30T13:00:00+01:00</date>" not in after
