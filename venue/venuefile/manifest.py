"""The venue manifest (`venue.toml`) as pydantic models; see docs/venue-format.md."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import PurePosixPath
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    StringConstraints,
    field_validator,
    model_validator,
)

from venue.domain.venue import SpaceKind

ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,62}$"
_CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
Url = Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=2000)]
# a meeting embedded in a panel: https only, its host checked against [event] embed_hosts
EmbedUrl = Annotated[str, StringConstraints(pattern=r"^https://[^\s/?#]+(/\S*)?$", max_length=2000)]
Host = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?$", max_length=253),
]


def _venue_relative(value: str) -> str:
    """A file name inside the venue folder: relative, forward slashes, no `..`."""
    path = PurePosixPath(value)
    if not value or path.is_absolute() or "\\" in value or ".." in path.parts:
        raise ValueError(f"must be a file inside the venue folder, not {value!r}")
    return value


def _clock(value: Any) -> Any:
    """Accept `"HH:MM"` strings (and TOML times); anything else is left to pydantic."""
    if isinstance(value, str):
        if not _CLOCK.match(value):
            raise ValueError(f"must be a time of day as HH:MM, not {value!r}")
        return dt.time.fromisoformat(value)
    return value


def _root_relative(value: str) -> str:
    """A path relative to the venue folder that may step out of it (`../tilesets/a.png`);
    the loader checks that it stays inside the venue's root (`asset_root`)."""
    path = PurePosixPath(value)
    if not value or path.is_absolute() or "\\" in value or ":" in value:
        raise ValueError(f"must be a relative path with forward slashes, not {value!r}")
    return value


Clock = Annotated[dt.time, BeforeValidator(_clock)]
VenueFile = Annotated[str, AfterValidator(_venue_relative)]
RootPath = Annotated[str, AfterValidator(_root_relative)]


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TextSpec(_Spec):
    """A text in German and English."""

    de: LongText
    en: LongText


class OrganiserSpec(_Spec):
    """Who runs the event."""

    name: Line
    url: Url | None = None


class OfficeSpec(_Spec):
    """One office of a contact person: unit, postal address, phone."""

    unit: Line
    address: list[Line] = Field(default_factory=list, max_length=10)
    phone: Line | None = None


class ContactSpec(_Spec):
    """The person to ask about the event, with one or several offices."""

    name: Line
    title: Line | None = None
    email: Line | None = None
    unit: Line | None = None
    address: list[Line] = Field(default_factory=list, max_length=10)
    phone: Line | None = None
    offices: list[OfficeSpec] = Field(default_factory=list, max_length=10)


class EventSpec(_Spec):
    """The `[event]` table: what, when, where people arrive."""

    id: Id
    title: TextSpec
    subtitle: TextSpec | None = None
    date: dt.date
    start: Clock
    end: Clock
    timezone: str
    programme: VenueFile = "schedule.json"
    access: Literal["guests", "registered"] = "guests"
    lobby: Id
    organiser: OrganiserSpec | None = None
    contact: ContactSpec | None = None
    # shown on /privacy and linked from the registration form's consent
    privacy: TextSpec | None = None
    # transitions: warn this many minutes before a block; "5 more minutes" lasts stay_minutes
    warning_minutes: StrictInt = Field(default=5, ge=0, le=60)
    stay_minutes: StrictInt = Field(default=5, ge=1, le=60)
    # people without a seat in a parallel block: sent where there is room, or asked to choose
    unassigned: Literal["fill", "choose"] = "fill"
    # those without a place when a block begins (its spaces full, seats kept): this space
    # (default: the lobby)
    overflow: Id | None = None
    # hosts whose pages may open in the meeting panel (and in the CSP's frame-src)
    embed_hosts: list[Host] = Field(default_factory=list, max_length=50)

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r} (e.g. Europe/Berlin)") from None
        return value

    @model_validator(mode="after")
    def _ends_after_start(self) -> EventSpec:
        if self.end <= self.start:
            raise ValueError(f"end {self.end:%H:%M} must be after start {self.start:%H:%M}")
        return self


class SpaceSpec(_Spec):
    """One `[[spaces]]` entry: a room of the venue with its map."""

    id: Id
    kind: SpaceKind
    name: TextSpec
    # relative to the venue folder, inside the venue's root (see Manifest.asset_root)
    map: RootPath
    # strict: TOML `true` or `12.5` is a typo, not a capacity
    capacity: StrictInt = Field(ge=1, le=10000)
    # a meeting or stream shown in a panel to everyone in the space
    meeting: EmbedUrl | None = None

    @field_validator("map")
    @classmethod
    def _tiled_json(cls, value: str) -> str:
        if not value.endswith((".tmj", ".json")):
            raise ValueError(f"must be a Tiled JSON map (.tmj or .json), not {value!r}")
        return value


class BoothSpec(_Spec):
    """One `[[booths]]` entry: an exhibitor's stand in an exhibition space."""

    id: Id
    space: Id
    area: Line
    name: TextSpec
    organisation: Line
    description: TextSpec
    url: Url | None = None
    call_url: Url | None = None  # a video call room offered in booth conversations


class InterestSpec(_Spec):
    """One `[[interests]]` entry: a tag people choose at registration to be matched by."""

    id: Id
    name: TextSpec


class Manifest(_Spec):
    """The whole `venue.toml`."""

    # the folder holding every map, tileset and image the venue uses, relative to the venue
    # folder: "." (the venue folder itself) or e.g. ".." for a WorkAdventure world repository
    asset_root: RootPath = "."
    event: EventSpec
    spaces: list[SpaceSpec] = Field(min_length=1, max_length=200)
    booths: list[BoothSpec] = Field(default_factory=list, max_length=1000)
    # programme rooms → space ids, for rooms named otherwise than the spaces: "Saal 1" = "talks"
    rooms: dict[Line, Id] = Field(default_factory=dict, max_length=1000)
    # the tags offered at registration and on /me (speed networking matches by them)
    interests: list[InterestSpec] = Field(default_factory=list, max_length=50)

    @field_validator("spaces")
    @classmethod
    def _unique_spaces(cls, spaces: list[SpaceSpec]) -> list[SpaceSpec]:
        _no_duplicates("space id", [s.id for s in spaces])
        # a door names its target by map file, so two spaces on one map would be ambiguous
        _no_duplicates("space map", [s.map for s in spaces])
        return spaces

    @field_validator("interests")
    @classmethod
    def _unique_interests(cls, interests: list[InterestSpec]) -> list[InterestSpec]:
        _no_duplicates("interest id", [i.id for i in interests])
        return interests

    @field_validator("booths")
    @classmethod
    def _unique_booths(cls, booths: list[BoothSpec]) -> list[BoothSpec]:
        _no_duplicates("booth id", [b.id for b in booths])
        _no_duplicates("booth area", [f"{b.space}/{b.area}" for b in booths])
        return booths


def _no_duplicates(what: str, values: list[str]) -> None:
    twice = [value for value, n in Counter(values).items() if n > 1]
    if twice:
        places = ", ".join(
            f"{value!r} at [{', '.join(str(i) for i, v in enumerate(values) if v == value)}]"
            for value in twice
        )
        raise ValueError(f"duplicate {what}: {places}")
