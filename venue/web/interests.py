"""Interests on the registration form and /me: parsing the fields, the choices, saving."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from multidict import MultiMapping

from venue.domain.errors import DomainError
from venue.domain.interests import LINE_MAX, TAGS_MAX, Profile, clean_line, clean_tags
from venue.domain.venue import Venue

RAW_MAX = 1000  # longer raw input is refused before any cleaning
RAW_TAGS = 50  # ticked boxes read at most (the manifest offers up to 50 tags)
LINES = ("offer", "seeking")


@dataclass(frozen=True, slots=True)
class InterestChoice:
    """A tag as the form offers it: id, name in the page's language, chosen or not."""

    id: str
    name: str
    chosen: bool


def interest_fields(form: MultiMapping[Any], venue: Venue) -> tuple[Profile, dict[str, str]]:
    """The profile the form's interest fields describe, and each wrong field's error code
    (then the profile is what was typed, to show it again)."""
    raw_tags = tuple(v for v in form.getall("interest", []) if isinstance(v, str))[:RAW_TAGS]
    raw = {n: v[:RAW_MAX] if isinstance(v := form.get(n), str) else "" for n in LINES}
    visible = form.get("show_interests") == "yes"
    errors: dict[str, str] = {}
    tags, lines = raw_tags, dict(raw)
    try:
        tags = clean_tags(raw_tags, (i.id for i in venue.interests))
    except DomainError as exc:
        errors["interest"] = exc.code
    for name in LINES:
        try:
            lines[name] = clean_line(raw[name])
        except DomainError as exc:
            errors[name] = exc.code
    return Profile(tags, lines["offer"], lines["seeking"], visible), errors


def interest_context(venue: Venue, lang: str, profile: Profile | None) -> dict[str, Any]:
    """What the interests part of a form shows: the list, the lines, the limits."""
    profile = profile or Profile()
    return {
        "interests": [
            InterestChoice(i.id, i.name.get(lang), i.id in profile.tags) for i in venue.interests
        ],
        "profile": profile,
        "tags_max": TAGS_MAX,
        "line_max": LINE_MAX,
    }
