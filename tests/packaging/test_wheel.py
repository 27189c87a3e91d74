"""The wheel, built from this checkout and installed in a fresh virtualenv elsewhere, runs a venue.

This is what `pipx install ./dist/venue-*.whl && venue serve` does; it takes about a minute
(building the wheel, installing its dependencies), so it is marked `packaging`.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from tests.conftest import Participant, join_http
from tests.packaging.processes import Served, clean_environment, free_port
from venue.settings import ROOT

pytestmark = pytest.mark.packaging

VENDOR_IMPORT = re.compile(r'from\s+"(/vendor/[^"]+)"')
VENDOR_SCRIPT = re.compile(r'<script src="(/vendor/[^"]+)"')  # classic scripts of a page
# the routes of venue/app.py that serve the browser libraries from node_modules
VENDOR_ROOTS = {
    "/vendor/phaser/": "phaser/dist/",
    "/vendor/socket.io/": "socket.io-client/dist/",
    "/vendor/chart.js/": "chart.js/dist/",
}


def run(*command: str | Path, cwd: Path | None = None) -> str:
    result = subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, cwd=cwd, check=False
    )
    assert result.returncode == 0, f"{command}:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="session")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh virtualenv outside the checkout, with the wheel of the checkout installed."""
    work = tmp_path_factory.mktemp("wheel")
    dist = work / "dist"
    # as `make wheel` does after `npm ci` (make setup ran it)
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", dist, ROOT)
    [wheel] = dist.glob("venue-*.whl")
    run(sys.executable, "-m", "venv", work / "venv")
    run(work / "venv" / "bin" / "python", "-m", "pip", "install", "--quiet", wheel)
    yield work / "venv"


def client_files() -> dict[str, Path]:
    """Every file of the browser client and every library it imports: URL → file here."""
    files = {
        f"/static/{path.relative_to(ROOT / 'static').as_posix()}": path
        for path in sorted((ROOT / "static").rglob("*"))
        if path.is_file()
    }
    scripts = [*(ROOT / "static" / "js").rglob("*.js"), *(ROOT / "venue" / "templates").glob("*")]
    for script in scripts:
        text = script.read_text(encoding="utf-8")
        for url in [*VENDOR_IMPORT.findall(text), *VENDOR_SCRIPT.findall(text)]:
            prefix = next(p for p in VENDOR_ROOTS if url.startswith(p))
            files[url] = ROOT / "node_modules" / (VENDOR_ROOTS[prefix] + url[len(prefix) :])
    return files


async def test_the_installed_wheel_serves_the_seed_venue_from_any_folder(
    installed: Path, tmp_path: Path
) -> None:
    home, elsewhere = tmp_path / "home", tmp_path / "elsewhere"
    home.mkdir()
    elsewhere.mkdir()
    env = clean_environment(HOME=str(home))
    env.pop("XDG_DATA_HOME", None)
    served = Served(
        [str(installed / "bin" / "venue"), "serve"], free_port(), elsewhere, env, tmp_path / "log"
    )
    people: list[Participant] = []
    try:
        await served.ready()
        async with aiohttp.ClientSession() as http:
            async with http.get(served.make_url("/")) as page:
                assert page.status == 200
                assert "/static/js/main.js" in await page.text()
            files = client_files()
            assert any(url.startswith("/vendor/phaser/") for url in files)
            assert "/vendor/chart.js/chart.umd.min.js" in files
            for url, path in files.items():
                async with http.get(served.make_url(url)) as response:
                    assert response.status == 200, url
                    assert await response.read() == path.read_bytes(), url

        for name in ("Ann", "Bob"):
            body = await join_http(served, name)
            person = Participant(served, body["token"], body["participant"]["id"], name)
            people.append(await person.connect())
        ann, bob = people
        welcome = await ann.wait_for("venue.welcome", within=10)
        assert welcome["venue"] == "lausitz-2021"
        [me] = [p for p in welcome["snapshot"]["people"] if p["id"] == ann.id]
        await bob.wait_for("venue.welcome", within=10)
        for dx in (4, 8, 12):
            assert await ann.call("presence.move", {"x": me["x"] + dx, "y": me["y"]}) == {
                "ok": True
            }
        moved = {"id": ann.id, "x": me["x"] + 12, "y": me["y"]}
        await bob.wait_for("space.tick", lambda frame: moved in frame["moves"], within=10)
    finally:
        for person in people:
            await person.sio.disconnect()
        log = served.stop()
    assert "Traceback" not in log, log
    # data and the generated key went to the per-user place, nothing to the working directory
    assert list(elsewhere.iterdir()) == []
    data = home / ".local" / "share" / "venue"
    assert (data / "venue.sqlite3").is_file()
    assert (data / "secret_key").stat().st_mode & 0o777 == 0o600


def test_the_installed_venue_init_writes_a_folder_its_check_passes(
    installed: Path, tmp_path: Path
) -> None:
    venue = installed / "bin" / "venue"
    said = run(venue, "init", "my-event", "--title", "Unser Treffen", cwd=tmp_path)
    assert "venue check my-event" in said
    checked = run(venue, "check", "my-event", cwd=tmp_path)
    assert "my-event: 1 space, 0 booths, 0 errors, 0 warnings" in checked
