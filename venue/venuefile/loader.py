"""Load a venue folder and check that manifest, maps and programme fit together."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from venue.domain.venue import Booth, EventInfo, Interest, Space, Text, Venue
from venue.venuefile.crosschecks import MANIFEST, CrossChecks
from venue.venuefile.manifest import ContactSpec, Manifest, TextSpec
from venue.venuefile.problems import Problem, VenueInvalid, has_errors
from venue.venuefile.programme import read_programme
from venue.venuefile.programme_check import check_programme
from venue.venuefile.tiled import MapReport, inside, read_map


@dataclass(frozen=True)
class VenueReport:
    """Everything `venue check` learns about a folder."""

    name: str
    manifest: Manifest | None
    venue: Venue | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def check_venue(directory: Path) -> tuple[Venue | None, list[Problem]]:
    """The venue (None if it has errors) and every problem found in its folder."""
    report = inspect_venue(directory)
    return report.venue, report.problems


def load_venue(directory: Path) -> Venue:
    """The venue of a folder; raises VenueInvalid listing the problems if it has errors."""
    venue, problems = check_venue(directory)
    if venue is None or has_errors(problems):
        raise VenueInvalid(problems)
    return venue


def inspect_venue(directory: Path) -> VenueReport:
    """Read and cross-check a venue folder, collecting problems instead of stopping."""
    problems: list[Problem] = []
    if not directory.is_dir():
        problems.append(Problem(str(directory), "", "not a venue folder (no such directory)"))
        return VenueReport(directory.name, None, None, problems)
    manifest = _read_manifest(directory / MANIFEST, problems)
    if manifest is None:
        return VenueReport(directory.name, None, None, problems)
    root = (directory / manifest.asset_root).resolve()
    if not root.is_dir():
        problems.append(Problem(MANIFEST, "asset_root", f"no folder {manifest.asset_root!r}"))
        return VenueReport(manifest.event.id, manifest, None, problems)
    maps: dict[str, MapReport] = {}
    for i, spec in enumerate(manifest.spaces):
        if not inside(root, directory / spec.map):
            reason = (
                f"{spec.map} lies outside the venue's root {manifest.asset_root!r} (asset_root)"
            )
            problems.append(Problem(MANIFEST, f"spaces[{i}].map", reason))
            maps[spec.id] = MapReport(None, [])
            continue
        maps[spec.id] = read_map(directory / spec.map, label=spec.map, root=root)
        problems.extend(maps[spec.id].problems)
    checks = CrossChecks(manifest, maps, problems)
    checks.lobby()
    checks.doors_and_reachability()
    checks.on_foot()
    checks.booths()
    checks.capacities()
    checks.embeds()
    checks.translations()
    check_programme(directory, manifest, problems)
    venue = None if has_errors(problems) else _build(directory, manifest, maps)
    return VenueReport(manifest.event.id, manifest, venue, problems)


def _read_manifest(path: Path, problems: list[Problem]) -> Manifest | None:
    """The validated manifest, or None with the reasons added to `problems`."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(Problem(MANIFEST, "", "file not found"))
        return None
    except UnicodeDecodeError:
        problems.append(Problem(MANIFEST, "", "not UTF-8 text"))
        return None
    except tomllib.TOMLDecodeError as exc:
        # tomllib puts the position at the end of its message: "... (at line 3, column 9)"
        found = re.fullmatch(r"(.*) \(at (.*)\)", str(exc))
        where, reason = (found.group(2), found.group(1)) if found else ("", str(exc))
        problems.append(Problem(MANIFEST, where, f"not valid TOML: {reason}"))
        return None
    try:
        return Manifest.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            problems.append(Problem(MANIFEST, _location(error["loc"]), _message(error)))
        return None


def _location(loc: Iterable[int | str]) -> str:
    """A pydantic error location as a TOML path: `spaces[2].capacity`."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text


def _message(error: Any) -> str:
    """A pydantic error message worded for someone editing venue.toml."""
    kind, message, value = error["type"], str(error["msg"]), error.get("input")
    if kind == "missing":
        return "missing"
    if kind == "extra_forbidden":
        return "unknown key (not part of the venue format)"
    message = message.removeprefix("Value error, ")
    if isinstance(value, str | int | float) and repr(value) not in message:
        message += f" (got {value!r})"
    return message


def _text(spec: TextSpec) -> Text:
    return Text(de=spec.de, en=spec.en)


def _contact_lines(contact: ContactSpec | None) -> tuple[str, ...]:
    if contact is None:
        return ()
    lines = [f"{contact.name}, {contact.title}" if contact.title else contact.name]
    lines += [contact.unit] if contact.unit else []
    lines += contact.address
    lines += [contact.phone] if contact.phone else []
    for office in contact.offices:
        lines += [office.unit, *office.address]
        lines += [office.phone] if office.phone else []
    lines += [contact.email] if contact.email else []
    return tuple(lines)


def _build(directory: Path, manifest: Manifest, maps: dict[str, MapReport]) -> Venue:
    """The domain Venue of a manifest whose maps all loaded."""
    spaces: dict[str, Space] = {}
    for spec in manifest.spaces:
        space_map = maps[spec.id].space_map
        assert space_map is not None, "built only when every map loaded"
        spaces[spec.id] = Space(
            spec.id, spec.kind, _text(spec.name), spec.capacity, spec.map, space_map, spec.meeting
        )
    booths = {
        b.id: Booth(
            b.id,
            b.space,
            b.area,
            _text(b.name),
            b.organisation,
            _text(b.description),
            call_url=b.call_url,
        )
        for b in manifest.booths
    }
    event = manifest.event
    info = EventInfo(
        title=_text(event.title),
        subtitle=_text(event.subtitle) if event.subtitle else None,
        date=event.date,
        start=event.start,
        end=event.end,
        timezone=event.timezone,
        access=event.access,
        programme=event.programme,
        organiser=event.organiser.name if event.organiser else None,
        organiser_url=event.organiser.url if event.organiser else None,
        contact=_contact_lines(event.contact),
        privacy=_text(event.privacy) if event.privacy else None,
        warning_minutes=event.warning_minutes,
        stay_minutes=event.stay_minutes,
        unassigned=event.unassigned,
        overflow=event.overflow,
        embed_hosts=tuple(event.embed_hosts),
    )
    return Venue(
        id=event.id,
        title=_text(event.title),
        lobby=event.lobby,
        spaces=spaces,
        booths=booths,
        event=info,
        programme=read_programme(directory / event.programme, spaces.values(), manifest.rooms),
        asset_root=manifest.asset_root,
        interests=tuple(Interest(i.id, _text(i.name)) for i in manifest.interests),
    )
