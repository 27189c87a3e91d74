"""Where venue keeps its data: a folder it is told, a per-user one, never the working directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from venue import settings as where
from venue.settings import ROOT, Settings


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from a folder of no importance, with no VENUE_* setting and a home of our own."""
    for name in ("VENUE_DATA_DIR", "VENUE_DATABASE_URL", "VENUE_SECRET_FILE", "XDG_DATA_HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As from a wheel: the package carries its bundled folders."""
    bundled = tmp_path / "bundled"
    (bundled / "static").mkdir(parents=True)
    monkeypatch.setattr(where, "BUNDLED", bundled)


def test_a_checkout_keeps_its_data_in_its_own_var_wherever_it_runs(elsewhere: Path) -> None:
    settings = Settings()
    assert settings.data_dir == ROOT / "var"
    assert settings.database_url == f"sqlite+aiosqlite:///{ROOT / 'var' / 'venue.sqlite3'}"
    assert settings.secret_file == ROOT / "var" / "secret_key"
    assert settings.static_dir == ROOT / "static"


def test_an_installed_venue_keeps_its_data_per_user(elsewhere: Path, installed: None) -> None:
    settings = Settings()
    home = Path.home()
    assert settings.data_dir == home / ".local" / "share" / "venue"
    assert settings.database_url.endswith(f"{home}/.local/share/venue/venue.sqlite3")
    assert settings.static_dir == where.BUNDLED / "static"
    assert settings.node_modules_dir == ROOT / "node_modules"  # not bundled in this fake


def test_xdg_data_home_is_followed_when_absolute(
    elsewhere: Path, installed: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert Settings().data_dir == tmp_path / "xdg" / "venue"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/xdg")  # invalid by the spec: ignored
    assert Settings().data_dir == Path.home() / ".local" / "share" / "venue"


def test_a_data_folder_named_is_made_absolute_once(
    elsewhere: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(data_dir=Path("mine"))
    monkeypatch.chdir("/")
    assert settings.data_dir == elsewhere / "mine"
    assert settings.database_url == f"sqlite+aiosqlite:///{elsewhere}/mine/venue.sqlite3"
    monkeypatch.setenv("VENUE_DATA_DIR", str(elsewhere / "from-env"))
    assert Settings().secret_file == elsewhere / "from-env" / "secret_key"


def test_explicit_database_and_key_file_win(elsewhere: Path, tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path / "data",
        database_url="postgresql://venue@db/venue",
        secret_file=tmp_path / "key",
    )
    assert settings.database_url == "postgresql://venue@db/venue"
    assert settings.secret_file == tmp_path / "key"


def test_the_generated_key_is_kept_private_in_the_data_folder(
    elsewhere: Path, tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    key = settings.secret()
    assert (tmp_path / "data" / "secret_key").read_text() == key
    assert (tmp_path / "data" / "secret_key").stat().st_mode & 0o777 == 0o600
    assert Settings(data_dir=tmp_path / "data").secret() == key
    assert list(elsewhere.iterdir()) == []
