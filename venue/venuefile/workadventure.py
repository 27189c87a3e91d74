"""WorkAdventure's map conventions, old and new, as venue's areas (docs/venue-format.md has
the table of what each property becomes).

Older maps put meaning on tile layers (`exitUrl`, `startLayer`, `jitsiRoom`, `silent`…): every
non-empty tile of such a layer belongs to the zone. Each 4-connected group of those tiles
becomes one rectangular area named after the layer, so the rest of venue (and the browser,
which gets these areas with the map) knows only areas.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from urllib.parse import quote

from venue.domain.maps import Area, PropertyValue, Rect

Warn = Callable[[str, str], None]

# properties that give a tile layer the meaning of a zone
ZONE_PROPERTIES = (
    "exitUrl",
    "exitSceneUrl",
    "startLayer",
    "start",
    "jitsiRoom",
    "bbbMeeting",
    "openWebsite",
    "silent",
    "meetingUrl",
)
# WorkAdventure features venue has no counterpart for: reported, then ignored
UNSUPPORTED = {
    "playAudio": "venue plays no sound",
    "playAudioLoop": "venue plays no sound",
    "openTab": "venue opens no tabs: use openWebsite",
    "focusable": "venue does not zoom",
    "zoom_margin": "venue does not zoom",
    "openWebsiteTrigger": "venue opens panels when asked",
    "jitsiTrigger": "venue opens meetings when asked",
    "jitsiTriggerMessage": "venue opens meetings when asked",
    "script": "venue runs no map scripts",
}


def translate(
    props: Mapping[str, PropertyValue],
    where: str,
    warn: Warn,
    ignored: dict[str, list[str]],
) -> dict[str, PropertyValue]:
    """WorkAdventure properties as venue's: old names, meetings, websites; the rest as is."""
    plain = dict(props)
    if "exitUrl" not in plain and isinstance(plain.get("exitSceneUrl"), str):
        # exitSceneUrl (WorkAdventure < 1.0) is `/path/map.json#entry`, relative to the world
        plain["exitUrl"] = str(plain["exitSceneUrl"]).lstrip("/")
    if plain.get("startLayer") is True:
        plain["start"] = True
    room = plain.get("jitsiRoom")
    if isinstance(room, str) and room and "meetingUrl" not in plain:
        server = plain.get("jitsiUrl")
        if isinstance(server, str) and server:
            host = server.removeprefix("https://").strip("/")
            plain["meetingUrl"] = f"https://{host}/{quote(room)}"
        else:
            warn(
                where,
                f"jitsiRoom {room!r} needs its Jitsi server: add the property jitsiUrl "
                "(e.g. meet.jit.si) or meetingUrl",
            )
    if isinstance(plain.get("bbbMeeting"), str) and "meetingUrl" not in plain:
        warn(
            where,
            "bbbMeeting needs WorkAdventure's BigBlueButton server: "
            "set meetingUrl to the room's https address instead",
        )
    website = plain.get("openWebsite")
    if isinstance(website, str) and website and "meetingUrl" not in plain:
        plain["meetingUrl"] = website  # shown in the panel, if [event] embed_hosts allows it
    for key in UNSUPPORTED:
        if key in plain:
            ignored.setdefault(key, []).append(where)
    return plain


def ignored_warnings(ignored: Mapping[str, list[str]]) -> Iterator[tuple[str, str]]:
    """One (where, reason) per ignored property of a map, naming its first place."""
    for key, places in ignored.items():
        more = f" (here and in {len(places) - 1} more place(s))" if len(places) > 1 else ""
        yield places[0], f"property {key}{more} is ignored: {UNSUPPORTED[key]}"


def is_zone_layer(name: str, props: Mapping[str, PropertyValue]) -> bool:
    """Whether a tile layer marks zones: a WorkAdventure property, or the name `start`."""
    return name == "start" or any(key in props for key in ZONE_PROPERTIES)


def layer_areas(
    name: str,
    props: Mapping[str, PropertyValue],
    tiles: Iterable[tuple[int, int]],
    tile_size: tuple[int, int],
    where: str,
    warn: Warn,
) -> list[Area]:
    """The areas of a zone layer (its properties already translated): one rectangle around
    each group of its tiles."""
    plain = dict(props)
    if name == "start":
        plain["start"] = True
    plain.pop("collides", None)  # walls are the tile grid's business
    groups = _groups(set(tiles))
    if not groups:
        warn(where, "the layer has no tiles: no area")
    tw, th = tile_size
    areas = []
    for i, group in enumerate(groups):
        xs = [x for x, _ in group]
        ys = [y for _, y in group]
        rect = Rect(
            min(xs) * tw, min(ys) * th, (max(xs) - min(xs) + 1) * tw, (max(ys) - min(ys) + 1) * th
        )
        areas.append(Area(name if i == 0 else f"{name} #{i + 1}", rect, plain))
    return areas


def _groups(tiles: set[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """4-connected groups of tiles, in reading order of their first tile."""
    groups: list[list[tuple[int, int]]] = []
    seen: set[tuple[int, int]] = set()
    for first in sorted(tiles, key=lambda t: (t[1], t[0])):
        if first in seen:
            continue
        group, todo = [], [first]
        seen.add(first)
        while todo:
            x, y = todo.pop()
            group.append((x, y))
            for near in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                if near in tiles and near not in seen:
                    seen.add(near)
                    todo.append(near)
        groups.append(group)
    return groups
