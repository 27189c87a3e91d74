"""Interests: tags from the organiser's list and a line of what one offers and looks for.

They match people in speed networking; others see them on one's card only with consent.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from venue.domain.errors import Code, DomainError

TAGS_MAX = 5  # more would make every pair "match"; the seed offers six fields
LINE_MAX = 140  # "I can offer" and "I am looking for": one short line each

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Profile:
    """What a person told about their interests; `visible` is their consent to show it."""

    tags: tuple[str, ...] = ()
    offer: str = ""
    seeking: str = ""
    visible: bool = False

    @property
    def empty(self) -> bool:
        return not (self.tags or self.offer or self.seeking)


def clean_tags(raw: Iterable[str], known: Iterable[str]) -> tuple[str, ...]:
    """The chosen tags in the list's order, each once; unknown ones and too many refused."""
    chosen = set(raw)
    order = [tag for tag in known if tag in chosen]
    if len(order) != len(chosen):
        raise DomainError(Code.INTEREST_UNKNOWN, "That interest is not on the organiser's list.")
    if len(order) > TAGS_MAX:
        raise DomainError(Code.INTEREST_TOO_MANY, f"Choose at most {TAGS_MAX} interests.")
    return tuple(order)


def clean_line(raw: str) -> str:
    """One line of at most LINE_MAX visible characters; empty is fine (the line is optional)."""
    text = unicodedata.normalize("NFC", raw)
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Co", "Cn") for c in text):
        raise DomainError(Code.INTEREST_LINE_INVALID, "No control characters, one line.")
    text = _SPACES.sub(" ", text).strip()
    if len(text) > LINE_MAX:
        raise DomainError(Code.INTEREST_LINE_INVALID, f"At most {LINE_MAX} characters.")
    return text
