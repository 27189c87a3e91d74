"""Generate the protocol's mirrors from its models (`make docs`): docs/protocol.md with
docs/schemas/*.json, docs/peers.md, and the browser's static/js/protocol.js.

`tests/test_docs.py` fails when any of them differs from what this module renders.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path

from venue.domain.errors import Code
from venue.domain.looks import Colour, Emote, Figure
from venue.domain.people import NAME_MAX, Role, Status
from venue.domain.presence import MovementRules
from venue.protocol import peers
from venue.protocol.base import (
    ERROR_MEANINGS,
    MAX_PAYLOAD_BYTES,
    Ack,
    ApiPath,
    ClientCode,
    Inbound,
    Model,
    Notice,
    Outbound,
    Request,
    TransportCode,
)
from venue.protocol.calls import CallSignalIn
from venue.settings import ROOT

INTRO = """# Socket.IO protocol

Generated from `venue/protocol/` by `make docs`; a test fails when this file or
`docs/schemas/` is out of date. Every event name and payload is defined once, there.

## Connecting

Connect to the server's origin at the default path `/socket.io/` (websocket transport).
Authenticate with the `venue_token` cookie that `POST /api/join` sets, or with
`auth: {"token": "..."}` (the `token` field of the join response). A refused connection
gets a `connect_error` whose data is `{"code": "...", "message": "..."}` with one of these
codes:

{refusals}

On connect the server sends `venue.welcome`. Then it sends `space.tick` frames for the space
you are in (`tick_hz` per second, as the welcome says; only when something changed),
`venue.counts` when the number of people in any space changed, and `space.snapshot` when you
(in any of your tabs) changed space. Presence belongs to the person, not the connection: all
tabs of one person are one presence, and a person whose last connection drops stays present
for a grace period (`VENUE_DISCONNECT_GRACE`, 5 s) so that a reload does not flicker.

## Acknowledgements

Every client event is answered with an ack:

```json
{"ok": true, "data": {...}}
{"ok": false, "error": {"code": "move.wall", "message": "Something is in the way."},
 "position": {"id": "…", "x": 208, "y": 144}}
```

`data` is the event's ack model (below), absent for events that answer nothing but `ok`.
`position` accompanies refusals once you are present: it is your authoritative position, to
snap back to. A handler that fails unexpectedly answers at once with the code `internal`.
Clients must send one payload object per event. Payloads are at most
{max_bytes} bytes ({signal_bytes} for `call.signal`, which carries session descriptions).
Moves are limited to `VENUE_MOVES_PER_SECOND` (25) per second, call signals to 20 per second
(bursts of 100: joining a call trickles many ICE candidates at once), other events to
`VENUE_EVENTS_PER_SECOND` (10, bursts of 20); each refused or unknown event is a strike, and
so is each malformed frame: an undecodable Engine.IO or Socket.IO packet, a namespace other
than `/`, any packet before connecting. Event names Socket.IO reserves (`connect`,
`disconnect`, `*`, …) are unknown events. A person with `VENUE_FLOOD_STRIKES` (50) strikes is
disconnected and kept out for `VENUE_FLOOD_BAN_SECONDS`; strikes and limits belong to the
person, so reconnecting within a minute keeps them. A connection that has not connected yet
is closed after as many malformed frames. Frames over 16 KiB close the connection.

## Walking, doors and entries

A space's map is the Tiled JSON at its `map_url` (`GET /maps/<space>.json`, in `venue.welcome`'s
`spaces`), with its tilesets embedded: positions are pixels of that map, origin top left, and
an avatar is a point (its feet). **Walls** are the tiles that hold a tileset tile with the
property `collides = true`, or any tile of a tile layer with `collides = true`. **Doors,
entries, booths, tables, stages and silent zones** are the objects of class (or type) `area`
in its object layers, hidden ones included (the server adds those it made of WorkAdventure
tile layers as a hidden layer `venue-areas`); their properties say what they are
(docs/venue-format.md: `exitUrl` a door, `start` an entry, …). The server applies exactly
these rules (the browser's `static/js/walkmap.js` is a tested copy of them).

`presence.move` names the point one walks to. The server refuses it (with the `position` to
snap back to) when the point is outside the map (`move.bounds`), when the straight line to it
crosses a wall (`move.wall`), or when it is further than one can walk (`move.too_fast`): one
walks at most {speed:g} pixels per second, as a budget that refills with the time since one's
last move, at most {gap:g} s worth plus {slack:g} pixels of slack for network jitter, so one move
covers at most {cap:g} pixels and many small moves cannot add up to a sprint. Send the points
of a walk as it goes (every 50–100 ms), not only its end. `door.use` takes the name of the door
area one stands in; one arrives at the entry the door's `exitUrl` names (`TARGET#ENTRY`), or at
the target's default entry (the one named `start`, else its first), on a free walkable tile.
`space.enter` arrives at the default entry of the chosen space.

## Calls

The server decides who hears whom: `call.peers` lists the people to hold a WebRTC peer
connection with (at most `VENUE_AV_MAX_PEERS`); the side whose id sorts first offers. Offers,
answers and ICE candidates go through `call.signal`, which the server relays only between two
people it linked in that call. With several processes the sender's process checks the signal
against its own links and relays it to the process serving the target; browsers key their
connections by person, not by call id. `call.ice` gives the ICE servers with TURN credentials.

## The stage

In the plenary and the workshops, `stage.view` gives the space's stage: its latest polls with
live results, the open questions to the stage (asked with `chat.question`) most upvoted first,
the question being answered, the raised hands in the order they went up, and who has the floor;
with one's own ballots and upvotes. Whenever any of it changes the space receives
`stage.state`, at most four times a second. Each person votes once per poll and upvotes a question
once. A moderator who calls on a raised hand (`stage.call_on`) gives that person the floor:
their hand goes down, they receive `stage.called`, and the calls link them with the
moderators present in the space (call `stage:<space>`, with their microphone if they take part
in calls) until `stage.release` or another call-on. Applause and waves are `presence.emote`.
"""

REFUSALS = {
    Code.AUTH_REQUIRED: "no token: join first (`POST /api/join`)",
    Code.AUTH_INVALID: "the token is unknown, expired or revoked: join again",
    Code.ACCESS_REVOKED: "the organisers revoked this personal link; they can issue a new one",
    Code.ACCESS_REMOVED: (
        "a moderator removed this person; `minutes` (in the data too) says when they may come back"
    ),
    TransportCode.RATE_LIMITED: (
        "this person was disconnected for flooding: they may come back after a minute"
    ),
    TransportCode.CONNECTION_LIMIT: (
        "this person already has `VENUE_MAX_TABS` (8) connections open: close one first"
    ),
    Code.SPACE_FULL: "the space one would arrive in is full",
}

EXAMPLE = """
## Example exchange

```text
→ POST /api/join {"name": "Leonie"}          ← {"participant": {...}, "token": "…"}
→ connect auth={"token": "…"}                ← venue.welcome {venue, title, spaces, snapshot, …}
→ presence.move {"x": 480, "y": 328}         ← ack {"ok": true}
                                             ← space.tick {"space": "lobby", "moves": [...]}
→ door.use {"door": "to-plenary"}            ← ack {"ok": true, "data": {"space": "plenary", ...}}
                                             ← space.snapshot {"space": "plenary", ...}
→ presence.move {"x": 0, "y": -40}           ← ack {"ok": false, "error": {...}, "position": {...}}
```"""

PEERS_INTRO = """# Messages between processes

Generated from `venue/protocol/peers.py` by `make docs`; a test fails when this file is out of
date. The processes that serve one venue (`venue serve --redis`) publish these JSON messages on
one Redis channel (`VENUE_REDIS_CHANNEL`, default `venue:<venue id>`). Every message carries
its kind `k` and its sender's process id `n`; a process ignores its own messages and logs one
line for a message it cannot read. See docs/operations.md, "Scale-out", for what each
process keeps.

| kind `k` | fields | what it means |
|---|---|---|"""


def render() -> tuple[str, dict[str, str]]:
    """docs/protocol.md and the schema files (name → JSON text)."""
    schemas: dict[str, str] = {}
    rules = MovementRules()
    refusals = "| code | meaning |\n|---|---|\n" + "\n".join(
        f"| `{code.value}` | {meaning} |" for code, meaning in REFUSALS.items()
    )
    intro = (
        INTRO.replace("{max_bytes}", str(MAX_PAYLOAD_BYTES))
        .replace("{signal_bytes}", str(CallSignalIn.max_bytes))
        .replace("{refusals}", refusals)
        .replace("{speed:g}", f"{rules.speed:g}")
        .replace("{gap:g}", f"{rules.max_gap:g}")
        .replace("{slack:g}", f"{rules.slack:g}")
        .replace("{cap:g}", f"{rules.budget_cap:g}")
    )
    lines = [intro, "## Client → server\n"]
    lines.append("| event | payload | ack `data` | what it does |\n|---|---|---|---|")
    for event in Inbound:
        model = Request.registry[event]
        schemas[model.__name__] = _schema(model)
        ack = model.ack
        if ack is not None:
            schemas[ack.__name__] = _schema(ack)
        lines.append(
            f"| `{event.value}` | {_link(model)} | {_link(ack) if ack else '—'} | {_doc(model)} |"
        )
    lines.append("\n## Server → client\n\n| event | payload | what it is |\n|---|---|---|")
    for out_event in Outbound:
        notice = Notice.registry[out_event]
        schemas[notice.__name__] = _schema(notice)
        lines.append(f"| `{out_event.value}` | {_link(notice)} | {_doc(notice)} |")
    schemas["Ack"] = _schema(Ack)
    lines.append("\n## Error codes\n\n| code | meaning |\n|---|---|")
    lines.extend(f"| `{code.value}` | {meaning} |" for code, meaning in ERROR_MEANINGS.items())
    lines.append(EXAMPLE)
    return "\n".join(lines) + "\n", schemas


def render_peers() -> str:
    lines = [PEERS_INTRO]
    for kind in peers.PeerMessage.kinds:
        fields = [name for name in kind.model_fields if name not in ("k", "n")]
        shown = ", ".join(f"`{name}`" for name in fields) or "—"
        lines.append(f"| `{kind.model_fields['k'].default}` | {shown} | {_doc(kind)} |")
    return "\n".join(lines) + "\n"


def render_js() -> str:
    """static/js/protocol.js: every name the browser uses, mirrored from Python."""
    blocks = [
        "/**\n * The wire protocol as the browser sees it. GENERATED from venue/protocol/ by\n"
        " * `make docs`; do not edit (a test fails when it is out of date).\n */",
        _js_enum("Inbound", Inbound, "Events the client sends; each is answered with an ack."),
        _js_enum("Outbound", Outbound, "Events the server sends."),
        _js_object(
            "ErrorCode",
            {**_members(TransportCode), **_members(Code)},
            "Stable error codes of `ack.error.code`; the catalogues translate them.",
        ),
        _js_enum("ClientErrorCode", ClientCode, ClientCode.__doc__ or ""),
        '/** Errors of a refused connection that mean "join (again)". */\n'
        "export const AUTH_ERRORS = new Set([ErrorCode.AUTH_REQUIRED, ErrorCode.AUTH_INVALID]);",
        _js_enum("Status", Status, "Presence status values."),
        _js_enum("Role", Role, "Roles."),
        _js_enum("Figure", Figure, Figure.__doc__ or ""),
        _js_enum("Colour", Colour, Colour.__doc__ or ""),
        _js_enum("Emote", Emote, Emote.__doc__ or ""),
        f"/** Longest display name, in code points. */\nexport const NAME_MAX = {NAME_MAX};",
        _js_enum("Api", ApiPath, ApiPath.__doc__ or ""),
    ]
    return "\n\n".join(blocks) + "\n"


def _members(enum: type[StrEnum]) -> dict[str, str]:
    return {member.name: member.value for member in enum}


def _js_enum(name: str, enum: type[StrEnum], doc: str) -> str:
    return _js_object(name, _members(enum), doc)


def _js_object(name: str, members: dict[str, str], doc: str) -> str:
    body = "\n".join(f"  {key}: {json.dumps(value)}," for key, value in members.items())
    return f"/** {doc.strip()} */\nexport const {name} = Object.freeze({{\n{body}\n}});"


def _link(model: type[Model]) -> str:
    return f"[`{model.__name__}`](schemas/{model.__name__}.json)"


def _doc(model: type[Model]) -> str:
    """The model's first paragraph as one table cell; every wire model must have one."""
    text = " ".join((model.__doc__ or "").split("\n\n")[0].split())
    if not text:
        raise ValueError(f"{model.__name__} has no docstring: say what it is")
    return text.replace("|", "\\|")


def _schema(model: type[Model]) -> str:
    return json.dumps(model.model_json_schema(), indent=2, sort_keys=True) + "\n"


def outputs(root: Path = ROOT) -> dict[Path, str]:
    """Every generated file and its text."""
    text, schemas = render()
    files = {root / "docs" / "protocol.md": text, root / "docs" / "peers.md": render_peers()}
    files |= {root / "docs" / "schemas" / f"{name}.json": body for name, body in schemas.items()}
    files[root / "static" / "js" / "protocol.js"] = render_js()
    return files


def write(root: Path = ROOT) -> None:
    files = outputs(root)
    for stale in set((root / "docs" / "schemas").glob("*.json")) - set(files):
        stale.unlink()  # a model that was renamed or removed
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write()
