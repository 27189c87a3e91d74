"""Typed application keys: everything the app holds, named once."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from aiohttp import web

if TYPE_CHECKING:
    from venue.accounts.identity import Identities
    from venue.domain.limits import KeyedLimiter
    from venue.domain.venue import Venue
    from venue.live import Live
    from venue.mail.mailer import Mailer
    from venue.settings import Settings
    from venue.store.db import Store
    from venue.web.offload import Offload

SETTINGS: web.AppKey[Settings] = web.AppKey("settings")
VENUE: web.AppKey[Venue] = web.AppKey("venue")
STORE: web.AppKey[Store] = web.AppKey("store")
IDENTITIES: web.AppKey[Identities] = web.AppKey("identities")
LIVE: web.AppKey[Live] = web.AppKey("live")
# readiness of Redis: None when ready, "off" without a cluster, raises why it is not ready
REDIS_PROBE: web.AppKey[Callable[[], Awaitable[str | None]]] = web.AppKey("redis_probe")
JOIN_LIMITER: web.AppKey[KeyedLimiter] = web.AppKey("join_limiter")
# registrations and "send my link again", per client address: both send e-mail
REGISTER_LIMITER: web.AppKey[KeyedLimiter] = web.AppKey("register_limiter")
MAILER: web.AppKey[Mailer] = web.AppKey("mailer")
# worker processes for steps too heavy for the event loop (parsing uploads)
OFFLOAD: web.AppKey[Offload] = web.AppKey("offload")
