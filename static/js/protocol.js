/**
 * The wire protocol as the browser sees it. GENERATED from venue/protocol/ by
 * `make docs`; do not edit (a test fails when it is out of date).
 */

/** Events the client sends; each is answered with an ack. */
export const Inbound = Object.freeze({
  MOVE: "presence.move",
  STATUS: "presence.status",
  VISIBILITY: "presence.visibility",
  LOCATE: "presence.locate",
  LOOK: "presence.look",
  EMOTE: "presence.emote",
  ENTER: "space.enter",
  DOOR: "door.use",
  STAY: "programme.stay",
  MOD_START_NEXT: "mod.start_next",
  MOD_DELAY: "mod.delay",
  MOD_CALL: "mod.call",
  MOD_ANNOUNCE: "mod.announce",
  MOD_SPACE: "mod.space",
  MOD_REMOVE: "mod.remove",
  MOD_NUDGE: "mod.nudge",
  MOD_WATCH: "mod.watch",
  MOD_PEOPLE: "mod.people",
  BOOTH_LIST: "booth.list",
  BOOTH_CHECKIN: "booth.checkin",
  BOOTH_REQUEST: "booth.request",
  BOOTH_ACCEPT: "booth.accept",
  BOOTH_SAY: "booth.say",
  MOD_MUTE: "mod.mute",
  CHAT_SEND: "chat.send",
  CHAT_HISTORY: "chat.history",
  CHAT_READ: "chat.read",
  CHAT_INBOX: "chat.inbox",
  CHAT_BLOCK: "chat.block",
  CHAT_QUESTION: "chat.question",
  CHAT_DELETE: "chat.delete",
  CHAT_ANSWERED: "chat.answered",
  TABLE_SIT: "table.sit",
  CALL_SIGNAL: "call.signal",
  CALL_STATE: "call.state",
  CALL_ICE: "call.ice",
  MOD_MIC: "mod.mic",
  STAGE_VIEW: "stage.view",
  STAGE_POLL: "stage.poll",
  STAGE_VOTE: "stage.vote",
  STAGE_CLOSE: "stage.close",
  STAGE_UPVOTE: "stage.upvote",
  STAGE_QUEUE: "stage.queue",
  STAGE_CALL_ON: "stage.call_on",
  STAGE_RELEASE: "stage.release",
});

/** Events the server sends. */
export const Outbound = Object.freeze({
  WELCOME: "venue.welcome",
  COUNTS: "venue.counts",
  SNAPSHOT: "space.snapshot",
  TICK: "space.tick",
  PROGRAMME: "programme.state",
  YOU: "programme.you",
  WARNING: "programme.warning",
  ASK: "programme.ask",
  REMINDER: "programme.reminder",
  ANNOUNCEMENT: "venue.announcement",
  ENDED: "venue.ended",
  MUTED: "chat.muted",
  CONSOLE: "mod.console",
  BOOTH_STATUS: "booth.status",
  BOOTH_HERE: "booth.here",
  BOOTH_RING: "booth.ring",
  BOOTH_TAKEN: "booth.taken",
  BOOTH_CONVERSATION: "booth.conversation",
  BOOTH_MESSAGE: "booth.message",
  BOOTH_WITHDRAWN: "booth.withdrawn",
  BOOTH_LEFT: "booth.left",
  CHAT_MESSAGE: "chat.message",
  CHAT_CHANGED: "chat.changed",
  GROUP_UPDATE: "group.update",
  CALL_PEERS: "call.peers",
  CALL_SIGNALLED: "call.signal",
  CALL_STATE: "call.state",
  STAGE_STATE: "stage.state",
  STAGE_CALLED: "stage.called",
});

/** Stable error codes of `ack.error.code`; the catalogues translate them. */
export const ErrorCode = Object.freeze({
  PAYLOAD_INVALID: "payload.invalid",
  PAYLOAD_TOO_LARGE: "payload.too_large",
  EVENT_UNKNOWN: "event.unknown",
  RATE_LIMITED: "rate.limited",
  CONNECTION_LIMIT: "connection.limit",
  INTERNAL: "internal",
  AUTH_REQUIRED: "auth.required",
  AUTH_INVALID: "auth.invalid",
  AUTH_FORBIDDEN: "auth.forbidden",
  ACCESS_REMOVED: "access.removed",
  ACCESS_REVOKED: "access.revoked",
  NAME_INVALID: "name.invalid",
  PRESENCE_ABSENT: "presence.absent",
  MOVE_BOUNDS: "move.bounds",
  MOVE_WALL: "move.wall",
  MOVE_TOO_FAST: "move.too_fast",
  SPACE_UNKNOWN: "space.unknown",
  SPACE_FULL: "space.full",
  SPACE_KEPT: "space.kept",
  SPACE_SAME: "space.same",
  DOOR_UNKNOWN: "door.unknown",
  DOOR_NOT_HERE: "door.not_here",
  DOOR_BROKEN: "door.broken",
  SPACE_CLOSED: "space.closed",
  SLOT_UNKNOWN: "slot.unknown",
  SLOT_PAST: "slot.past",
  SLOT_STALE: "slot.stale",
  DELAY_INVALID: "delay.invalid",
  SLOT_NOT_RUNNING: "slot.not_running",
  PERSON_UNKNOWN: "person.unknown",
  BOOTH_UNKNOWN: "booth.unknown",
  BOOTH_CLOSED: "booth.closed",
  BOOTH_OWN: "booth.own",
  BOOTH_PENDING: "booth.pending",
  BOOTH_FLOOD: "booth.flood",
  BOOTH_REQUEST_UNKNOWN: "booth.request_unknown",
  BOOTH_TAKEN: "booth.taken",
  BOOTH_WITHDRAWN: "booth.withdrawn",
  BOOTH_TEXT_INVALID: "booth.text_invalid",
  BOOTH_NOTE_TOO_LONG: "booth.note_too_long",
  CONVERSATION_UNKNOWN: "conversation.unknown",
  CHAT_CHANNEL_UNKNOWN: "chat.channel_unknown",
  CHAT_NOT_MEMBER: "chat.not_member",
  CHAT_TEXT_INVALID: "chat.text_invalid",
  CHAT_MUTED: "chat.muted",
  CHAT_BLOCKED: "chat.blocked",
  CHAT_MESSAGE_UNKNOWN: "chat.message_unknown",
  CHAT_NO_QUESTIONS: "chat.no_questions",
  TABLE_UNKNOWN: "table.unknown",
  TABLE_FULL: "table.full",
  CALL_UNKNOWN: "call.unknown",
  CALL_NOT_PEER: "call.not_peer",
  CALL_SIGNAL_INVALID: "call.signal_invalid",
  CALL_MIC_HELD: "call.mic_held",
  EMOTE_TOO_OFTEN: "emote.too_often",
  STAGE_NOT_HERE: "stage.not_here",
  POLL_INVALID: "poll.invalid",
  POLL_UNKNOWN: "poll.unknown",
  POLL_CLOSED: "poll.closed",
  POLL_VOTED: "poll.voted",
  POLL_CHOICE_INVALID: "poll.choice_invalid",
  QUESTION_UNKNOWN: "question.unknown",
  QUESTION_VOTED: "question.voted",
  QUESTION_OWN: "question.own",
  HAND_NOT_RAISED: "hand.not_raised",
  INVITE_ROLE: "invite.role",
  INVITE_EMAIL: "invite.email",
  INVITE_BOOTH: "invite.booth",
  INVITE_EMAIL_TAKEN: "invite.email_taken",
  REGISTRATION_UNKNOWN: "registration.unknown",
  WORKSHOP_FULL: "workshop.full",
  WORKSHOP_SAME: "workshop.same",
  UPLOAD_TOO_LARGE: "upload.too_large",
  UPLOAD_TOO_MANY: "upload.too_many",
  UPLOAD_NOT_IMAGE: "upload.not_image",
  UPLOAD_DIMENSIONS: "upload.dimensions",
  UPLOAD_NOT_PDF: "upload.not_pdf",
  UPLOAD_TOO_COMPLEX: "upload.too_complex",
  WORK_BUSY: "work.busy",
  EXPORT_TOO_LARGE: "export.too_large",
});

/** Codes the browser client makes up itself when no ack arrives; never sent by the server. */
export const ClientErrorCode = Object.freeze({
  OFFLINE: "client.offline",
  TIMEOUT: "client.timeout",
  NETWORK: "client.network",
});

/** Errors of a refused connection that mean "join (again)". */
export const AUTH_ERRORS = new Set([ErrorCode.AUTH_REQUIRED, ErrorCode.AUTH_INVALID]);

/** Presence status values. */
export const Status = Object.freeze({
  AVAILABLE: "available",
  BUSY: "busy",
  AWAY: "away",
});

/** Roles. */
export const Role = Object.freeze({
  PARTICIPANT: "participant",
  EXHIBITOR: "exhibitor",
  MODERATOR: "moderator",
  ORGANISER: "organiser",
});

/** The characters scripts/make_avatars.py draws (hair, headwear, skin differ). */
export const Figure = Object.freeze({
  SHORT: "short",
  LONG: "long",
  BUN: "bun",
  CAP: "cap",
  CURLS: "curls",
  BEANIE: "beanie",
});

/** Clothing colours; each is dark enough for the white name label beside it. */
export const Colour = Object.freeze({
  TEAL: "teal",
  CORAL: "coral",
  GOLD: "gold",
  PLUM: "plum",
  SKY: "sky",
  LEAF: "leaf",
  SLATE: "slate",
  ROSE: "rose",
});

/** Reactions shown over the avatar: a wave and applause pass, a raised hand stays. */
export const Emote = Object.freeze({
  WAVE: "wave",
  APPLAUSE: "applause",
  HAND: "hand",
  HAND_DOWN: "hand_down",
});

/** Longest display name, in code points. */
export const NAME_MAX = 40;

/** The JSON API's endpoints that the browser client calls. */
export const Api = Object.freeze({
  JOIN: "/api/join",
  LEAVE: "/api/leave",
  VENUE: "/api/venue",
});
