"""The exhibition live: presence events feed booth staffing; its events become frames.

Booth status goes out batched once per tick (like presence); rings, conversations and
messages go at once to the people concerned.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from venue.domain import exhibition as ex
from venue.domain.events import Arrived, Departed, Event, Moved
from venue.domain.venue import Venue
from venue.realtime.protocol import Outbound
from venue.realtime.protocol.exhibition import (
    BoothListOut,
    BoothStateOut,
    BoothStatusOut,
    ConversationOut,
    HereOut,
    LeftOut,
    MessageOut,
    RingOut,
    StaffOut,
    TakenOut,
    WithdrawnOut,
)
from venue.realtime.rooms import EVERYONE, person_room

if TYPE_CHECKING:
    from venue.realtime.commands import Context


class Booths:
    """Owns the exhibition domain object and speaks for it on the wire."""

    def __init__(self, venue: Venue, ctx: Context) -> None:
        self.venue = venue
        self.ctx = ctx
        self.exhibition = ex.Exhibition(venue.booths)
        self.rota: dict[str, set[int]] = {}
        self._dirty: set[str] = set()
        self._emails: dict[str, str | None] = {}  # request id -> shared address

    async def load(self) -> None:
        store = self.ctx.store
        await store.booths.seed(self.venue.booths.values())
        self.exhibition.hidden = {b for b, c in (await store.booths.all()).items() if c.hidden}
        self.rota = await store.booths.all_rota_blocks()
        if self.ctx.cluster is None:  # nobody is present at start-up (unless others serve)
            await store.booth_activity.close_all(_now())

    async def close(self) -> None:
        if self.ctx.alone():  # the last process to stop closes what is still open
            await self.ctx.store.booth_activity.close_all(_now())

    # -- presence in, exhibition events out --------------------------------

    async def observe(self, events: list[Event]) -> None:
        """Presence changed: who stands in which booth's area now."""
        for event in events:
            match event:
                case Moved(space, pid, x, y):
                    await self._place(pid, space, x, y)
                case Arrived(space, person):
                    await self._place(person.id, space, person.x, person.y)
                case Departed(_space, pid, None):
                    await self.apply(self.exhibition.leave(pid, _now()))

    async def _place(self, person_id: str, space: str, x: int, y: int) -> None:
        booth = ex.booth_at(self.venue, space, x, y)
        if booth == self.exhibition.where(person_id):
            return  # the common case: a step that stays inside or outside every booth
        person = self.ctx.presence.get(person_id)
        name = person.name if person else ""
        await self.apply(
            self.exhibition.place(person_id, name, booth, self.staffs(person_id), _now())
        )

    def staffs(self, person_id: str) -> frozenset[str]:
        """The booths a person is an exhibitor of (served here or by another process)."""
        return self.ctx.booths_of(person_id)

    async def apply(self, events: list[ex.ExhibitionEvent]) -> None:
        activity = self.ctx.store.booth_activity
        send = self.ctx.broadcaster.send
        for event in events:
            match event:
                case ex.BoothChanged(booth):
                    self._dirty.add(booth)
                # every process follows everyone's presence; one of them keeps the record
                case ex.OpenChanged(booth, is_open, at) if self.ctx.leads():
                    await activity.set_open(booth, is_open, at)
                case ex.Visited(booth, pid, entered, at) if self.ctx.owns(pid):
                    await activity.visit(booth, pid, entered, at)
                case ex.Here(pid, booth):
                    await send(Outbound.BOOTH_HERE, HereOut(booth=booth), person_room(pid))
                case ex.Rang(request, staff):
                    for pid in staff:
                        await send(Outbound.BOOTH_RING, self.ring_out(request), person_room(pid))
                case ex.Taken(request, conversation, others):
                    name = self.exhibition.name(conversation.staff_id)
                    await activity.answer_request(request.id, name)
                    out = self.conversation_out(conversation)
                    for pid in (conversation.visitor_id, conversation.staff_id):
                        await send(Outbound.BOOTH_CONVERSATION, out, person_room(pid))
                    taken = TakenOut(request=request.id, by=name)
                    for pid in others:
                        await send(Outbound.BOOTH_TAKEN, taken, person_room(pid))
                case ex.Withdrawn(request, staff):
                    await activity.withdraw_request(request.id)
                    for pid in staff:
                        out_w = WithdrawnOut(request=request.id)
                        await send(Outbound.BOOTH_WITHDRAWN, out_w, person_room(pid))
                case ex.Said(conversation, sender, text, at):
                    message = MessageOut(
                        conversation=conversation.id,
                        sender=sender,
                        name=self.exhibition.name(sender),
                        text=text,
                        at=at.isoformat(),
                    )
                    for pid in (conversation.visitor_id, conversation.staff_id):
                        await send(Outbound.BOOTH_MESSAGE, message, person_room(pid))
                case ex.Left(conversation, pid):
                    left = LeftOut(conversation=conversation.id, person=pid)
                    await send(Outbound.BOOTH_LEFT, left, person_room(conversation.other(pid)))

    async def flush(self) -> None:
        """This tick's booth status changes, one frame to everyone."""
        if not self._dirty:
            return
        dirty, self._dirty = self._dirty, set()
        status = BoothStatusOut(booths=[self.state_out(b) for b in sorted(dirty)])
        await self.ctx.broadcaster.send(Outbound.BOOTH_STATUS, status, EVERYONE)

    # -- requests --------------------------------------------------------

    async def request(self, visitor_id: str, booth: str, share_email: bool) -> str:
        person = self.ctx.presence.require(visitor_id)
        request, events = self.exhibition.request(
            visitor_id, person.name, booth, share_email, _now()
        )
        email = None
        if share_email:
            record = await self.ctx.store.participants.get(visitor_id)
            email = record.email if record else None
        self._emails[request.id] = email
        await self.ctx.store.booth_activity.add_request(
            request.id, booth, visitor_id, person.name, email
        )
        await self.apply(events)
        return request.id

    # -- from the booth pages ----------------------------------------------

    async def set_hidden(self, booth: str, hidden: bool) -> None:
        """A moderator hid (or showed) a booth: stored, and closed to visitors at once."""
        await self.ctx.store.booths.set_hidden(booth, hidden)
        await self.apply(self.exhibition.set_hidden(booth, hidden, _now()))
        self._dirty.add(booth)

    async def set_rota(self, booth: str, person_id: str, blocks: set[int]) -> None:
        """An exhibitor declared their blocks: the next opening goes out with the next tick."""
        await self.ctx.store.booths.set_rota(booth, person_id, blocks)
        self.rota = await self.ctx.store.booths.all_rota_blocks()
        self._dirty.add(booth)

    # -- views -----------------------------------------------------------

    def state_out(self, booth: str) -> BoothStateOut:
        is_open = self.exhibition.is_open(booth)
        opens = None
        if not is_open and booth not in self.exhibition.hidden:
            # the rota is in programme time: live starts, the (rehearsal) clock
            tt, now = self.ctx.conductor.timetable, self.ctx.conductor.clock.now()
            when = ex.next_opening(self.rota.get(booth, set()), tt.starts(), tt.ends(), now)
            opens = when.isoformat() if when else None
        return BoothStateOut(
            id=booth,
            open=is_open,
            staff=[
                StaffOut(id=pid, name=self.exhibition.name(pid))
                for pid in (
                    self.exhibition.staff(booth) if booth not in self.exhibition.hidden else []
                )
            ],
            next_open=opens,
        )

    def list_out(self, person_id: str) -> BoothListOut:
        mine = self.staffs(person_id)
        visible = [b for b in self.venue.booths if b not in self.exhibition.hidden or b in mine]
        return BoothListOut(
            booths=[self.state_out(b) for b in visible],
            pending=[self.ring_out(r) for b in sorted(mine) for r in self.exhibition.pending(b)],
        )

    def ring_out(self, request: ex.ContactRequest) -> RingOut:
        return RingOut(
            request=request.id,
            booth=request.booth,
            visitor=request.visitor_name,
            email=self._emails.get(request.id),
            at=request.at.isoformat(),
        )

    def conversation_out(self, conv: ex.Conversation) -> ConversationOut:
        booth = self.venue.booths[conv.booth]
        return ConversationOut(
            conversation=conv.id,
            request=conv.request,
            booth=conv.booth,
            visitor=StaffOut(id=conv.visitor_id, name=self.exhibition.name(conv.visitor_id)),
            staff=StaffOut(id=conv.staff_id, name=self.exhibition.name(conv.staff_id)),
            call_url=booth.call_url,
        )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
