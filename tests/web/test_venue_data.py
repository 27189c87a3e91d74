"""/venue-data/ serves exactly the images the venue's maps reference, under the venue's root."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.venuefile.venue_builders import MINI_VENUE
from tests.web.people import Client
from venue.settings import Settings


def _world(tmp_path: Path) -> Path:
    """The mini venue laid out like a WorkAdventure world repository: maps in maps/, the
    tilesets shared beside them, venue.toml in venue/, secrets lying around."""
    world = tmp_path / "world"
    shutil.copytree(MINI_VENUE, world / "venue")
    (world / "maps").mkdir()
    shutil.move(world / "venue" / "tilesets", world / "tilesets")
    for name in ("lobby.tmj", "talks.tmj", "hall.tmj"):
        text = (world / "venue" / name).read_text(encoding="utf-8")
        (world / "maps" / name).write_text(text.replace('"tilesets/', '"../tilesets/'), "utf-8")
        (world / "venue" / name).unlink()
    manifest = (world / "venue" / "venue.toml").read_text(encoding="utf-8")
    manifest = 'asset_root = ".."\n' + manifest.replace('map = "', 'map = "../maps/')
    (world / "venue" / "venue.toml").write_text(manifest, encoding="utf-8")
    (world / ".env").write_text("VENUE_SECRET_KEY=hunter2\n", encoding="utf-8")
    (world / ".git").mkdir()
    (world / ".git" / "config").write_text("[core]\n", encoding="utf-8")
    (world / "tilesets" / "unused.png").write_bytes(b"\x89PNG unused")
    return world


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        venue_dir=_world(tmp_path) / "venue",
        database_url=f"sqlite+aiosqlite:///{tmp_path}/venue.sqlite3",
        secret_key="test-secret-0123456789",
    )


async def test_maps_in_a_world_repository_load_with_their_shared_tilesets(
    client: Client, tmp_path: Path
) -> None:
    data = await (await client.get("/maps/talks.json")).json()
    assert [t["image"] for t in data["tilesets"]] == ["/venue-data/tilesets/mini.png"]
    image = await client.get("/venue-data/tilesets/mini.png")
    assert image.status == 200
    expected = (tmp_path / "world" / "tilesets" / "mini.png").read_bytes()
    assert await image.read() == expected


@pytest.mark.parametrize(
    "path",
    [
        "/venue-data/.env",
        "/venue-data/.git/config",
        "/venue-data/venue/venue.toml",
        "/venue-data/maps/talks.tmj",
        "/venue-data/tilesets/unused.png",
        "/venue-data/tilesets/mini.tsj",
        "/venue-data/tilesets/",
        "/venue-data/tilesets/../.env",
        "/venue-data/%2e%2e/%2e%2e/etc/passwd",
        "/venue-data/tilesets/..%2f..%2f.env",
    ],
)
async def test_nothing_else_is_served(client: Client, path: str) -> None:
    response = await client.get(path)
    assert response.status == 404
    body = await response.text()
    assert "hunter2" not in body and "[core]" not in body
