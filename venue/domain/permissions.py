"""Who may do what, declared in one place; every privileged route and event calls `require`."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from venue.domain.errors import Code, DomainError
from venue.domain.people import Role


class Permission(StrEnum):
    ENTER_VENUE = "venue.enter"
    STAFF_BOOTH = "booth.staff"  # target: the booth id
    MODERATE = "venue.moderate"
    VIEW_REGISTRATIONS = "registrations.view"
    MANAGE_REGISTRATIONS = "registrations.manage"
    INVITE = "people.invite"
    HIDE_BOOTH = "booth.hide"  # moderators: hide a booth, delete guestbook entries
    VIEW_BOOTH_STATS = "booth.stats"  # organisers: visits, requests and open hours per booth
    VIEW_ATTENDANCE = "attendance.view"  # organisers: attendance per block, space and booth


GRANTS: dict[Role, frozenset[Permission]] = {
    Role.PARTICIPANT: frozenset({Permission.ENTER_VENUE}),
    Role.EXHIBITOR: frozenset({Permission.ENTER_VENUE, Permission.STAFF_BOOTH}),
    Role.MODERATOR: frozenset({Permission.ENTER_VENUE, Permission.MODERATE, Permission.HIDE_BOOTH}),
    Role.ORGANISER: frozenset(Permission),
}


@dataclass(frozen=True, slots=True)
class Actor:
    """Someone acting: a person with a role and, for exhibitors, their booths."""

    id: str
    role: Role
    booths: frozenset[str] = frozenset()


def allowed(actor: Actor | None, permission: Permission, target: str | None = None) -> bool:
    if actor is None or permission not in GRANTS[actor.role]:
        return False
    if permission is Permission.STAFF_BOOTH and actor.role is not Role.ORGANISER:
        return target is not None and target in actor.booths
    return True


def require(actor: Actor | None, permission: Permission, target: str | None = None) -> Actor:
    """The actor, if allowed; else DomainError auth.required (nobody) or auth.forbidden."""
    if actor is None:
        raise DomainError(Code.AUTH_REQUIRED, "Open your personal link or join first.")
    if not allowed(actor, permission, target):
        raise DomainError(Code.AUTH_FORBIDDEN, "You may not do that.")
    return actor
