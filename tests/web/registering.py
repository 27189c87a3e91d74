"""Helpers for the registration tests: the form, a real SMTP server, a venue with few seats."""

from __future__ import annotations

import re
import shutil
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from tests.conftest import SEED
from venue.settings import Settings

Client = TestClient[Any, Any]
HTML = {"Accept": "text/html"}
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')
_LINK = re.compile(r"https?://[^/\s]+(/t/[A-Za-z0-9_.\-]+)")


class Mailbox:
    """An SMTP server in this process (aiosmtpd) that keeps every message it receives."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, _server: SMTP, _session: Session, envelope: Envelope) -> str:
        content = envelope.content
        assert isinstance(content, bytes)
        message = message_from_bytes(content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 Message accepted"

    def configure(self, settings: Settings) -> Settings:
        return settings.model_copy(
            update={"smtp_host": "127.0.0.1", "smtp_port": self.port, "smtp_starttls": False}
        )

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if m["To"] == address]


@contextmanager
def mailbox() -> Iterator[Mailbox]:
    box = Mailbox()
    box._controller.start()
    try:
        yield box
    finally:
        box._controller.stop()


def body_of(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    text = part.get_content()
    assert isinstance(text, str)
    return text


def calendar_of(message: EmailMessage) -> bytes:
    for part in message.iter_attachments():
        if part.get_content_type() == "text/calendar":
            data = part.get_payload(decode=True)
            assert isinstance(data, bytes)
            return data
    raise AssertionError("no calendar attached")


def link_path(text: str) -> str:
    """The path of the personal link in a text (e-mail or page)."""
    found = _LINK.search(text)
    assert found is not None, text
    return found.group(1)


def few_seats_venue(tmp_path: Path, seats: int = 1) -> Path:
    """The seed venue with `seats` places in each workshop."""
    target = tmp_path / "venue"
    shutil.copytree(SEED, target)
    manifest = target / "venue.toml"
    text = re.sub(
        r'(id = "workshop-[12]"\n(?:.*\n)*?capacity = )\d+',
        lambda m: f"{m.group(1)}{seats}",
        manifest.read_text("utf-8"),
    )
    manifest.write_text(text, "utf-8")
    return target


def form(**fields: str | None) -> dict[str, str]:
    """A complete, valid registration; a field given as None is left out."""
    base: dict[str, str | None] = {
        "name": "Erika Mustermann",
        "email": "erika@example.org",
        "organisation": "Hochschule Zittau/Görlitz",
        "workshop": "workshop-1",
        "consent": "yes",
    }
    return {k: v for k, v in (base | fields).items() if v is not None}


async def csrf_of(client: Client, path: str = "/register") -> str:
    response = await client.get(path)
    found = _CSRF.search(await response.text())
    assert found is not None
    return found.group(1)


async def register(client: Client, follow: bool = True, **fields: str | None) -> ClientResponse:
    """Fill in and send the form as a browser does (CSRF field from the page)."""
    token = await csrf_of(client)
    return await client.post(
        "/register", data=form(csrf=token, **fields), headers=HTML, allow_redirects=follow
    )
