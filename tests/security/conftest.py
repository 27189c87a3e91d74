"""Every security test runs on both databases (PostgreSQL when VENUE_TEST_DATABASE_URL is set)."""

from __future__ import annotations

import pytest

from venue.settings import Settings


@pytest.fixture
def settings(settings: Settings, database_url: str) -> Settings:
    return settings.model_copy(update={"database_url": database_url})
