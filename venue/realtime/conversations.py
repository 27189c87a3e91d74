"""Chat and groups live: who may post where, who receives it, group changes each tick.

Groups are recomputed once per tick for the spaces where someone moved, arrived or left
(never per move and recipient, GUIDE §4); each changed group's update is encoded once.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from venue.domain.chat import HISTORY, Channel, ChannelKind, clean_text, dm_key, may_ask
from venue.domain.errors import DomainError
from venue.domain.groups import Group, GroupChange, GroupRules, Groups
from venue.domain.people import Person, Role
from venue.realtime.protocol import (
    AuthorOut,
    ChatChangedOut,
    ChatHistoryOut,
    ChatMessageOut,
    GroupUpdateOut,
    MemberOut,
    Outbound,
)
from venue.realtime.rooms import person_room, space_room
from venue.store.chat import StoredMessage

if TYPE_CHECKING:
    from venue.realtime.commands import Context


class Conversations:
    """Channels, mutes and the nearby groups of the venue."""

    def __init__(self, ctx: Context, rules: GroupRules) -> None:
        self.ctx = ctx
        self.groups = Groups(rules)
        self.muted: set[str] = set()
        self._names: dict[str, str] = {}

    async def load(self) -> None:
        self.muted = await self.ctx.store.chat.muted()

    # -- posting -------------------------------------------------------------

    async def post(self, author_id: str, raw_channel: str, raw_text: str) -> ChatMessageOut:
        """Store a message and send it to exactly the channel's people; the author's copy."""
        author = self._author(author_id)
        text = clean_text(raw_text)
        channel = Channel.parse(raw_channel)
        key, people = await self._audience(author, channel, posting=True)
        stored = await self.ctx.store.chat.add(key, author.id, author.name, author.role, text)
        return await self._deliver(stored, author.id, channel, people)

    async def ask(self, author_id: str, raw_text: str) -> ChatMessageOut:
        """A question to the stage: a message marked as question in the space's channel."""
        author = self._author(author_id)
        text = clean_text(raw_text)
        space = self.ctx.presence.venue.spaces[author.space]
        if not may_ask(space.kind):
            raise DomainError("chat.no_questions", "Questions are asked in plenary and workshops.")
        key = f"space:{space.id}"
        stored = await self.ctx.store.chat.add(
            key, author.id, author.name, author.role, text, question=True
        )
        return await self._deliver(stored, author.id, Channel.parse(key), None)

    async def history(self, person_id: str, raw_channel: str) -> ChatHistoryOut:
        me = self.ctx.presence.require(person_id)
        channel = Channel.parse(raw_channel)
        key, _people = await self._audience(me, channel, posting=False)
        messages = await self.ctx.store.chat.history(key, HISTORY)
        unread = 0
        if channel.kind is ChannelKind.DM:
            unread = (await self.ctx.store.chat.conversations(me.id)).get(key, (0, ""))[0]
        return ChatHistoryOut(
            channel=str(channel),
            messages=[message_out(m, str(channel)) for m in messages],
            unread=unread,
        )

    def stored_key(self, person_id: str, raw_channel: str) -> str:
        channel = Channel.parse(raw_channel)
        if channel.kind is ChannelKind.DM:
            return dm_key(person_id, channel.target)
        return str(channel)

    async def change(self, message_id: int, *, deleted: bool = False) -> StoredMessage:
        """A moderator deletes a message or marks a question answered; its readers learn it."""
        stored = await self.ctx.store.chat.get(message_id)
        if stored is None or (not deleted and not stored.question):
            raise DomainError("chat.message_unknown", "There is no such message.")
        if deleted:
            await self.ctx.store.chat.mark(message_id, deleted=True)
        else:
            await self.ctx.store.chat.mark(message_id, answered=True)
        kind, _, rest = stored.channel.partition(":")
        send = self.ctx.broadcaster.send
        if kind == ChannelKind.DM:
            low, _, high = rest.partition(":")
            for me, other in ((low, high), (high, low)):
                out = ChatChangedOut(
                    id=message_id, channel=f"dm:{other}", deleted=deleted, answered=not deleted
                )
                await send(Outbound.CHAT_CHANGED, out, person_room(me), relay=True)
            return stored
        out = ChatChangedOut(
            id=message_id, channel=stored.channel, deleted=deleted, answered=not deleted
        )
        if kind == ChannelKind.SPACE:
            await send(Outbound.CHAT_CHANGED, out, space_room(rest), relay=True)
        else:
            group = self._group_of_channel(Channel.parse(stored.channel))
            if group is not None:
                await self.ctx.broadcaster.send_people(
                    Outbound.CHAT_CHANGED, out, group.members, relay=True
                )
        return stored

    # -- groups --------------------------------------------------------------

    async def regroup(self, spaces: Iterable[str]) -> None:
        """Recompute the groups of the spaces that changed this tick and tell those concerned."""
        presence = self.ctx.presence
        for space_id in spaces:
            space = presence.venue.spaces.get(space_id)
            if space is None:
                continue
            roster = presence.roster(space_id)
            for person in roster:
                self._names[person.id] = person.name
            positions = {p.id: (p.x, p.y) for p in roster}
            changes = self.groups.recompute(space_id, space.map, positions)
            if changes:
                await self._announce(space_id, changes)

    async def _announce(self, space_id: str, changes: list[GroupChange]) -> None:
        told: set[str] = set()
        send_people = self.ctx.broadcaster.send_people
        for change in changes:
            group = change.group
            if group.members:
                out = self._group_out(space_id, group, change.joined, change.left)
                await send_people(Outbound.GROUP_UPDATE, out, sorted(group.members))
                told |= group.members
        for change in changes:
            alone = sorted(pid for pid in change.left if pid not in told)
            if alone:
                out = GroupUpdateOut(
                    space=space_id,
                    group=None,
                    channel=None,
                    table=None,
                    members=[],
                    joined=[],
                    left=self._members(alone),
                )
                await send_people(Outbound.GROUP_UPDATE, out, alone)
                told.update(alone)

    async def mute(self, person_id: str, muted: bool) -> None:
        """Mute or unmute someone in every chat, on every process."""
        (self.muted.add if muted else self.muted.discard)(person_id)
        if self.ctx.cluster is not None:
            await self.ctx.cluster.post("mute", p=person_id, m=muted)

    def group_now(self, person_id: str) -> GroupUpdateOut:
        """One's group as it is (for someone who just connected)."""
        person = self.ctx.presence.require(person_id)
        group = self.groups.of(person.space, person_id)
        if group is None:
            return GroupUpdateOut(
                space=person.space,
                group=None,
                channel=None,
                table=None,
                members=[],
                joined=[],
                left=[],
            )
        return self._group_out(person.space, group, frozenset(), frozenset())

    def _group_out(
        self, space_id: str, group: Group, joined: Iterable[str], left: Iterable[str]
    ) -> GroupUpdateOut:
        return GroupUpdateOut(
            space=space_id,
            group=group.id,
            channel=group.channel,
            table=group.table,
            members=self._members(sorted(group.members)),
            joined=self._members(sorted(joined)),
            left=self._members(sorted(left)),
        )

    def _members(self, ids: Iterable[str]) -> list[MemberOut]:
        return [MemberOut(id=pid, name=self._names.get(pid, "?")) for pid in ids]

    # -- who may post where --------------------------------------------------

    def _author(self, person_id: str) -> Person:
        person = self.ctx.presence.require(person_id)
        if person_id in self.muted:
            raise DomainError("chat.muted", "A moderator has muted you.")
        return person

    async def _audience(
        self, me: Person, channel: Channel, posting: bool
    ) -> tuple[str, frozenset[str] | None]:
        """The stored key and the recipients (None: the space's room), or a refusal."""
        match channel.kind:
            case ChannelKind.SPACE:
                if channel.target != me.space:
                    raise DomainError("chat.not_member", "You are not in that space.")
                return str(channel), None
            case ChannelKind.GROUP | ChannelKind.TABLE:
                group = self._group_of_channel(channel)
                if group is None or me.id not in group.members:
                    raise DomainError("chat.not_member", "You are not in that conversation.")
                return str(channel), group.members
            case ChannelKind.DM:
                other = channel.target
                if other == me.id or await self.ctx.store.participants.get(other) is None:
                    raise DomainError("person.unknown", "Nobody with that id is here.")
                if posting and await self.ctx.store.chat.blocked_either(me.id, other):
                    raise DomainError("chat.blocked", "You cannot write to this person.")
                return dm_key(me.id, other), frozenset({me.id, other})

    def _group_of_channel(self, channel: Channel) -> Group | None:
        if channel.kind is ChannelKind.TABLE:
            return self.groups.at_table(channel.target, channel.area)
        return self.groups.find(channel.target)

    async def _deliver(
        self,
        stored: StoredMessage,
        author_id: str,
        channel: Channel,
        people: frozenset[str] | None,
    ) -> ChatMessageOut:
        broadcaster = self.ctx.broadcaster
        if channel.kind is ChannelKind.DM:
            other = channel.target
            dm = message_out(stored, f"dm:{author_id}")
            await broadcaster.send(Outbound.CHAT_MESSAGE, dm, person_room(other), relay=True)
            mine = message_out(stored, f"dm:{other}")
            await broadcaster.send(Outbound.CHAT_MESSAGE, mine, person_room(author_id))
            return mine
        out = message_out(stored, str(channel))
        if people is None:
            await broadcaster.send(
                Outbound.CHAT_MESSAGE, out, space_room(channel.target), relay=True
            )
        else:
            await broadcaster.send_people(Outbound.CHAT_MESSAGE, out, sorted(people), relay=True)
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
