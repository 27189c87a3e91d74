"""How a person appears on the map: a generated character in a colour, and emotes."""

from __future__ import annotations

from enum import StrEnum

from venue.domain.errors import Code, DomainError
from venue.domain.limits import KeyedLimiter


class Figure(StrEnum):
    """The characters scripts/make_avatars.py draws (hair, headwear, skin differ)."""

    SHORT = "short"
    LONG = "long"
    BUN = "bun"
    CAP = "cap"
    CURLS = "curls"
    BEANIE = "beanie"


class Colour(StrEnum):
    """Clothing colours; each is dark enough for the white name label beside it."""

    TEAL = "teal"
    CORAL = "coral"
    GOLD = "gold"
    PLUM = "plum"
    SKY = "sky"
    LEAF = "leaf"
    SLATE = "slate"
    ROSE = "rose"


COLOUR_HEX: dict[Colour, str] = {
    Colour.TEAL: "#0f766e",
    Colour.CORAL: "#d9534f",
    Colour.GOLD: "#c98a0b",
    Colour.PLUM: "#7e3f98",
    Colour.SKY: "#2f7fc1",
    Colour.LEAF: "#3f8f3a",
    Colour.SLATE: "#4a5d6b",
    Colour.ROSE: "#c2487f",
}


class Emote(StrEnum):
    """Reactions shown over the avatar: a wave and applause pass, a raised hand stays."""

    WAVE = "wave"
    APPLAUSE = "applause"
    HAND = "hand"
    HAND_DOWN = "hand_down"


def look_of(figure: Figure, colour: Colour) -> str:
    """A look as a Person carries it: "figure-colour" ("" means derived from the id)."""
    return f"{figure.value}-{colour.value}"


class EmoteRules:
    """At most `burst` emotes at once and one per `1 / rate` seconds after that, per person."""

    def __init__(self, rate: float = 0.5, burst: float = 3) -> None:
        self._limiter = KeyedLimiter(rate, burst)

    def check(self, person_id: str, now: float) -> None:
        if not self._limiter.allow(person_id, now):
            raise DomainError(Code.EMOTE_TOO_OFTEN, "Too many reactions; wait a few seconds.")
