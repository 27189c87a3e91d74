"""docs/protocol.md answers what a client author would otherwise guess."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from venue.domain.errors import Code
from venue.domain.presence import MovementRules
from venue.protocol.base import MAX_PAYLOAD_BYTES, TransportCode
from venue.protocol.docgen import _doc
from venue.protocol.presence import MoveIn

DOCS = Path(__file__).parents[1] / "docs"
PROTOCOL = (DOCS / "protocol.md").read_text(encoding="utf-8")


def test_every_connect_refusal_is_documented() -> None:
    lifecycle = (Path(__file__).parents[1] / "venue" / "realtime" / "lifecycle.py").read_text(
        encoding="utf-8"
    )
    raised = set(re.findall(r"_refused\((?:T|Code)\.([A-Z_]+)", lifecycle))
    assert {"RATE_LIMITED", "CONNECTION_LIMIT"} <= raised
    codes = {code.name: code.value for enum in (Code, TransportCode) for code in enum}
    connect = PROTOCOL.split("## Acknowledgements")[0]
    # the codes raised by name, those of `code` (auth.*) and of arriving (space.full)
    for value in {codes[name] for name in raised} | {"auth.required", "auth.invalid", "space.full"}:
        assert f"| `{value}` |" in connect, value


def test_walking_speed_and_where_walls_and_doors_come_from() -> None:
    rules = MovementRules()
    assert f"at most {rules.speed:g} pixels per second" in PROTOCOL
    assert f"one move\ncovers at most {rules.budget_cap:g} pixels" in PROTOCOL
    for words in ("**Walls**", "`collides = true`", "class (or type) `area`", "`GET /maps/"):
        assert words in PROTOCOL


def test_one_payload_limit_everywhere() -> None:
    assert f"Payloads are at most\n{MAX_PAYLOAD_BYTES} bytes" in PROTOCOL
    operations = (DOCS / "operations.md").read_text(encoding="utf-8")
    assert f"Socket.IO payloads to {MAX_PAYLOAD_BYTES} bytes" in operations
    assert "2 KiB" not in operations


def test_no_empty_table_cells() -> None:
    rows = [line for line in PROTOCOL.splitlines() if line.startswith("|")]
    assert rows and not [row for row in rows if re.search(r"\|[ \t]*\|", row)]


def test_an_undocumented_wire_model_cannot_be_rendered() -> None:
    class Bare(MoveIn, event=None):  # type: ignore[call-arg]
        pass

    with pytest.raises(ValueError, match="Bare has no docstring"):
        _doc(Bare)
