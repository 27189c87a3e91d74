"""Contact commands: offer to share details, answer an offer, list what waits; block ratings."""

from __future__ import annotations

from venue.protocol.contacts import (
    ContactAnswerIn,
    ContactListIn,
    ContactListOut,
    ContactOut,
    ContactRequestIn,
    FeedbackRateIn,
)
from venue.realtime.commands import Scope, handles
from venue.realtime.connections import Connection


@handles()  # also rate-limited per person in the live service (contact.flood)
async def contact_request(scope: Scope, conn: Connection, payload: ContactRequestIn) -> ContactOut:
    contacts = scope.live.contacts
    return await contacts.request(conn.person_id, payload.person, payload.share.email)


@handles()
async def contact_answer(scope: Scope, conn: Connection, payload: ContactAnswerIn) -> ContactOut:
    share = payload.share.email
    return await scope.live.contacts.answer(conn.person_id, payload.person, payload.accept, share)


@handles()
async def contact_list(scope: Scope, conn: Connection, payload: ContactListIn) -> ContactListOut:
    return await scope.live.contacts.list_out(conn.person_id)


@handles()
async def feedback_rate(scope: Scope, conn: Connection, payload: FeedbackRateIn) -> None:
    feedback = scope.live.feedback
    await feedback.rate(conn.person_id, payload.block, payload.stars, payload.comment)
