/** Stand-ins for the browser's surroundings: a Socket.IO socket and Tiled maps built in code. */

import { Inbound } from "../../static/js/protocol.js";
import { Wire } from "../../static/js/wire/client.js";

/** One call of every send function of the Wire: [event, call(wire), the payload it sends]. */
export const SAMPLE_CALLS = [
  [Inbound.MOVE, (w) => w.move(3, 4), { x: 3, y: 4 }],
  [Inbound.STATUS, (w) => w.setStatus("busy"), { status: "busy" }],
  [Inbound.VISIBILITY, (w) => w.setVisible(false), { visible: false }],
  [Inbound.LOCATE, (w) => w.locate("an"), { query: "an" }],
  [Inbound.LOOK, (w) => w.setLook("cap", "plum"), { figure: "cap", colour: "plum" }],
  [Inbound.EMOTE, (w) => w.emote("wave"), { emote: "wave" }],
  [Inbound.ENTER, (w) => w.enterSpace("bar"), { space: "bar" }],
  [Inbound.DOOR, (w) => w.useDoor("to-bar"), { door: "to-bar" }],
  [Inbound.STAY, (w) => w.stay(), {}],
  [Inbound.MOD_WATCH, (w) => w.watchConsole(), {}],
  [Inbound.MOD_START_NEXT, (w) => w.startNext(2), { block: 2 }],
  [Inbound.MOD_DELAY, (w) => w.delay(5, false), { minutes: 5, cascade: false }],
  [Inbound.MOD_CALL, (w) => w.callTo("plenary"), { to: "plenary", source: null }],
  [Inbound.MOD_ANNOUNCE, (w) => w.announce("Kaffee", "lobby"), { text: "Kaffee", space: "lobby" }],
  [Inbound.MOD_SPACE, (w) => w.setSpaceOpen("bar", false), { space: "bar", open: false }],
  [Inbound.MOD_REMOVE, (w) => w.removePerson("p1"), { person: "p1" }],
  [Inbound.MOD_NUDGE, (w) => w.nudge("p1"), { person: "p1" }],
  [Inbound.MOD_MUTE, (w) => w.mute("p1", true), { person: "p1", muted: true }],
  [Inbound.MOD_PEOPLE, (w) => w.people("an"), { query: "an" }],
  [Inbound.BOOTH_LIST, (w) => w.listBooths(), {}],
  [Inbound.BOOTH_CHECKIN, (w) => w.checkIn("energy", true), { booth: "energy", present: true }],
  [Inbound.BOOTH_REQUEST, (w) => w.requestBooth("energy", true), { booth: "energy", share: { email: true } }],
  [Inbound.BOOTH_ACCEPT, (w) => w.acceptRing("r1"), { request: "r1" }],
  [Inbound.BOOTH_SAY, (w) => w.sayAtBooth("r1", "Hallo"), { conversation: "r1", text: "Hallo" }],
  [Inbound.CHAT_SEND, (w) => w.sendChat("space:bar", "Hallo"), { channel: "space:bar", text: "Hallo" }],
  [Inbound.CHAT_QUESTION, (w) => w.askQuestion("Warum?"), { text: "Warum?" }],
  [Inbound.CHAT_HISTORY, (w) => w.chatHistory("space:bar"), { channel: "space:bar" }],
  [Inbound.CHAT_READ, (w) => w.markRead("dm:p1", 7), { channel: "dm:p1", upto: 7 }],
  [Inbound.CHAT_INBOX, (w) => w.inbox(), {}],
  [Inbound.CHAT_BLOCK, (w) => w.block("p1", true), { person: "p1", blocked: true }],
  [Inbound.CHAT_DELETE, (w) => w.deleteMessage(7), { id: 7 }],
  [Inbound.CHAT_ANSWERED, (w) => w.markAnswered(7), { id: 7 }],
  [Inbound.TABLE_SIT, (w) => w.sitAt("table-1"), { area: "table-1" }],
  [
    Inbound.CALL_SIGNAL,
    (w) => w.signal("p1", "group:g1", "answer", { sdp: "v=0\r\n" }),
    { to: "p1", call: "group:g1", kind: "answer", sdp: "v=0\r\n", candidate: "", mid: null, line: null },
  ],
  [Inbound.CALL_STATE, (w) => w.setCallState(true, true, false), { on: true, mic: true, camera: false }],
  [Inbound.CALL_ICE, (w) => w.iceServers(), {}],
  [Inbound.MOD_MIC, (w) => w.holdMic("p1", true), { person: "p1", held: true }],
  [Inbound.CONTACT_REQUEST, (w) => w.requestContact("p1", true), { person: "p1", share: { email: true } }],
  [Inbound.CONTACT_ANSWER, (w) => w.answerContact("p1", false, false), { person: "p1", accept: false, share: { email: false } }],
  [Inbound.CONTACT_LIST, (w) => w.listContacts(), {}],
  [Inbound.FEEDBACK_RATE, (w) => w.rateBlock(0, 4, "gut"), { block: 0, stars: 4, comment: "gut" }],
  [
    Inbound.MOD_NETWORKING_START,
    (w) => w.startNetworking(5, 3, 4),
    { minutes: 5, size: 3, rounds: 4, space: null },
  ],
  [Inbound.MOD_NETWORKING_STOP, (w) => w.stopNetworking(), {}],
  [Inbound.NETWORKING_PAUSE, (w) => w.pauseNetworking(true), { paused: true }],
  [Inbound.PERSON_PROFILE, (w) => w.profile("p1"), { person: "p1" }],
  [Inbound.STAGE_VIEW, (w) => w.stageView(), {}],
  [Inbound.STAGE_POLL, (w) => w.createPoll("Wer?", ["A", "B"], false), { question: "Wer?", options: ["A", "B"], multiple: false }],
  [Inbound.STAGE_VOTE, (w) => w.vote(3, [1]), { poll: 3, choices: [1] }],
  [Inbound.STAGE_CLOSE, (w) => w.closePoll(3), { poll: 3 }],
  [Inbound.STAGE_UPVOTE, (w) => w.upvote(7), { id: 7 }],
  [Inbound.STAGE_QUEUE, (w) => w.queueQuestion(7, "next"), { id: 7, action: "next" }],
  [Inbound.STAGE_CALL_ON, (w) => w.callOn("p1"), { person: "p1" }],
  [Inbound.STAGE_RELEASE, (w) => w.releaseFloor(), {}],
];

/**
 * A Socket.IO client socket as the Wire uses it. What the client emits is recorded in `sent`;
 * `answer(event, fn)` makes the "server" acknowledge `event` with `fn(payload)`; `push` delivers
 * a server event; unanswered emits stay pending until `reply` or the Wire's timeout.
 */
export class FakeSocket {
  connected = true;
  sent = [];
  #handlers = new Map();
  #answers = new Map();

  on(event, fn) {
    if (!this.#handlers.has(event)) this.#handlers.set(event, []);
    this.#handlers.get(event).push(fn);
  }

  timeout(ms) {
    return {
      emitWithAck: (event, payload) =>
        new Promise((resolve, reject) => {
          const call = { event, payload, ms, resolve, reject };
          this.sent.push(call);
          const answer = this.#answers.get(event);
          if (answer) queueMicrotask(() => resolve(answer(payload)));
        }),
    };
  }

  connect() {
    this.connected = true;
    this.push("connect");
  }

  disconnect() {
    this.connected = false;
  }

  /** Acknowledge every later `event` with `fn(payload)`. */
  answer(event, fn) {
    this.#answers.set(event, fn);
  }

  /** Deliver a server event (or a lifecycle event: connect, disconnect, connect_error). */
  push(event, ...args) {
    for (const fn of this.#handlers.get(event) ?? []) fn(...args);
  }

  /** The payloads sent with `event`, oldest first. */
  payloads(event) {
    return this.sent.filter((call) => call.event === event).map((call) => call.payload);
  }
}

/** A Wire over a FakeSocket: `{wire, socket}`. */
export function fakeWire(options) {
  const socket = new FakeSocket();
  return { wire: new Wire(socket, options), socket };
}

/** Wait until every queued microtask and promise callback has run. */
export function settle() {
  return new Promise((resolve) => {
    setImmediate(resolve);
  });
}

/** A Tiled rectangle object of class area, one 32 px tile at tile (x, y). */
export function areaObject(name, x, y, props = {}, extra = {}) {
  return {
    id: 1,
    name,
    class: "area",
    x: x * 32,
    y: y * 32,
    width: 32,
    height: 32,
    rotation: 0,
    visible: true,
    properties: Object.entries(props).map(([key, value]) => ({ name: key, type: typeof value === "boolean" ? "bool" : "string", value })),
    ...extra,
  };
}

/**
 * A small Tiled map: one csv tile layer of `data` (gid 2 collides), a floorLayer with
 * `objects`, an embedded two-tile tileset; `rows` like ["..#.", "...."] make `data`.
 */
export function tiledMap({ rows = ["....", "....", "...."], objects = [areaObject("start", 0, 0, { start: true })] } = {}) {
  const height = rows.length;
  const width = rows[0].length;
  return {
    type: "map",
    orientation: "orthogonal",
    width,
    height,
    tilewidth: 32,
    tileheight: 32,
    infinite: false,
    layers: [
      { id: 1, name: "ground", type: "tilelayer", width, height, x: 0, y: 0, opacity: 1, visible: true, data: rows.join("").split("").map((c) => (c === "#" ? 2 : 1)) },
      { id: 2, name: "floorLayer", type: "objectgroup", opacity: 1, visible: true, x: 0, y: 0, objects },
    ],
    tilesets: [
      {
        firstgid: 1,
        name: "plain",
        columns: 2,
        tilecount: 2,
        tilewidth: 32,
        tileheight: 32,
        tiles: [{ id: 1, properties: [{ name: "collides", type: "bool", value: true }] }],
      },
    ],
  };
}
