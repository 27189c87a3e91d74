"""Invites for staff (exhibitors, moderators, organisers): `venue invite` and /organiser."""

from __future__ import annotations

import re
from dataclasses import dataclass

from venue.accounts.identity import Identities
from venue.domain.errors import Code, DomainError
from venue.domain.people import Role, clean_display_name
from venue.domain.venue import Venue
from venue.store.db import ParticipantRecord, Store

STAFF_ROLES = (Role.MODERATOR, Role.EXHIBITOR, Role.ORGANISER)
EMAIL_MAX = 254
# deliberately loose: one @, a dot in the domain, no spaces; the mail server has the last word
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True, slots=True)
class Invitation:
    """What an invite asks for, checked against the venue before anything is stored."""

    role: Role
    name: str
    email: str | None
    booths: frozenset[str]


def check_invitation(
    venue: Venue, role: str, name: str, email: str | None, booths: list[str]
) -> Invitation:
    """A valid invitation, or DomainError naming what is wrong."""
    if role not in {r.value for r in STAFF_ROLES}:
        choices = ", ".join(r.value for r in STAFF_ROLES)
        raise DomainError(Code.INVITE_ROLE, f"Unknown role {role!r}; choose one of: {choices}.")
    clean_name = clean_display_name(name)
    clean_email = (email or "").strip() or None
    if clean_email is not None and (len(clean_email) > EMAIL_MAX or not _EMAIL.match(clean_email)):
        raise DomainError(Code.INVITE_EMAIL, f"{clean_email!r} is not an e-mail address.")
    unknown = [b for b in booths if b not in venue.booths]
    if unknown:
        valid = ", ".join(sorted(venue.booths)) or "(the venue has no booths)"
        raise DomainError(
            Code.INVITE_BOOTH,
            f"Unknown booth {unknown[0]!r}; the booths of this venue are: {valid}.",
        )
    if role == Role.EXHIBITOR.value and not booths:
        valid = ", ".join(sorted(venue.booths)) or "(the venue has no booths)"
        raise DomainError(
            Code.INVITE_BOOTH, f"An exhibitor needs at least one booth; choose from: {valid}."
        )
    if role != Role.EXHIBITOR.value and booths:
        raise DomainError(Code.INVITE_BOOTH, "Only exhibitors staff booths.")
    return Invitation(Role(role), clean_name, clean_email, frozenset(booths))


async def create_invitation(
    store: Store, identities: Identities, invitation: Invitation
) -> tuple[ParticipantRecord, str]:
    """Create the person and their personal link; nothing stays behind if either fails."""
    if invitation.email and await store.participants.by_email(invitation.email):
        raise DomainError(
            Code.INVITE_EMAIL_TAKEN, f"Someone with the e-mail {invitation.email} already exists."
        )
    record = await store.participants.create(
        invitation.name, invitation.role, invitation.email, invitation.booths
    )
    try:
        token = await identities.issue(record.id, "invite")
    except BaseException:
        await store.registrations.delete(record.id)
        raise
    return record, token
