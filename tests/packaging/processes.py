"""Servers started as an organiser starts them: a `venue` command in its own process."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

import aiohttp
from yarl import URL

from tests.conftest import Participant
from venue.settings import ROOT


def free_port() -> int:
    """A port nobody listens on now (the kernel's choice)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Served:
    """A `venue serve` process and its log; `make_url` as aiohttp's TestServer has it."""

    def __init__(
        self, command: Sequence[str], port: int, cwd: Path, env: Mapping[str, str], log: Path
    ) -> None:
        self.port = port
        self.log = log
        self._out = log.open("wb")
        self.process = subprocess.Popen(
            [*command, "--port", str(port)],
            cwd=cwd,
            env=dict(env),
            stdout=self._out,
            stderr=subprocess.STDOUT,
        )

    def make_url(self, path: str) -> URL:
        return URL(f"http://127.0.0.1:{self.port}").join(URL(path))

    async def ready(self, within: float = 60.0) -> None:
        """Wait until the process answers /healthz/live; fail with its log if it ends first."""
        async with asyncio.timeout(within), aiohttp.ClientSession() as http:
            while True:
                if self.process.poll() is not None:
                    raise AssertionError(f"venue serve ended:\n{self.output()}")
                try:
                    async with http.get(self.make_url("/healthz/live")) as response:
                        if response.status == 200:
                            return
                except aiohttp.ClientConnectionError:
                    pass  # not listening yet
                await asyncio.sleep(0.1)

    def stop(self) -> str:
        """Stop as an init system would (SIGTERM, then SIGKILL) and return the log."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._out.close()
        return self.output()

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def clean_environment(**extra: str) -> dict[str, str]:
    """This process's environment without any VENUE_* setting, plus `extra`."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("VENUE_")}
    return {**env, **extra}


class Reachable(Protocol):
    """A served venue, as a test knows it: `make_url` as aiohttp's TestServer has it."""

    def make_url(self, path: str) -> URL | str: ...


async def invited(env: dict[str, str], served: Reachable, *args: str) -> Participant:
    """Someone invited with `venue invite`, signed in through their personal link."""
    result = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "venue", "invite", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found = re.search(r"/t/(\S+)", result.stdout)
    assert found is not None, result.stdout
    async with (
        aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as http,
        http.get(served.make_url(f"/t/{found[1]}"), allow_redirects=False) as opened,
    ):
        assert opened.status == 303
        token = opened.cookies["venue_token"].value
    person = await Participant(served, token, "", args[-1]).connect()  # type: ignore[arg-type]
    person.id = person.welcome["snapshot"]["me"]["id"]
    return person
