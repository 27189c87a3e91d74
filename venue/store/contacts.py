"""Contact requests and exchanges: one row per request, read back as the domain's `Link`.

Cards are read from the participants' rows at the time they are shown, so that a name
changed or a person deleted is what everyone sees (a deleted person's card is gone).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from venue.domain.contacts import Card, Link, LinkState, Outcome, on_answer, on_request
from venue.domain.errors import Code, DomainError
from venue.store.day import aware
from venue.store.schema import contact_links, participants


class ContactStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        # SQLite cannot lock rows: two requests between the same people take turns
        self._lock = asyncio.Lock()

    async def request(
        self, asker: str, asked: str, share_email: bool, now: dt.datetime
    ) -> tuple[Outcome, Link]:
        """`asker` wants to share contact details with `asked`: a new request, or, if
        `asked` asked first, the exchange."""
        async with self._lock, self._engine.begin() as conn:
            known = await conn.scalar(
                sa.select(participants.c.id).where(participants.c.id == asked)
            )
            if known is None:
                raise DomainError(Code.PERSON_UNKNOWN, "Nobody with that id is registered.")
            mine, theirs = await _link(conn, asker, asked), await _link(conn, asked, asker)
            unanswered = await conn.scalar(
                sa.select(sa.func.count()).where(
                    contact_links.c.asker_id == asker,
                    contact_links.c.state != LinkState.EXCHANGED,
                )
            )
            outcome = on_request(asker, asked, mine, theirs, unanswered or 0)
            if outcome is Outcome.EXCHANGED:
                assert theirs is not None
                return outcome, await _answer(conn, theirs, True, share_email, now)
            link = Link(asker, asked, share_email, False, LinkState.PENDING, now)
            await conn.execute(
                contact_links.insert().values(
                    asker_id=asker,
                    asked_id=asked,
                    asker_email=share_email,
                    asked_email=False,
                    state=link.state,
                    created_at=now,
                )
            )
            return outcome, link

    async def answer(
        self, answerer: str, asker: str, accept: bool, share_email: bool, now: dt.datetime
    ) -> Link:
        """`answerer` agrees to (or declines) the request `asker` sent them."""
        async with self._lock, self._engine.begin() as conn:
            link = on_answer(answerer, await _link(conn, asker, answerer))
            return await _answer(conn, link, accept, share_email and accept, now)

    async def card(self, of: str, link: Link) -> Card | None:
        """What the other side of `link` sees of `of`; None if they are gone."""
        async with self._engine.connect() as conn:
            row = (
                await conn.execute(
                    sa.select(
                        participants.c.name, participants.c.organisation, participants.c.email
                    ).where(participants.c.id == of)
                )
            ).first()
        if row is None:
            return None
        email = row.email if link.shares_email(of) else None
        return Card(of, row.name, row.organisation, email, link.answered_at or link.created_at)

    async def cards(self, person_id: str) -> list[Card]:
        """Everyone `person_id` has exchanged contact details with, by name."""
        cards = []
        async with self._engine.connect() as conn:
            for side, other_side, email in (
                (contact_links.c.asker_id, contact_links.c.asked_id, contact_links.c.asked_email),
                (contact_links.c.asked_id, contact_links.c.asker_id, contact_links.c.asker_email),
            ):
                rows = await conn.execute(
                    sa.select(
                        participants.c.id,
                        participants.c.name,
                        participants.c.organisation,
                        participants.c.email,
                        email.label("shared"),
                        contact_links.c.answered_at,
                    )
                    .join(participants, participants.c.id == other_side)
                    .where(side == person_id, contact_links.c.state == LinkState.EXCHANGED)
                )
                cards += [
                    Card(
                        r.id,
                        r.name,
                        r.organisation,
                        r.email if r.shared else None,
                        aware(r.answered_at),
                    )
                    for r in rows
                ]
        return sorted(cards, key=lambda c: (c.name.casefold(), c.person))

    async def waiting(self, person_id: str) -> tuple[list[Asked], list[Asked]]:
        """Requests to `person_id` still unanswered, and theirs not yet agreed to (a
        declined one among them: the asker is not told)."""
        async with self._engine.connect() as conn:
            incoming = await _asked(
                conn,
                contact_links.c.asker_id,
                contact_links.c.asked_id == person_id,
                contact_links.c.state == LinkState.PENDING,
            )
            outgoing = await _asked(
                conn,
                contact_links.c.asked_id,
                contact_links.c.asker_id == person_id,
                contact_links.c.state != LinkState.EXCHANGED,
            )
        return incoming, outgoing


Asked = tuple[str, str, dt.datetime]  # the other person's id and name, when it was asked


async def _asked(conn: AsyncConnection, other: Any, *where: Any) -> list[Asked]:
    rows = await conn.execute(
        sa.select(participants.c.id, participants.c.name, contact_links.c.created_at)
        .join(participants, participants.c.id == other)
        .where(*where)
        .order_by(contact_links.c.created_at)
    )
    return [(r.id, r.name, aware(r.created_at)) for r in rows]


async def _link(conn: AsyncConnection, asker: str, asked: str) -> Link | None:
    row = (
        await conn.execute(
            sa.select(contact_links).where(
                contact_links.c.asker_id == asker, contact_links.c.asked_id == asked
            )
        )
    ).first()
    if row is None:
        return None
    return Link(
        row.asker_id,
        row.asked_id,
        row.asker_email,
        row.asked_email,
        LinkState(row.state),
        aware(row.created_at),
        aware(row.answered_at) if row.answered_at is not None else None,
    )


async def _answer(
    conn: AsyncConnection, link: Link, accept: bool, share_email: bool, now: dt.datetime
) -> Link:
    state = LinkState.EXCHANGED if accept else LinkState.DECLINED
    await conn.execute(
        contact_links.update()
        .where(contact_links.c.asker_id == link.asker, contact_links.c.asked_id == link.asked)
        .values(state=state, asked_email=share_email, answered_at=now)
    )
    return Link(link.asker, link.asked, link.asker_email, share_email, state, link.created_at, now)
