"""Socket.IO room names, written once. Rooms mirror domain presence; they are never its source."""

from __future__ import annotations

EVERYONE = "venue"
MODERATORS = "moderators"  # connections with the moderator console open


def space_room(space_id: str) -> str:
    return f"space:{space_id}"


def person_room(person_id: str) -> str:
    """All connections (tabs) of one person."""
    return f"person:{person_id}"
