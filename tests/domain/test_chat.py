"""Chat channels and message text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from venue.domain.chat import Channel, ChannelKind, clean_text, dm_key, dm_partner, may_ask
from venue.domain.errors import DomainError
from venue.domain.venue import SpaceKind


@pytest.mark.parametrize(
    ("raw", "kind", "target", "area"),
    [
        ("space:bar", ChannelKind.SPACE, "bar", ""),
        ("group:g12", ChannelKind.GROUP, "g12", ""),
        ("table:bar:table-1", ChannelKind.TABLE, "bar", "table-1"),
        ("dm:0123abcd", ChannelKind.DM, "0123abcd", ""),
    ],
)
def test_channels_parse_and_print_back(raw: str, kind: ChannelKind, target: str, area: str) -> None:
    channel = Channel.parse(raw)
    assert (channel.kind, channel.target, channel.area) == (kind, target, area)
    assert str(channel) == raw


@pytest.mark.parametrize(
    "raw", ["", "space", "space:", "room:bar", "table:bar", "dm:a b", "space:" + "x" * 65]
)
def test_unknown_channels_are_refused(raw: str) -> None:
    with pytest.raises(DomainError) as err:
        Channel.parse(raw)
    assert err.value.code == "chat.channel_unknown"


@given(st.text(max_size=300))
def test_parsing_never_fails_otherwise(raw: str) -> None:
    try:
        Channel.parse(raw)
    except DomainError as exc:
        assert exc.code == "chat.channel_unknown"


def test_a_dm_conversation_is_the_same_from_both_sides() -> None:
    assert dm_key("b", "a") == dm_key("a", "b") == "dm:a:b"
    assert dm_partner("dm:a:b", "a") == "b" and dm_partner("dm:a:b", "b") == "a"
    assert dm_partner("dm:a:b", "c") is None


def test_text_is_trimmed_and_limited() -> None:
    assert clean_text("  Hallo\r\n\n\n\nWelt  ") == "Hallo\n\nWelt"
    assert clean_text("x" * 1000) == "x" * 1000
    assert clean_text("<script>alert(1)</script>") == "<script>alert(1)</script>"  # inert later
    for bad in ("", "   ", "x" * 1001, "a\x00b", "evil\u202etxt"):
        with pytest.raises(DomainError) as err:
            clean_text(bad)
        assert err.value.code == "chat.text_invalid"


def test_questions_are_asked_in_plenary_and_workshops() -> None:
    assert may_ask(SpaceKind.PLENARY) and may_ask(SpaceKind.WORKSHOP)
    assert not may_ask(SpaceKind.BAR) and not may_ask(SpaceKind.LOBBY)
