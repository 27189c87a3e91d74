"""Public seams are documented: a new setting, event or error code fails here until it is."""

from __future__ import annotations

from pathlib import Path

from venue.realtime import docgen
from venue.realtime.protocol import ERROR_MEANINGS, ErrorCode, Inbound, Outbound
from venue.settings import ROOT, Settings

DOCS = ROOT / "docs"


def test_protocol_docs_are_generated_from_the_code() -> None:
    text, schemas = docgen.render()
    assert (DOCS / "protocol.md").read_text(encoding="utf-8") == text, "run `make docs`"
    for name, body in schemas.items():
        assert (DOCS / "schemas" / f"{name}.json").read_text(encoding="utf-8") == body, name


def test_every_error_code_has_a_meaning_and_every_event_is_documented() -> None:
    assert set(ERROR_MEANINGS) == set(ErrorCode)
    text = (DOCS / "protocol.md").read_text(encoding="utf-8")
    for event in [*Inbound, *Outbound]:
        assert f"`{event.value}`" in text


def test_every_setting_is_documented() -> None:
    text = (DOCS / "operations.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"`VENUE_{name.upper()}`" in text, (
            f"document VENUE_{name.upper()} in docs/operations.md"
        )


def test_the_browser_mirrors_every_event_and_error_code() -> None:
    js = (ROOT / "static" / "js" / "protocol.js").read_text(encoding="utf-8")
    for name in [*Inbound, *Outbound, *ErrorCode]:
        assert f'"{name.value}"' in js, f"static/js/protocol.js lacks {name.value}"


def test_readme_shows_the_two_commands() -> None:
    readme = Path(ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
