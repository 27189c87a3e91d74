"""The organiser's commands: `venue invite`, `venue db upgrade`, `venue db purge`."""

from __future__ import annotations

import datetime as dt
from typing import TextIO

from venue.accounts.identity import Identities
from venue.accounts.invites import check_invitation, create_invitation
from venue.clock import utcnow
from venue.domain.errors import DomainError
from venue.domain.venue import Venue
from venue.mail import notify
from venue.mail.mailer import Mailer
from venue.settings import Settings
from venue.store import migrations
from venue.store.db import Store

USAGE_ERROR = 2


class CommandError(Exception):
    """A refusal to print as `venue: <message>` with an exit status."""

    def __init__(self, message: str, status: int = USAGE_ERROR) -> None:
        super().__init__(message)
        self.status = status


async def invite(
    settings: Settings,
    venue: Venue,
    role: str,
    name: str,
    email: str | None,
    booths: list[str],
    out: TextIO | None = None,
) -> int:
    """Create a member of staff, print their personal link and e-mail it if asked."""
    try:
        invitation = check_invitation(venue, role, name, email, booths)
    except DomainError as exc:
        raise CommandError(exc.message) from None
    store = await Store.open(settings.database_url)
    try:
        identities = identities_for(settings, venue, store)
        try:
            record, token = await create_invitation(store, identities, invitation)
        except DomainError as exc:
            raise CommandError(exc.message) from None
        print(f"{record.role.value} {record.name}: {notify.link_url(settings, token)}", file=out)
        if record.email is None:
            return 0
        mailer = Mailer(settings)
        if not mailer.enabled:
            print("no SMTP configured (VENUE_SMTP_HOST): send the link yourself.", file=out)
            return 0
        try:
            await notify.send_link(mailer, settings, venue, record, token, "invite")
        except Exception as exc:  # the person and the link exist; say so and fail
            raise CommandError(
                f"the link above works, but e-mailing {record.email} failed: {exc}", 1
            ) from None
        print(f"e-mailed to {record.email}", file=out)
        return 0
    finally:
        await store.close()


def identities_for(settings: Settings, venue: Venue, store: Store) -> Identities:
    """The same identities the server uses, so links made here sign in there."""
    ends = venue.event.ends_at if venue.event else utcnow()
    return Identities(settings.secret(), venue.id, store, ends, settings.token_days)


async def upgrade(url: str, out: TextIO | None = None) -> int:
    """Apply pending migrations and print which."""
    store = await Store.open(url, upgrade=False)
    try:
        todo = await store.pending()
        if not todo:
            print("database is up to date", file=out)
            return 0
        names = {m.version: m.name for m in migrations.MIGRATIONS}
        applied = await store.upgrade()
        for version in applied:
            print(f"applied migration {version}: {names[version]}", file=out)
        return 0
    finally:
        await store.close()


def purge_after(venue: Venue, retention_days: int) -> dt.datetime:
    """When personal data may be deleted: the end of the event plus the retention period."""
    if venue.event is None:
        raise CommandError("the venue has no [event] with a date; nothing to count from")
    return venue.event.ends_at + dt.timedelta(days=retention_days)


async def purge(
    settings: Settings, venue: Venue, now: dt.datetime, dry_run: bool, out: TextIO | None = None
) -> int:
    """Delete every person's data once the retention period is over; before, say when."""
    after = purge_after(venue, settings.retention_days)
    assert venue.event is not None
    when = after.astimezone(venue.event.zone).strftime("%Y-%m-%d %H:%M %Z")
    if now < after:
        print(
            f"personal data is kept until {when} ({settings.retention_days} days after the "
            "event); nothing deleted",
            file=out,
        )
        return 0
    store = await Store.open(settings.database_url)
    try:
        if dry_run:
            count = await store.participants.count()
            print(f"dry run: would delete {count} people and their personal data", file=out)
            return 0
        count = await store.registrations.purge()
        print(f"deleted {count} people and their personal data", file=out)
        return 0
    finally:
        await store.close()
