"""One module per domain; importing this package registers every command."""

from venue.realtime.handlers import chat, exhibition, moderation, presence, programme, spaces

__all__ = ["chat", "exhibition", "moderation", "presence", "programme", "spaces"]
