"""Booths live: presence feeds who staffs which booth; requests ring, conversations open.

Booth status goes out batched once per tick (like presence); rings, conversations and
messages go at once to the people concerned. One process keeps the open hours, each keeps
the visits of the people it serves; they are records, in real time (`utcnow`), while the
rota's next opening is in programme time (the clock).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from venue.clock import Clock, utcnow
from venue.domain import booths as bo
from venue.domain.day import Day
from venue.domain.errors import Code, DomainError
from venue.domain.events import Arrived, Departed, Event, Moved
from venue.domain.permissions import Actor, Permission, allowed
from venue.domain.presence import Presence
from venue.live.ports import Ownership, Publisher
from venue.protocol.booths import (
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
from venue.store.db import Store


@dataclass(frozen=True)
class BoothState:
    """A booth as everyone may see it now."""

    id: str
    open: bool
    staff: tuple[tuple[str, str], ...]  # (person id, name) of the staff present
    next_open: dt.datetime | None  # when the rota says it opens next, if it is closed


class LiveBooths:
    """Owns the booths' domain state and speaks for it."""

    def __init__(
        self,
        presence: Presence,
        day: Day,
        store: Store,
        publisher: Publisher,
        ownership: Ownership,
        clock: Clock,
    ) -> None:
        self.venue = presence.venue
        self._presence = presence
        self._day = day
        self._store = store
        self._publisher = publisher
        self._ownership = ownership
        self._clock = clock
        self.booths = bo.Booths(self.venue.booths)
        self.rota: dict[str, set[int]] = {}
        self._dirty: set[str] = set()
        self._emails: dict[str, str | None] = {}  # request id -> shared address

    async def load(self) -> None:
        await self._store.booths.seed(self.venue.booths.values())
        self.booths.hidden = {b for b, c in (await self._store.booths.all()).items() if c.hidden}
        self.rota = await self._store.booths.all_rota_blocks()
        if self._ownership.single():  # nobody is present at start-up (unless others serve)
            await self._store.booth_activity.close_all(utcnow())

    async def close(self) -> None:
        if self._ownership.alone():  # the last process to stop closes what is still open
            await self._store.booth_activity.close_all(utcnow())

    # -- presence in, booth events out -------------------------------------

    async def observe(self, events: Sequence[Event]) -> None:
        """Presence changed: who stands in which booth's area now."""
        for event in events:
            match event:
                case Moved(space, pid, x, y):
                    await self._place(pid, space, x, y)
                case Arrived(space, person):
                    await self._place(person.id, space, person.x, person.y)
                case Departed(_space, pid, None):
                    await self._apply(self.booths.leave(pid, utcnow()))

    async def _place(self, person_id: str, space: str, x: int, y: int) -> None:
        booth = bo.booth_at(self.venue, space, x, y)
        if booth == self.booths.where(person_id):
            return  # the common case: a step that stays inside or outside every booth
        person = self._presence.get(person_id)
        name, staffs = (person.name, person.booths) if person else ("", frozenset[str]())
        await self._apply(self.booths.place(person_id, name, booth, staffs, utcnow()))

    async def _apply(self, events: list[bo.BoothEvent]) -> None:
        activity = self._store.booth_activity
        to = self._publisher.to_people
        for event in events:
            match event:
                case bo.BoothChanged(booth):
                    self._dirty.add(booth)
                case bo.OpenChanged(booth, is_open, at) if self._ownership.leads():
                    await activity.set_open(booth, is_open, at)
                case bo.Visited(booth, pid, entered, at) if self._ownership.owns(pid):
                    await activity.visit(booth, pid, entered, at)
                case bo.Here(pid, booth):
                    await to([pid], HereOut(booth=booth))
                case bo.Rang(request, staff):
                    await to(staff, self.ring_out(request))
                case bo.Taken(request, conversation, others):
                    name = self.booths.name(conversation.staff_id)
                    await activity.answer_request(request.id, name)
                    people = (conversation.visitor_id, conversation.staff_id)
                    await to(people, self.conversation_out(conversation))
                    await to(others, TakenOut(request=request.id, by=name))
                case bo.Withdrawn(request, staff):
                    await activity.withdraw_request(request.id)
                    await to(staff, WithdrawnOut(request=request.id))
                case bo.Said(conversation, sender, text, at):
                    message = MessageOut(
                        conversation=conversation.id,
                        sender=sender,
                        name=self.booths.name(sender),
                        text=text,
                        at=at.isoformat(),
                    )
                    await to((conversation.visitor_id, conversation.staff_id), message)
                case bo.Left(conversation, pid):
                    left = LeftOut(conversation=conversation.id, person=pid)
                    await to([conversation.other(pid)], left)

    async def flush(self) -> None:
        """This tick's booth status changes, one frame to everyone."""
        if not self._dirty:
            return
        dirty, self._dirty = self._dirty, set()
        status = BoothStatusOut(booths=[self.state_out(b) for b in sorted(dirty)])
        await self._publisher.to_everyone(status)

    # -- what people do ----------------------------------------------------

    async def checkin(self, actor: Actor, booth: str, present: bool) -> None:
        """An exhibitor staffs a booth (or stops) from list mode, without standing in it."""
        if not allowed(actor, Permission.STAFF_BOOTH, booth):
            raise DomainError(Code.AUTH_FORBIDDEN, "You do not staff that booth.")
        person = self._presence.require(actor.id)
        now = utcnow()
        await self._apply(
            self.booths.checkin(person.id, person.name, booth, present, person.booths, now)
        )
        await self._store.day.check_in(booth, person.id, present)

    async def resume(self, person_id: str, booths: Collection[str]) -> None:
        """Someone arriving again was checked in from list mode (before a restart, or
        served by another process): on duty again, where they still staff the booth."""
        person = self._presence.get(person_id)
        if person is None:
            return
        for booth in sorted(booths):
            if booth not in person.booths or booth not in self.venue.booths:
                await self._store.day.check_in(booth, person_id, False)
                continue
            now = utcnow()
            await self._apply(
                self.booths.checkin(person.id, person.name, booth, True, person.booths, now)
            )

    async def request(self, visitor_id: str, booth: str, share_email: bool) -> str:
        """Ring the staff of a booth; returns the request's id."""
        person = self._presence.require(visitor_id)
        request, events = self.booths.request(visitor_id, person.name, booth, share_email, utcnow())
        email = None
        if share_email:
            record = await self._store.participants.get(visitor_id)
            email = record.email if record else None
        self._emails[request.id] = email
        await self._store.booth_activity.add_request(
            request.id, booth, visitor_id, person.name, email
        )
        await self._apply(events)
        return request.id

    async def accept(self, staff_id: str, request_id: str) -> ConversationOut:
        """The first staff member to accept gets the conversation."""
        await self._apply(self.booths.accept(staff_id, request_id, self.staffs(staff_id)))
        conversation = self.booths.requests[request_id].conversation or ""
        return self.conversation_out(self.booths.conversations[conversation])

    async def say(self, person_id: str, conversation: str, text: str) -> None:
        await self._apply(self.booths.say(person_id, conversation, text, utcnow()))

    # -- from the booth pages ----------------------------------------------

    async def set_hidden(self, booth: str, hidden: bool) -> None:
        """A moderator hid (or showed) a booth: stored, and closed to visitors at once."""
        await self._store.booths.set_hidden(booth, hidden)
        await self._apply(self.booths.set_hidden(booth, hidden, utcnow()))
        self._dirty.add(booth)

    async def set_rota(self, booth: str, person_id: str, blocks: set[int]) -> None:
        """An exhibitor declared their blocks: the next opening goes out with the next tick."""
        await self._store.booths.set_rota(booth, person_id, blocks)
        self.rota = await self._store.booths.all_rota_blocks()
        self._dirty.add(booth)

    # -- views -------------------------------------------------------------

    def staffs(self, person_id: str) -> frozenset[str]:
        """The booths a present person staffs (served here or by another process)."""
        person = self._presence.get(person_id)
        return person.booths if person else frozenset()

    def state(self, booth: str) -> BoothState:
        is_open = self.booths.is_open(booth)
        hidden = booth in self.booths.hidden
        opens = None
        if not is_open and not hidden:
            # the rota is in programme time: live starts, the (rehearsal) clock
            programme = self._day.programme
            rota = self.rota.get(booth, set())
            now = self._clock.now()
            opens = bo.next_opening(rota, programme.starts(), programme.ends(), now)
        staff = () if hidden else self.booths.staff(booth)
        return BoothState(booth, is_open, tuple((p, self.booths.name(p)) for p in staff), opens)

    def state_out(self, booth: str) -> BoothStateOut:
        state = self.state(booth)
        return BoothStateOut(
            id=state.id,
            open=state.open,
            staff=[StaffOut(id=pid, name=name) for pid, name in state.staff],
            next_open=state.next_open.isoformat() if state.next_open else None,
        )

    def list_out(self, person_id: str) -> BoothListOut:
        mine = self.staffs(person_id)
        hidden = self.booths.hidden
        visible = [b for b in self.venue.booths if b not in hidden or b in mine]
        return BoothListOut(
            booths=[self.state_out(b) for b in visible],
            pending=[self.ring_out(r) for b in sorted(mine) for r in self.booths.pending(b)],
        )

    def ring_out(self, request: bo.ContactRequest) -> RingOut:
        return RingOut(
            request=request.id,
            booth=request.booth,
            visitor=request.visitor_name,
            email=self._emails.get(request.id),
            at=request.at.isoformat(),
        )

    def conversation_out(self, conv: bo.Conversation) -> ConversationOut:
        def staff(pid: str) -> StaffOut:
            return StaffOut(id=pid, name=self.booths.name(pid))

        return ConversationOut(
            conversation=conv.id,
            request=conv.request,
            booth=conv.booth,
            visitor=staff(conv.visitor_id),
            staff=staff(conv.staff_id),
            call_url=self.venue.booths[conv.booth].call_url,
        )
