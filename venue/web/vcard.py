"""vCard 4.0 (RFC 6350) for one's exchanged contacts: what address books import.

Written by hand: the format is small, and the parts that matter (escaping, folding long
lines at 75 octets without splitting a character, CRLF) are tested by parsing the output
back with an independent reader (tests/web/test_contacts_export.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from venue.domain.contacts import Card

FOLD_AT = 75  # octets per line, CRLF not counted (RFC 6350 §3.2)


def escape(value: str) -> str:
    """A text value: backslash, comma, semicolon and line breaks escaped (§3.4)."""
    out = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return out.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Split a content line into 75-octet pieces, each continuation starting with a space."""
    pieces: list[str] = []
    current, size = "", 0
    for ch in line:
        width = len(ch.encode("utf-8"))
        limit = FOLD_AT if not pieces else FOLD_AT - 1  # a continuation's space counts
        if size + width > limit:
            pieces.append(current)
            current, size = "", 0
        current += ch
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def card_text(card: Card, source: str) -> str:
    """One vCard; `source` names where the card came from (the venue's title)."""
    lines = [
        "BEGIN:VCARD",
        "VERSION:4.0",
        f"FN:{escape(card.name)}",
        # N is structured (family;given;…); a display name is not split into parts
        f"N:{escape(card.name)};;;;",
        f"UID:urn:uuid:{_uuid_of(card.person)}",
    ]
    if card.organisation:
        lines.append(f"ORG:{escape(card.organisation)}")
    if card.email:
        lines.append(f"EMAIL;TYPE=work:{escape(card.email)}")
    lines.append(f"NOTE:{escape(source)}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


def vcards(cards: Iterable[Card], source: str) -> str:
    return "".join(card_text(card, source) for card in cards)


def _uuid_of(person_id: str) -> str:
    """Participant ids are UUIDs as 32 hex digits: the same card imports as the same contact."""
    h = person_id
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:32]}"
