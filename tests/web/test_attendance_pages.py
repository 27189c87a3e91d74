"""Attendance over HTTP: the organiser's page and exports withhold small groups; /me shows
one's own minutes; a certificate verifies until its person deletes their data."""

from __future__ import annotations

import datetime as dt
import io
import json
import re

from aiohttp import web
from pypdf import PdfReader

from tests.clocks import on_event_day as at
from tests.web.ledger import MINUTE, people, seed_ledger
from tests.web.people import CSRF, Client, cookies, staff
from venue.domain.attendance import SMALLEST_GROUP, Stint
from venue.domain.people import Role
from venue.web.keys import STORE


def row_of(html: str, marker: str) -> list[str]:
    """The cells of the table row carrying `marker`, as text."""
    row = html[html.index(marker) :]
    row = row[: row.index("</tr>")]
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.split(r"<t[hd][^>]*>", row)[1:]]


async def test_the_organiser_sees_blocks_and_quarter_hours_with_small_groups_withheld(
    app: web.Application, client: Client, organiser: str
) -> None:
    await seed_ledger(app)
    page = await client.get("/organiser/attendance", headers=cookies(organiser))
    assert page.status == 200 and page.headers["Cache-Control"] == "no-store"
    html = await page.text()
    assert row_of(html, 'data-block="0" data-space="plenary"') == [
        "11:00–13:00",
        "Plenarsaal",
        "6",
        "270",
    ]
    withheld = f"&lt; {SMALLEST_GROUP}"
    assert row_of(html, 'data-block="2" data-space="workshop-2"')[2:] == [withheld, withheld]
    assert row_of(html, 'data-block="2" data-space="workshop-1"')[2:] == ["0", "0"]
    assert '<script src="/vendor/chart.js/chart.umd.min.js" defer></script>' in html

    found = await (
        await client.get("/organiser/attendance.json", headers=cookies(organiser))
    ).json()
    assert found["threshold"] == SMALLEST_GROUP and found["bucket_minutes"] == 15
    spaces = {s["id"]: s for s in found["spaces"]}
    assert [(p["at"][11:16], p["people"]) for p in spaces["plenary"].get("series")][:3] == [
        ("11:00", 6),
        ("11:15", 6),
        ("11:30", 0),
    ]
    assert spaces["workshop-2"]["people"] is None and spaces["workshop-2"]["minutes"] is None
    booths = {b["id"]: b for b in found["booths"]}
    assert booths["energy"]["people"] is None and booths["strategy"]["people"] == 0
    assert "Plenum 0" not in json.dumps(found)  # nobody by name

    csv = await (await client.get("/organiser/attendance.csv", headers=cookies(organiser))).read()
    lines = csv.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "Art;Kennung;Name;Von;Bis;Personen;Minuten"
    assert "block;0:plenary;11:00–13:00 Plenarsaal;2021-11-30 11:00;2021-11-30 13:00;6;270" in lines
    assert any(line.startswith("block;2:workshop-2;") and line.endswith(";;") for line in lines)
    assert "space;plenary;Plenarsaal;2021-11-30 11:15;2021-11-30 11:30;6;180" in lines
    english = await client.get("/organiser/attendance.csv?lang=en", headers=cookies(organiser))
    assert (await english.read()).decode("utf-8-sig").startswith("Kind;Id;Name;From;To;People")


async def test_attendance_figures_are_for_organisers_only(
    app: web.Application, client: Client
) -> None:
    urls = ("/organiser/attendance", "/organiser/attendance.json", "/organiser/attendance.csv")
    for url in urls:
        assert (await client.get(url)).status == 401, url
    for role in (Role.PARTICIPANT, Role.EXHIBITOR, Role.MODERATOR):
        token = (await staff(app, role, "Someone", frozenset({"energy"})))[1]
        for url in urls:
            assert (await client.get(url, headers=cookies(token))).status == 403, (role, url)


async def test_my_attendance_and_a_certificate_that_deletion_revokes(
    app: web.Application, client: Client
) -> None:
    seeded = await seed_ledger(app)
    pid, token = seeded["plenary"][0]
    me = await (await client.get("/me", headers=cookies(token))).text()
    assert 'id="me-attendance"' in me and "11:00–13:00 Plenarsaal · 45 Min." in me
    assert 'href="/me/certificate.pdf?lang=de"' in me

    pdf = await client.get("/me/certificate.pdf", headers=cookies(token))
    assert pdf.status == 200 and pdf.headers["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(await pdf.read())).pages[0].extract_text()
    found = re.search(r"/certificates/[A-Za-z0-9_-]+", text)
    assert found is not None and "Plenum 0" in text
    url = found.group(0)
    verified = await client.get(url)
    assert verified.status == 200 and verified.headers["X-Robots-Tag"] == "noindex"
    assert (await client.get("/certificates/" + "A" * 5000)).status == 404  # never looked up

    english = await client.get("/me/certificate.pdf?lang=en", headers=cookies(token))
    text = PdfReader(io.BytesIO(await english.read())).pages[0].extract_text()
    assert "Certificate of attendance" in text and "11:00–13:00 Plenary hall 45 min" in text

    data = await (await client.get("/me/data.json", headers=cookies(token))).json()
    assert sum(r["seconds"] for r in data["attendance"]) == 45 * MINUTE + 1
    german, _english = data["certificates"]  # the English one states it in other words
    assert german["id"] == url.rsplit("/", 1)[1]

    deleted = await client.post(
        "/me/delete", data={"csrf": CSRF, "confirm": "yes"}, headers=cookies(token)
    )
    assert deleted.status == 200
    gone = await client.get(url)
    assert gone.status == 404 and "Plenum 0" not in await gone.text()
    assert await app[STORE].attendance.rows(pid) == []


async def test_no_certificate_before_any_block_and_a_ledger_of_nobody_known_is_dropped(
    app: web.Application, client: Client
) -> None:
    (pid, token), *_ = await people(app, 1, "Neu")
    me = await (await client.get("/me", headers=cookies(token))).text()
    assert 'id="me-attendance-none"' in me and "/me/certificate.pdf" not in me
    refused = await client.get("/me/certificate.pdf", headers=cookies(token))
    assert refused.status == 404
    assert (await refused.json())["error"]["code"] == "attendance.none"
    # a person deleted while their seconds were on the way: the batch still lands
    stray = Stint("nobody-of-this-venue", 0, at("11:00"), "plenary", "")
    mine = Stint(pid, 0, at("11:00"), "plenary", "")
    await app[STORE].attendance.add({stray: MINUTE, mine: 30.0})
    assert [r.stint for r in await app[STORE].attendance.rows()] == [mine]
    assert dt.timedelta(seconds=(await app[STORE].attendance.rows(pid))[0].seconds).seconds == 30
