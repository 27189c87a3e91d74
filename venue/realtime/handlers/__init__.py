"""One module per subject; importing this package registers every command."""

from venue.realtime.handlers import (
    booths,
    calls,
    chat,
    contacts,
    moderation,
    networking,
    presence,
    programme,
    spaces,
    stage,
)

__all__ = [
    "booths",
    "calls",
    "chat",
    "contacts",
    "moderation",
    "networking",
    "presence",
    "programme",
    "spaces",
    "stage",
]
