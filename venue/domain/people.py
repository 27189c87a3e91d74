"""Who is in the venue: roles, status and a person's place."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from venue.domain.errors import Code, DomainError

NAME_MAX = 40


class Role(StrEnum):
    PARTICIPANT = "participant"
    EXHIBITOR = "exhibitor"
    MODERATOR = "moderator"
    ORGANISER = "organiser"


class Status(StrEnum):
    AVAILABLE = "available"
    BUSY = "busy"
    AWAY = "away"


@dataclass(frozen=True, slots=True)
class Person:
    """A participant present in the venue, at one place in one space."""

    id: str
    name: str
    role: Role
    space: str
    x: int
    y: int
    status: Status = Status.AVAILABLE
    booths: frozenset[str] = frozenset()  # the booths an exhibitor staffs
    look: str = ""  # "figure-colour" (domain/looks.py); "" until chosen: derived from the id
    hand: bool = False  # a raised hand, until lowered


_SPACES = re.compile(r"\s+")
# Joiners shape emoji (👩‍💻) and Persian words; every other format character can hide or
# reorder text (bidi overrides, zero-width spaces) and is refused.
_JOINERS = frozenset("\u200c\u200d")
# Letters by category that draw nothing: Hangul fillers, braille blank
_INVISIBLE = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_MAX_MARKS = 4  # combining marks on one character; more is "Zalgo" text


def clean_display_name(raw: str) -> str:
    """A display name as shown to others: trimmed, 1–40 characters, visible, no controls."""
    name = _SPACES.sub(" ", unicodedata.normalize("NFC", raw)).strip()
    if not 1 <= len(name) <= NAME_MAX:
        raise DomainError(Code.NAME_INVALID, f"A name has 1 to {NAME_MAX} characters.")
    if raw != raw.replace("\n", "").replace("\r", "").replace("\t", "") or any(
        _hidden(ch) for ch in name
    ):
        raise DomainError(Code.NAME_INVALID, "A name must not contain control characters.")
    if not any(_visible(ch) for ch in name):
        raise DomainError(Code.NAME_INVALID, "A name needs at least one visible character.")
    marks = 0
    for ch in name:
        marks = marks + 1 if unicodedata.category(ch).startswith("M") else 0
        if marks > _MAX_MARKS:
            raise DomainError(Code.NAME_INVALID, "Too many accents on one character.")
    return name


def _hidden(ch: str) -> bool:
    category = unicodedata.category(ch)
    return category in ("Cc", "Cs", "Co", "Cn") or (category == "Cf" and ch not in _JOINERS)


def _visible(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LNPS" and ch not in _INVISIBLE
