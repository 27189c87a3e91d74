"""Chat live: who may post where and who receives it; direct messages, questions, mutes."""

from __future__ import annotations

from venue.domain.chat import (
    HISTORY,
    Channel,
    ChannelKind,
    clean_text,
    dm_key,
    dm_partner,
    may_ask,
    moderated,
)
from venue.domain.errors import Code, DomainError
from venue.domain.groups import Group
from venue.domain.people import Person, Role
from venue.domain.permissions import Actor, Permission, allowed
from venue.domain.presence import Presence
from venue.live.audit import AuditLog
from venue.live.groups import LiveGroups
from venue.live.ports import Ownership, Publisher
from venue.protocol.chat import (
    AuthorOut,
    ChatChangedOut,
    ChatHistoryOut,
    ChatMessageOut,
    DmConversationOut,
    InboxOut,
)
from venue.protocol.peers import Mute
from venue.protocol.presence import MutedOut
from venue.store.chat import StoredMessage
from venue.store.db import Store
from venue.store.personal_data import person_ref


class Conversations:
    """Every chat channel of the venue: spaces, nearby groups and tables, direct messages."""

    def __init__(
        self,
        presence: Presence,
        store: Store,
        publisher: Publisher,
        ownership: Ownership,
        audit: AuditLog,
        groups: LiveGroups,
    ) -> None:
        self._presence = presence
        self._store = store
        self._publisher = publisher
        self._ownership = ownership
        self._audit = audit
        self._groups = groups
        self.muted: set[str] = set()

    async def load(self) -> None:
        self.muted = await self._store.chat.muted()

    # -- posting -------------------------------------------------------------

    async def post(self, author_id: str, raw_channel: str, raw_text: str) -> ChatMessageOut:
        """Store a message and send it to exactly the channel's people; the author's copy."""
        author = self._author(author_id)
        text = clean_text(raw_text)
        channel = Channel.parse(raw_channel)
        key, people = await self._audience(author, channel, posting=True)
        stored = await self._store.chat.add(key, author.id, author.name, author.role, text)
        return await self._deliver(stored, author.id, channel, people)

    async def ask(self, author_id: str, raw_text: str) -> ChatMessageOut:
        """A question to the stage: a message marked as question in the space's channel."""
        author = self._author(author_id)
        text = clean_text(raw_text)
        space = self._presence.venue.spaces[author.space]
        if not may_ask(space.kind):
            raise DomainError(
                Code.CHAT_NO_QUESTIONS, "Questions are asked in plenary and workshops."
            )
        key = f"space:{space.id}"
        stored = await self._store.chat.add(
            key, author.id, author.name, author.role, text, question=True
        )
        return await self._deliver(stored, author.id, Channel.parse(key), None)

    async def history(self, person_id: str, raw_channel: str) -> ChatHistoryOut:
        me = self._presence.require(person_id)
        channel = Channel.parse(raw_channel)
        key, _people = await self._audience(me, channel, posting=False)
        messages = await self._store.chat.history(key, HISTORY)
        if channel.kind in (ChannelKind.GROUP, ChannelKind.TABLE):
            # a conversation one joins is read from then on, not what was said before
            since = self._groups.joined_at(str(channel), me.id)
            messages = [m for m in messages if since is not None and m.at >= since]
        unread = 0
        if channel.kind is ChannelKind.DM:
            unread = (await self._store.chat.conversations(me.id)).get(key, (0, ""))[0]
        return ChatHistoryOut(
            channel=str(channel),
            messages=[message_out(m, str(channel)) for m in messages],
            unread=unread,
        )

    async def mark_read(self, person_id: str, raw_channel: str, upto: int) -> None:
        """Everything in a channel up to message `upto` has been read (unread counts)."""
        channel = Channel.parse(raw_channel)
        key = dm_key(person_id, channel.target) if channel.kind is ChannelKind.DM else str(channel)
        await self._store.chat.mark_read(person_id, key, upto)

    async def inbox(self, person_id: str) -> InboxOut:
        """One's direct-message conversations with unread counts, and whom one blocked."""
        talks = await self._store.chat.conversations(person_id)
        return InboxOut(
            conversations=[
                DmConversationOut(channel=f"dm:{other}", person=other, name=name, unread=unread)
                for key, (unread, name) in sorted(talks.items())
                if (other := dm_partner(key, person_id)) is not None
            ],
            blocked=await self._store.chat.blocked_by(person_id),
        )

    async def block(self, person_id: str, other: str, blocked: bool) -> None:
        """Refuse (or accept again) direct messages between two people."""
        if other == person_id or await self._store.participants.get(other) is None:
            raise DomainError(Code.PERSON_UNKNOWN, "Nobody with that id is here.")
        await self._store.chat.set_blocked(person_id, other, blocked)

    async def delete(self, actor: Actor, message_id: int) -> None:
        """A moderator deletes a message of a space's chat: its readers see it go; the log
        names the message and its author, never what it said."""
        stored = await self._moderated(message_id, question=False)
        await self._store.chat.mark(message_id, deleted=True)
        await self._changed(stored, deleted=True)
        author = person_ref(stored.author_name, stored.author_id or "")
        await self._audit.record(actor, "chat.delete", f"message {message_id} by {author}")

    async def answered(self, message_id: int) -> None:
        """A moderator marks a question to the stage answered."""
        stored = await self._moderated(message_id, question=True)
        await self._store.chat.mark(message_id, answered=True)
        await self._changed(stored, deleted=False)

    async def _moderated(self, message_id: int, *, question: bool) -> StoredMessage:
        """A message moderators may act on: in a space's chat (questions are asked there).

        Group, table and direct messages are private: to a moderator they do not exist, as
        if their ids (sequential across channels) had never been given out."""
        stored = await self._store.chat.get(message_id)
        if stored is None or not moderated(stored.channel) or (question and not stored.question):
            raise DomainError(Code.CHAT_MESSAGE_UNKNOWN, "There is no such message.")
        return stored

    async def _changed(self, stored: StoredMessage, *, deleted: bool) -> None:
        """The readers of a space's chat learn that one of its messages changed."""
        out = ChatChangedOut(
            id=stored.id, channel=stored.channel, deleted=deleted, answered=not deleted
        )
        await self._publisher.to_space(stored.channel.partition(":")[2], out, relay=True)

    async def mute(self, actor: Actor, person_id: str, muted: bool) -> None:
        """Mute or unmute someone in every chat, on every process; present or not."""
        record = await self._store.participants.get(person_id)
        if record is None:
            raise DomainError(Code.PERSON_UNKNOWN, "Nobody with that id is registered.")
        if allowed(Actor(record.id, record.role, record.booths), Permission.MODERATE):
            raise DomainError(Code.AUTH_FORBIDDEN, "Moderators cannot mute each other.")
        await self._store.chat.set_muted(record.id, muted)
        self.muted_here(record.id, muted)
        await self._ownership.tell(Mute(p=record.id, m=muted))
        await self._publisher.to_people([record.id], MutedOut(muted=muted), relay=True)
        action = "mute" if muted else "unmute"
        await self._audit.record(actor, action, person_ref(record.name, record.id))

    def muted_here(self, person_id: str, muted: bool) -> None:
        """A mute decided here or by another process."""
        (self.muted.add if muted else self.muted.discard)(person_id)

    # -- who may post where --------------------------------------------------

    def _author(self, person_id: str) -> Person:
        person = self._presence.require(person_id)
        if person_id in self.muted:
            raise DomainError(Code.CHAT_MUTED, "A moderator has muted you.")
        return person

    async def _audience(
        self, me: Person, channel: Channel, posting: bool
    ) -> tuple[str, frozenset[str] | None]:
        """The stored key and the recipients (None: the space's room), or a refusal."""
        match channel.kind:
            case ChannelKind.SPACE:
                if channel.target != me.space:
                    raise DomainError(Code.CHAT_NOT_MEMBER, "You are not in that space.")
                return str(channel), None
            case ChannelKind.GROUP | ChannelKind.TABLE:
                group = self._group_of_channel(channel)
                if group is None or me.id not in group.members:
                    raise DomainError(Code.CHAT_NOT_MEMBER, "You are not in that conversation.")
                return str(channel), group.members
            case ChannelKind.DM:
                other = channel.target
                if other == me.id or await self._store.participants.get(other) is None:
                    raise DomainError(Code.PERSON_UNKNOWN, "Nobody with that id is here.")
                if posting and await self._store.chat.blocked_either(me.id, other):
                    raise DomainError(Code.CHAT_BLOCKED, "You cannot write to this person.")
                return dm_key(me.id, other), frozenset({me.id, other})

    def _group_of_channel(self, channel: Channel) -> Group | None:
        groups = self._groups.groups
        if channel.kind is ChannelKind.TABLE:
            return groups.at_table(channel.target, channel.area)
        return groups.find(channel.target)

    async def _deliver(
        self,
        stored: StoredMessage,
        author_id: str,
        channel: Channel,
        people: frozenset[str] | None,
    ) -> ChatMessageOut:
        publisher = self._publisher
        if channel.kind is ChannelKind.DM:
            other = channel.target
            await publisher.to_people([other], message_out(stored, f"dm:{author_id}"), relay=True)
            mine = message_out(stored, f"dm:{other}")
            await publisher.to_people([author_id], mine)
            return mine
        out = message_out(stored, str(channel))
        if people is None:
            await publisher.to_space(channel.target, out, relay=True)
        else:
            await publisher.to_people(sorted(people), out, relay=True)
        return out


def message_out(stored: StoredMessage, channel: str) -> ChatMessageOut:
    return ChatMessageOut(
        id=stored.id,
        channel=channel,
        author=AuthorOut(
            id=stored.author_id,
            name=stored.author_name,
            role=Role(stored.author_role) if stored.author_role else None,
        ),
        text=stored.text,
        at=stored.at,
        question=stored.question,
        answered=stored.answered,
    )
