"""Refusals the venue can give, each with a stable, documented code."""

from __future__ import annotations

from enum import StrEnum


class Code(StrEnum):
    """Why the venue refuses something; clients translate the code, never the message."""

    AUTH_REQUIRED = "auth.required"
    AUTH_INVALID = "auth.invalid"
    AUTH_FORBIDDEN = "auth.forbidden"
    ACCESS_REMOVED = "access.removed"
    ACCESS_REVOKED = "access.revoked"
    NAME_INVALID = "name.invalid"
    PRESENCE_ABSENT = "presence.absent"
    MOVE_BOUNDS = "move.bounds"
    MOVE_WALL = "move.wall"
    MOVE_TOO_FAST = "move.too_fast"
    SPACE_UNKNOWN = "space.unknown"
    SPACE_FULL = "space.full"
    SPACE_KEPT = "space.kept"
    SPACE_SAME = "space.same"
    DOOR_UNKNOWN = "door.unknown"
    DOOR_NOT_HERE = "door.not_here"
    DOOR_BROKEN = "door.broken"
    SPACE_CLOSED = "space.closed"
    SLOT_UNKNOWN = "slot.unknown"
    SLOT_PAST = "slot.past"
    SLOT_STALE = "slot.stale"
    DELAY_INVALID = "delay.invalid"
    SLOT_NOT_RUNNING = "slot.not_running"
    PERSON_UNKNOWN = "person.unknown"
    BOOTH_UNKNOWN = "booth.unknown"
    BOOTH_CLOSED = "booth.closed"
    BOOTH_OWN = "booth.own"
    BOOTH_PENDING = "booth.pending"
    BOOTH_FLOOD = "booth.flood"
    BOOTH_REQUEST_UNKNOWN = "booth.request_unknown"
    BOOTH_TAKEN = "booth.taken"
    BOOTH_WITHDRAWN = "booth.withdrawn"
    BOOTH_TEXT_INVALID = "booth.text_invalid"
    BOOTH_NOTE_TOO_LONG = "booth.note_too_long"
    CONVERSATION_UNKNOWN = "conversation.unknown"
    CHAT_CHANNEL_UNKNOWN = "chat.channel_unknown"
    CHAT_NOT_MEMBER = "chat.not_member"
    CHAT_TEXT_INVALID = "chat.text_invalid"
    CHAT_MUTED = "chat.muted"
    CHAT_BLOCKED = "chat.blocked"
    CHAT_MESSAGE_UNKNOWN = "chat.message_unknown"
    CHAT_NO_QUESTIONS = "chat.no_questions"
    TABLE_UNKNOWN = "table.unknown"
    TABLE_FULL = "table.full"
    CALL_UNKNOWN = "call.unknown"
    CALL_NOT_PEER = "call.not_peer"
    CALL_SIGNAL_INVALID = "call.signal_invalid"
    CALL_MIC_HELD = "call.mic_held"
    EMOTE_TOO_OFTEN = "emote.too_often"
    STAGE_NOT_HERE = "stage.not_here"
    POLL_INVALID = "poll.invalid"
    POLL_UNKNOWN = "poll.unknown"
    POLL_CLOSED = "poll.closed"
    POLL_VOTED = "poll.voted"
    POLL_CHOICE_INVALID = "poll.choice_invalid"
    QUESTION_UNKNOWN = "question.unknown"
    QUESTION_VOTED = "question.voted"
    QUESTION_OWN = "question.own"
    HAND_NOT_RAISED = "hand.not_raised"
    INVITE_ROLE = "invite.role"
    INVITE_EMAIL = "invite.email"
    INVITE_BOOTH = "invite.booth"
    INVITE_EMAIL_TAKEN = "invite.email_taken"
    REGISTRATION_UNKNOWN = "registration.unknown"
    WORKSHOP_FULL = "workshop.full"
    WORKSHOP_SAME = "workshop.same"
    UPLOAD_TOO_LARGE = "upload.too_large"
    UPLOAD_TOO_MANY = "upload.too_many"
    UPLOAD_NOT_IMAGE = "upload.not_image"
    UPLOAD_DIMENSIONS = "upload.dimensions"
    UPLOAD_NOT_PDF = "upload.not_pdf"
    UPLOAD_TOO_COMPLEX = "upload.too_complex"
    WORK_BUSY = "work.busy"
    EXPORT_TOO_LARGE = "export.too_large"
    CONTACT_SELF = "contact.self"
    CONTACT_PENDING = "contact.pending"
    CONTACT_EXISTS = "contact.exists"
    CONTACT_FLOOD = "contact.flood"
    CONTACT_REQUEST_UNKNOWN = "contact.request_unknown"
    FEEDBACK_NOT_ENDED = "feedback.not_ended"
    FEEDBACK_ABSENT = "feedback.absent"
    FEEDBACK_DONE = "feedback.done"
    FEEDBACK_TEXT_INVALID = "feedback.text_invalid"
    ATTENDANCE_NONE = "attendance.none"
    INTEREST_UNKNOWN = "interest.unknown"
    INTEREST_TOO_MANY = "interest.too_many"
    INTEREST_LINE_INVALID = "interest.line_invalid"
    NETWORKING_RUNNING = "networking.running"
    NETWORKING_IDLE = "networking.idle"
    NETWORKING_NO_TABLES = "networking.no_tables"
    NETWORKING_CLUSTER = "networking.cluster"


MEANINGS: dict[Code, str] = {
    Code.AUTH_REQUIRED: "Connect with a token (join first).",
    Code.AUTH_INVALID: "The token is not valid (forged, revoked or its person is gone).",
    Code.AUTH_FORBIDDEN: "The person's role does not allow this event.",
    Code.ACCESS_REMOVED: "A moderator removed the person; they may come back after the time"
    " the message names.",
    Code.ACCESS_REVOKED: "The organisers revoked this personal link; they can issue a new one.",
    Code.NAME_INVALID: "A display name has 1 to 40 characters and no control characters.",
    Code.PRESENCE_ABSENT: "The person is not in the venue (yet).",
    Code.MOVE_BOUNDS: "The position is outside the map; the ack carries the real one.",
    Code.MOVE_WALL: "A wall or furniture is in the way; the ack carries the real position.",
    Code.MOVE_TOO_FAST: "Further than one walks that quickly; the ack carries the real one.",
    Code.SPACE_UNKNOWN: "There is no space with that id.",
    Code.SPACE_FULL: "The space has reached its capacity.",
    Code.SPACE_KEPT: "The places left are kept for registered participants whose seat is there"
    " (from the warning until the grace period after the block's start).",
    Code.SPACE_SAME: "The person is already in that space.",
    Code.DOOR_UNKNOWN: "The current space has no door of that name.",
    Code.DOOR_NOT_HERE: "The avatar does not stand in the door's area.",
    Code.DOOR_BROKEN: "The door leads nowhere (a venue data problem).",
    Code.SPACE_CLOSED: "A moderator has closed that space for now.",
    Code.SLOT_UNKNOWN: "There is no such slot (block) in the programme.",
    Code.SLOT_PAST: "That slot has already begun; it cannot be moved or started.",
    Code.SLOT_NOT_RUNNING: "No block is running, so there is none to extend (delay instead).",
    Code.SLOT_STALE: "The console showed another next slot; it has been refreshed.",
    Code.DELAY_INVALID: "A delay is 1 to 240 minutes.",
    Code.PERSON_UNKNOWN: "Nobody with that id is in the venue.",
    Code.BOOTH_UNKNOWN: "There is no such booth (or a moderator has hidden it).",
    Code.BOOTH_CLOSED: "Nobody staffs the booth right now; try when it is open.",
    Code.BOOTH_OWN: "Exhibitors do not send requests to their own booth.",
    Code.BOOTH_PENDING: "The visitor's request to this booth is still ringing.",
    Code.BOOTH_FLOOD: "More than 3 contact requests within 60 seconds; wait a minute.",
    Code.BOOTH_REQUEST_UNKNOWN: "There is no such contact request.",
    Code.BOOTH_TAKEN: "Another staff member has answered the request already.",
    Code.BOOTH_WITHDRAWN: "The visitor left before anyone answered.",
    Code.BOOTH_TEXT_INVALID: "A message has 1 to 1000 characters and no control characters.",
    Code.BOOTH_NOTE_TOO_LONG: "A guestbook entry is longer than the booth page allows (HTTP).",
    Code.CONVERSATION_UNKNOWN: "No such conversation, or one is not part of it.",
    Code.CHAT_CHANNEL_UNKNOWN: "No such channel (space:, group:, table: or dm: and an id).",
    Code.CHAT_NOT_MEMBER: "One posts only in one's own space, group or table, or to a person.",
    Code.CHAT_TEXT_INVALID: "A message has 1 to 1000 characters and no control characters.",
    Code.CHAT_MUTED: "A moderator has muted this person; they cannot post in any chat.",
    Code.CHAT_BLOCKED: "One of the two has blocked the other: no direct messages.",
    Code.CHAT_MESSAGE_UNKNOWN: "There is no such message (or it was deleted).",
    Code.CHAT_NO_QUESTIONS: "Questions to the stage are asked in the plenary and workshops.",
    Code.TABLE_UNKNOWN: "The space one is in has no table of that name.",
    Code.TABLE_FULL: "Every seat at that table is taken.",
    Code.CALL_UNKNOWN: "One is in no call of that id (never, or not any more: one walked away).",
    Code.CALL_NOT_PEER: "The target is not linked with one in that call; signals go nowhere else.",
    Code.CALL_SIGNAL_INVALID: "Not a session description (SDP) or ICE candidate a browser sends.",
    Code.CALL_MIC_HELD: "A moderator has muted one's microphone; it stays off until they lift it.",
    Code.EMOTE_TOO_OFTEN: "More than 3 reactions in a row, or more than one per 2 seconds.",
    Code.STAGE_NOT_HERE: "Polls, questions and the call-on happen in the plenary and workshops;"
    " one is in neither (or the person called on is not in one's space).",
    Code.POLL_INVALID: "A poll has a question of 1 to 200 characters and 2 to 8 different"
    " answers of 1 to 100 characters, without control characters.",
    Code.POLL_UNKNOWN: "There is no such poll in the space one is in.",
    Code.POLL_CLOSED: "The poll is closed; it takes no more votes.",
    Code.POLL_VOTED: "One has voted in this poll already; each person votes once.",
    Code.POLL_CHOICE_INVALID: "One answer of a single-choice poll, or distinct existing"
    " answers of a multiple-choice poll.",
    Code.QUESTION_UNKNOWN: "There is no such open question in the space one is in.",
    Code.QUESTION_VOTED: "One has upvoted this question already; each person upvotes once.",
    Code.QUESTION_OWN: "One does not upvote one's own question.",
    Code.HAND_NOT_RAISED: "The person's hand is not raised (any more).",
    Code.INVITE_ROLE: "Staff are invited as moderator, exhibitor or organiser (CLI, HTTP).",
    Code.INVITE_EMAIL: "The invitation's e-mail address is not one (CLI, HTTP).",
    Code.INVITE_BOOTH: "Only exhibitors staff booths, and only booths the venue has (CLI, HTTP).",
    Code.INVITE_EMAIL_TAKEN: "Someone with that e-mail address exists already (CLI, HTTP).",
    Code.REGISTRATION_UNKNOWN: "There is no such registration (HTTP).",
    Code.WORKSHOP_FULL: "The workshop has no seat left (HTTP).",
    Code.WORKSHOP_SAME: "That is already the chosen workshop (HTTP).",
    Code.UPLOAD_TOO_LARGE: "The file is larger than booth pages accept (HTTP).",
    Code.UPLOAD_TOO_MANY: "The booth has as many materials as it may (HTTP).",
    Code.UPLOAD_NOT_IMAGE: "A logo is a PNG, JPEG or WebP image (HTTP).",
    Code.UPLOAD_DIMENSIONS: "The image has more pixels than a logo may (HTTP).",
    Code.UPLOAD_NOT_PDF: "Materials are readable PDF files with pages (HTTP).",
    Code.UPLOAD_TOO_COMPLEX: "Checking the file would take too long or too much memory, or a "
    "PDF has more than 2000 pages (HTTP 400).",
    Code.WORK_BUSY: "Too many uploads are being checked right now; try again soon (HTTP 503).",
    Code.EXPORT_TOO_LARGE: "The export has more rows than one download may (HTTP 413).",
    Code.CONTACT_SELF: "One shares contact details with other people, not with oneself.",
    Code.CONTACT_PENDING: "One's request to this person is waiting for their answer.",
    Code.CONTACT_EXISTS: "The two have exchanged contact details already.",
    Code.CONTACT_FLOOD: "More than 5 contact requests within 60 seconds, or 100 unanswered; wait.",
    Code.CONTACT_REQUEST_UNKNOWN: "That person has not asked to share contact details.",
    Code.FEEDBACK_NOT_ENDED: "A block is rated once it has ended.",
    Code.FEEDBACK_ABSENT: "Only people who were in the venue during a block rate it.",
    Code.FEEDBACK_DONE: "One rates each block once.",
    Code.FEEDBACK_TEXT_INVALID: "A comment has at most 280 characters and no control characters.",
    Code.ATTENDANCE_NONE: "No block attended yet: there is no certificate to give (HTTP 404).",
    Code.INTEREST_UNKNOWN: "An interest tag that is not on the organiser's list (HTTP form).",
    Code.INTEREST_TOO_MANY: "More interest tags than one person may choose (5; HTTP form).",
    Code.INTEREST_LINE_INVALID: "An offer or wish line has at most 140 characters and no"
    " control characters (HTTP form).",
    Code.NETWORKING_RUNNING: "Speed networking is running already; stop it first.",
    Code.NETWORKING_IDLE: "No speed networking is running.",
    Code.NETWORKING_NO_TABLES: "The space has no table for speed networking.",
    Code.NETWORKING_CLUSTER: "Speed networking needs the venue served by one process; other"
    " processes serve it now (scale-out).",
}


class DomainError(Exception):
    """A request the venue refuses; `code` is part of the public protocol."""

    def __init__(self, code: Code, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
