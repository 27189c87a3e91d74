"""What an organiser must find again after a restore or an upgrade, written and checked once.

The values are those of tests/deploy/data/make_first_release.py, which wrote them into the
first-release fixtures with the code of venue's first landed commit.
"""

from __future__ import annotations

from dataclasses import replace

from tests.conftest import SEED
from venue.domain.people import Role
from venue.domain.programme import Delay
from venue.store.booths import BoothLink
from venue.store.db import Store
from venue.store.registrations import Applicant
from venue.venuefile.loader import load_venue

REGISTRATION = ("Greta Gründerin", "greta@example.org", "workshop-2")
CHAT = ("space:lobby", "Willkommen im Foyer!")
DELAY = Delay(1, 10, cascade=True)
BOOTH = ("energy", "Speicher für die Lausitz", b"\x89PNG fixture logo")
AUDIT = ("announce", "everyone: Gleich geht es los")


async def populate(store: Store) -> None:
    """Registrations, chat, a programme adjustment, a booth page and an audit entry."""
    venue = load_venue(SEED)
    await store.registrations.sync_capacities({w.id: w.capacity for w in venue.workshops()})
    name, email, workshop = REGISTRATION
    await store.registrations.register(Applicant(name, email, "HSZG", workshop, "de", False))
    mod = await store.participants.create("Mona Moderator", Role.MODERATOR)
    channel, text = CHAT
    await store.chat.add(channel, mod.id, mod.name, mod.role.value, text)
    await store.programme.add_adjustment(DELAY)
    action, detail = AUDIT
    await store.programme.audit(mod.id, mod.name, action, detail)
    booth, title, logo = BOOTH
    await store.booths.seed(venue.booths.values())
    content = await store.booths.get(booth)
    assert content is not None
    links = (BoothLink("Web", "https://example.org"),)
    await store.booths.update(replace(content, title=title, links=links))
    await store.booths.add_file(booth, "logo", "logo.png", "image/png", logo)


async def assert_found(store: Store) -> None:
    """Everything `populate` wrote, read back through today's store."""
    name, email, workshop = REGISTRATION
    [greta] = [p for p in await store.registrations.listing() if p.email == email]
    assert (greta.name, greta.workshop, greta.registration) == (name, workshop, "registered")
    channel, text = CHAT
    assert [m.text for m in await store.chat.history(channel, 10)] == [text]
    assert (await store.programme.load()).adjustments == (DELAY,)
    [entry] = await store.programme.recent_audit()
    assert (entry.actor, entry.action, entry.detail) == ("Mona Moderator", *AUDIT)
    booth, title, logo = BOOTH
    content = await store.booths.get(booth)
    assert content is not None and content.title == title
    assert content.links == (BoothLink("Web", "https://example.org"),)
    assert content.logo is not None
    found = await store.booths.file(booth, content.logo)
    assert found is not None and found[1] == logo
