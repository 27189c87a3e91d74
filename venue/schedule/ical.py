"""iCalendar (RFC 5545) files of the programme, with stable UIDs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from icalendar import Calendar, Event

from venue.clock import utcnow
from venue.domain.programme import Slot
from venue.domain.venue import Venue

VENUE_LINE = {"de": "Zum digitalen Veranstaltungsort: {url}", "en": "To the digital venue: {url}"}


def calendar(venue: Venue, slots: Iterable[Slot], lang: str, name: str, url: str) -> bytes:
    """A calendar of `slots`; each event's UID is the slot's guid at the venue id, and each
    links to the venue at `url` (URL property and the description's last line)."""
    cal = Calendar()
    cal.add("prodid", "-//venue//venue//DE")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    stamp = utcnow().replace(microsecond=0)
    for slot in slots:
        event = Event()
        event.add("uid", f"{slot.guid}@{venue.id}")
        event.add("dtstamp", stamp)
        # in UTC: a fixed offset from schedule.json would be written as an unknown TZID
        event.add("dtstart", slot.start.astimezone(dt.UTC))
        event.add("dtend", slot.end.astimezone(dt.UTC))
        event.add("summary", slot.title)
        space = venue.spaces.get(slot.space or "")
        event.add("location", space.name.get(lang) if space else slot.room)
        event.add("url", url)
        link = VENUE_LINE.get(lang, VENUE_LINE["de"]).format(url=url)
        event.add(
            "description", "\n\n".join(p for p in (slot.abstract, slot.description, link) if p)
        )
        cal.add_component(event)
    return bytes(cal.to_ical())
