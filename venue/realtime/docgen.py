"""Write docs/protocol.md and docs/schemas/*.json from the protocol package (`make docs`)."""

from __future__ import annotations

import json
from pathlib import Path

from venue.realtime.protocol import (
    ACK_DATA_MODELS,
    ERROR_MEANINGS,
    INBOUND_MODELS,
    MAX_PAYLOAD_BYTES,
    OUTBOUND_MODELS,
    Ack,
    Model,
)
from venue.settings import ROOT

DOCS = ROOT / "docs"

INTRO = """# Socket.IO protocol

Generated from `venue/realtime/protocol/` by `make docs`; a test fails when this file or
`docs/schemas/` is out of date. Every event name and payload is defined once, there.

## Connecting

Connect to the server's origin at the default path `/socket.io/` (websocket transport).
Authenticate with the `venue_token` cookie that `POST /api/join` sets, or with
`auth: {"token": "..."}` (the `token` field of the join response). A refused connection
gets a `connect_error` whose data is `{"code": "auth.required" | "auth.invalid" | "space.full",
"message": "..."}`.

On connect the server sends `venue.welcome`. Then it sends `space.tick` frames for the space
you are in (10 per second by default, only when something changed), `venue.counts` when the
number of people in any space changed, and `space.snapshot` when you (in any of your tabs)
changed space. Presence belongs to the person, not the connection: all tabs of one person are
one presence, and a person whose last connection drops stays present for a grace period
(`VENUE_DISCONNECT_GRACE`, 5 s) so that a reload does not flicker.

## Acknowledgements

Every client event is answered with an ack:

```json
{"ok": true, "data": {...}}
{"ok": false, "error": {"code": "move.wall", "message": "Something is in the way."},
 "position": {"id": "…", "x": 208, "y": 144}}
```

`position` accompanies refusals once you are present: it is your authoritative position, to
snap back to. Clients must send one payload object per event. Payloads are at most
{max_bytes} bytes. Moves are limited to `VENUE_MOVES_PER_SECOND` (25) per second, other
events to `VENUE_EVENTS_PER_SECOND` (10, bursts of 20); each refused or unknown event is a
strike, and a connection with `VENUE_FLOOD_STRIKES` (50) strikes is disconnected.
"""


def _schema_link(name: str) -> str:
    return f"[`{name}`](schemas/{name}.json)"


def render() -> tuple[str, dict[str, str]]:
    """The markdown text and the schema files (name → JSON text)."""
    schemas: dict[str, str] = {}
    lines = [INTRO.replace("{max_bytes}", str(MAX_PAYLOAD_BYTES)), "## Client → server\n"]
    lines.append("| event | payload | ack `data` | what it does |\n|---|---|---|---|")
    for event, model in INBOUND_MODELS.items():
        data = ACK_DATA_MODELS[event]
        schemas[model.__name__] = _schema(model)
        if data is not None:
            schemas[data.__name__] = _schema(data)
        lines.append(
            f"| `{event.value}` | {_schema_link(model.__name__)} "
            f"| {_schema_link(data.__name__) if data else '—'} | {_doc(model)} |"
        )
    lines.append("\n## Server → client\n\n| event | payload | what it is |\n|---|---|---|")
    for out_event, out_model in OUTBOUND_MODELS.items():
        schemas[out_model.__name__] = _schema(out_model)
        lines.append(
            f"| `{out_event.value}` | {_schema_link(out_model.__name__)} | {_doc(out_model)} |"
        )
    schemas["Ack"] = _schema(Ack)
    lines.append("\n## Error codes\n\n| code | meaning |\n|---|---|")
    lines.extend(f"| `{code.value}` | {meaning} |" for code, meaning in ERROR_MEANINGS.items())
    lines.append(EXAMPLE)
    return "\n".join(lines) + "\n", schemas


EXAMPLE = """
## Example exchange

```text
→ POST /api/join {"name": "Leonie"}          ← {"participant": {...}, "token": "…"}
→ connect auth={"token": "…"}                ← venue.welcome {venue, title, spaces, snapshot}
→ presence.move {"x": 480, "y": 328}         ← ack {"ok": true}
                                             ← space.tick {"space": "lobby", "moves": [...]}
→ door.use {"door": "to-plenary"}            ← ack {"ok": true, "data": {"space": "plenary", ...}}
                                             ← space.snapshot {"space": "plenary", ...}
→ presence.move {"x": 0, "y": -40}           ← ack {"ok": false, "error": {...}, "position": {...}}
```"""


def _doc(model: type[Model]) -> str:
    return (model.__doc__ or "").strip().splitlines()[0] if model.__doc__ else ""


def _schema(model: type[Model]) -> str:
    return json.dumps(model.model_json_schema(), indent=2, sort_keys=True) + "\n"


def write(docs: Path = DOCS) -> None:
    text, schemas = render()
    (docs / "schemas").mkdir(parents=True, exist_ok=True)
    (docs / "protocol.md").write_text(text, encoding="utf-8")
    for name, body in schemas.items():
        (docs / "schemas" / f"{name}.json").write_text(body, encoding="utf-8")


if __name__ == "__main__":
    write()
