"""Public seams are documented: a new setting, event or error code fails here until it is."""

from __future__ import annotations

from pathlib import Path

from venue.domain.errors import Code
from venue.protocol import docgen
from venue.protocol.base import ERROR_MEANINGS, ErrorCode, Inbound, Outbound, TransportCode
from venue.settings import ROOT, Settings

DOCS = ROOT / "docs"


def test_protocol_docs_and_the_browser_mirror_are_generated_from_the_code() -> None:
    files = docgen.outputs()
    for path, text in files.items():
        assert path.read_text(encoding="utf-8") == text, f"{path}: run `make docs`"
    stale = set((DOCS / "schemas").glob("*.json")) - set(files)
    assert not stale, f"schemas of no model: {sorted(p.name for p in stale)}; run `make docs`"


def test_every_error_code_has_a_meaning_and_every_event_is_documented() -> None:
    assert set(ERROR_MEANINGS) == {*Code, *TransportCode}
    text = (DOCS / "protocol.md").read_text(encoding="utf-8")
    for event in [*Inbound, *Outbound]:
        assert f"`{event.value}`" in text


def test_every_cross_process_message_is_documented() -> None:
    text = (DOCS / "peers.md").read_text(encoding="utf-8")
    for kind in ("frame", "hello", "beat", "bye", "claim", "call", "announce", "programme"):
        assert f"| `{kind}` |" in text


def test_every_setting_is_documented() -> None:
    text = (DOCS / "operations.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"`VENUE_{name.upper()}`" in text, (
            f"document VENUE_{name.upper()} in docs/operations.md"
        )


def test_the_browser_mirrors_every_event_and_error_code() -> None:
    js = (ROOT / "static" / "js" / "protocol.js").read_text(encoding="utf-8")
    codes: list[ErrorCode] = [*Code, *TransportCode]
    for name in [*Inbound, *Outbound, *codes]:
        assert f'"{name.value}"' in js, f"static/js/protocol.js lacks {name.value}"


def test_readme_shows_the_two_commands() -> None:
    readme = Path(ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
