"""iCalendar (RFC 5545) files of the programme, with stable UIDs, in the event's time zone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from icalendar import Calendar, Event

from venue.clock import utcnow
from venue.domain.programme import Slot
from venue.domain.venue import Venue
from venue.schedule.export import HTTP_URL, base_url_of

VENUE_LINE = {"de": "Zum digitalen Veranstaltungsort: {url}", "en": "To the digital venue: {url}"}


def calendar(venue: Venue, slots: Iterable[Slot], lang: str, name: str, public_url: str) -> bytes:
    """A calendar of `slots`; each event's UID is the slot's guid at the venue id, its times
    are in the event's zone (with its VTIMEZONE), its URL leads to it in the venue's programme,
    and its description's last line to the venue itself."""
    zone = venue.event.zone if venue.event else dt.UTC
    cal = Calendar()
    cal.add("prodid", "-//venue//venue//DE")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    if venue.event:
        cal.add("x-wr-timezone", venue.event.timezone)
    stamp = utcnow().replace(microsecond=0)
    base = base_url_of(public_url)
    for slot in slots:
        event = Event()
        event.add("uid", f"{slot.guid}@{venue.id}")
        event.add("dtstamp", stamp)
        event.add("dtstart", slot.start.astimezone(zone))
        event.add("dtend", slot.end.astimezone(zone))
        event.add("summary", slot.title)
        space = venue.spaces.get(slot.space or "")
        event.add("location", space.name.get(lang) if space else slot.room)
        # the venue, at this event; the event's own page (pretalx, frab) comes as well
        event.add("url", f"{base}programme#slot-{slot.guid}")
        own = slot.source.get("url")
        if isinstance(own, str) and HTTP_URL.match(own):
            event.add("attach", own)
        track = slot.source.get("track")
        if isinstance(track, str) and track:
            event.add("categories", [track])
        link = VENUE_LINE.get(lang, VENUE_LINE["de"]).format(url=base)
        event.add(
            "description", "\n\n".join(p for p in (slot.abstract, slot.description, link) if p)
        )
        cal.add_component(event)
    cal.add_missing_timezones()
    return bytes(cal.to_ical())
