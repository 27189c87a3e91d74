/**
 * What the server sends, as the client's own types: one decoder per payload (the protocol
 * models of venue/realtime/protocol/) that renames the wire's snake_case fields and fills in
 * what a frame may leave out. Only the wire module imports this file.
 */

import { networkingConsole } from "./networking.js";

/** @typedef {{de: string, en: string}} Text */
/** @typedef {{x: number, y: number}} Point */
/** @typedef {{id: string, name: string}} Named */

/**
 * @typedef {object} Person
 * @property {string} id
 * @property {string} name
 * @property {string} role    a Role
 * @property {string} space
 * @property {number} x
 * @property {number} y
 * @property {string} status  a Status
 * @property {string} look    "figure-colour"; "" until chosen (derived from the id)
 * @property {boolean} hand   the hand is raised
 */

/** @typedef {{area: string, x: number, y: number, w: number, h: number, url: string}} MeetingArea */

/**
 * @typedef {object} Space
 * @property {string} id
 * @property {string} kind        lobby, plenary, workshop, exhibition, bar, ...
 * @property {Text} name
 * @property {number} capacity
 * @property {number} count       people in it now
 * @property {string} mapUrl      its Tiled map, with tilesets embedded
 * @property {string|null} meeting   the space's meeting or stream
 * @property {MeetingArea[]} meetings areas whose own meeting opens while one stands in them
 */

/** @typedef {{space: string, me: Person, people: Person[]}} Snapshot */

/**
 * @typedef {object} Welcome
 * @property {string} venue
 * @property {Text} title
 * @property {Space[]} spaces
 * @property {Snapshot} snapshot  my space and everyone in it
 * @property {number} tickHz      how often a space.tick arrives per second
 * @property {string} timeZone    the event's IANA zone: every time is shown in it
 */

/** @typedef {{id: string, x: number, y: number}} Move */

/**
 * @typedef {object} Tick
 * @property {string} space
 * @property {Move[]} moves
 * @property {Person[]} arrived
 * @property {Array<{id: string, to: string|null}>} departed
 * @property {Array<{id: string, status: string}>} status
 * @property {Array<{id: string, look: string}>} looks
 * @property {Array<{id: string, emote: string}>} emotes   an Emote each, in order
 */

/** @typedef {{title: string, space: string|null, start: string, end: string}} Slot */
/** @typedef {{index: number, start: string, end: string, spaces: string[], slots: Slot[]}} Block */
/** @typedef {{now: string, speed: number, rehearsal: boolean}} Clock */

/**
 * @typedef {object} Programme
 * @property {Clock} clock
 * @property {Block[]} blocks
 * @property {number|null} current  index of the running block
 * @property {number|null} next
 * @property {string[]} closed      spaces a moderator closed
 * @property {number} warningMinutes
 * @property {number} stayMinutes   how long "stay a little longer" holds one back
 */

/**
 * @typedef {object} You
 * @property {string|null} target      where I belong now
 * @property {string|null} nextTarget  where I belong from the next block on
 * @property {string[]} choose         workshops to pick from
 * @property {string|null} stayingUntil
 */

/** @typedef {{block: number, startsAt: string, target: string|null, minutes: number}} Warning */
/** @typedef {{block: number, target: string}} Ask */
/** @typedef {{target: string, by: string|null}} Reminder */
/** @typedef {{id: string, text: string, space: string|null, by: string, at: string}} Announcement */
/** @typedef {{space: string, count: number, capacity: number|null, over: number}} Headcount */
/** @typedef {{id: string, name: string, space: string, target: string|null}} Elsewhere */
/** @typedef {{at: string, actor: string, action: string, detail: string}} AuditEntry */

/**
 * @typedef {object} Console
 * @property {boolean} rehearsal
 * @property {Headcount[]} nextHeadcounts  targets of the next block
 * @property {string} overflow             where those without room go at a transition
 * @property {Headcount[]} arrived
 * @property {Elsewhere[]} elsewhere       who is not where they belong
 * @property {AuditEntry[]} audit          newest first
 * @property {Announcement[]} announcements
 */

/** @typedef {{id: string, open: boolean, staff: Named[], nextOpen: string|null}} BoothState */
/** @typedef {{request: string, booth: string, visitor: string, email: string|null, at: string}} Ring */
/** @typedef {{booths: BoothState[], pending: Ring[]}} BoothList */

/**
 * @typedef {object} BoothConversation
 * @property {string} id        the conversation (also what booth.say names)
 * @property {string} request   the request it answers
 * @property {string} booth
 * @property {Named} visitor
 * @property {Named} staff
 * @property {string|null} callUrl
 */

/** @typedef {{conversation: string, sender: string, name: string, text: string, at: string}} BoothMessage */
/** @typedef {{request: string, by: string}} Taken */
/** @typedef {{conversation: string, person: string}} Left */

/**
 * @typedef {object} ChatMessage
 * @property {number} id
 * @property {string} channel   as I name it (a direct message names the other person)
 * @property {{id: string|null, name: string, role: string|null}} author
 * @property {string} text
 * @property {string} at
 * @property {boolean} question
 * @property {boolean} answered
 */

/** @typedef {{id: number, channel: string, deleted: boolean, answered: boolean}} ChatChange */
/** @typedef {{channel: string, person: string, name: string, unread: number}} DmSummary */
/** @typedef {{conversations: DmSummary[], blocked: string[]}} Inbox */

/**
 * @typedef {object} GroupUpdate
 * @property {string} space
 * @property {string|null} group    null: I am in no group now
 * @property {string|null} channel  the group's (or table's) chat channel
 * @property {string|null} table    the table area, for a table's private group
 * @property {Named[]} members
 * @property {Named[]} joined
 * @property {Named[]} left
 */

/** @typedef {{id: string, name: string, space: string}} LocateHit */

const list = (items, decode = (item) => item) => (items ?? []).map(decode);
const named = ({ id, name }) => ({ id, name });

/** @returns {Person} */
export const person = ({ id, name, role, space, x, y, status, look, hand }) => ({
  id,
  name,
  role,
  space,
  x,
  y,
  status,
  look: look ?? "",
  hand: hand ?? false,
});

/** @returns {Space} */
export const space = (s) => ({
  id: s.id,
  kind: s.kind,
  name: s.name,
  capacity: s.capacity,
  count: s.count,
  mapUrl: s.map_url,
  meeting: s.meeting ?? null,
  meetings: list(s.meetings, ({ area, x, y, w, h, url }) => ({ area, x, y, w, h, url })),
});

/** @returns {Snapshot} */
export const snapshot = (s) => ({ space: s.space, me: person(s.me), people: list(s.people, person) });

/** @returns {Welcome} */
export const welcome = (w) => ({
  venue: w.venue,
  title: w.title,
  spaces: list(w.spaces, space),
  snapshot: snapshot(w.snapshot),
  tickHz: w.tick_hz,
  timeZone: w.time_zone,
});

/** `venue.counts`: people per space id. @returns {Record<string, number>} */
export const counts = (c) => c.counts;

/** @returns {Tick} */
export const tick = (t) => ({
  space: t.space,
  moves: t.moves ?? [], // the hot path: ten frames a second, passed on as they are
  arrived: list(t.arrived, person),
  departed: list(t.departed, ({ id, to }) => ({ id, to: to ?? null })),
  status: list(t.status, ({ id, status }) => ({ id, status })),
  looks: list(t.looks, ({ id, look }) => ({ id, look })),
  emotes: list(t.emotes, ({ id, emote }) => ({ id, emote })),
});

/** @returns {Programme} */
export const programme = (p) => ({
  clock: { now: p.clock.now, speed: p.clock.speed, rehearsal: p.clock.rehearsal },
  blocks: list(p.blocks, (b) => ({
    index: b.index,
    start: b.start,
    end: b.end,
    spaces: b.spaces,
    slots: list(b.slots, ({ title, space: where, start, end }) => ({ title, space: where ?? null, start, end })),
  })),
  current: p.current ?? null,
  next: p.next ?? null,
  closed: p.closed ?? [],
  warningMinutes: p.warning_minutes,
  stayMinutes: p.stay_minutes,
});

/** @returns {You} */
export const you = (y) => ({
  target: y.target ?? null,
  nextTarget: y.next_target ?? null,
  choose: y.choose ?? [],
  stayingUntil: y.staying_until ?? null,
});

/** @returns {Warning} */
export const warning = (w) => ({ block: w.block, startsAt: w.starts_at, target: w.target ?? null, minutes: w.minutes });

/** @returns {Ask} */
export const ask = ({ block, target }) => ({ block, target });

/** @returns {Reminder} */
export const reminder = ({ target, by }) => ({ target, by: by ?? null });

/** @returns {Announcement} */
export const announcement = ({ id, text, space: where, by, at }) => ({ id, text, space: where ?? null, by, at });

/** `venue.ended`: why my time in the venue ended (removed, revoked, deleted). @returns {{reason: string, minutes: number|null}} */
export const ended = ({ reason, minutes }) => ({ reason, minutes: minutes ?? null });

/** `chat.muted`: a moderator muted or unmuted me. @returns {{muted: boolean}} */
export const muted = ({ muted: on }) => ({ muted: on });

const headcount = ({ space: where, count, capacity, over }) => ({ space: where, count, capacity: capacity ?? null, over: over ?? 0 });

/** @returns {Console} */
export const modConsole = (c) => ({
  rehearsal: c.rehearsal,
  nextHeadcounts: list(c.next_headcounts, headcount),
  overflow: c.overflow ?? "",
  arrived: list(c.arrived, headcount),
  elsewhere: list(c.elsewhere, ({ id, name, space: where, target }) => ({ id, name, space: where, target: target ?? null })),
  audit: list(c.audit, ({ at, actor, action, detail }) => ({ at, actor, action, detail })),
  announcements: list(c.announcements, announcement),
  calls: list(c.calls, ({ call, people, held }) => ({ call, people: list(people, named), held: list(held) })),
  networking: networkingConsole(c.networking),
});

/** @returns {BoothState} */
export const boothState = (b) => ({ id: b.id, open: b.open, staff: list(b.staff, named), nextOpen: b.next_open ?? null });

/** `booth.status`: the booths whose staffing changed. @returns {BoothState[]} */
export const boothStatus = (s) => list(s.booths, boothState);

/** @returns {Ring} */
export const ring = (r) => ({ request: r.request, booth: r.booth, visitor: r.visitor, email: r.email ?? null, at: r.at });

/** @returns {BoothList} */
export const boothList = (l) => ({ booths: boothStatus(l), pending: list(l.pending, ring) });

/** `booth.here`: the booth whose area I stand in, or null. @returns {string|null} */
export const here = (h) => h.booth ?? null;

/** @returns {Taken} */
export const taken = ({ request, by }) => ({ request, by });

/** `booth.withdrawn`: the request the visitor took back. @returns {string} */
export const withdrawn = (w) => w.request;

/** @returns {BoothConversation} */
export const boothConversation = (c) => ({
  id: c.conversation,
  request: c.request,
  booth: c.booth,
  visitor: named(c.visitor),
  staff: named(c.staff),
  callUrl: c.call_url ?? null,
});

/** @returns {BoothMessage} */
export const boothMessage = ({ conversation, sender, name, text, at }) => ({ conversation, sender, name, text, at });

/** @returns {Left} */
export const left = ({ conversation, person: who }) => ({ conversation, person: who });

/** @returns {ChatMessage} */
export const chatMessage = (m) => ({
  id: m.id,
  channel: m.channel,
  author: { id: m.author.id ?? null, name: m.author.name, role: m.author.role ?? null },
  text: m.text,
  at: m.at,
  question: Boolean(m.question),
  answered: Boolean(m.answered),
});

/** @returns {ChatChange} */
export const chatChange = (c) => ({ id: c.id, channel: c.channel, deleted: Boolean(c.deleted), answered: Boolean(c.answered) });

/** `chat.history`: the channel's last messages. @returns {ChatMessage[]} */
export const chatHistory = (h) => list(h.messages, chatMessage);

/** @returns {Inbox} */
export const inbox = (i) => ({
  conversations: list(i.conversations, ({ channel, person: who, name, unread }) => ({ channel, person: who, name, unread })),
  blocked: i.blocked ?? [],
});

/** @returns {GroupUpdate} */
export const groupUpdate = (g) => ({
  space: g.space,
  group: g.group ?? null,
  channel: g.channel ?? null,
  table: g.table ?? null,
  members: list(g.members, named),
  joined: list(g.joined, named),
  left: list(g.left, named),
});

/** `presence.locate`: who matched. @returns {LocateHit[]} */
export const locateHits = (l) => list(l.matches, ({ id, name, space: where }) => ({ id, name, space: where }));

/**
 * Someone I am linked with in a call: their microphone and camera as they say, and whether a
 * moderator holds their microphone (then they are played silent).
 * @typedef {{id: string, name: string, call: string, mic: boolean, camera: boolean, held: boolean}} CallPeer
 */
const callPeer = ({ id, name, call, mic, camera, held }) => ({ id, name, call, mic, camera, held });

/** `call.peers`: whom to hold a peer connection with; `held`: a moderator holds my mic. @returns {{peers: CallPeer[], held: boolean}} */
export const callPeers = (c) => ({ peers: list(c.peers, callPeer), held: c.held });

/**
 * `call.signal`: an offer, answer or ICE candidate from `sender`.
 * @typedef {{sender: string, call: string, kind: string, sdp: string, candidate: string, mid: string|null, line: number|null}} CallSignal
 * @returns {CallSignal}
 */
export const callSignal = (s) => ({
  sender: s.sender,
  call: s.call,
  kind: s.kind,
  sdp: s.sdp ?? "",
  candidate: s.candidate ?? "",
  mid: s.mid ?? null,
  line: s.line ?? null,
});

/** `call.state`: someone's microphone or camera, or a moderator's hold, changed. @returns {{person: string, mic: boolean, camera: boolean, held: boolean}} */
export const callState = (c) => ({ person: c.person, mic: c.mic, camera: c.camera, held: c.held });

/**
 * `call.ice`: RTCPeerConnection's iceServers and iceTransportPolicy; TURN credentials expire at `expires` (Unix seconds).
 * @typedef {{servers: RTCIceServer[], expires: number, policy: string}} Ice
 * @returns {Ice}
 */
export const ice = (i) => ({
  servers: list(i.servers, ({ urls, username, credential }) =>
    username === null || username === undefined ? { urls } : { urls, username, credential },
  ),
  expires: i.expires,
  policy: i.policy,
});

/** A position the server decided. @returns {Point} */
export const point = ({ x, y }) => ({ x, y });

/** @typedef {{id: string, name: string, role: string, space: string, muted: boolean}} PersonRow */
/** @typedef {{people: PersonRow[], total: number}} People */

/** `mod.people`'s answer. @returns {People} */
export const people = (p) => ({
  people: list(p.people, ({ id, name, role, space: where, muted: on }) => ({ id, name, role, space: where, muted: on })),
  total: p.total,
});

/** @typedef {{person: string, name: string, organisation: string|null, email: string|null, since: string}} Card */
/** @typedef {{person: string, name: string, at: string}} Waiting */

/** A contact card (contact.exchanged, acks). @returns {Card} */
export const card = (c) => ({ person: c.person, name: c.name, organisation: c.organisation ?? null, email: c.email ?? null, since: c.since });

/** contact.asked: someone would like to share contact details (their name only). @returns {Waiting} */
export const contactAsked = ({ person: who, name, at }) => ({ person: who, name, at });

/** contact.exchanged: both agreed; the other's card. @returns {Card} */
export const contactExchanged = (e) => card(e.card);

/** The ack of contact.request and contact.answer. @returns {{state: string, card: Card|null}} */
export const contactState = (s) => ({ state: s.state, card: s.card ? card(s.card) : null });

/** The ack of contact.list. @returns {{asked: Waiting[], waiting: Waiting[], contacts: Card[]}} */
export const contactList = (l) => ({ asked: list(l.asked, contactAsked), waiting: list(l.waiting, contactAsked), contacts: list(l.contacts, card) });

/** feedback.ask: a block I was in has ended. @returns {{block: number, title: string}} */
export const feedbackAsk = ({ block, title }) => ({ block, title });
/**
 * A poll with its results so far: `votes[i]` counts answer `i`, `voters` the ballots.
 * @typedef {{id: number, question: string, options: string[], multiple: boolean, votes: number[], voters: number, closed: boolean}} Poll
 * @typedef {{id: number, author: {id: string, name: string}, text: string, upvotes: number}} Question
 * @typedef {{space: string, polls: Poll[], questions: Question[], current: Question|null, hands: {id: string, name: string}[], speaker: {id: string, name: string}|null}} Stage
 * @typedef {{stage: Stage, ballots: {poll: number, choices: number[]}[], upvoted: number[]}} StageView
 * @typedef {{space: string, called: boolean, by: string}} Called
 */

/** @returns {Poll} */
export const poll = (p) => ({
  id: p.id,
  question: p.question,
  options: [...p.options],
  multiple: Boolean(p.multiple),
  votes: [...p.votes],
  voters: p.voters,
  closed: Boolean(p.closed),
});

/** @returns {Question} */
const question = (q) => ({ id: q.id, author: named(q.author), text: q.text, upvotes: q.upvotes });

/** `stage.state`: my space's stage. @returns {Stage} */
export const stage = (s) => ({
  space: s.space,
  polls: list(s.polls, poll),
  questions: list(s.questions, question),
  current: s.current ? question(s.current) : null,
  hands: list(s.hands, named),
  speaker: s.speaker ? named(s.speaker) : null,
});

/** `stage.view`'s answer. @returns {StageView} */
export const stageView = (v) => ({
  stage: stage(v.stage),
  ballots: list(v.ballots, (b) => ({ poll: b.poll, choices: [...b.choices] })),
  upvoted: list(v.upvoted),
});

/** `stage.called`. @returns {Called} */
export const called = (c) => ({ space: c.space, called: Boolean(c.called), by: c.by });
