"""Booth content as exhibitors edit it: texts, logo, materials, rota and guestbook."""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from venue.clock import utcnow
from venue.domain.venue import Booth
from venue.store.schema import booth_content, booth_files, booth_guestbook, booth_rota
from venue.store.upsert import insert_once


@dataclass(frozen=True, slots=True)
class BoothLink:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class BoothContent:
    booth: str
    title: str
    organisation: str
    description_de: str
    description_en: str
    links: tuple[BoothLink, ...]
    contact: str
    logo: str | None
    hidden: bool
    title_en: str = ""  # empty: the German title stands in

    def title_in(self, lang: str) -> str:
        """The booth's name in `lang` (the German one where no English one was given)."""
        return self.title_en if lang == "en" and self.title_en else self.title


@dataclass(frozen=True, slots=True)
class StoredFile:
    id: str
    booth: str
    kind: str
    name: str
    content_type: str
    size: int


@dataclass(frozen=True, slots=True)
class GuestbookEntry:
    id: int
    booth: str
    author_id: str
    author: str
    text: str
    answer: str | None
    answered_by: str | None
    at: dt.datetime


class BoothStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def seed(self, booths: Iterable[Booth]) -> None:
        """Booths new to the database start from the venue data; a booth without an English
        name (stored before migration 7) gets the venue data's."""
        async with self._engine.begin() as conn:
            known = set((await conn.execute(sa.select(booth_content.c.booth))).scalars())
            for booth in booths:
                if booth.id in known:
                    await conn.execute(
                        booth_content.update()
                        .where(booth_content.c.booth == booth.id, booth_content.c.title_en == "")
                        .values(title_en=booth.name.en)
                    )
                    continue
                await conn.execute(
                    booth_content.insert().values(
                        booth=booth.id,
                        title=booth.name.de,
                        title_en=booth.name.en,
                        organisation=booth.organisation,
                        description_de=booth.description.de,
                        description_en=booth.description.en,
                        links="[]",
                        contact="",
                        logo=None,
                        hidden=False,
                        updated_at=utcnow(),
                    )
                )

    async def all(self) -> dict[str, BoothContent]:
        async with self._engine.connect() as conn:
            rows = await conn.execute(sa.select(booth_content))
            return {row.booth: _content(row) for row in rows}

    async def get(self, booth: str) -> BoothContent | None:
        async with self._engine.connect() as conn:
            row = (
                await conn.execute(sa.select(booth_content).where(booth_content.c.booth == booth))
            ).first()
        return None if row is None else _content(row)

    async def update(self, content: BoothContent) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(
                booth_content.update()
                .where(booth_content.c.booth == content.booth)
                .values(
                    title=content.title,
                    title_en=content.title_en,
                    organisation=content.organisation,
                    description_de=content.description_de,
                    description_en=content.description_en,
                    links=json.dumps([{"title": x.title, "url": x.url} for x in content.links]),
                    contact=content.contact,
                    updated_at=utcnow(),
                )
            )

    async def set_hidden(self, booth: str, hidden: bool) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(
                booth_content.update().where(booth_content.c.booth == booth).values(hidden=hidden)
            )

    # -- files -----------------------------------------------------------

    async def add_file(
        self, booth: str, kind: str, name: str, content_type: str, data: bytes
    ) -> StoredFile:
        """Store a checked file under a random id; a new logo replaces the old one."""
        stored = StoredFile(secrets.token_hex(16), booth, kind, name, content_type, len(data))
        async with self._engine.begin() as conn:
            await conn.execute(
                booth_files.insert().values(
                    id=stored.id,
                    booth=booth,
                    kind=kind,
                    name=name,
                    content_type=content_type,
                    size=len(data),
                    data=data,
                    created_at=utcnow(),
                )
            )
            if kind == "logo":
                old = await conn.scalar(
                    sa.select(booth_content.c.logo).where(booth_content.c.booth == booth)
                )
                await conn.execute(
                    booth_content.update()
                    .where(booth_content.c.booth == booth)
                    .values(logo=stored.id)
                )
                if old:
                    await conn.execute(booth_files.delete().where(booth_files.c.id == old))
        return stored

    async def files(self, booth: str, kind: str) -> list[StoredFile]:
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                sa.select(*_FILE_COLUMNS)
                .where(booth_files.c.booth == booth, booth_files.c.kind == kind)
                .order_by(booth_files.c.created_at)
            )
            return [StoredFile(*row) for row in rows]

    async def file(self, booth: str, file_id: str) -> tuple[StoredFile, bytes] | None:
        async with self._engine.connect() as conn:
            row = (
                await conn.execute(
                    sa.select(*_FILE_COLUMNS, booth_files.c.data).where(
                        booth_files.c.booth == booth, booth_files.c.id == file_id
                    )
                )
            ).first()
        return None if row is None else (StoredFile(*row[:6]), bytes(row[6]))

    async def delete_file(self, booth: str, file_id: str) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(
                booth_files.delete().where(
                    booth_files.c.booth == booth,
                    booth_files.c.id == file_id,
                    booth_files.c.kind == "material",
                )
            )

    # -- rota ------------------------------------------------------------

    async def rota(self, booth: str) -> dict[str, set[int]]:
        """Which blocks each exhibitor of the booth declared to staff."""
        async with self._engine.connect() as conn:
            rows = await conn.execute(sa.select(booth_rota).where(booth_rota.c.booth == booth))
            out: dict[str, set[int]] = {}
            for row in rows:
                out.setdefault(row.participant_id, set()).add(row.block)
            return out

    async def all_rota_blocks(self) -> dict[str, set[int]]:
        async with self._engine.connect() as conn:
            rows = await conn.execute(sa.select(booth_rota.c.booth, booth_rota.c.block))
            out: dict[str, set[int]] = {}
            for booth, block in rows:
                out.setdefault(booth, set()).add(block)
            return out

    async def set_rota(self, booth: str, participant_id: str, blocks: Iterable[int]) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(
                booth_rota.delete().where(
                    booth_rota.c.booth == booth, booth_rota.c.participant_id == participant_id
                )
            )
            for block in sorted(set(blocks)):
                # concurrent saves of one rota: the same rows, never a unique violation
                await insert_once(
                    conn, booth_rota, booth=booth, participant_id=participant_id, block=block
                )

    # -- guestbook -------------------------------------------------------

    async def guestbook(self, booth: str) -> list[GuestbookEntry]:
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                sa.select(booth_guestbook)
                .where(booth_guestbook.c.booth == booth)
                .order_by(booth_guestbook.c.id.desc())
            )
            return [
                GuestbookEntry(
                    r.id,
                    r.booth,
                    r.author_id,
                    r.author_name,
                    r.text,
                    r.answer,
                    r.answered_by,
                    _aware(r.created_at),
                )
                for r in rows
            ]

    async def add_entry(self, booth: str, author_id: str, author: str, text: str) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(
                booth_guestbook.insert().values(
                    booth=booth,
                    author_id=author_id,
                    author_name=author,
                    text=text,
                    created_at=utcnow(),
                )
            )

    async def answer_entry(self, booth: str, entry: int, answer: str, by: str) -> bool:
        async with self._engine.begin() as conn:
            result = await conn.execute(
                booth_guestbook.update()
                .where(booth_guestbook.c.booth == booth, booth_guestbook.c.id == entry)
                .values(answer=answer, answered_by=by)
            )
            return bool(result.rowcount)

    async def delete_entry(self, booth: str, entry: int) -> bool:
        async with self._engine.begin() as conn:
            result = await conn.execute(
                booth_guestbook.delete().where(
                    booth_guestbook.c.booth == booth, booth_guestbook.c.id == entry
                )
            )
            return bool(result.rowcount)


_FILE_COLUMNS = (
    booth_files.c.id,
    booth_files.c.booth,
    booth_files.c.kind,
    booth_files.c.name,
    booth_files.c.content_type,
    booth_files.c.size,
)


def _content(row: sa.Row[tuple[object, ...]]) -> BoothContent:
    links = tuple(BoothLink(str(x["title"]), str(x["url"])) for x in json.loads(str(row.links)))
    return BoothContent(
        str(row.booth),
        str(row.title),
        str(row.organisation),
        str(row.description_de),
        str(row.description_en),
        links,
        str(row.contact),
        None if row.logo is None else str(row.logo),
        bool(row.hidden),
        str(row.title_en),
    )


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
