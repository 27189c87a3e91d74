"""Attendance from a scripted day on the rehearsal clock: real Socket.IO clients walk the
seed programme, the ledger counts their minutes exactly, and the certificate that Ann
downloads (a PDF, read back with pypdf) is verified through the URL its QR code holds."""

from __future__ import annotations

import asyncio
import io
import json
import re
from collections import defaultdict
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
import zxingcpp
from aiohttp import web
from aiohttp.test_utils import TestServer
from pypdf import PdfReader

from tests.clocks import ManualClock
from tests.conftest import PATIENCE, Participant
from tests.realtime.test_programme import in_space
from tests.walking import path_to, walk
from tests.web.people import cookies, registered, staff
from venue.app import create_app
from venue.domain.people import Role
from venue.settings import Settings
from venue.web.keys import LIVE, VENUE

Connect = Callable[[TestServer, str, str], Awaitable[Participant]]


async def looked(app: web.Application) -> None:
    """The ledger has looked at presence once more since this call (a look has no await
    inside: one that counted has seen everything that happened before)."""
    attendance = app[LIVE].attendance
    seen = attendance.ticks
    async with asyncio.timeout(PATIENCE):
        # a counter in this process, no event to wait on: checked every 10 ms until it moves
        while attendance.ticks <= seen:  # noqa: ASYNC110
            await asyncio.sleep(0.01)


async def presence_shows(app: web.Application, person_id: str, present: bool = True) -> None:
    """Wait until this process's presence has the person (or no longer has them)."""
    async with asyncio.timeout(PATIENCE):
        # presence in this process (a person elsewhere is nobody's neighbour to be told of it)
        while (app[LIVE].presence.get(person_id) is not None) != present:  # noqa: ASYNC110
            await asyncio.sleep(0.01)


async def get(server: TestServer, path: str, token: str | None = None) -> tuple[int, bytes]:
    async with (
        aiohttp.ClientSession(headers=cookies(token)) as http,
        http.get(server.make_url(path)) as response,
    ):
        return response.status, await response.read()


def minutes_by_place(data: dict[str, Any]) -> dict[tuple[int, str, str], float]:
    """The /me/data.json ledger summed per block, space and booth, in minutes."""
    out: dict[tuple[int, str, str], float] = defaultdict(float)
    for row in data["attendance"]:
        out[row["block"], row["space"], row["booth"]] += row["seconds"] / 60
    return dict(out)


async def test_a_scripted_day_counts_exact_minutes_and_certifies_them(
    aiohttp_server: Callable[..., Awaitable[TestServer]], settings: Settings, people: Connect
) -> None:
    clock = ManualClock("10:50")
    server = await aiohttp_server(await create_app(settings, clock=clock))
    app = server.app
    ann_record = await registered(app, "Ann Łukaszewicz", "ann@example.org", "workshop-1")
    bob_record = await registered(app, "Bob", "bob@example.org", "workshop-2")
    ann = await people(server, ann_record.id, "Ann")
    bob = await people(server, bob_record.id, "Bob")
    await looked(app)  # both in the lobby from 10:50

    clock.to("11:00")  # the plenary: the conductor moves both after the ledger's look
    await ann.wait_for("space.snapshot", in_space("plenary"))
    await bob.wait_for("space.snapshot", in_space("plenary"))
    await looked(app)

    clock.to("11:45")  # Bob goes to the bar for a quarter of an hour
    await looked(app)
    assert (await bob.call("space.enter", {"space": "bar"}))["ok"]
    await looked(app)
    clock.to("12:00")
    await looked(app)
    assert (await bob.call("space.enter", {"space": "plenary"}))["ok"]
    await looked(app)

    clock.to("13:00")  # the exhibition: Ann walks into the energy booth at once
    snapshot = await ann.wait_for("space.snapshot", in_space("exhibition"))
    await bob.wait_for("space.snapshot", in_space("exhibition"))
    hall = app[VENUE].spaces["exhibition"].map
    booth = hall.area(app[VENUE].booths["energy"].area)
    assert booth is not None
    me = (snapshot["me"]["x"], snapshot["me"]["y"])
    await walk(ann.call, me, path_to(hall, me, booth.rect))
    await ann.wait_for("booth.here", lambda here: here["booth"] == "energy")
    await looked(app)

    clock.to("13:30")  # the workshops, each to their own; the booth is left behind
    await ann.wait_for("space.snapshot", in_space("workshop-1"))
    await bob.wait_for("space.snapshot", in_space("workshop-2"))
    await looked(app)

    clock.to("14:10")  # Ann leaves the venue
    await looked(app)
    await ann.sio.disconnect()
    await presence_shows(app, ann.id, present=False)
    await looked(app)

    clock.to("15:30")  # the bar
    await bob.wait_for("space.snapshot", in_space("bar"))
    await looked(app)

    status, body = await get(server, "/me/data.json", bob.token)
    assert status == 200
    assert minutes_by_place(json.loads(body)) == {
        (-1, "lobby", ""): 10,
        (0, "plenary", ""): 105,
        (0, "bar", ""): 15,
        (1, "exhibition", ""): 30,
        (2, "workshop-2", ""): 120,
    }

    status, pdf = await get(server, "/me/certificate.pdf?lang=de", ann.token)
    assert status == 200, pdf
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Teilnahmebescheinigung" in text and "Ann Łukaszewicz" in text
    lines = text.splitlines()
    assert "11:00–13:00 Plenarsaal 120 Min." in lines
    assert "13:00–13:30 Ausstellungshalle 30 Min." in lines
    assert "13:30–15:30 Workshop 1 – Energiespeicher und Energiesysteme 40 Min." in lines
    assert "Workshop 1: Partizipative" in text and "Workshop 2" not in text
    assert "Bar" not in text  # never attended
    (code,) = PdfReader(io.BytesIO(pdf)).pages[0].images  # the URL as a phone reads it
    (read,) = zxingcpp.read_barcodes(code.image)
    found = re.fullmatch(r"http://localhost:8080/certificates/([A-Za-z0-9_-]+)", read.text)
    assert found is not None and read.text in text, read.text
    certificate_id = found.group(1)

    status, page = await get(server, f"/certificates/{certificate_id}")  # anyone, no cookie
    shown = page.decode()
    assert status == 200 and 'id="certificate-valid"' in shown
    assert "Ann Łukaszewicz" in shown and "120 Min." in shown and "40 Min." in shown

    again = await get(server, "/me/certificate.pdf?lang=de", ann.token)  # the same statement
    assert f"/certificates/{certificate_id}" in "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(again[1])).pages
    )

    forged = certificate_id[:-1] + ("A" if certificate_id[-1] != "A" else "B")
    for wrong in (forged, "A" * 24, "..%2F..%2Fetc"):
        status, page = await get(server, f"/certificates/{wrong}")
        assert status == 404 and 'id="certificate-unknown"' in page.decode()
        assert "Ann" not in page.decode()

    # two people are a group too small for the organiser to see
    _organiser, organiser_token = await staff(app, Role.ORGANISER, "Olga")
    status, body = await get(server, "/organiser/attendance.json", organiser_token)
    figures = json.loads(body)
    plenary = figures["blocks"][0]["spaces"][0]
    assert status == 200 and plenary == {
        "id": "plenary",
        "name": "Plenarsaal",
        "people": None,
        "minutes": None,
    }
