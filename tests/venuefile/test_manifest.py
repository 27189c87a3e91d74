"""The venue.toml models: what they accept and what they refuse."""

from __future__ import annotations

import copy
import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from tests.venuefile.venue_builders import MINI_VENUE, SEED_VENUE
from venue.domain.venue import SpaceKind
from venue.venuefile.manifest import ID_PATTERN, Manifest, SpaceSpec


def mini() -> dict[str, Any]:
    return tomllib.loads((MINI_VENUE / "venue.toml").read_text(encoding="utf-8"))


def refusal(data: dict[str, Any]) -> list[tuple[tuple[int | str, ...], str]]:
    with pytest.raises(ValidationError) as caught:
        Manifest.model_validate(data)
    return [(tuple(e["loc"]), e["msg"]) for e in caught.value.errors()]


def test_mini_manifest_is_valid() -> None:
    manifest = Manifest.model_validate(mini())
    assert manifest.event.start == dt.time(11, 0)
    assert manifest.event.date == dt.date(2021, 11, 30)
    assert [s.kind for s in manifest.spaces] == [
        SpaceKind.LOBBY,
        SpaceKind.PLENARY,
        SpaceKind.EXHIBITION,
    ]
    assert manifest.event.contact is not None
    assert manifest.event.contact.offices[0].address == ["Weg 1", "02763 Zittau"]


def test_seed_manifest_is_valid() -> None:
    path = SEED_VENUE / "venue.toml"
    if not path.is_file():
        pytest.skip("the seed venue is not there yet")
    manifest = Manifest.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    assert manifest.event.id == "lausitz-2021"
    assert manifest.event.timezone == "Europe/Berlin"


@pytest.mark.parametrize(
    ("path", "value", "loc"),
    [
        (("spaces", 0, "capacity"), 0, ("spaces", 0, "capacity")),
        (("spaces", 0, "capacity"), 10001, ("spaces", 0, "capacity")),
        (("spaces", 0, "capacity"), True, ("spaces", 0, "capacity")),
        (("spaces", 0, "capacity"), 12.5, ("spaces", 0, "capacity")),
        (("spaces", 1, "kind"), "cinema", ("spaces", 1, "kind")),
        (("spaces", 1, "map"), "/etc/passwd.tmj", ("spaces", 1, "map")),
        (("spaces", 1, "map"), "..\\other\\lobby.tmj", ("spaces", 1, "map")),
        (("spaces", 1, "map"), "talks.tmx", ("spaces", 1, "map")),
        (("spaces", 2, "id"), "Hall", ("spaces", 2, "id")),
        (("event", "start"), "9:00", ("event", "start")),
        (("event", "timezone"), "Europe/Zittau", ("event", "timezone")),
        (("event", "access"), "everyone", ("event", "access")),
        (("event", "programme"), "../schedule.json", ("event", "programme")),
        (("event", "organiser", "url"), "javascript:alert(1)", ("event", "organiser", "url")),
        (("event", "title", "en"), "  ", ("event", "title", "en")),
        (("booths", 0, "colour"), "red", ("booths", 0, "colour")),
    ],
)
def test_bad_values_are_refused_at_their_place(
    path: tuple[int | str, ...], value: object, loc: tuple[int | str, ...]
) -> None:
    data = mini()
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert [where for where, _ in refusal(data)] == [loc]


def test_end_must_be_after_start() -> None:
    data = mini()
    data["event"]["end"] = "11:00"
    assert refusal(data) == [(("event",), "Value error, end 11:00 must be after start 11:00")]


def test_toml_times_are_accepted_too() -> None:
    data = mini()
    data["event"]["start"] = dt.time(9, 30)
    assert Manifest.model_validate(data).event.start == dt.time(9, 30)


def test_missing_event_fields_are_named() -> None:
    data = mini()
    del data["event"]["lobby"], data["event"]["date"]
    assert sorted(where for where, _ in refusal(data)) == [("event", "date"), ("event", "lobby")]


def test_duplicate_space_ids_and_maps() -> None:
    data = mini()
    data["spaces"].append(copy.deepcopy(data["spaces"][1]))
    assert refusal(data) == [
        (("spaces",), "Value error, duplicate space id: 'talks' at [1, 3]"),
    ]
    data["spaces"][3]["id"] = "talks-2"
    assert refusal(data) == [
        (("spaces",), "Value error, duplicate space map: 'talks.tmj' at [1, 3]"),
    ]


def test_duplicate_booth_ids() -> None:
    data = mini()
    data["booths"].append(dict(data["booths"][0], area="booth-other"))
    assert refusal(data) == [(("booths",), "Value error, duplicate booth id: 'demo' at [0, 1]")]


def test_at_least_one_space() -> None:
    data = mini()
    data["spaces"] = []
    assert [where for where, _ in refusal(data)] == [("spaces",)]


@given(st.from_regex(ID_PATTERN, fullmatch=True))
def test_every_id_of_the_pattern_is_accepted(space_id: str) -> None:
    spec = SpaceSpec.model_validate(
        {
            "id": space_id,
            "kind": "bar",
            "name": {"de": "B", "en": "B"},
            "map": "b.tmj",
            "capacity": 1,
        }
    )
    assert spec.id == space_id


@given(st.text(max_size=70).filter(lambda s: re.fullmatch(ID_PATTERN, s) is None))
def test_every_other_id_is_refused(space_id: str) -> None:
    with pytest.raises(ValidationError):
        SpaceSpec.model_validate(
            {"id": space_id, "kind": "bar", "name": {"de": "B", "en": "B"}, "map": "b.tmj",
             "capacity": 1}
        )  # fmt: skip


def test_contact_in_the_documented_flat_form() -> None:
    data = mini()
    data["event"]["contact"] = {
        "name": "Leonie Liemich",
        "title": "M.A.",
        "unit": "Zentrum für Innovation u. Technologietransfer",
        "phone": "+49 3583 612-4801",
        "address": ["Schwenninger Weg 1", "02763 Zittau"],
    }
    contact = Manifest.model_validate(data).event.contact
    assert contact is not None and contact.title == "M.A."


def test_paths_are_relative_to_the_folder() -> None:
    assert Path(Manifest.model_validate(mini()).event.programme) == Path("schedule.json")


def test_interests_are_tags_with_a_unique_id_and_both_languages() -> None:
    name = {"de": "Energiespeicher", "en": "Energy storage"}
    data = mini() | {"interests": [{"id": "energy", "name": name}]}
    assert [i.id for i in Manifest.model_validate(data).interests] == ["energy"]
    twice = mini() | {"interests": [{"id": "energy", "name": name}] * 2}
    assert "duplicate interest id: 'energy' at [0, 1]" in refusal(twice)[0][1]
    bad_id = mini() | {"interests": [{"id": "Energie!", "name": name}]}
    assert refusal(bad_id)[0][0] == ("interests", 0, "id")
    german_only = mini() | {"interests": [{"id": "energy", "name": {"de": "Energie"}}]}
    assert refusal(german_only)[0][0] == ("interests", 0, "name", "en")
