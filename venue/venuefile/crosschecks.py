"""Cross-checks of a venue folder: doors, reachability, booths, capacities, programme rooms."""

from __future__ import annotations

from collections import deque
from urllib.parse import urlsplit

from pydantic import BaseModel

from venue.domain.maps import Area, AreaKind, SpaceMap
from venue.domain.venue import SpaceKind
from venue.venuefile.manifest import Manifest, SpaceSpec, TextSpec
from venue.venuefile.problems import Problem
from venue.venuefile.tiled import MapReport

MANIFEST = "venue.toml"
MIN_WORDS = 3  # identical texts of this many words are taken as untranslated


class CrossChecks:
    """Checks that need the manifest and all maps together."""

    def __init__(
        self, manifest: Manifest, maps: dict[str, MapReport], problems: list[Problem]
    ) -> None:
        self.manifest = manifest
        self.maps = maps
        self.problems = problems
        self.specs = {spec.id: spec for spec in manifest.spaces}
        self.index = {spec.id: i for i, spec in enumerate(manifest.spaces)}
        self.doors: dict[str, set[str]] = {spec.id: set() for spec in manifest.spaces}

    def add(self, file: str, where: str, reason: str, warning: bool = False) -> None:
        self.problems.append(Problem(file, where, reason, "warning" if warning else "error"))

    def space_map(self, space_id: str) -> SpaceMap | None:
        return self.maps[space_id].space_map

    def space_where(self, space_id: str) -> str:
        return f"spaces[{self.index[space_id]}] (id {space_id!r})"

    def lobby(self) -> None:
        """The lobby names a space of kind lobby."""
        lobby = self.manifest.event.lobby
        spec = self.specs.get(lobby)
        if spec is None:
            self.add(MANIFEST, "event.lobby", f"unknown space {lobby!r}")
        elif spec.kind is not SpaceKind.LOBBY:
            self.add(MANIFEST, "event.lobby", f"space {lobby!r} is a {spec.kind}, not a lobby")
        overflow = self.manifest.event.overflow
        if overflow is not None and overflow not in self.specs:
            self.add(MANIFEST, "event.overflow", f"unknown space {overflow!r}")

    def resolve(self, ref: str) -> str | None:
        """A door target as Venue.resolve_space_ref reads it: space id, else map file."""
        if ref in self.specs:
            return ref
        return next((s.id for s in self.manifest.spaces if s.map == ref), None)

    def doors_and_reachability(self) -> None:
        """Every door leads to an entry of a known space; every space is reachable by doors."""
        for spec in self.manifest.spaces:
            report = self.maps[spec.id]
            for door in report.space_map.areas_of(AreaKind.DOOR) if report.space_map else []:
                self.door(spec, report, door)
        lobby = self.manifest.event.lobby
        if lobby not in self.specs or any(r.space_map is None for r in self.maps.values()):
            # a map that did not load has unknown doors: its own error says enough
            return
        forward = _reachable(lobby, self.doors)
        backward = _reachable(lobby, _reversed(self.doors))
        for spec in self.manifest.spaces:
            if spec.id not in forward:
                reason = f"no doors lead here from the lobby {lobby!r} (add a door to {spec.map})"
                self.add(MANIFEST, self.space_where(spec.id), reason)
            elif spec.id not in backward:
                reason = f"no doors lead back to the lobby {lobby!r} (only the space list does)"
                self.add(MANIFEST, self.space_where(spec.id), reason, warning=True)

    def door(self, spec: SpaceSpec, report: MapReport, door: Area) -> None:
        where = report.where(door.name)
        target_ref, entry = door.exit_target
        if not target_ref:
            self.add(spec.map, where, "door has no target space (exitUrl is TARGET#ENTRY)")
            return
        target = self.resolve(target_ref)
        if target is None and ("://" in target_ref or target_ref.startswith("/")):
            reason = (
                f"door leads to {door.properties.get('exitUrl')!r}, outside this venue "
                "(a WorkAdventure world URL?): write exitUrl as MAP#ENTRY of one of its spaces"
            )
            self.add(spec.map, where, reason)
            return
        if target is None:
            self.add(spec.map, where, f"door leads to unknown space {target_ref!r}")
            return
        self.doors[spec.id].add(target)
        target_map = self.space_map(target)
        if target_map is None or not entry:
            # an empty ENTRY means the default entry; its absence is the target map's error
            return
        area = target_map.area(entry)
        target_file = self.specs[target].map
        if area is None:
            self.add(spec.map, where, f"door leads to unknown entry {entry!r} in {target_file}")
        elif area.kind is not AreaKind.ENTRY:
            reason = f"door leads to {entry!r} in {target_file}, which is not an entry (start=true)"
            self.add(spec.map, where, reason)

    def on_foot(self) -> None:
        """Doors, entries and booths have walkable tiles reachable from the default entry."""
        for spec in self.manifest.spaces:
            report = self.maps[spec.id]
            space_map = report.space_map
            start = space_map.default_entry() if space_map else None
            if space_map is None or start is None:
                continue
            reach: set[tuple[int, int]] = set()
            for tile in _area_tiles(space_map, start):
                if tile not in reach:
                    reach |= space_map.reachable_tiles(tile)
            for area in space_map.areas:
                if area.kind not in (AreaKind.DOOR, AreaKind.ENTRY, AreaKind.BOOTH):
                    continue
                tiles = _area_tiles(space_map, area)
                where = report.where(area.name)
                if not tiles and area.kind is AreaKind.DOOR:
                    self.add(spec.map, where, "no walkable tile in the door: nobody can use it")
                elif not tiles:
                    reason = f"no walkable tile in the {area.kind}: people are put next to it"
                    self.add(spec.map, where, reason, warning=True)
                elif reach and not reach.intersection(tiles):
                    reason = f"cannot be reached on foot from the entry {start.name!r}"
                    self.add(spec.map, where, reason, warning=True)

    def booths(self) -> None:
        """Booths stand in exhibition spaces on areas that name them, and vice versa."""
        booths = {booth.id: booth for booth in self.manifest.booths}
        for i, booth in enumerate(self.manifest.booths):
            spec = self.specs.get(booth.space)
            if spec is None:
                self.add(MANIFEST, f"booths[{i}].space", f"unknown space {booth.space!r}")
                continue
            if spec.kind is not SpaceKind.EXHIBITION:
                reason = f"space {spec.id!r} is a {spec.kind}; booths stand in exhibition spaces"
                self.add(MANIFEST, f"booths[{i}].space", reason)
            report = self.maps[spec.id]
            area = report.space_map.area(booth.area) if report.space_map else None
            if report.space_map is not None and area is None:
                self.add(MANIFEST, f"booths[{i}].area", f"no area {booth.area!r} in {spec.map}")
            elif area is not None and "booth" not in area.properties:
                reason = f"area has no property booth (venue.toml puts booth {booth.id!r} here)"
                self.add(spec.map, report.where(area.name), reason)
        for spec in self.manifest.spaces:
            report = self.maps[spec.id]
            for area in report.space_map.areas if report.space_map else ():
                named = area.properties.get("booth")
                if named is None:
                    continue
                placed = booths.get(str(named))
                where = report.where(area.name)
                if placed is None:
                    self.add(spec.map, where, f"booth {named!r} is not in venue.toml")
                elif (placed.space, placed.area) != (spec.id, area.name):
                    reason = (
                        f"venue.toml puts booth {named!r} in area {placed.area!r} "
                        f"of space {placed.space!r}"
                    )
                    self.add(spec.map, where, reason)

    def capacities(self) -> None:
        """Capacities fit the floor, and the lobby holds at least the largest space."""
        for spec in self.manifest.spaces:
            space_map = self.space_map(spec.id)
            if space_map is None:
                continue
            floor = space_map.width * space_map.height - len(space_map.blocked)
            if spec.capacity > floor:
                reason = f"{spec.capacity} people but only {floor} walkable tiles in {spec.map}"
                self.add(MANIFEST, f"spaces[{self.index[spec.id]}].capacity", reason, True)
        lobby = self.specs.get(self.manifest.event.lobby)
        largest = max(self.manifest.spaces, key=lambda s: s.capacity)
        if lobby is not None and lobby.capacity < largest.capacity:
            reason = (
                f"the lobby holds {lobby.capacity}, fewer than {largest.id!r} "
                f"({largest.capacity}): people leaving it may not fit"
            )
            self.add(MANIFEST, f"spaces[{self.index[lobby.id]}].capacity", reason, True)

    def translations(self) -> None:
        """Every text exists in German and English (`en`): an untranslated one is a warning."""
        for where in untranslated(self.manifest):
            self.add(MANIFEST, where, "the same in German and English: add the translation", True)

    def embeds(self) -> None:
        """Meetings (space `meeting`, area `meetingUrl`) are https pages of allowed hosts."""
        allowed = set(self.manifest.event.embed_hosts)
        for spec in self.manifest.spaces:
            where = f"spaces[{self.index[spec.id]}].meeting"
            if spec.meeting is not None:
                self._embed(MANIFEST, where, spec.meeting, allowed)
            space_map = self.space_map(spec.id)
            for area in space_map.areas if space_map else ():
                url = area.properties.get("meetingUrl")
                if url is not None:
                    self._embed(spec.map, f"area {area.name!r} meetingUrl", str(url), allowed)

    def _embed(self, file: str, where: str, url: str, allowed: set[str]) -> None:
        host = embed_host(url)
        if host is None:
            self.add(file, where, f"must be an https:// address, not {url[:200]!r}")
        elif host not in allowed:
            self.add(file, where, f"host {host!r} is not in [event] embed_hosts")


def untranslated(node: object, where: str = "") -> list[str]:
    """Where a text of the manifest reads the same in German and English although it has
    several words: most likely not translated yet (a single word may well be both)."""
    if isinstance(node, TextSpec):
        same = node.de.strip() == node.en.strip() and len(node.de.split()) >= MIN_WORDS
        return [where] if same else []
    if isinstance(node, BaseModel):
        found = []
        for name in type(node).model_fields:
            found += untranslated(getattr(node, name), f"{where}.{name}".lstrip("."))
        return found
    if isinstance(node, list):
        return [hit for i, item in enumerate(node) for hit in untranslated(item, f"{where}[{i}]")]
    return []


def embed_host(url: str) -> str | None:
    """The host (with a port, if any) of an https URL, lower case; None if not https."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        return None
    try:
        port = parts.port
    except ValueError:
        return None
    return parts.hostname.lower() + (f":{port}" if port else "")


def _area_tiles(space_map: SpaceMap, area: Area) -> list[tuple[int, int]]:
    """Walkable tiles of an area; a sub-tile area counts the tile under its centre."""
    tiles = space_map.walkable_tiles_in(area.rect)
    if not tiles and space_map.walkable(*area.rect.center):
        tiles = [space_map.tile_of(*area.rect.center)]
    return tiles


def _reachable(start: str, edges: dict[str, set[str]]) -> set[str]:
    seen = {start}
    todo = deque([start])
    while todo:
        for nxt in edges.get(todo.popleft(), set()) - seen:
            seen.add(nxt)
            todo.append(nxt)
    return seen


def _reversed(edges: dict[str, set[str]]) -> dict[str, set[str]]:
    back: dict[str, set[str]] = {node: set() for node in edges}
    for node, targets in edges.items():
        for target in targets:
            back.setdefault(target, set()).add(node)
    return back
