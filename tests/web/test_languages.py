"""Language everywhere: the language one registered in or switched to is remembered and used
for the venue, /me and the calendar; both catalogues hold every key."""

from __future__ import annotations

import json
from typing import Any

import aiohttp
import icalendar
from aiohttp.test_utils import TestClient

from venue.settings import ROOT
from venue.store.registrations import Applicant
from venue.web.keys import IDENTITIES, STORE

Client = TestClient[Any, Any]
LOCALES = ROOT / "static" / "locales"


def test_both_catalogues_hold_every_key() -> None:
    german = json.loads((LOCALES / "de.json").read_text("utf-8"))
    english = json.loads((LOCALES / "en.json").read_text("utf-8"))
    assert sorted(german.keys() - english.keys()) == [], "missing in en.json"
    assert sorted(english.keys() - german.keys()) == [], "missing in de.json"
    assert [k for k, v in {**german, **english}.items() if not v.strip()] == []


async def test_a_person_who_registered_in_english_is_spoken_to_in_english(
    aiohttp_client: Any, app: Any
) -> None:
    http: Client = await aiohttp_client(app, cookie_jar=aiohttp.CookieJar(unsafe=True))
    outcome = await app[STORE].registrations.register(
        Applicant("Erin", "erin@example.org", None, "workshop-1", "en", wait=False)
    )
    token = await app[IDENTITIES].issue(outcome.participant.id, "link")
    me = await http.get(f"/t/{token}")  # the link from the e-mail, in a fresh browser
    assert me.status == 200 and "My registration" in await me.text()
    venue = await (await http.get("/")).text()
    assert '"lang": "en"' in venue and 'lang="en"' in venue
    calendar = icalendar.Calendar.from_ical(await (await http.get("/me/calendar.ics")).read())
    assert "To the digital venue" in str(next(iter(calendar.walk("VEVENT")))["description"])

    german = await http.get("/me?lang=de")  # switched while signed in: remembered
    assert "Meine Anmeldung" in await german.text()
    record = await app[STORE].participants.get(outcome.participant.id)
    assert record is not None and record.lang == "de"
    http.session.cookie_jar.clear_domain("127.0.0.1")  # another device: the link again
    again = await http.get(f"/t/{token}")
    assert "Meine Anmeldung" in await again.text()
