"""Settings from the environment (prefix VENUE_) and the command line."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent  # the checkout, when venue runs from one
# What an installed wheel carries beside the code: the browser client, the browser libraries
# from node_modules and the seed venue (setup.py copies them here when it builds the wheel).
BUNDLED = PACKAGE / "bundled"
SECRET_MIN = 16  # characters of a VENUE_SECRET_KEY (the generated one has 64)
SECRET_VARIED = 6  # different characters in it at least ("aaaa…" is not a key)


def shipped(folder: str) -> Path:
    """A folder of the checkout (static, node_modules, maps) or its copy in the wheel."""
    bundled = BUNDLED / folder
    return bundled if bundled.is_dir() else ROOT / folder


def default_data_dir() -> Path:
    """Where the database and the generated key live unless told: never the working directory."""
    # A checkout keeps them in its own var/ (as `make run` always has), wherever it is started
    # from; an installed wheel per user, as the XDG base directory spec says (a relative
    # XDG_DATA_HOME is invalid there and ignored).
    if not BUNDLED.is_dir():
        return ROOT / "var"
    xdg = os.environ.get("XDG_DATA_HOME", "")
    base = Path(xdg) if os.path.isabs(xdg) else Path.home() / ".local" / "share"
    return base / "venue"


class Settings(BaseSettings):
    """Every setting venue reads; each is documented in docs/operations.md."""

    model_config = SettingsConfigDict(env_prefix="VENUE_", extra="ignore")

    venue_dir: Path = Field(default_factory=lambda: shipped("maps") / "lausitz-2021")
    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=1, le=65535)
    # the SQLite database and the generated secret key (`--data`); made absolute at start
    data_dir: Path = Field(default_factory=default_data_dir)
    database_url: str = ""  # empty: SQLite in data_dir/venue.sqlite3
    # several processes serve one venue: they share presence and the programme over Redis
    redis_url: str = ""
    redis_channel: str = ""  # the processes of one venue share it; default venue:<venue id>
    secret_key: str = ""
    secret_file: Path | None = None  # None: data_dir/secret_key
    static_dir: Path = Field(default_factory=lambda: shipped("static"))
    node_modules_dir: Path = Field(default_factory=lambda: shipped("node_modules"))
    tick_hz: float = Field(default=10.0, gt=0, le=60)
    # permessage-deflate on websockets: off, per-recipient (each frame deflated for every
    # connection) or shared (deflated once for all, without context takeover); issue 14
    ws_compression: Literal["off", "per-recipient", "shared"] = "shared"
    disconnect_grace: float = Field(default=5.0, ge=0, le=300)
    moves_per_second: float = Field(default=25.0, gt=0)
    events_per_second: float = Field(default=10.0, gt=0)
    flood_strikes: int = Field(default=50, ge=1)
    flood_ban_seconds: float = Field(default=60.0, ge=0)
    max_tabs: int = Field(default=8, ge=1, le=100)
    # nearby groups: people within this many tiles talk together, at most group_size at once
    group_distance: float = Field(default=3.0, gt=0, le=50)
    group_size: int = Field(default=6, ge=2, le=100)
    # calls (proximity audio/video): peer connections per person, ICE servers, TURN REST
    # credentials (coturn `use-auth-secret` with the same secret) and how long they last
    av_max_peers: int = Field(default=6, ge=1, le=20)
    av_ice_servers: list[str] = []  # e.g. ["stun:turn.example.org:3478"]
    av_turn_urls: list[str] = []  # e.g. ["turn:turn.example.org:3478?transport=udp"]
    av_turn_secret: str = ""
    av_turn_ttl: int = Field(default=43_200, ge=60, le=7 * 86_400)
    av_relay_only: bool = False  # browsers use TURN only: no addresses reach the others
    allowed_origins: list[str] = []
    cookie_secure: bool = False
    # behind a reverse proxy: take client address, scheme and host from X-Forwarded-* headers
    trust_forwarded: bool = False
    public_url: str = "http://localhost:8080"
    token_days: int = Field(default=30, ge=1, le=3650)
    retention_days: int = Field(default=90, ge=0, le=3650)
    smtp_host: str = ""
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_from: str = "venue@localhost"
    smtp_starttls: bool = True
    log_level: str = "INFO"
    # bearer token that lets other machines read /metrics; empty: loopback only
    metrics_token: str = ""
    # rehearsal: the programme clock starts at `clock` (event time zone if naive) and runs
    # `speed` times as fast as real time
    clock: dt.datetime | None = None
    speed: float = Field(default=1.0, gt=0, le=3600)
    # the real moment the rehearsal clock showed `clock` (default: when the process started);
    # processes rehearsing one venue together give the same, so their programmes agree
    clock_since: dt.datetime | None = None

    @field_validator("secret_key")
    @classmethod
    def _strong_key(cls, key: str) -> str:
        """A key anyone could guess signs links anyone could forge (VENUE_SECRET_KEY=a)."""
        if key and (len(key) < SECRET_MIN or len(set(key)) < SECRET_VARIED):
            raise ValueError(
                f"VENUE_SECRET_KEY is too weak: use at least {SECRET_MIN} varied characters, "
                "e.g. python -c 'import secrets; print(secrets.token_urlsafe(48))' "
                "(or leave it unset to have one generated)"
            )
        return key

    @model_validator(mode="after")
    def _in_data_dir(self) -> Settings:
        """Resolve the data folder once, so that a later chdir cannot move the data."""
        self.data_dir = self.data_dir.expanduser().absolute()
        if not self.database_url:
            self.database_url = f"sqlite+aiosqlite:///{self.data_dir / 'venue.sqlite3'}"
        if self.secret_file is None:
            self.secret_file = self.data_dir / "secret_key"
        return self

    def secret(self) -> str:
        """The signing key: VENUE_SECRET_KEY, else one generated once and kept in secret_file."""
        if self.secret_key:
            return self.secret_key
        path = self.secret_file
        assert path is not None  # set by _in_data_dir
        if path.exists():
            return path.read_text().strip()
        import secrets

        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        path.write_text(key)
        path.chmod(0o600)
        return key
