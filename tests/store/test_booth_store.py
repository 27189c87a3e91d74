"""Booth content, files, rota, guestbook and activity round-trip on both databases."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from tests.conftest import SEED
from venue.domain.people import Role
from venue.store.booths import BoothLink
from venue.store.db import Store
from venue.venuefile.loader import load_venue

T0 = dt.datetime(2021, 11, 30, 11, 0, tzinfo=dt.UTC)


async def test_booths_are_seeded_once_and_edits_survive_a_reseed(database_url: str) -> None:
    venue = load_venue(SEED)
    store = await Store.open(database_url)
    try:
        await store.booths.seed(venue.booths.values())
        energy = await store.booths.get("energy")
        assert energy is not None and energy.organisation == venue.booths["energy"].organisation
        await store.booths.update(
            replace(energy, title="Neu", links=(BoothLink("Web", "https://example.org"),))
        )
        await store.booths.seed(venue.booths.values())
        again = await store.booths.get("energy")
        assert again is not None and again.title == "Neu"
        assert again.links == (BoothLink("Web", "https://example.org"),)
        assert set(await store.booths.all()) == set(venue.booths)
    finally:
        await store.close()


async def test_files_rota_guestbook_and_activity(database_url: str) -> None:
    store = await Store.open(database_url)
    try:
        await store.booths.seed(load_venue(SEED).booths.values())
        first = await store.booths.add_file("energy", "logo", "logo.png", "image/png", b"one")
        second = await store.booths.add_file("energy", "logo", "logo.png", "image/png", b"two")
        assert await store.booths.file("energy", first.id) is None  # replaced
        found = await store.booths.file("energy", second.id)
        assert found is not None and found[1] == b"two"
        assert await store.booths.file("strategy", second.id) is None
        content = await store.booths.get("energy")
        assert content is not None and content.logo == second.id

        eva = await store.participants.create("Eva", Role.EXHIBITOR, booths=frozenset({"energy"}))
        vic = await store.participants.create("Vic", Role.PARTICIPANT)
        await store.booths.set_rota("energy", eva.id, [2, 0, 2])
        assert await store.booths.rota("energy") == {eva.id: {0, 2}}
        assert await store.booths.all_rota_blocks() == {"energy": {0, 2}}

        await store.booths.add_entry("energy", vic.id, "Vic", "Gibt es Flyer?")
        [entry] = await store.booths.guestbook("energy")
        assert await store.booths.answer_entry("energy", entry.id, "Ja!", "Eva")
        assert not await store.booths.answer_entry("strategy", entry.id, "Nein", "Mallory")
        [entry] = await store.booths.guestbook("energy")
        assert (entry.answer, entry.answered_by) == ("Ja!", "Eva")

        await store.booth_activity.set_open("energy", True, T0)
        await store.booth_activity.visit("energy", vic.id, True, T0)
        await store.booth_activity.visit("energy", vic.id, False, T0 + dt.timedelta(minutes=5))
        await store.booth_activity.add_request("r1", "energy", vic.id, "Vic", None)
        await store.booth_activity.add_request("r2", "energy", vic.id, "Vic", "vic@example.org")
        await store.booth_activity.answer_request("r1", "Eva")
        await store.booth_activity.withdraw_request("r2")
        await store.booth_activity.close_all(T0 + dt.timedelta(hours=1))
        activity = (await store.booth_activity.activity())["energy"]
        assert activity.answered == [True, False] or sorted(activity.answered) == [False, True]
        assert activity.open_periods[0].end == T0 + dt.timedelta(hours=1)
        leads = await store.booth_activity.leads("energy")
        assert {(x.state, x.email) for x in leads} == {
            ("accepted", None),
            ("withdrawn", "vic@example.org"),
        }

        await store.booths.delete_entry("energy", entry.id)
        assert await store.booths.guestbook("energy") == []
    finally:
        await store.close()
