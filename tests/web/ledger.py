"""Attendance ledgers for the organiser's page, written through the store as the live
ledger writes its batches."""

from __future__ import annotations

from aiohttp import web

from tests.clocks import on_event_day as at
from tests.web.people import staff
from venue.domain.attendance import Stint
from venue.domain.people import Role
from venue.web.keys import STORE

MINUTE = 60.0


async def people(app: web.Application, count: int, prefix: str) -> list[tuple[str, str]]:
    """`count` participants: (id, personal link token) each."""
    made = [await staff(app, Role.PARTICIPANT, f"{prefix} {i}") for i in range(count)]
    return [(record.id, token) for record, token in made]


async def seed_ledger(app: web.Application) -> dict[str, list[tuple[str, str]]]:
    """Six people 45 minutes in the plenary (two quarter hours), two 50 minutes in workshop 2
    at the energy booth's spot: a group the organiser sees, and one too small to show."""
    plenary, workshop = await people(app, 6, "Plenum"), await people(app, 2, "Werkstatt")
    batch: dict[Stint, float] = {}
    for pid, _ in plenary:
        batch[Stint(pid, 0, at("11:00"), "plenary", "")] = 15 * MINUTE
        batch[Stint(pid, 0, at("11:15"), "plenary", "")] = 30 * MINUTE
    for pid, _ in workshop:
        batch[Stint(pid, 2, at("13:30"), "workshop-2", "energy")] = 50 * MINUTE
    await app[STORE].attendance.add(batch)
    await app[STORE].attendance.add({Stint(plenary[0][0], 0, at("11:15"), "plenary", ""): 1.0})
    return {"plenary": plenary, "workshop": workshop}
