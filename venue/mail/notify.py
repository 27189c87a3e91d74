"""Messages to people: their personal link, by e-mail, with their calendar attached."""

from __future__ import annotations

from venue.domain.venue import Venue
from venue.mail.mailer import Attachment, Mailer
from venue.schedule.ical import calendar
from venue.settings import Settings
from venue.store.db import ParticipantRecord

SUBJECTS = {
    "registered": {"de": "Ihre Anmeldung: {title}", "en": "Your registration: {title}"},
    "waiting": {"de": "Warteliste: {title}", "en": "Waiting list: {title}"},
    "promoted": {"de": "Sie haben einen Platz: {title}", "en": "You have a place: {title}"},
    "link": {"de": "Ihr persönlicher Link: {title}", "en": "Your personal link: {title}"},
    "invite": {"de": "Einladung: {title}", "en": "Invitation: {title}"},
}

OPENINGS = {
    "registered": {
        "de": "vielen Dank für Ihre Anmeldung. Ihr Workshop: {workshop}.",
        "en": "thank you for registering. Your workshop: {workshop}.",
    },
    "waiting": {
        "de": "der Workshop {workshop} ist ausgebucht; Sie stehen auf der Warteliste. "
        "Wird ein Platz frei, rücken Sie automatisch nach und erhalten eine Nachricht.",
        "en": "the workshop {workshop} is full; you are on its waiting list. "
        "When a place frees up you move up automatically and we let you know.",
    },
    "promoted": {
        "de": "ein Platz ist frei geworden: Sie sind jetzt für {workshop} angemeldet.",
        "en": "a place has become free: you are now registered for {workshop}.",
    },
    "link": {
        "de": "hier ist Ihr persönlicher Link zur Veranstaltung.",
        "en": "here is your personal link to the event.",
    },
    "invite": {
        "de": "Sie sind als {role} zur Veranstaltung eingeladen.",
        "en": "you are invited to the event as {role}.",
    },
}

BODY = {
    "de": "Guten Tag {name},\n\n{opening}\n\nIhr persönlicher Link (bitte nicht weitergeben):\n"
    "{link}\n\nÜber diesen Link betreten Sie den digitalen Veranstaltungsort, ändern Ihre "
    "Anmeldung, laden Ihre Daten herunter oder löschen sie.\n\n{title}\n",
    "en": "Hello {name},\n\n{opening}\n\nYour personal link (please do not share it):\n"
    "{link}\n\nWith this link you enter the digital venue, change your registration, download "
    "your data or delete it.\n\n{title}\n",
}

ROLE_NAMES = {
    "participant": {"de": "Teilnehmende:r", "en": "participant"},
    "exhibitor": {"de": "Aussteller:in", "en": "exhibitor"},
    "moderator": {"de": "Moderator:in", "en": "moderator"},
    "organiser": {"de": "Organisator:in", "en": "organiser"},
}


def link_url(settings: Settings, token: str) -> str:
    """The personal link: opening it signs the browser in."""
    return f"{settings.public_url.rstrip('/')}/t/{token}"


def personal_calendar(venue: Venue, record: ParticipantRecord, lang: str, public_url: str) -> bytes:
    """The slots this person attends: everything but the workshop they did not choose."""
    workshops = [w.id for w in venue.workshops()]
    seated = record.workshop if record.registration == "registered" else None
    slots = venue.programme.attended_by(seated, workshops)
    return calendar(venue, slots, lang, venue.title.get(lang), public_url)


def compose(
    venue: Venue, record: ParticipantRecord, kind: str, link: str, lang: str
) -> tuple[str, str]:
    """Subject and text of a message of `kind` (see SUBJECTS) in `lang`."""
    lang = lang if lang in ("de", "en") else "de"
    title = venue.title.get(lang)
    workshop = venue.spaces[record.workshop].name.get(lang) if record.workshop else ""
    role = ROLE_NAMES[record.role.value][lang]
    opening = OPENINGS[kind][lang].format(workshop=workshop, role=role)
    opening = opening[0].upper() + opening[1:] if lang == "en" else opening
    body = BODY[lang].format(name=record.name, opening=opening, link=link, title=title)
    return SUBJECTS[kind][lang].format(title=title), body


async def send_link(
    mailer: Mailer,
    settings: Settings,
    venue: Venue,
    record: ParticipantRecord,
    token: str,
    kind: str,
) -> bool:
    """E-mail a personal link with the person's calendar; False when there is no SMTP/e-mail."""
    lang = record.lang or "de"
    subject, text = compose(venue, record, kind, link_url(settings, token), lang)
    if record.email is None:
        return False
    ics = personal_calendar(venue, record, lang, settings.public_url)
    attachment = Attachment("programme.ics", ics, "text", "calendar")
    return await mailer.send(record.email, subject, text, (attachment,))
