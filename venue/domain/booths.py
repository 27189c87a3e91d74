"""Booths: who staffs which booth, contact requests and the conversations they open."""

from __future__ import annotations

import datetime as dt
import secrets
import unicodedata
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from venue.domain.errors import Code, DomainError
from venue.domain.limits import KeyedLimiter
from venue.domain.maps import AreaKind
from venue.domain.venue import Venue

MESSAGE_MAX = 1000


class RequestState(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    WITHDRAWN = "withdrawn"  # the visitor left before anyone answered


@dataclass(frozen=True, slots=True)
class RequestLimits:
    """A visitor may ask `per_window` booths within `window` seconds (request floods)."""

    per_window: int = 3
    window: float = 60.0


@dataclass(slots=True)
class ContactRequest:
    id: str
    booth: str
    visitor_id: str
    visitor_name: str
    share_email: bool
    at: dt.datetime
    state: RequestState = RequestState.PENDING
    staff_id: str | None = None
    conversation: str | None = None


@dataclass(frozen=True, slots=True)
class Conversation:
    id: str
    booth: str
    request: str
    visitor_id: str
    staff_id: str

    def other(self, person_id: str) -> str:
        return self.staff_id if person_id == self.visitor_id else self.visitor_id


# -- what happened -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BoothChanged:
    """The booth's staff present (and so whether it is open) changed."""

    booth: str


@dataclass(frozen=True, slots=True)
class OpenChanged:
    booth: str
    open: bool
    at: dt.datetime


@dataclass(frozen=True, slots=True)
class Visited:
    """A visitor stepped into (`entered`) or out of a booth's area."""

    booth: str
    person_id: str
    entered: bool
    at: dt.datetime


@dataclass(frozen=True, slots=True)
class Here:
    """A person now stands in the area of `booth` (None: in no booth)."""

    person_id: str
    booth: str | None


@dataclass(frozen=True, slots=True)
class Rang:
    request: ContactRequest
    staff: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Taken:
    """Someone accepted; `others` are the staff whose ringing stops."""

    request: ContactRequest
    conversation: Conversation
    others: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Withdrawn:
    request: ContactRequest
    staff: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Said:
    conversation: Conversation
    sender: str
    text: str
    at: dt.datetime


@dataclass(frozen=True, slots=True)
class Left:
    """One side of a conversation left the venue."""

    conversation: Conversation
    person_id: str


BoothEvent = BoothChanged | OpenChanged | Visited | Here | Rang | Taken | Withdrawn | Said | Left


def booth_at(venue: Venue, space: str, x: float, y: float) -> str | None:
    """The booth whose area contains the point, if any (and the manifest knows it)."""
    spec = venue.spaces.get(space)
    if spec is None:
        return None
    for area in spec.map.areas_at(x, y):
        if area.kind is AreaKind.BOOTH:
            booth = str(area.properties.get("booth"))
            if booth in venue.booths and venue.booths[booth].space == space:
                return booth
    return None


class Booths:
    """Booth staffing from presence, requests that ring staff, private conversations."""

    def __init__(
        self,
        booths: Iterable[str],
        limits: RequestLimits | None = None,
        new_id: Callable[[], str] = lambda: secrets.token_hex(8),
    ) -> None:
        self.booths = tuple(booths)
        self.limits = limits or RequestLimits()
        self.hidden: set[str] = set()
        self._new_id = new_id
        self._where: dict[str, str] = {}  # person -> booth whose area they stand in
        self._in_area: dict[str, set[str]] = {b: set() for b in self.booths}  # staff by area
        self._checked: dict[str, set[str]] = {b: set() for b in self.booths}  # list mode
        self._names: dict[str, str] = {}
        self._asked = KeyedLimiter(
            self.limits.per_window / self.limits.window, self.limits.per_window
        )
        self.requests: dict[str, ContactRequest] = {}
        self.conversations: dict[str, Conversation] = {}

    # -- staffing --------------------------------------------------------

    def staff(self, booth: str) -> list[str]:
        return sorted(self._in_area[booth] | self._checked[booth])

    def is_open(self, booth: str) -> bool:
        return bool(self._in_area[booth] or self._checked[booth]) and booth not in self.hidden

    def name(self, person_id: str) -> str:
        return self._names.get(person_id, "")

    def where(self, person_id: str) -> str | None:
        return self._where.get(person_id)

    def place(
        self,
        person_id: str,
        name: str,
        booth: str | None,
        staffs: Collection[str],
        now: dt.datetime,
    ) -> list[BoothEvent]:
        """Someone stands in `booth`'s area now (None: nowhere); `staffs` are their booths."""
        self._names[person_id] = name
        before = self._where.get(person_id)
        if before == booth:
            return []
        events: list[BoothEvent] = []
        if before is not None:
            del self._where[person_id]
            if before in staffs:
                events += self._staffing(before, lambda: self._in_area[before].discard(person_id))
            else:
                events.append(Visited(before, person_id, False, now))
        if booth is not None:
            self._where[person_id] = booth
            if booth in staffs:
                events += self._staffing(booth, lambda: self._in_area[booth].add(person_id), now)
            elif booth not in self.hidden:
                events.append(Visited(booth, person_id, True, now))
        shown = booth if booth is None or booth in staffs or booth not in self.hidden else None
        events.append(Here(person_id, shown))
        return self._stamp(events, now)

    def checkin(
        self,
        person_id: str,
        name: str,
        booth: str,
        present: bool,
        staffs: Collection[str],
        now: dt.datetime,
    ) -> list[BoothEvent]:
        """Staff a booth from list mode, without standing in it."""
        self._known(booth)
        if booth not in staffs:
            raise DomainError(Code.AUTH_FORBIDDEN, "You do not staff that booth.")
        self._names[person_id] = name
        checked = self._checked[booth]
        change = (lambda: checked.add(person_id)) if present else lambda: checked.discard(person_id)
        return self._stamp(self._staffing(booth, change, now), now)

    def leave(self, person_id: str, now: dt.datetime) -> list[BoothEvent]:
        """Someone left the venue: off duty, out of booths, requests withdrawn, talks over."""
        events: list[BoothEvent] = []
        before = self._where.pop(person_id, None)
        visiting = before is not None and person_id not in self._in_area[before]
        for booth in self.booths:
            if person_id in self._in_area[booth] or person_id in self._checked[booth]:

                def off(b: str = booth) -> None:
                    self._in_area[b].discard(person_id)
                    self._checked[b].discard(person_id)

                events += self._staffing(booth, off, now)
        if visiting and before is not None and before not in self.hidden:
            events.append(Visited(before, person_id, False, now))
        for request in self.requests.values():
            if request.visitor_id == person_id and request.state is RequestState.PENDING:
                request.state = RequestState.WITHDRAWN
                events.append(Withdrawn(request, tuple(self.staff(request.booth))))
        for conv in list(self.conversations.values()):
            if person_id in (conv.visitor_id, conv.staff_id):
                del self.conversations[conv.id]
                events.append(Left(conv, person_id))
        return self._stamp(events, now)

    def set_hidden(self, booth: str, hidden: bool, now: dt.datetime) -> list[BoothEvent]:
        """A moderator hides a booth: it is closed to visitors whoever staffs it."""
        self._known(booth)
        change = (lambda: self.hidden.add(booth)) if hidden else lambda: self.hidden.discard(booth)
        return self._stamp(self._staffing(booth, change, now), now)

    # -- requests and conversations ----------------------------------------

    def request(
        self, visitor_id: str, name: str, booth: str, share_email: bool, now: dt.datetime
    ) -> tuple[ContactRequest, list[BoothEvent]]:
        """Ask a booth's staff to talk; rings every staff member present."""
        self._known(booth)
        if booth in self.hidden:
            raise DomainError(Code.BOOTH_UNKNOWN, "There is no such booth.")
        if visitor_id in self.staff(booth):
            raise DomainError(Code.BOOTH_OWN, "You staff this booth yourself.")
        if not self.is_open(booth):
            raise DomainError(Code.BOOTH_CLOSED, "Nobody staffs this booth right now.")
        if any(
            r.visitor_id == visitor_id and r.booth == booth and r.state is RequestState.PENDING
            for r in self.requests.values()
        ):
            raise DomainError(Code.BOOTH_PENDING, "Your request is already ringing there.")
        if not self._asked.allow(visitor_id, now.timestamp()):
            raise DomainError(Code.BOOTH_FLOOD, "Too many requests; wait a minute.")
        self._names[visitor_id] = name
        request = ContactRequest(self._new_id(), booth, visitor_id, name, share_email, now)
        self.requests[request.id] = request
        return request, [Rang(request, tuple(self.staff(booth)))]

    def accept(self, staff_id: str, request_id: str, staffs: Collection[str]) -> list[BoothEvent]:
        """The first staff member to accept gets the conversation; later ones hear it is taken."""
        request = self.requests.get(request_id)
        if request is None:
            raise DomainError(Code.BOOTH_REQUEST_UNKNOWN, "There is no such request.")
        if request.booth not in staffs:
            raise DomainError(Code.AUTH_FORBIDDEN, "You do not staff that booth.")
        if request.state is RequestState.ACCEPTED:
            raise DomainError(Code.BOOTH_TAKEN, "Someone else has answered already.")
        if request.state is RequestState.WITHDRAWN:
            raise DomainError(Code.BOOTH_WITHDRAWN, "The visitor has left.")
        conv = Conversation(self._new_id(), request.booth, request.id, request.visitor_id, staff_id)
        request.state, request.staff_id, request.conversation = (
            RequestState.ACCEPTED,
            staff_id,
            conv.id,
        )
        self.conversations[conv.id] = conv
        others = tuple(s for s in self.staff(request.booth) if s != staff_id)
        return [Taken(request, conv, others)]

    def say(
        self, person_id: str, conversation_id: str, text: str, now: dt.datetime
    ) -> list[BoothEvent]:
        conv = self.conversations.get(conversation_id)
        if conv is None or person_id not in (conv.visitor_id, conv.staff_id):
            raise DomainError(Code.CONVERSATION_UNKNOWN, "There is no such conversation.")
        clean = clean_message(text)
        return [Said(conv, person_id, clean, now)]

    def pending(self, booth: str) -> list[ContactRequest]:
        return [
            r
            for r in self.requests.values()
            if r.booth == booth and r.state is RequestState.PENDING
        ]

    # -- internals -------------------------------------------------------

    def _known(self, booth: str) -> None:
        if booth not in self._in_area:
            raise DomainError(Code.BOOTH_UNKNOWN, "There is no such booth.")

    def _staffing(
        self, booth: str, change: Callable[[], None], now: dt.datetime | None = None
    ) -> list[BoothEvent]:
        was_open, staff = self.is_open(booth), self.staff(booth)
        change()
        events: list[BoothEvent] = []
        if staff != self.staff(booth) or was_open != self.is_open(booth):
            events.append(BoothChanged(booth))
        if was_open != self.is_open(booth):
            events.append(OpenChanged(booth, not was_open, now or _EPOCH))
        return events

    @staticmethod
    def _stamp(events: list[BoothEvent], now: dt.datetime) -> list[BoothEvent]:
        """Open/close changes computed without a time get `now`."""
        return [
            OpenChanged(e.booth, e.open, now)
            if isinstance(e, OpenChanged) and e.at is _EPOCH
            else e
            for e in events
        ]


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def visible_text(text: str) -> str:
    """Text as others see it: no control or format characters (bidi overrides, zero-width
    spaces) but newlines and the joiners that shape emoji and scripts; trimmed."""
    return "".join(
        ch
        for ch in text.replace("\r\n", "\n")
        if ch in "\n\u200c\u200d" or unicodedata.category(ch) not in _HIDDEN_CATEGORIES
    ).strip()


_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn"})


def clean_message(text: str) -> str:
    """A chat line or guestbook note: trimmed, nothing hidden (see `visible_text`)."""
    clean = visible_text(text)
    if not clean:
        raise DomainError(Code.BOOTH_TEXT_INVALID, "Write something first.")
    if len(clean) > MESSAGE_MAX:
        raise DomainError(Code.BOOTH_TEXT_INVALID, f"At most {MESSAGE_MAX} characters.")
    return clean


def next_opening(
    rota: Collection[int],
    starts: Sequence[dt.datetime],
    ends: Sequence[dt.datetime],
    now: dt.datetime,
) -> dt.datetime | None:
    """When a booth's rota says it opens next: the start of the first staffed block not over."""
    times = [starts[b] for b in rota if 0 <= b < len(starts) and ends[b] > now]
    return min(times, default=None)


@dataclass(frozen=True, slots=True)
class Interval:
    start: dt.datetime
    end: dt.datetime | None  # None: still going


@dataclass(slots=True)
class BoothStats:
    booth: str
    visitors: int = 0
    seconds_visited: float = 0.0
    answered: int = 0
    missed: int = 0
    seconds_open: float = 0.0
    _people: set[str] = field(default_factory=set)


def booth_stats(
    booth: str,
    visits: Iterable[tuple[str, Interval]],
    requests: Iterable[bool],
    open_periods: Iterable[Interval],
    now: dt.datetime,
) -> BoothStats:
    """Per booth: unique visitors, time spent, requests answered and missed, open time."""
    stats = BoothStats(booth)
    for person, interval in visits:
        stats._people.add(person)
        stats.seconds_visited += _seconds(interval, now)
    stats.visitors = len(stats._people)
    for answered in requests:
        if answered:
            stats.answered += 1
        else:
            stats.missed += 1
    stats.seconds_open = sum(_seconds(p, now) for p in open_periods)
    return stats


def _seconds(interval: Interval, now: dt.datetime) -> float:
    return max(0.0, ((interval.end or now) - interval.start).total_seconds())
