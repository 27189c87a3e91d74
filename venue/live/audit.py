"""The moderators' audit log: who did what to whom, named as the people were then called."""

from __future__ import annotations

from venue.domain.permissions import Actor
from venue.domain.presence import Presence
from venue.store.db import Store
from venue.store.personal_data import person_ref
from venue.store.programme import AuditEntry


class AuditLog:
    """Writes entries; people acted upon are named so that deleting them can erase it."""

    def __init__(self, presence: Presence, store: Store) -> None:
        self._presence = presence
        self._store = store

    async def record(self, actor: Actor, action: str, detail: str) -> AuditEntry:
        return await self._store.programme.audit(actor.id, self.name(actor.id), action, detail)

    def ref(self, person_id: str) -> str:
        """A person acted upon, as the audit log names them (erasable on deletion)."""
        return person_ref(self.name(person_id), person_id)

    def name(self, person_id: str) -> str:
        person = self._presence.get(person_id)
        return person.name if person else person_id

    async def recent(self, limit: int = 50) -> list[AuditEntry]:
        return await self._store.programme.recent_audit(limit)
