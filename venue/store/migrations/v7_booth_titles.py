"""Step 7: a booth's name in English beside the German one (an empty one is filled from the
venue data at start; until then the German name stands in)."""

from __future__ import annotations

import sqlalchemy as sa


def apply(conn: sa.Connection) -> None:
    conn.execute(
        sa.text("ALTER TABLE booth_content ADD COLUMN title_en VARCHAR(200) NOT NULL DEFAULT ''")
    )
