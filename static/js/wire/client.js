/**
 * The wire: the only module that knows the venue's Socket.IO events and their payloads.
 * One named function per Inbound event, resolving with a typed Result; the server's events
 * arrive decoded (payloads.js) and are subscribed to by name. It is given a connected
 * Socket.IO socket (socket.js opens the real one), so `node --test` drives it with a fake.
 */

import { Emitter } from "../emitter.js";
import { AUTH_ERRORS, ClientErrorCode, ErrorCode, Inbound, Outbound } from "../protocol.js";
import * as networking from "./networking.js";
import * as decode from "./payloads.js";

export const ACK_TIMEOUT_MS = 5000;

/** @typedef {import("./payloads.js").Point} Point */
/** @typedef {{code: string, message: string}} WireError */

/**
 * An answer: `{ok: true, value}`, or `{ok: false, error}`; a refused move also carries
 * `position`, where the server has me.
 * @template T
 * @typedef {{ok: true, value: T} | {ok: false, error: WireError, position?: Point}} Result
 */

/**
 * Events one subscribes to with `wire.on(name, fn)`, and the value each hands `fn`.
 * @typedef {object} Events
 * @property {import("./payloads.js").Welcome} welcome         venue.welcome, once per connection
 * @property {Record<string, number>} counts                   venue.counts
 * @property {import("./payloads.js").Snapshot} snapshot       space.snapshot: I am elsewhere now
 * @property {import("./payloads.js").Tick} tick               space.tick
 * @property {import("./payloads.js").Programme} programme     programme.state
 * @property {import("./payloads.js").You} you                 programme.you
 * @property {import("./payloads.js").Warning} warning         programme.warning
 * @property {import("./payloads.js").Ask} ask                 programme.ask
 * @property {import("./payloads.js").Reminder} reminder       programme.reminder
 * @property {import("./payloads.js").Announcement} announcement venue.announcement
 * @property {{reason: string, minutes: number|null}} ended     venue.ended: my time in the venue ended
 * @property {{muted: boolean}} muted                           chat.muted
 * @property {import("./payloads.js").Console} console         mod.console
 * @property {import("./payloads.js").BoothState[]} boothStatus booth.status
 * @property {string|null} boothHere                           booth.here
 * @property {import("./payloads.js").Ring} boothRing          booth.ring
 * @property {import("./payloads.js").Taken} boothTaken        booth.taken
 * @property {string} boothWithdrawn                           booth.withdrawn (the request)
 * @property {import("./payloads.js").BoothConversation} boothConversation booth.conversation
 * @property {import("./payloads.js").BoothMessage} boothMessage booth.message
 * @property {import("./payloads.js").Left} boothLeft          booth.left
 * @property {import("./payloads.js").ChatMessage} chatMessage chat.message
 * @property {import("./payloads.js").ChatChange} chatChanged chat.changed
 * @property {import("./payloads.js").GroupUpdate} groupUpdate group.update
 * @property {{peers: import("./payloads.js").CallPeer[], held: boolean}} callPeers call.peers
 * @property {import("./payloads.js").CallSignal} callSignal   call.signal
 * @property {{person: string, mic: boolean, camera: boolean, held: boolean}} callState call.state
 * @property {import("./payloads.js").Waiting} contactAsked    contact.asked: someone would like to share contacts
 * @property {import("./payloads.js").Card} contactExchanged   contact.exchanged: both agreed; the other's card
 * @property {{block: number, title: string}} feedbackAsk       feedback.ask: a block I was in has ended
 * @property {import("./networking.js").NetworkingState} networkingState networking.state
 * @property {import("./networking.js").NetworkingYou} networkingYou networking.you
 * @property {{round: number, seconds: number, last: boolean}} networkingWarning networking.warning
 * @property {import("./payloads.js").Stage} stageState        stage.state: my space's stage changed
 * @property {import("./payloads.js").Called} stageCalled      stage.called: I was given the floor, or it ended
 * @property {void} connected                                  the connection is up
 * @property {void} lost                                       it dropped (not closed by me); retrying
 * @property {void} retrying                                   connecting failed; retrying
 * @property {string} authFailed                               my token was refused (an ErrorCode)
 * @property {WireError & {minutes: number|null}} refused      refused for another reason; no retry
 */

/** Server events by the name the client subscribes with, and their decoders. */
const RECEIVED = {
  welcome: [Outbound.WELCOME, decode.welcome],
  counts: [Outbound.COUNTS, decode.counts],
  snapshot: [Outbound.SNAPSHOT, decode.snapshot],
  tick: [Outbound.TICK, decode.tick],
  programme: [Outbound.PROGRAMME, decode.programme],
  you: [Outbound.YOU, decode.you],
  warning: [Outbound.WARNING, decode.warning],
  ask: [Outbound.ASK, decode.ask],
  reminder: [Outbound.REMINDER, decode.reminder],
  announcement: [Outbound.ANNOUNCEMENT, decode.announcement],
  ended: [Outbound.ENDED, decode.ended],
  muted: [Outbound.MUTED, decode.muted],
  console: [Outbound.CONSOLE, decode.modConsole],
  boothStatus: [Outbound.BOOTH_STATUS, decode.boothStatus],
  boothHere: [Outbound.BOOTH_HERE, decode.here],
  boothRing: [Outbound.BOOTH_RING, decode.ring],
  boothTaken: [Outbound.BOOTH_TAKEN, decode.taken],
  boothWithdrawn: [Outbound.BOOTH_WITHDRAWN, decode.withdrawn],
  boothConversation: [Outbound.BOOTH_CONVERSATION, decode.boothConversation],
  boothMessage: [Outbound.BOOTH_MESSAGE, decode.boothMessage],
  boothLeft: [Outbound.BOOTH_LEFT, decode.left],
  chatMessage: [Outbound.CHAT_MESSAGE, decode.chatMessage],
  chatChanged: [Outbound.CHAT_CHANGED, decode.chatChange],
  groupUpdate: [Outbound.GROUP_UPDATE, decode.groupUpdate],
  callPeers: [Outbound.CALL_PEERS, decode.callPeers],
  callSignal: [Outbound.CALL_SIGNALLED, decode.callSignal],
  callState: [Outbound.CALL_STATE, decode.callState],
  contactAsked: [Outbound.CONTACT_ASKED, decode.contactAsked],
  contactExchanged: [Outbound.CONTACT_EXCHANGED, decode.contactExchanged],
  feedbackAsk: [Outbound.FEEDBACK_ASK, decode.feedbackAsk],
  networkingState: [Outbound.NETWORKING_STATE, networking.networkingState],
  networkingYou: [Outbound.NETWORKING_YOU, networking.networkingYou],
  networkingWarning: [Outbound.NETWORKING_WARNING, networking.networkingWarning],
  stageState: [Outbound.STAGE_STATE, decode.stage],
  stageCalled: [Outbound.STAGE_CALLED, decode.called],
};
const LIFECYCLE = new Set(["connected", "lost", "retrying", "authFailed", "refused"]);

/** The name one subscribes with (`wire.on(name, …)`) for each server event. */
export const SUBSCRIPTIONS = Object.freeze(Object.fromEntries(Object.entries(RECEIVED).map(([name, [event]]) => [event, name])));

const nothing = () => undefined;

export class Wire {
  #socket;
  #events = new Emitter();
  #timeoutMs;

  /** Speak through `socket` (a Socket.IO client socket, or a test's stand-in). */
  constructor(socket, { timeoutMs = ACK_TIMEOUT_MS } = {}) {
    this.#socket = socket;
    this.#timeoutMs = timeoutMs;
    for (const [name, [event, decoder]] of Object.entries(RECEIVED)) {
      socket.on(event, (payload) => this.#events.emit(name, decoder(payload)));
    }
    socket.on("connect", () => this.#events.emit("connected"));
    socket.on("disconnect", (reason) => {
      if (reason !== "io client disconnect") this.#events.emit("lost");
    });
    socket.on("connect_error", (err) => {
      const code = err?.data?.code;
      if (AUTH_ERRORS.has(code)) {
        socket.disconnect(); // a new token needs a new join, not a retry
        this.#events.emit("authFailed", code);
      } else if (code) {
        this.#events.emit("refused", { code, message: err.data.message ?? code, minutes: err.data.minutes ?? null });
      } else {
        this.#events.emit("retrying");
      }
    });
  }

  /**
   * Call `fn` with every `name` event (see Events); returns an unsubscribe function.
   * @template {keyof Events} K
   * @param {K} name
   * @param {(value: Events[K]) => void} fn
   * @returns {() => void}
   */
  on(name, fn) {
    if (!(name in RECEIVED) && !LIFECYCLE.has(name)) throw new Error(`the wire has no event ${name}`);
    return this.#events.on(name, fn);
  }

  /** Connect (and reconnect after losing the connection) once everyone has subscribed. */
  connect() {
    this.#socket.connect();
  }

  /** Whether the connection is up. */
  get connected() {
    return this.#socket.connected;
  }

  /** Close for good (leaving, or the token was refused). */
  close() {
    this.#socket.disconnect();
  }

  // -- presence --------------------------------------------------------------

  /** Walk to (x, y) in my space; a refusal carries the position the server has. @returns {Promise<Result<void>>} */
  move(x, y) {
    return this.#ask(Inbound.MOVE, { x, y });
  }

  /** My status (a Status). @returns {Promise<Result<void>>} */
  setStatus(status) {
    return this.#ask(Inbound.STATUS, { status });
  }

  /** Choose my character and its colour. @returns {Promise<Result<void>>} */
  setLook(figure, colour) {
    return this.#ask(Inbound.LOOK, { figure, colour });
  }

  /** React over my avatar (an Emote). @returns {Promise<Result<void>>} */
  emote(emote) {
    return this.#ask(Inbound.EMOTE, { emote });
  }

  /** Whether this tab is in the foreground. @returns {Promise<Result<void>>} */
  setVisible(visible) {
    return this.#ask(Inbound.VISIBILITY, { visible });
  }

  /** People whose name contains `query`. @returns {Promise<Result<import("./payloads.js").LocateHit[]>>} */
  locate(query) {
    return this.#ask(Inbound.LOCATE, { query }, decode.locateHits);
  }

  /** Go to a space from the list. @returns {Promise<Result<import("./payloads.js").Snapshot>>} */
  enterSpace(id) {
    return this.#ask(Inbound.ENTER, { space: id }, decode.snapshot);
  }

  /** Go through the door area `name` I stand in. @returns {Promise<Result<import("./payloads.js").Snapshot>>} */
  useDoor(name) {
    return this.#ask(Inbound.DOOR, { door: name }, decode.snapshot);
  }

  // -- programme -------------------------------------------------------------

  /** Stay where I am for the grace period. @returns {Promise<Result<import("./payloads.js").You>>} */
  stay() {
    return this.#ask(Inbound.STAY, {}, decode.you);
  }

  // -- moderators ------------------------------------------------------------

  /** Open the console: mod.console events from now on. @returns {Promise<Result<import("./payloads.js").Console>>} */
  watchConsole() {
    return this.#ask(Inbound.MOD_WATCH, {}, decode.modConsole);
  }

  /** Start block `block` now (it must be the next one). @returns {Promise<Result<void>>} */
  startNext(block) {
    return this.#ask(Inbound.MOD_START_NEXT, { block });
  }

  /** Delay the next transition (`cascade`: and every later one). @returns {Promise<Result<void>>} */
  delay(minutes, cascade) {
    return this.#ask(Inbound.MOD_DELAY, { minutes, cascade });
  }

  /** Call everyone (or everyone in `source`) to the space `to`. @returns {Promise<Result<void>>} */
  callTo(to, source = null) {
    return this.#ask(Inbound.MOD_CALL, { to, source });
  }

  /** Announce `text` to everyone, or to one `space`. @returns {Promise<Result<void>>} */
  announce(text, space = null) {
    return this.#ask(Inbound.MOD_ANNOUNCE, { text, space });
  }

  /** Open or close a space. @returns {Promise<Result<void>>} */
  setSpaceOpen(space, open) {
    return this.#ask(Inbound.MOD_SPACE, { space, open });
  }

  /** Take a person out of the venue. @returns {Promise<Result<void>>} */
  removePerson(person) {
    return this.#ask(Inbound.MOD_REMOVE, { person });
  }

  /** Remind a person where they belong. @returns {Promise<Result<void>>} */
  nudge(person) {
    return this.#ask(Inbound.MOD_NUDGE, { person });
  }

  /** Mute (or unmute) a person in every chat. @returns {Promise<Result<void>>} */
  mute(person, muted) {
    return this.#ask(Inbound.MOD_MUTE, { person, muted });
  }

  /** Moderators: everyone present whose name contains `query`, any space. @returns {Promise<Result<import("./payloads.js").People>>} */
  people(query) {
    return this.#ask(Inbound.MOD_PEOPLE, { query }, decode.people);
  }

  // -- booths ----------------------------------------------------------------

  /** Every booth's status, and my unanswered rings. @returns {Promise<Result<import("./payloads.js").BoothList>>} */
  listBooths() {
    return this.#ask(Inbound.BOOTH_LIST, {}, decode.boothList);
  }

  /** Staff (`present`) or leave my booth without walking. @returns {Promise<Result<void>>} */
  checkIn(booth, present) {
    return this.#ask(Inbound.BOOTH_CHECKIN, { booth, present });
  }

  /** Ask a booth's staff to talk, sharing my e-mail or not; resolves with the request id. @returns {Promise<Result<string>>} */
  requestBooth(booth, shareEmail) {
    return this.#ask(Inbound.BOOTH_REQUEST, { booth, share: { email: shareEmail } }, (data) => data.request);
  }

  /** Answer a ring. @returns {Promise<Result<import("./payloads.js").BoothConversation>>} */
  acceptRing(request) {
    return this.#ask(Inbound.BOOTH_ACCEPT, { request }, decode.boothConversation);
  }

  /** Say `text` in a booth conversation. @returns {Promise<Result<void>>} */
  sayAtBooth(conversation, text) {
    return this.#ask(Inbound.BOOTH_SAY, { conversation, text });
  }

  // -- chat and tables -------------------------------------------------------

  /** Post in `channel`; resolves with the message as stored. @returns {Promise<Result<import("./payloads.js").ChatMessage>>} */
  sendChat(channel, text) {
    return this.#ask(Inbound.CHAT_SEND, { channel, text }, decode.chatMessage);
  }

  /** Ask the stage a question (plenary, workshops). @returns {Promise<Result<import("./payloads.js").ChatMessage>>} */
  askQuestion(text) {
    return this.#ask(Inbound.CHAT_QUESTION, { text }, decode.chatMessage);
  }

  /** The last messages of `channel`. @returns {Promise<Result<import("./payloads.js").ChatMessage[]>>} */
  chatHistory(channel) {
    return this.#ask(Inbound.CHAT_HISTORY, { channel }, decode.chatHistory);
  }

  /** I have read `channel` up to message `upto`. @returns {Promise<Result<void>>} */
  markRead(channel, upto) {
    return this.#ask(Inbound.CHAT_READ, { channel, upto });
  }

  /** My direct-message conversations and whom I block. @returns {Promise<Result<import("./payloads.js").Inbox>>} */
  inbox() {
    return this.#ask(Inbound.CHAT_INBOX, {}, decode.inbox);
  }

  /** Refuse (or accept again) direct messages with `person`. @returns {Promise<Result<void>>} */
  block(person, blocked) {
    return this.#ask(Inbound.CHAT_BLOCK, { person, blocked });
  }

  /** Moderators: delete a message. @returns {Promise<Result<void>>} */
  deleteMessage(id) {
    return this.#ask(Inbound.CHAT_DELETE, { id });
  }

  /** Moderators: mark a question answered. @returns {Promise<Result<void>>} */
  markAnswered(id) {
    return this.#ask(Inbound.CHAT_ANSWERED, { id });
  }

  /** Sit at the table area `area`; resolves with the seat the server found. @returns {Promise<Result<Point>>} */
  sitAt(area) {
    return this.#ask(Inbound.TABLE_SIT, { area }, decode.point);
  }

  // -- calls -----------------------------------------------------------------

  /** Relay an offer or answer (`sdp`) or an ICE candidate to `to`, my peer in `call`. @returns {Promise<Result<void>>} */
  signal(to, call, kind, { sdp = "", candidate = "", mid = null, line = null } = {}) {
    return this.#ask(Inbound.CALL_SIGNAL, { to, call, kind, sdp, candidate, mid, line });
  }

  /** I take part in calls (`on`), with microphone and camera on or off. @returns {Promise<Result<void>>} */
  setCallState(on, mic, camera) {
    return this.#ask(Inbound.CALL_STATE, { on, mic, camera });
  }

  /** The ICE servers, with fresh TURN credentials. @returns {Promise<Result<import("./payloads.js").Ice>>} */
  iceServers() {
    return this.#ask(Inbound.CALL_ICE, {}, decode.ice);
  }

  /** Moderators: mute a person's microphone in calls until lifted. @returns {Promise<Result<void>>} */
  holdMic(person, held) {
    return this.#ask(Inbound.MOD_MIC, { person, held });
  }

  // -- contacts and feedback -------------------------------------------------

  /** Offer to share contact details with `person` (my e-mail only if `shareEmail`). @returns {Promise<Result<{state: string, card: import("./payloads.js").Card|null}>>} */
  requestContact(person, shareEmail) {
    return this.#ask(Inbound.CONTACT_REQUEST, { person, share: { email: shareEmail } }, decode.contactState);
  }

  /** Agree to (`accept`) or decline `person`'s offer. @returns {Promise<Result<{state: string, card: import("./payloads.js").Card|null}>>} */
  answerContact(person, accept, shareEmail) {
    return this.#ask(Inbound.CONTACT_ANSWER, { person, accept, share: { email: shareEmail } }, decode.contactState);
  }

  /** Offers waiting for my answer, mine waiting, and my contacts. @returns {Promise<Result<{asked: import("./payloads.js").Waiting[], waiting: import("./payloads.js").Waiting[], contacts: import("./payloads.js").Card[]}>>} */
  listContacts() {
    return this.#ask(Inbound.CONTACT_LIST, {}, decode.contactList);
  }

  /** Rate the ended block `block`: 1 to 5 `stars` and an optional line. @returns {Promise<Result<void>>} */
  rateBlock(block, stars, comment = "") {
    return this.#ask(Inbound.FEEDBACK_RATE, { block, stars, comment });
  }

  // -- speed networking and interests ------------------------------------------

  /** Moderators: speed networking in `space` (null: the bar). @returns {Promise<Result<import("./networking.js").NetworkingState>>} */
  startNetworking(minutes, size, rounds, space = null) {
    return this.#ask(Inbound.MOD_NETWORKING_START, { minutes, size, rounds, space }, networking.networkingState);
  }

  /** Moderators: end speed networking now. @returns {Promise<Result<void>>} */
  stopNetworking() {
    return this.#ask(Inbound.MOD_NETWORKING_STOP, {});
  }

  /** Opt out of speed networking from the next round (or back in). @returns {Promise<Result<import("./networking.js").NetworkingYou>>} */
  pauseNetworking(paused) {
    return this.#ask(Inbound.NETWORKING_PAUSE, { paused }, networking.networkingYou);
  }

  /** A person's interests for their card. @returns {Promise<Result<import("./networking.js").Profile>>} */
  profile(person) {
    return this.#ask(Inbound.PERSON_PROFILE, { person }, networking.profile);
  }

  // -- the stage ---------------------------------------------------------------

  /** The stage of my space, with my ballots and upvotes. @returns {Promise<Result<import("./payloads.js").StageView>>} */
  stageView() {
    return this.#ask(Inbound.STAGE_VIEW, {}, decode.stageView);
  }

  /** Moderators: ask a poll in my space. @returns {Promise<Result<import("./payloads.js").Poll>>} */
  createPoll(question, options, multiple) {
    return this.#ask(Inbound.STAGE_POLL, { question, options, multiple }, decode.poll);
  }

  /** Vote in a poll (answer indexes). @returns {Promise<Result<import("./payloads.js").Poll>>} */
  vote(poll, choices) {
    return this.#ask(Inbound.STAGE_VOTE, { poll, choices }, decode.poll);
  }

  /** Moderators: close a poll. @returns {Promise<Result<import("./payloads.js").Poll>>} */
  closePoll(poll) {
    return this.#ask(Inbound.STAGE_CLOSE, { poll }, decode.poll);
  }

  /** Upvote a question to the stage. @returns {Promise<Result<void>>} */
  upvote(id) {
    return this.#ask(Inbound.STAGE_UPVOTE, { id });
  }

  /** Moderators: take a question next, mark it answered or hide it. @returns {Promise<Result<void>>} */
  queueQuestion(id, action) {
    return this.#ask(Inbound.STAGE_QUEUE, { id, action });
  }

  /** Moderators: give the floor to a raised hand. @returns {Promise<Result<void>>} */
  callOn(person) {
    return this.#ask(Inbound.STAGE_CALL_ON, { person });
  }

  /** Moderators: end the turn of whoever has the floor. @returns {Promise<Result<void>>} */
  releaseFloor() {
    return this.#ask(Inbound.STAGE_RELEASE, {});
  }

  // -- acks ------------------------------------------------------------------

  /** Emit `event` and turn its ack into a Result (`decoder(data)` makes the value). */
  async #ask(event, payload, decoder = nothing) {
    // Never buffer while offline: a queued burst of moves would be refused as too fast.
    if (!this.#socket.connected) return failure(ClientErrorCode.OFFLINE);
    let ack;
    try {
      ack = await this.#socket.timeout(this.#timeoutMs).emitWithAck(event, payload);
    } catch {
      return failure(ClientErrorCode.TIMEOUT);
    }
    if (ack?.ok === true) return { ok: true, value: decoder(ack.data) };
    const refusal = { ok: false, error: errorOf(ack) };
    if (ack?.position) refusal.position = decode.point(ack.position);
    return refusal;
  }
}

/** The error of a refusing ack; anything else the server answered counts as its failure. */
function errorOf(ack) {
  const error = ack?.error;
  if (typeof error?.code !== "string") return { code: ErrorCode.INTERNAL, message: "" };
  return { code: error.code, message: typeof error.message === "string" ? error.message : "" };
}

/** A failure the client makes up itself (no answer came). */
function failure(code) {
  return { ok: false, error: { code, message: code } };
}
