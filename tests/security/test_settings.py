"""Keys: a weak VENUE_SECRET_KEY is refused; Redis without a shared key warns."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from pydantic import ValidationError

from tests.security.raw import on_database
from venue.app import create_app
from venue.settings import Settings
from venue.web.keys import STORE


@pytest.fixture
def settings(settings: Settings, database_url: str) -> Settings:
    return on_database(settings, database_url)


@pytest.mark.parametrize("key", ["a", "secret", "aaaaaaaaaaaaaaaaaaaaaaaa", "abababababababab"])
def test_a_weak_secret_key_is_refused(key: str) -> None:
    with pytest.raises(ValidationError, match="VENUE_SECRET_KEY is too weak"):
        Settings(secret_key=key)


def test_a_strong_or_no_secret_key_is_accepted(tmp_path: Path) -> None:
    assert Settings(secret_key="kq3-Vb9xZ_2mLp8R").secret_key == "kq3-Vb9xZ_2mLp8R"
    generated = Settings(secret_key="", data_dir=tmp_path).secret()
    assert len(generated) >= 32


async def test_redis_without_a_shared_key_warns(
    settings: Settings, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Each process would generate a key of its own and refuse the others' links."""
    caplog.set_level(logging.WARNING)
    update = {
        "redis_url": "redis://127.0.0.1:1/0",
        "secret_key": "",
        "secret_file": tmp_path / "secret_key",
    }
    app = await create_app(settings.model_copy(update=update))
    try:
        assert any("VENUE_SECRET_KEY is not" in r.getMessage() for r in caplog.records)
    finally:
        await app[STORE].close()
