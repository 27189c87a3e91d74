"""Display names: 1–40 characters, no control characters, whitespace tidied."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from venue.domain.errors import DomainError
from venue.domain.people import NAME_MAX, clean_display_name


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("  Leonie   Liemich ", "Leonie Liemich"), ("Zoë", "Zoë"), ("x" * NAME_MAX, "x" * NAME_MAX)],
)
def test_valid_names(raw: str, clean: str) -> None:
    assert clean_display_name(raw) == clean


@pytest.mark.parametrize(
    "raw", ["", "   ", "x" * (NAME_MAX + 1), "a\nb", "a\x00b", "bell\x07", "rtl\u202eevil"]
)
def test_invalid_names(raw: str) -> None:
    with pytest.raises(DomainError) as info:
        clean_display_name(raw)
    assert info.value.code == "name.invalid"


@given(st.text(max_size=80))
def test_any_accepted_name_is_printable_and_short(raw: str) -> None:
    try:
        name = clean_display_name(raw)
    except DomainError:
        return
    assert 1 <= len(name) <= NAME_MAX and name == name.strip() and name.isprintable()


PERSIAN_WITH_ZWNJ = "\u0645\u0631\u06cc\u0645\u200c\u0647\u0627"


@pytest.mark.parametrize(
    "raw", ["👩\u200d💻 Dev", PERSIAN_WITH_ZWNJ, "José", "李小龍", "O'Brien-Łukasz"]
)
def test_real_names_with_joiners_and_scripts_are_accepted(raw: str) -> None:
    assert clean_display_name(raw) == raw


@pytest.mark.parametrize(
    "raw",
    ["\u3164", "\u2800\u2800", "a\u200bb", "x" + "\u0301" * 6, "\u2066evil\u2069", "a\u200eb"],
)
def test_invisible_reordering_and_zalgo_names_are_refused(raw: str) -> None:
    with pytest.raises(DomainError):
        clean_display_name(raw)
