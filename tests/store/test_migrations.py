"""Migrations proven: a database migrated step by step equals schema.metadata, on both backends."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from venue.store import schema
from venue.store.db import Store
from venue.store.migrations import MIGRATIONS, upgrade


def drift(conn: sa.Connection, metadata: sa.MetaData) -> list[Any]:
    """How the database differs from `metadata`: Alembic's comparison, and primary keys."""
    context = MigrationContext.configure(conn, opts={"compare_type": True})
    found: list[Any] = list(compare_metadata(context, metadata))
    inspector = sa.inspect(conn)
    for table in metadata.sorted_tables:
        if not inspector.has_table(table.name):
            continue  # compare_metadata reports it
        # Alembic does not compare primary keys
        in_database = inspector.get_pk_constraint(table.name)["constrained_columns"]
        declared = [column.name for column in table.primary_key]
        if sorted(in_database) != sorted(declared):
            found.append(("primary_key", table.name, in_database, declared))
    return found


async def migrated_step_by_step(url: str) -> Store:
    """A database that met every migration in its own start-up, from the first on."""
    store = await Store.open(url, upgrade=False)
    applied: list[int] = []
    for migration in sorted(MIGRATIONS, key=lambda m: m.version):
        async with store.engine.begin() as conn:
            done = await conn.run_sync(upgrade, migration.version)
        applied += [m.version for m in done]
    # one step at a time, none skipped (numbers are given out per change: gaps are fine)
    assert applied == sorted(m.version for m in MIGRATIONS)
    return store


def kinds(found: list[Any]) -> set[str]:
    """The kinds of difference found; Alembic nests a column's changes in a list."""
    return {item[0] for entry in found for item in (entry if isinstance(entry, list) else [entry])}


async def test_a_database_migrated_step_by_step_equals_the_schema(database_url: str) -> None:
    store = await migrated_step_by_step(database_url)
    try:
        async with store.engine.connect() as conn:
            found = await conn.run_sync(drift, schema.metadata)
    finally:
        await store.close()
    assert found == [], "\n".join(map(repr, found))


def test_no_step_builds_from_todays_schema() -> None:
    """A step that created a table from schema.py would give new databases what old ones lack."""
    for migration in MIGRATIONS:
        module = sys.modules[migration.apply.__module__]
        names = vars(module).values()
        assert schema not in names, module.__name__
        assert not any(isinstance(v, sa.Table) and v.metadata is schema.metadata for v in names)


def _no_primary_key(metadata: sa.MetaData) -> None:
    metadata.remove(metadata.tables["closed_spaces"])
    sa.Table("closed_spaces", metadata, sa.Column("space", sa.String(64), nullable=False))


def _no_cascade(metadata: sa.MetaData) -> None:
    (constraint,) = metadata.tables["tokens"].foreign_key_constraints
    constraint.ondelete = None


# each way a schema.py change could outrun the migrations, and what the comparison calls it
CHANGES: dict[str, tuple[Callable[[sa.MetaData], object], str]] = {
    "a new table": (
        lambda m: sa.Table("polls", m, sa.Column("id", sa.Integer, primary_key=True)),
        "add_table",
    ),
    "a table gone": (lambda m: m.remove(m.tables["booth_open"]), "remove_table"),
    "a new column": (
        lambda m: m.tables["participants"].append_column(sa.Column("pronouns", sa.String(20))),
        "add_column",
    ),
    "a longer string": (
        lambda m: setattr(m.tables["participants"].c.name, "type", sa.String(120)),
        "modify_type",
    ),
    "a column made required": (
        lambda m: setattr(m.tables["tokens"].c.revoked_at, "nullable", False),
        "modify_nullable",
    ),
    "a new index": (
        lambda m: sa.Index("ix_booth_open_closed", m.tables["booth_open"].c.closed_at),
        "add_index",
    ),
    "an index gone": (
        lambda m: m.tables["tokens"].indexes.clear(),
        "remove_index",
    ),
    "a unique constraint": (
        lambda m: m.tables["workshop_seats"].append_constraint(
            sa.UniqueConstraint("capacity", name="uq_workshop_seats_capacity")
        ),
        "add_constraint",
    ),
    "a foreign key without cascade": (_no_cascade, "add_fk"),
    "a primary key gone": (_no_primary_key, "primary_key"),
}


async def test_the_comparison_finds_every_kind_of_drift(database_url: str) -> None:
    """The proof above can fail: each kind of change to schema.py alone is reported."""
    store = await migrated_step_by_step(database_url)
    try:
        async with store.engine.connect() as conn:
            for what, (change, kind) in CHANGES.items():
                changed = sa.MetaData()
                for table in schema.metadata.sorted_tables:
                    table.to_metadata(changed)
                change(changed)
                assert kind in kinds(await conn.run_sync(drift, changed)), what
    finally:
        await store.close()
