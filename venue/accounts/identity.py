"""Who someone is: personal links with signed tokens, stored only as digests."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from itsdangerous import BadSignature, Signer

from venue.clock import utcnow
from venue.domain.people import Role, clean_display_name
from venue.domain.permissions import Actor
from venue.store.db import ParticipantRecord, Store
from venue.store.tokens import TokenRecord

COOKIE = "venue_token"
TOKEN_MAX = 256
SESSION = "session"  # the purpose of a browser's own token, issued when it signs in
GUEST = "guest"
SIGNED_OUT = frozenset({SESSION, GUEST})  # what signing out deletes (never a mailed link)


def actor_of(record: ParticipantRecord | None) -> Actor | None:
    return None if record is None else Actor(record.id, record.role, record.booths)


class Identities:
    """Issues and resolves tokens. A token is a random secret signed for this venue.

    The signature turns away forged tokens and tokens of another event without touching the
    database; the store keeps a SHA-256 digest, so a leaked database holds no usable link.
    """

    def __init__(
        self, secret: str, venue_id: str, store: Store, event_end: dt.datetime, days: int
    ) -> None:
        self._signer = Signer(secret, salt=f"venue.token.{venue_id}")
        self._store = store
        self._event_end = event_end
        self._lifetime = dt.timedelta(days=days)

    def expiry(self, now: dt.datetime) -> dt.datetime:
        """Links last `days` after the event, or after today for an event already past."""
        return max(self._event_end, now) + self._lifetime

    async def issue(self, participant_id: str, purpose: str) -> str:
        raw = secrets.token_urlsafe(24)
        now = utcnow()
        await self._store.tokens.add(_digest(raw), participant_id, purpose, self.expiry(now))
        return self._signer.sign(raw).decode()

    async def sign_in(self, participant_id: str) -> str:
        """A token for one browser, so that signing out there leaves the personal link valid."""
        return await self.issue(participant_id, SESSION)

    async def sign_out(self, token: object) -> None:
        """Delete a browser's token (a guest's is their only one: they are gone); it then
        looks like any unknown token, not like access the organisers revoked."""
        digest = self._digest_of(token)
        found = None if digest is None else await self._store.tokens.find(digest)
        if digest is not None and found is not None and found.purpose in SIGNED_OUT:
            await self._store.tokens.forget(digest)

    async def resolve(self, token: object) -> ParticipantRecord | None:
        """The participant a token names; None if missing, forged, foreign, expired or revoked."""
        found = await self._stored(token)
        if found is None or found.revoked_at is not None:
            return None
        if found.expires_at <= utcnow():
            return None
        return await self._store.participants.get(found.participant_id)

    async def revoked(self, token: object) -> bool:
        """Whether `token` is a genuine personal link the organisers revoked (not a forgery:
        only then is the person told so)."""
        found = await self._stored(token)
        return found is not None and found.revoked_at is not None

    async def _stored(self, token: object) -> TokenRecord | None:
        """The stored link of a genuinely signed token, revoked or expired or not."""
        digest = self._digest_of(token)
        return None if digest is None else await self._store.tokens.find(digest)

    def _digest_of(self, token: object) -> str | None:
        """The stored digest of a token with a valid signature, else None."""
        if not isinstance(token, str) or not 0 < len(token) <= TOKEN_MAX:
            return None
        try:
            return _digest(self._signer.unsign(token).decode())
        except (BadSignature, UnicodeDecodeError):
            return None

    async def join_as_guest(self, raw_name: str) -> tuple[ParticipantRecord, str]:
        """A new guest with a display name; raises DomainError(name.invalid)."""
        name = clean_display_name(raw_name)
        record = await self._store.participants.create(name, Role.PARTICIPANT)
        return record, await self.issue(record.id, GUEST)


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()
