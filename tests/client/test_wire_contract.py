"""The browser's wire module and the server's protocol models agree.

`static/js/wire/` writes every payload shape the client sends and reads by hand; the server's
are pydantic models registered by event (venue.protocol). Every send function's payload must
validate against its event's model, and every server event and ack, filled in completely,
must be decoded without losing a value or reading a field that is not there.
"""

from __future__ import annotations

import datetime as dt
import enum
import itertools
import json
import shutil
import subprocess
import types
import typing
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

import venue.protocol  # noqa: F401  (the models register themselves on import)
from tests.conftest import REQUIRE_SERVICES
from venue.protocol.base import Inbound, Notice, Request

DUMP = Path(__file__).with_name("wire_dump.js")

# What a decoder leaves out on purpose: event -> fields of the server's payload.
DROPPED: dict[str, set[str]] = {
    "ack:chat.history": {
        "channel",
        "unread",
    },  # the client asked for the channel; counts come from the inbox
    "ack:table.sit": {"id"},  # the seat is mine
}


@pytest.fixture(scope="module")
def node() -> str:
    found = shutil.which("node")
    if found is None:
        if REQUIRE_SERVICES:
            pytest.fail("node missing but VENUE_TEST_REQUIRE_SERVICES=1")
        pytest.skip("node is not installed")
    return found


class _Sample:
    """A complete instance of a model as JSON: every optional field set, every list with two
    items, every leaf a value of its own (so a value that goes missing is noticed)."""

    def __init__(self) -> None:
        self._counter = itertools.count(1)

    def of(self, model: type[BaseModel]) -> dict[str, Any]:
        raw = {name: self._value(field.annotation) for name, field in model.model_fields.items()}
        return model.model_validate(raw).model_dump(mode="json")

    def _value(self, annotation: Any) -> Any:
        origin, args = typing.get_origin(annotation), typing.get_args(annotation)
        if origin is typing.Annotated:
            return self._value(args[0])
        if origin in (typing.Union, types.UnionType):
            return self._value(next(a for a in args if a is not type(None)))
        if origin is list:
            return [self._value(args[0]), self._value(args[0])]
        if origin is dict:
            return {f"key{next(self._counter)}": self._value(args[1])}
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return {n: self._value(f.annotation) for n, f in annotation.model_fields.items()}
        if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
            return list(annotation)[next(self._counter) % len(annotation)].value
        n = next(self._counter)
        if annotation is bool:
            return True
        if annotation is int:
            return n
        if annotation is float:
            return n + 0.5
        if annotation is str:
            return f"s{n}"
        if annotation is dt.datetime:
            return (dt.datetime(2021, 11, 30, tzinfo=dt.UTC) + dt.timedelta(minutes=n)).isoformat()
        raise TypeError(f"no sample for {annotation!r}")


def _leaves(value: Any) -> Counter[str]:
    """Every leaf value (not key) of a JSON value, as text."""
    if isinstance(value, dict):
        return sum((_leaves(v) for v in value.values()), Counter())
    if isinstance(value, list):
        return sum((_leaves(v) for v in value), Counter())
    return Counter([json.dumps(value)])


def _run(node: str, notices: dict[str, Any], acks: dict[str, Any]) -> dict[str, Any]:
    done = subprocess.run(
        [node, str(DUMP)],
        input=json.dumps({"notices": notices, "acks": acks}),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@pytest.fixture(scope="module")
def wire(node: str) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """(samples of notices, samples of ack data, what the wire did with them)."""
    sample = _Sample()
    notices = {event.value: [sample.of(m)] for event, m in Notice.registry.items()}
    acks = {e.value: [sample.of(r.ack)] for e, r in Request.registry.items() if r.ack}
    return notices, acks, _run(node, notices, acks)


def test_every_request_the_wire_sends_is_valid_for_the_server(wire: Any) -> None:
    _, _, out = wire
    sent = {event: payload for event, payload in out["sent"]}
    assert set(sent) == {e.value for e in Request.registry}, "one send function per event"
    for event, payload in sent.items():
        Request.registry[Inbound(event)].model_validate(payload)  # raises when they disagree


@pytest.mark.parametrize("kind", ["notices", "acks"])
def test_everything_the_server_sends_is_decoded_whole(wire: Any, kind: str) -> None:
    notices, acks, out = wire
    samples = notices if kind == "notices" else acks
    for event, payloads in samples.items():
        decoded = out["decoded"][kind][event]
        assert decoded is not None, f"the wire does not listen to {event}"
        where = f"{'ack:' if kind == 'acks' else ''}{event}"
        assert "<undefined>" not in json.dumps(decoded), f"{where} reads a field not sent"
        dropped = DROPPED.get(where, set())
        kept = [{k: v for k, v in p.items() if k not in dropped} for p in payloads]
        missing = _leaves(kept) - _leaves(decoded)
        assert not missing, f"{where} loses {sorted(missing)}"
