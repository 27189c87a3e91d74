"""Step 10: the audit log forgets what deleted messages said.

Until now `chat.delete` copied the author and the full text of a deleted message into the
audit log that every console shows, private messages included (issue 15). New entries name
the message id and its author; the old ones keep their action and time, not the text."""

from __future__ import annotations

import sqlalchemy as sa

REMOVED = "(text removed: the log names messages, not what they said)"


def apply(conn: sa.Connection) -> None:
    audit = sa.table("audit_log", sa.column("action"), sa.column("detail"))
    conn.execute(audit.update().where(audit.c.action == "chat.delete").values(detail=REMOVED))
