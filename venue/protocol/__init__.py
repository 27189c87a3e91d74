"""Every Socket.IO event name and payload model of the venue, written once.

Names, the ack and the registries live in `base`; payload models by subject in the modules
beside it. Importing the package registers every event. `docs/protocol.md`,
`docs/schemas/*.json` and `static/js/protocol.js` are generated from it (`make docs`); a test
fails when they are out of date.
"""

from __future__ import annotations

from venue.protocol import booths, calls, chat, contacts, presence, programme, stage
from venue.protocol.base import Inbound, Notice, Outbound, Request

__all__ = [
    "Inbound",
    "Notice",
    "Outbound",
    "Request",
    "booths",
    "calls",
    "chat",
    "contacts",
    "presence",
    "programme",
    "stage",
]
