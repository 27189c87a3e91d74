"""The organiser's attendance page in Chromium: Chart.js from node_modules draws every chart
under the strict CSP, withheld groups are gaps, and nothing goes wrong on the page; axe finds
nothing wrong there, on /me or on a certificate's page."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestServer
from playwright.async_api import Browser

from tests.browser.axe import axe_violations
from tests.browser.conftest import SHOTS, Person
from tests.web.ledger import seed_ledger
from tests.web.people import staff
from venue.domain.people import Role
from venue.web.keys import STORE

pytestmark = pytest.mark.browser

CHARTS = ("chart-blocks", "chart-spaces", "chart-booths")


async def test_the_attendance_charts_render(browser: Browser, server: TestServer) -> None:
    await seed_ledger(server.app)
    _record, token = await staff(server.app, Role.ORGANISER, "Olga Organiser")
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    person = Person(context, await context.new_page())
    try:
        await person.page.goto(str(server.make_url(f"/t/{token}")))
        await person.page.goto(str(server.make_url("/organiser/attendance?lang=de")))
        await person.page.wait_for_function(
            "(ids) => ids.every((id) => window.Chart && window.Chart.getChart(id))", arg=CHARTS
        )
        drawn = await person.page.evaluate(
            """(ids) => ids.map((id) => {
                const chart = Chart.getChart(id);
                return { id, width: chart.width, height: chart.height,
                         data: chart.data.datasets.map((d) => [d.label, d.data]) };
            })""",
            CHARTS,
        )
        by_id = {chart["id"]: chart for chart in drawn}
        assert all(chart["width"] > 100 and chart["height"] > 100 for chart in drawn), drawn
        lines = dict(by_id["chart-spaces"]["data"])
        assert lines["Plenarsaal"][:3] == [6, 6, 0]
        assert None in lines["Workshop 2 – Außerschulische MINT-Bildung"]  # withheld: a gap
        ((label, bars),) = by_id["chart-blocks"]["data"]
        assert label == "Personen" and bars[0] == 6 and None in bars
        SHOTS.mkdir(parents=True, exist_ok=True)
        await person.page.screenshot(path=str(SHOTS / "attendance-charts.png"), full_page=True)
    finally:
        await context.close()
    assert person.errors == [], person.errors


async def test_attendance_pages_have_no_axe_violations(
    browser: Browser, server: TestServer
) -> None:
    seeded = await seed_ledger(server.app)
    _record, organiser = await staff(server.app, Role.ORGANISER, "Olga Organiser")
    pid, participant = seeded["plenary"][0]
    certificate = await server.app[STORE].attendance.issue(
        pid, {"name": "Plenum 0", "event": "Treffen", "date": "30.11.2021", "blocks": []}
    )
    for token, path in (
        (organiser, "/organiser/attendance"),
        (participant, "/me"),
        (None, f"/certificates/{certificate.id}"),
        (None, "/certificates/forged-forged-forged"),
    ):
        context = await browser.new_context(bypass_csp=True)  # axe is injected
        page = await context.new_page()
        try:
            if token is not None:
                await page.goto(str(server.make_url(f"/t/{token}")))
            await page.goto(str(server.make_url(path)))
            assert await axe_violations(page) == [], path
        finally:
            await context.close()
