"""Organisers' booth statistics: visits, requests answered and missed, open hours; CSV."""

from __future__ import annotations

import datetime as dt

from aiohttp import web

from tests.web.people import Client, cookies, staff
from venue.domain.people import Role
from venue.web.booth_stats import duration
from venue.web.keys import STORE


async def test_organisers_see_visits_requests_and_open_hours(
    app: web.Application, client: Client, organiser: str
) -> None:
    activity = app[STORE].booth_activity
    ada = (await staff(app, Role.PARTICIPANT, "Ada"))[0]
    ben = (await staff(app, Role.PARTICIPANT, "Ben"))[0]
    start = dt.datetime(2021, 11, 4, 10, tzinfo=dt.UTC)
    await activity.visit("strategy", ada.id, True, start)
    await activity.visit("strategy", ada.id, False, start + dt.timedelta(minutes=10))
    await activity.visit("strategy", ada.id, True, start + dt.timedelta(minutes=20))
    await activity.visit("strategy", ada.id, False, start + dt.timedelta(minutes=25))
    await activity.visit("strategy", ben.id, True, start)
    await activity.visit("strategy", ben.id, False, start + dt.timedelta(minutes=5))
    await activity.set_open("strategy", True, start)
    await activity.set_open("strategy", False, start + dt.timedelta(hours=1, minutes=30))
    await activity.add_request("r1", "strategy", ada.id, "Ada", None)
    await activity.answer_request("r1", "Erika")
    await activity.add_request("r2", "strategy", ben.id, "Ben", None)
    await activity.withdraw_request("r2")

    response = await client.get("/organiser/booths", headers=cookies(organiser))
    assert response.status == 200
    html = await response.text()
    row = html[html.index('data-booth="strategy"') :]
    row = row[: row.index("</tr>")]
    assert [cell for cell in row.split("<td>")[1:]] == [
        "Hochschule Zittau/Görlitz</td>",
        "2</td>",
        "0:20</td>",
        "1</td>",
        "1</td>",
        "1:30</td>\n        ",
    ]
    csv = await (await client.get("/organiser/booths.csv", headers=cookies(organiser))).read()
    lines = csv.decode("utf-8-sig").split("\r\n")
    assert lines[0].startswith("Stand;Organisation;Besucher*innen;Besuchszeit;")
    assert "L&T Strategieentwicklungsprojekt;Hochschule Zittau/Görlitz;2;0:20;1;1;1:30" in lines


async def test_booth_statistics_are_for_organisers_only(
    app: web.Application, client: Client
) -> None:
    for role in (Role.PARTICIPANT, Role.EXHIBITOR, Role.MODERATOR):
        token = (await staff(app, role, "Someone", frozenset({"strategy"})))[1]
        for url in ("/organiser/booths", "/organiser/booths.csv"):
            assert (await client.get(url, headers=cookies(token))).status == 403, (role, url)
    assert (await client.get("/organiser/booths")).status == 401


def test_durations_read_as_hours_and_minutes() -> None:
    assert duration(0) == "0:00" and duration(59 * 60 + 31) == "1:00" and duration(7380) == "2:03"
