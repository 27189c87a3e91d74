"""Settings from the environment (prefix VENUE_) and the command line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Every setting venue reads; each is documented in docs/operations.md."""

    model_config = SettingsConfigDict(env_prefix="VENUE_", extra="ignore")

    venue_dir: Path = Field(default=ROOT / "maps" / "lausitz-2021")
    host: str = "127.0.0.1"
    port: int = Field(default=8080, ge=1, le=65535)
    database_url: str = "sqlite+aiosqlite:///var/venue.sqlite3"
    # several processes serve one venue: they share presence and the programme over Redis
    redis_url: str = ""
    redis_channel: str = ""  # the processes of one venue share it; default venue:<venue id>
    secret_key: str = ""
    secret_file: Path = Path("var/secret_key")
    static_dir: Path = ROOT / "static"
    node_modules_dir: Path = ROOT / "node_modules"
    tick_hz: float = Field(default=10.0, gt=0, le=60)
    disconnect_grace: float = Field(default=5.0, ge=0, le=300)
    moves_per_second: float = Field(default=25.0, gt=0)
    events_per_second: float = Field(default=10.0, gt=0)
    flood_strikes: int = Field(default=50, ge=1)
    flood_ban_seconds: float = Field(default=60.0, ge=0)
    max_tabs: int = Field(default=8, ge=1, le=100)
    # nearby groups: people within this many tiles talk together, at most group_size at once
    group_distance: float = Field(default=3.0, gt=0, le=50)
    group_size: int = Field(default=6, ge=2, le=100)
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

    def secret(self) -> str:
        """The signing key: VENUE_SECRET_KEY, else one generated once and kept in secret_file."""
        if self.secret_key:
            return self.secret_key
        path = self.secret_file
        if path.exists():
            return path.read_text().strip()
        import secrets

        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        path.write_text(key)
        path.chmod(0o600)
        return key
