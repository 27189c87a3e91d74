"""People with roles and tokens for the organiser and permission tests, made through the store."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestClient

from venue.domain.people import Role
from venue.store.db import ParticipantRecord
from venue.store.registrations import Applicant
from venue.web.keys import IDENTITIES, STORE

Client = TestClient[Any, Any]
CSRF = "csrf-test-token"


def cookies(token: str | None) -> dict[str, str]:
    """Headers of a browser holding `token` (if any) and the CSRF cookie the forms echo."""
    jar = [f"venue_csrf={CSRF}"] + ([f"venue_token={token}"] if token else [])
    return {"Cookie": "; ".join(jar)}


async def staff(
    app: web.Application, role: Role, name: str = "Staff", booths: frozenset[str] = frozenset()
) -> tuple[ParticipantRecord, str]:
    """A person created as `venue invite` does, with a personal link."""
    record = await app[STORE].participants.create(name, role, booths=booths)
    return record, await app[IDENTITIES].issue(record.id, "invite")


async def registered(
    app: web.Application, name: str, email: str, workshop: str, organisation: str | None = None
) -> ParticipantRecord:
    outcome = await app[STORE].registrations.register(
        Applicant(name, email, organisation, workshop, "de", wait=True)
    )
    return outcome.participant
