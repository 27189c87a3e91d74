"""Texts others see carry no control or bidi characters; Markdown emphasis stays out of URLs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from aiohttp.test_utils import TestServer

from tests.conftest import Participant
from tests.realtime.test_chat import moderator
from tests.security.raw import on_database
from venue.domain.booths import clean_message, visible_text
from venue.settings import Settings
from venue.web.markup import render

Join = Callable[[str], Awaitable[Participant]]
HIDDEN = ["\x00", "\x1b", "\x7f", "\x85", "\u202e", "\u2066", "\u200b", "\ufeff"]


@pytest.fixture
def settings(settings: Settings, database_url: str) -> Settings:
    return on_database(settings, database_url)


@pytest.mark.parametrize("hidden", HIDDEN)
async def test_announcements_refuse_control_and_bidi_characters(
    join: Join, server: TestServer, hidden: str
) -> None:
    ann = await join("Ann")
    mo = await moderator(server)
    try:
        refused = await mo.call("mod.announce", {"text": f"Pause{hidden} bis 15 Uhr"})
        assert refused["error"]["code"] == "chat.text_invalid"
        assert await mo.call("mod.announce", {"text": "Pause bis 15 Uhr 👩‍💻"}) == {"ok": True}
        shown = await ann.wait_for("venue.announcement")
        assert shown["text"] == "Pause bis 15 Uhr 👩‍💻"
        assert len(ann.events("venue.announcement")) == 1
    finally:
        await mo.sio.disconnect()


@pytest.mark.parametrize("hidden", HIDDEN)
def test_booth_texts_and_guestbook_notes_lose_hidden_characters(hidden: str) -> None:
    assert visible_text(f"gut{hidden}\r\nzweite Zeile") == "gut\nzweite Zeile"
    assert clean_message(f"{hidden}Frage?{hidden}") == "Frage?"


def test_joiners_that_shape_emoji_and_scripts_stay() -> None:
    shaped = "👩\u200d💻 \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # Persian: ZWNJ
    assert visible_text(shaped) == shaped


def test_emphasis_never_reaches_into_a_link_address() -> None:
    html = str(render("[*Docs*](https://example.org/a*b*c) and *this*"))
    assert 'href="https://example.org/a*b*c"' in html
    assert "<em>Docs</em></a>" in html and "<em>this</em>" in html
    assert "a<em>" not in html
