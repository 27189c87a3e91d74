"""Text chat: channel names, clean message text, where questions to the stage are asked."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from venue.domain.errors import Code, DomainError
from venue.domain.venue import SpaceKind

TEXT_MAX = 1000
HISTORY = 50  # messages of a channel shown on entering it
QUESTION_SPACES = frozenset({SpaceKind.PLENARY, SpaceKind.WORKSHOP})

_BLANK_LINES = re.compile(r"\n{3,}")
_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_AREA = re.compile(r"^[^\x00-\x1f\x7f]{1,100}$")


class ChannelKind(StrEnum):
    SPACE = "space"
    GROUP = "group"
    TABLE = "table"
    DM = "dm"


@dataclass(frozen=True, slots=True)
class Channel:
    """A channel as a client names it; `dm:<person>` is relative to the one who names it."""

    kind: ChannelKind
    target: str  # space id, group id, person id
    area: str = ""  # the table area of a table channel

    @classmethod
    def parse(cls, raw: str) -> Channel:
        kind, _, rest = raw.partition(":")
        if kind == ChannelKind.TABLE:
            space, _, area = rest.partition(":")
            if _ID.match(space) and _AREA.match(area):
                return cls(ChannelKind.TABLE, space, area)
        elif kind in ChannelKind.__members__.values() and _ID.match(rest):
            return cls(ChannelKind(kind), rest)
        raise DomainError(Code.CHAT_CHANNEL_UNKNOWN, f"There is no channel {raw[:80]!r}.")

    def __str__(self) -> str:
        if self.kind is ChannelKind.TABLE:
            return f"table:{self.target}:{self.area}"
        return f"{self.kind.value}:{self.target}"


def dm_key(a: str, b: str) -> str:
    """The stored name of the conversation between two people, the same from either side."""
    low, high = sorted((a, b))
    return f"dm:{low}:{high}"


def dm_partner(key: str, me: str) -> str | None:
    """The other person of a stored DM conversation, None if `me` is not in it."""
    _, low, high = key.split(":")
    return high if low == me else low if high == me else None


def clean_text(raw: str) -> str:
    """A message as shown: NFC, trimmed, 1–1000 characters, line breaks kept, no controls."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n")).strip()
    text = _BLANK_LINES.sub("\n\n", text)
    if not 1 <= len(text) <= TEXT_MAX:
        raise DomainError(Code.CHAT_TEXT_INVALID, f"A message has 1 to {TEXT_MAX} characters.")
    for ch in text:
        category = unicodedata.category(ch)
        if ch not in "\n\t\u200c\u200d" and category in ("Cc", "Cf", "Cs", "Co", "Cn"):
            raise DomainError(
                Code.CHAT_TEXT_INVALID, "A message must not contain control characters."
            )
    return text


def may_ask(kind: SpaceKind) -> bool:
    """Questions to the stage are asked in the plenary and in workshops."""
    return kind in QUESTION_SPACES


def moderated(stored_channel: str) -> bool:
    """Whether moderators act on a channel's messages: the spaces' chats (and the questions
    asked there), never groups, tables or direct messages."""
    return stored_channel.partition(":")[0] == ChannelKind.SPACE
