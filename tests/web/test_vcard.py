"""vCard lines: escaped, folded at 75 octets without splitting a character, unfolded intact."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from venue.web.vcard import FOLD_AT, escape, fold


@given(st.text(min_size=1, max_size=300).filter(lambda s: "\r" not in s and "\n" not in s))
def test_folding_keeps_every_line_short_and_unfolds_to_the_same_text(value: str) -> None:
    line = f"NOTE:{escape(value)}"
    folded = fold(line)
    assert all(len(piece.encode()) <= FOLD_AT for piece in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line  # RFC 6350 §3.2 unfolding


def test_text_values_escape_what_the_format_uses() -> None:
    assert escape("a\\b,c;d\ne") == "a\\\\b\\,c\\;d\\ne"
