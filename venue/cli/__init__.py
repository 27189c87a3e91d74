"""The `venue` command: serve, check, init, import-map, import-schedule, invite, db (...)."""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gc
import json
import logging
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from aiohttp import web

from venue.cli import admin, backup, starter
from venue.cli.world import import_map
from venue.clock import utcnow
from venue.cluster import ClusterUnavailable
from venue.domain.venue import Venue
from venue.schedule import importer as schedule_import
from venue.settings import Settings
from venue.venuefile.check import run_check
from venue.venuefile.crosschecks import MANIFEST
from venue.venuefile.loader import inspect_venue, load_venue
from venue.venuefile.problems import VenueInvalid
from venue.venuefile.rooms import RoomsRefused, parse_room, remember_rooms
from venue.web.accesslog import AccessLogger

log = logging.getLogger("venue")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="venue", description="A virtual venue for one-day meetings."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="serve the venue over HTTP and Socket.IO")
    serve.add_argument("--venue", type=Path, help="venue folder (default: the seed venue)")
    serve.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default 8080)")
    _database(serve)
    serve.add_argument(
        "--redis",
        help="Redis URL: serve one venue from several processes (needs a shared PostgreSQL)",
    )
    serve.add_argument(
        "--clock",
        type=dt.datetime.fromisoformat,
        help="rehearsal: start the programme clock here, e.g. 2021-11-30T10:55",
    )
    serve.add_argument(
        "--speed", type=float, help="rehearsal: run the programme clock this many times as fast"
    )
    serve.add_argument(
        "--clock-since",
        type=dt.datetime.fromisoformat,
        help="rehearsal: the real moment (UTC if naive) the clock showed --clock; processes "
        "rehearsing together give the same one (default: when this process starts)",
    )

    check = commands.add_parser("check", help="validate a venue folder and report every problem")
    check.add_argument("directory", type=Path, help="the venue folder, e.g. maps/lausitz-2021")

    init = commands.add_parser(
        "init",
        help="write a new venue folder (manifest, a lobby, an empty programme) to start from",
    )
    init.add_argument("directory", type=Path, help="the folder to create; must be new or empty")
    init.add_argument("--id", dest="event_id", help="the event's id, [a-z0-9-] (default: DIR)")
    init.add_argument("--title", help="the event's title (default: the id)")
    init.add_argument(
        "--date", type=dt.date.fromisoformat, help="the event's day, YYYY-MM-DD (default: today)"
    )

    world = commands.add_parser(
        "import-map",
        help="draft a venue folder from a WorkAdventure world repository or map file",
    )
    world.add_argument("source", type=Path, help="the world's folder, or one Tiled JSON map")
    world.add_argument("directory", type=Path, help="the venue folder to create (new or empty)")
    world.add_argument(
        "--date", type=dt.date.fromisoformat, help="the event's day, YYYY-MM-DD (default: today)"
    )

    schedule = commands.add_parser(
        "import-schedule",
        help="make a pretalx/frab schedule.json or schedule.xml the venue's programme",
    )
    schedule.add_argument("file", type=Path, help="the schedule.json or schedule.xml")
    schedule.add_argument("--venue", type=Path, help="venue folder (default: VENUE_VENUE_DIR)")
    schedule.add_argument(
        "--output", type=Path, help="write here instead of the programme file venue.toml names"
    )
    schedule.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    schedule.add_argument(
        "--room",
        action="append",
        default=[],
        metavar="ROOM=SPACE",
        help="put the programme's room ROOM in the space SPACE (repeatable); "
        "remembered in venue.toml's [rooms] table",
    )

    invite = commands.add_parser(
        "invite", help="invite a moderator, exhibitor or organiser and print their personal link"
    )
    invite.add_argument("--role", required=True, choices=["moderator", "exhibitor", "organiser"])
    invite.add_argument("--name", required=True, help="display name")
    invite.add_argument("--email", help="e-mail the link to this address (needs VENUE_SMTP_HOST)")
    invite.add_argument(
        "--booth", action="append", default=[], metavar="ID", help="booth an exhibitor staffs"
    )
    _venue_and_database(invite)

    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="COMMAND")
    upgrade = db_commands.add_parser("upgrade", help="apply pending migrations")
    _database(upgrade)
    save = db_commands.add_parser(
        "backup", help="write a consistent copy of the database to FILE, while venue runs"
    )
    save.add_argument("file", type=Path, help="the backup file to write; must not exist")
    _database(save)
    restore = db_commands.add_parser(
        "restore", help="restore a backup of `venue db backup` into an empty database"
    )
    restore.add_argument("file", type=Path, help="the backup file")
    _database(restore)
    purge = db_commands.add_parser(
        "purge", help="delete all personal data once the retention period after the event is over"
    )
    _venue_and_database(purge)
    purge.add_argument("--dry-run", action="store_true", help="only report what would happen")
    # for tests and rehearsals: act as if run at 00:00 (event time zone) on this date
    purge.add_argument("--today", type=dt.date.fromisoformat, help=argparse.SUPPRESS)
    return parser


def _venue_and_database(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--venue", type=Path, help="venue folder (default: VENUE_VENUE_DIR)")
    _database(parser)


def _database(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        type=Path,
        metavar="DIR",
        help="folder of the SQLite database and the generated key (default: VENUE_DATA_DIR, "
        "else ~/.local/share/venue; in a checkout its var/)",
    )
    parser.add_argument(
        "--database", help="database URL (default: VENUE_DATABASE_URL, else SQLite in --data)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "check":
        return run_check(args.directory, sys.stdout)
    if args.command == "init":
        return _refusing(starter.init, args.directory, args.event_id, args.title, args.date)
    if args.command == "import-map":
        return _refusing(import_map, args.source, args.directory, args.date, sys.stdout)
    if args.command == "serve":
        return serve(args)
    if args.command == "import-schedule":
        return import_schedule(args)
    try:
        return _refusing(administer, args)
    except VenueInvalid as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print("venue: the venue folder has problems (see `venue check`).", file=sys.stderr)
        return 1


def _refusing(command: Callable[..., int], *args: Any) -> int:
    """Run a command; its refusals are printed as `venue: <message>` with their status."""
    try:
        return command(*args)
    except admin.CommandError as exc:
        print(f"venue: {exc}", file=sys.stderr)
        return exc.status


def administer(args: argparse.Namespace) -> int:
    """The organiser's commands; each opens the database itself and closes it again."""
    settings = Settings(
        **_overrides(
            (
                ("venue_dir", getattr(args, "venue", None)),
                ("data_dir", args.data),
                ("database_url", args.database),
            )
        )
    )
    if args.command == "db" and args.db_command == "upgrade":
        return asyncio.run(admin.upgrade(settings.database_url))
    if args.command == "db" and args.db_command == "backup":
        return backup.save(settings.database_url, args.file)
    if args.command == "db" and args.db_command == "restore":
        return backup.restore(settings.database_url, args.file)
    venue: Venue = load_venue(settings.venue_dir)
    if args.command == "invite":
        return asyncio.run(
            admin.invite(settings, venue, args.role, args.name, args.email, args.booth)
        )
    now = utcnow()
    if args.today is not None and venue.event is not None:
        now = dt.datetime.combine(args.today, dt.time(), tzinfo=venue.event.zone)
    return asyncio.run(admin.purge(settings, venue, now, args.dry_run))


def import_schedule(args: argparse.Namespace) -> int:
    """Import a schedule leniently: warnings on stdout, refusals on stderr with status 1."""
    settings = Settings(**({"venue_dir": args.venue} if args.venue is not None else {}))
    report = inspect_venue(settings.venue_dir)
    if report.manifest is None:
        for problem in report.errors:
            print(problem, file=sys.stderr)
        print(f"venue: {settings.venue_dir} has no usable venue.toml", file=sys.stderr)
        return 1
    output = args.output or settings.venue_dir / report.manifest.event.programme
    try:
        rooms = dict(parse_room(text) for text in args.room)
        result = schedule_import.import_schedule(
            args.file, report.manifest, settings.public_url, rooms
        )
        if not args.dry_run:
            remember_rooms(settings.venue_dir / MANIFEST, report.manifest.rooms, rooms)
    except RoomsRefused as exc:
        print(f"venue: {exc}; nothing written", file=sys.stderr)
        return 1
    except schedule_import.ImportRefused as exc:
        for warning in exc.warnings:
            print(f"warning: {warning}")
        print(f"venue: {args.file}: refused: {exc}; nothing written", file=sys.stderr)
        return 1
    for warning in result.warnings:
        print(f"warning: {warning}")
    for room, space in result.mapped.items():
        print(f"room {room!r} → space {space}")
    if not args.dry_run:
        text = json.dumps(result.document, ensure_ascii=False, indent=2) + "\n"
        partial = output.with_name(output.name + ".part")
        partial.write_text(text, encoding="utf-8")
        partial.replace(output)  # all or nothing
    where = "dry run, nothing written" if args.dry_run else f"written to {output}"
    print(
        f"{result.imported} event(s) imported, {len(result.mapped)} room(s) mapped, "
        f"{len(result.unmapped)} room(s) without a space, {len(result.warnings)} warning(s) "
        f"({where})"
    )
    return 0


def _overrides(pairs: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """The settings given on the command line; the others come from VENUE_* or defaults."""
    return {key: value for key, value in pairs if value is not None}


def serve(args: argparse.Namespace) -> int:
    settings = Settings(
        **_overrides(
            (
                ("venue_dir", args.venue),
                ("host", args.host),
                ("port", args.port),
                ("data_dir", args.data),
                ("database_url", args.database),
                ("redis_url", args.redis),
                ("clock", args.clock),
                ("speed", args.speed),
                ("clock_since", args.clock_since),
            )
        )
    )
    logging.basicConfig(
        level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )

    try:
        web.run_app(
            _served(settings),
            host=settings.host,
            port=settings.port,
            print=_announce,
            access_log_class=AccessLogger,
        )
    except VenueInvalid as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(
            f"venue: {settings.venue_dir} has problems; fix them (see `venue check`).",
            file=sys.stderr,
        )
        return 1
    except ClusterUnavailable as exc:
        print(f"venue serve --redis: {exc}", file=sys.stderr)
        return 1
    return 0


async def _served(settings: Settings) -> web.Application:
    from venue.app import create_app

    app = await create_app(settings)
    app.on_startup.append(_freeze_heap)  # after the cleanup contexts have loaded everything
    return app


async def _freeze_heap(_app: web.Application) -> None:
    """Keep what lives as long as the process (code, maps, programme: ~120,000 objects) out of
    the cyclic garbage collector's full passes, which otherwise stop the event loop for about
    50 ms each under load (loop lag p99 was 115 ms with 500 people in one space)."""
    gc.collect()
    gc.freeze()


def _announce(message: str) -> None:
    log.info("%s", message.strip())
